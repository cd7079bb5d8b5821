// The story of the WhatsApp practice group, beside the Discord and Telegram ones: a course's study
// group chatting, then the incidents — the same "Free Nitro" lure the other two platforms get within
// seconds (one campaign across all three), a chain message "forwarded many times", a raid of
// newcomers through the invite link, and a question for the admins.
import { createRng, type Rng } from '../discord/random';
import { playStory } from '../story';
import type { StoryStep } from '../story';
import { practiceGroupJid, type PracticeGroup, type WhatsAppSimulator } from './simulator';

export const PRACTICE_WHATSAPP_GROUP = practiceGroupJid(1);
export const PRACTICE_WHATSAPP_PHONE = '15550000001';

/** The practice group: the console's phone is its admin; the rest are members. */
export function practiceWhatsAppGroups(): PracticeGroup[] {
  const people = [
    ['15550000101', 'Amara'],
    ['15550000102', 'Diego'],
    ['15550000103', 'Mei'],
    ['15550000104', 'Tomás'],
    ['15550000105', 'Ifeoma'],
    ['15550000106', 'Ravi'],
  ] as const;
  return [
    {
      id: PRACTICE_WHATSAPP_GROUP,
      subject: 'Course study group',
      description: 'Questions about the course, weekly study calls. Be kind; no selling.',
      members: [{ phone: PRACTICE_WHATSAPP_PHONE, name: 'Tribe Mod Phone', admin: 'superadmin' }, ...people.map(([phone, name]) => ({ phone, name }))],
    },
  ];
}

export interface WhatsAppScenarioOptions {
  seed?: number;
  speed?: number;
  loop?: boolean;
  onStep?: (label: string) => void;
}

class Stage {
  private readonly said = new Map<string, string>();
  constructor(
    readonly sim: WhatsAppSimulator,
    readonly rng: Rng,
  ) {}

  private members(): string[] {
    return this.sim.groups().find((g) => g.id === PRACTICE_WHATSAPP_GROUP)?.members.filter((m) => m.phone !== PRACTICE_WHATSAPP_PHONE).map((m) => m.phone) ?? [];
  }

  say(index: number, text: string, extra: { key?: string; replyTo?: string; forwardedMany?: boolean } = {}): void {
    const members = this.members();
    const phone = members[index % Math.max(1, members.length)];
    if (!phone) return;
    const quoted = extra.replyTo ? this.said.get(extra.replyTo) : undefined;
    const contextInfo = {
      ...(quoted ? { stanzaId: quoted } : {}),
      ...(extra.forwardedMany ? { isForwarded: true, forwardingScore: 9 } : {}),
    };
    const message = Object.keys(contextInfo).length ? { extendedTextMessage: { text, contextInfo } } : { conversation: text };
    void this.sim.post(PRACTICE_WHATSAPP_GROUP, phone, message).then((id) => {
      if (extra.key) this.said.set(extra.key, id);
    });
  }

  /** A stranger joins through the invite link and posts at once. */
  joinAndSay(phone: string, name: string, text: string): void {
    void this.sim.join(PRACTICE_WHATSAPP_GROUP, { phone, name }).then(() => this.sim.post(PRACTICE_WHATSAPP_GROUP, phone, { conversation: text }));
  }
}

function code(rng: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 8 }, () => alphabet[rng.int(0, alphabet.length - 1)]).join('');
}

export function whatsappStorySteps(rng: Rng, round = 0): StoryStep<Stage>[] {
  const scamCode = code(rng);
  const raiders = Array.from({ length: 6 }, (_, i) => `1555009${String(round % 100).padStart(2, '0')}${String(i).padStart(2, '0')}`);
  return [
    { after: 800, label: 'ambient: greeting', act: (s) => s.say(0, 'morning everyone! who is joining the study call tonight?', { key: 'call' }) },
    { after: 2500, label: 'ambient: reply', act: (s) => s.say(1, 'me, after work. 8pm right?', { replyTo: 'call' }) },
    { after: 3000, label: 'ambient: question', act: (s) => s.say(2, 'does anyone have the notes from week 3? I missed it', { key: 'notes' }) },
    { after: 3500, label: 'ambient: answer', act: (s) => s.say(3, 'they are in the course drive, folder "week 3"', { replyTo: 'notes' }) },
    {
      after: 3000,
      label: 'incident: cross-posted scam (all three platforms)',
      act: (s) => s.joinAndSay(`155500077${String(round % 100).padStart(2, '0')}`, 'Nitro Drops', `Free Nitro for everyone in this chat! claim here: https://discord-gift.ru/claim?code=${scamCode} 🎁 only 100 codes left`),
    },
    {
      after: 3500,
      label: 'incident: chain message forwarded many times',
      act: (s) =>
        s.say(4, 'URGENT forward this to 10 groups or your WhatsApp account will be deleted tomorrow. this is official from WhatsApp, confirm at https://whatsapp-verify.top/confirm', { forwardedMany: true, key: 'chain' }),
    },
    { after: 3000, label: 'ambient: warning', act: (s) => s.say(5, 'that is a hoax, please do not forward it. admins?', { replyTo: 'chain' }) },
    ...raiders.map((phone, i) => ({
      after: i === 0 ? 4000 : 400,
      label: `incident: raid through the invite link ${i + 1}/${raiders.length}`,
      act: (s: Stage) => s.joinAndSay(phone, `crypto signals ${i + 1}`, `🚀 100x signals group, join now https://t.me/+pumpsignals${i} 🚀`),
    })),
    { after: 5000, label: 'member: report', act: (s) => s.say(1, '@admin can someone remove these signal spammers please') },
  ];
}

export function startWhatsAppScenario(sim: WhatsAppSimulator, options: WhatsAppScenarioOptions = {}) {
  const rng = createRng(options.seed ?? 7);
  let round = 0;
  return playStory(new Stage(sim, rng), whatsappStorySteps(rng, round), () => whatsappStorySteps(rng, ++round), options);
}
