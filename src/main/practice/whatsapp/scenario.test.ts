// The WhatsApp practice story loops for as long as the console runs: its members' ordinary chat must
// never look like a member repeating themselves (the built-in behaviour.duplicates rule), or a new
// moderator's first inbox shows "Repeated message" on people saying good morning.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPack } from '@shared/triage/defaultPack';
import { practiceWhatsAppGroups, PRACTICE_WHATSAPP_PHONE, startWhatsAppScenario } from './scenario';
import type { WhatsAppSimulator } from './simulator';

interface Said {
  at: number;
  phone: string;
  text: string;
}

/** Just enough of the simulator for the story: its group, and what is posted there. */
function recordingSimulator(said: Said[]): WhatsAppSimulator {
  const groups = practiceWhatsAppGroups();
  let n = 0;
  const sim = {
    groups: () => groups,
    post: (_group: string, phone: string, message: { conversation?: string; extendedTextMessage?: { text: string } }) => {
      said.push({ at: Date.now(), phone, text: message.conversation ?? message.extendedTextMessage?.text ?? '' });
      return Promise.resolve(`msg-${++n}`);
    },
    join: (_group: string, member: { phone: string; name: string }) => {
      groups[0]!.members.push({ phone: member.phone, name: member.name });
      return Promise.resolve();
    },
  };
  return sim as unknown as WhatsAppSimulator;
}

describe('the WhatsApp practice story', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never has a member of the group say the same line often enough to be flagged as repeating, however long it plays', async () => {
    const rule = defaultPack.rules.find((r) => r.id === 'behaviour.duplicates');
    if (rule?.trigger.type !== 'duplicates') throw new Error('behaviour.duplicates is not a duplicates rule');
    const { copies, seconds } = rule.trigger as { copies: number; seconds: number };
    const said: Said[] = [];
    const story = startWhatsAppScenario(recordingSimulator(said), { seed: 7, speed: 1, loop: true });
    // Twenty minutes of story: some thirty rounds.
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    story.stop();

    const members = new Set(practiceWhatsAppGroups()[0]!.members.map((m) => m.phone).filter((p) => p !== PRACTICE_WHATSAPP_PHONE));
    const chat = said.filter((s) => members.has(s.phone));
    expect(chat.length).toBeGreaterThan(200);
    // The opening lines are there, and later rounds still chat.
    expect(chat.slice(0, 4).map((s) => s.text)).toEqual([
      'morning everyone! who is joining the study call tonight?',
      'me, after work. 8pm right?',
      'does anyone have the notes from week 3? I missed it',
      'they are in the course drive, folder "week 3"',
    ]);
    // The chain hoax comes back now and then, from the one member who keeps forwarding it: her item,
    // not a "campaign" of the ordinary members a moderator would then be invited to remove.
    const chain = chat.filter((s) => s.text.startsWith('URGENT forward this'));
    expect([chain.length > 3, new Set(chain.map((s) => s.phone)).size]).toEqual([true, 1]);
    const repeated = chat.filter((s) => chat.filter((o) => o.phone === s.phone && o.text === s.text && o.at <= s.at && s.at - o.at < seconds * 1000).length >= copies);
    expect(repeated.map((s) => `${s.phone}: ${s.text}`)).toEqual([]);
  });
});
