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
/** The group's own members, who chat (strangers who join later only spam). */
const PEOPLE = [
  ['15550000101', 'Amara'],
  ['15550000102', 'Diego'],
  ['15550000103', 'Mei'],
  ['15550000104', 'Tomás'],
  ['15550000105', 'Ifeoma'],
  ['15550000106', 'Ravi'],
] as const;
const PEOPLE_PHONES = new Set<string>(PEOPLE.map(([phone]) => phone));

export function practiceWhatsAppGroups(): PracticeGroup[] {
  const people = PEOPLE;
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
    return this.sim.groups().find((g) => g.id === PRACTICE_WHATSAPP_GROUP)?.members.filter((m) => PEOPLE_PHONES.has(m.phone)).map((m) => m.phone) ?? [];
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

/**
 * The chat of the rounds after the first. The story loops every ~35 s, and a member saying the same
 * line again each round would be flagged as a repeated message (behaviour.duplicates): a new moderator
 * would see ordinary chat flagged as spam. So later rounds take their lines in turn from this list, and
 * each line goes to a different member each time it comes round.
 */
const LATER_CHAT: readonly string[] = [
  'is the study call still at 8pm today?',
  'thanks for the notes, they helped a lot',
  'can someone explain question 4 of the exercise sheet?',
  'the lecture recording is up on the course page now',
  'running 10 min late to the call, start without me',
  'does the quiz on friday count for the final grade?',
  'I made flashcards for chapter 5, want me to share them?',
  'who is presenting next week, did we decide?',
  'the deadline moved to monday, check the course page',
  'good luck on the quiz everyone!',
  'anyone up for a short review session on sunday?',
  'found a good video on this topic, will post it after class',
];
const LATER_CHAT_PER_ROUND = 4;
const CHAIN_EVERY = 4;

/** Round 0 is the scripted opening; later rounds take the next lines of LATER_CHAT (see above). */
function chat(round: number): StoryStep<Stage>[] {
  if (round === 0) {
    return [
      { after: 800, label: 'ambient: greeting', act: (s) => s.say(0, 'morning everyone! who is joining the study call tonight?', { key: 'call' }) },
      { after: 2500, label: 'ambient: reply', act: (s) => s.say(1, 'me, after work. 8pm right?', { replyTo: 'call' }) },
      { after: 3000, label: 'ambient: question', act: (s) => s.say(2, 'does anyone have the notes from week 3? I missed it', { key: 'notes' }) },
      { after: 3500, label: 'ambient: answer', act: (s) => s.say(3, 'they are in the course drive, folder "week 3"', { replyTo: 'notes' }) },
    ];
  }
  return Array.from({ length: LATER_CHAT_PER_ROUND }, (_, i) => {
    const line = LATER_CHAT[(round * LATER_CHAT_PER_ROUND + i) % LATER_CHAT.length]!;
    return { after: i === 0 ? 800 : 3000, label: 'ambient: chat', act: (s: Stage) => s.say(i + round, line) };
  });
}

export function whatsappStorySteps(rng: Rng, round = 0): StoryStep<Stage>[] {
  const scamCode = code(rng);
  const raiders = Array.from({ length: 6 }, (_, i) => `1555009${String(round % 100).padStart(2, '0')}${String(i).padStart(2, '0')}`);
  return [
    ...chat(round),
    {
      after: 3000,
      label: 'incident: cross-posted scam (all three platforms)',
      act: (s) => s.joinAndSay(`155500077${String(round % 100).padStart(2, '0')}`, 'Nitro Drops', `Free Nitro for everyone in this chat! claim here: https://discord-gift.ru/claim?code=${scamCode} 🎁 only 100 codes left`),
    },
    // The same member forwards the chain again every fourth round only: often enough to join its item,
    // never three times within the two minutes that would make it a repeated message too.
    ...(round % CHAIN_EVERY === 0
      ? [
          {
            after: 3500,
            label: 'incident: chain message forwarded many times',
            act: (s: Stage) =>
              s.say(4, 'URGENT forward this to 10 groups or your WhatsApp account will be deleted tomorrow. this is official from WhatsApp, confirm at https://whatsapp-verify.top/confirm', { forwardedMany: true, key: 'chain' }),
          },
          { after: 3000, label: 'ambient: warning', act: (s: Stage) => s.say(5, 'that is a hoax, please do not forward it. admins?', { replyTo: 'chain' }) },
        ]
      : []),
    ...raiders.map((phone, i) => ({
      after: i === 0 ? 4000 : 400,
      label: `incident: raid through the invite link ${i + 1}/${raiders.length}`,
      act: (s: Stage) => s.joinAndSay(phone, `crypto signals ${i + 1}`, `🚀 100x signals group, join now https://t.me/+pumpsignals${i} 🚀`),
    })),
    { after: 5000, label: 'member: report', act: (s) => s.say(1 + round, '@admin can someone remove these signal spammers please') },
  ];
}

export function startWhatsAppScenario(sim: WhatsAppSimulator, options: WhatsAppScenarioOptions = {}) {
  const rng = createRng(options.seed ?? 7);
  let round = 0;
  return playStory(new Stage(sim, rng), whatsappStorySteps(rng, round), () => whatsappStorySteps(rng, ++round), options);
}
