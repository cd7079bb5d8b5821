// The story of the Telegram practice group, running beside the Discord one: ordinary chat in its two
// topics, then the incidents — the same "Free Nitro" scam cross-posted within seconds of Discord's,
// a Telegram-style crypto airdrop lure forwarded from a channel, a newcomer needing help, a spam burst.
import { AmbientCast, playStory } from '../story';
import type { StoryStep } from '../story';
import { createRng, type Rng } from '../discord/random';
import type { SimTgLinks, SimTgMessage, TelegramSimulator } from './simulator';

export interface TelegramScenarioOptions {
  seed?: number;
  speed?: number /* 1 = real time; 10 = 10x faster */;
  loop?: boolean;
  onStep?: (label: string) => void;
}

export interface TelegramScenarioHandle {
  stop(): void;
  done: Promise<void>;
}

type Topic = 'general' | 'help';

type Step = StoryStep<Stage>;

/** Who plays whom (stable per part) and what was said, for replies and edits. */
class Stage {
  private readonly cast = new Map<string, string>();
  readonly said = new Map<string, SimTgMessage>();

  constructor(
    readonly sim: TelegramSimulator,
    readonly rng: Rng,
  ) {}

  actor(part: string): string | undefined {
    const known = this.cast.get(part);
    if (known && this.sim.member(this.sim.supergroupId, known)?.present) return known;
    const taken = new Set(this.cast.values());
    const free = this.sim.memberIds().filter((id) => !taken.has(id));
    const pick = free.length > 0 ? this.rng.pick(free) : undefined;
    if (pick) this.cast.set(part, pick);
    return pick;
  }

  join(part: string, firstName: string, username: string, accountAgeDays: number): void {
    const user = this.sim.addMember({ firstName, username, accountCreatedAt: new Date(Date.now() - accountAgeDays * 86_400_000) });
    this.cast.set(part, user.id);
  }

  say(part: string, topic: Topic, text: string, extra: { key?: string; replyTo?: string; forwardedFrom?: string } = {}): void {
    const authorId = this.actor(part);
    if (!authorId) return;
    const member = this.sim.member(this.sim.supergroupId, authorId);
    if (member && member.restrictedUntil > Date.now() / 1000) return; // muted actors stay quiet
    const replyTo = extra.replyTo ? this.said.get(extra.replyTo)?.id : undefined;
    const message = this.sim.postMessage({
      authorId,
      text,
      topicId: this.sim.topics[topic],
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(extra.forwardedFrom ? { forwardedFrom: extra.forwardedFrom } : {}),
    });
    if (extra.key) this.said.set(extra.key, message);
  }

  /** A message in the basic group (plain text travels as Telegram's short update). */
  lounge(index: number, text: string, links?: SimTgLinks): void {
    const people = this.sim.basicGroupMemberIds();
    const authorId = people[index % Math.max(1, people.length)];
    if (authorId) this.sim.postToBasicGroup({ authorId, text, ...(links ? { links } : {}) });
  }

  edit(key: string, text: string): void {
    const m = this.said.get(key);
    if (m && !this.sim.message(this.sim.supergroupId, m.id)?.deleted) this.sim.editMessage(this.sim.supergroupId, m.id, text);
  }
}

function code(rng: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

const AMBIENT: Array<[Topic, string]> = [
  ['general', 'anyone going to the meetup in Lisbon next month?'],
  ['general', 'the new season patch notes are out, pinned in the announcements channel'],
  ['general', 'доброе утро всем ☕'],
  ['general', '今天服务器有点卡，大家也是吗？'],
  ['help', 'how do I change my display name in the game launcher?'],
  ['help', 'restarting the launcher fixed it for me'],
  ['general', 'lol the last stream was chaos 😂'],
  ['general', 'gg everyone, see you tomorrow'],
];

export function telegramStorySteps(rng: Rng): Step[] {
  const scamCode = code(rng);
  const steps: Step[] = [
    { after: 800, label: 'ambient: greeting', act: (s) => s.say('lena', 'general', 'morning all 👋 coffee first, then ranked', { key: 'morning' }) },
    { after: 2500, label: 'ambient: reply', act: (s) => s.say('kofi', 'general', 'same. queue times were awful yesterday', { replyTo: 'morning' }) },
    { after: 3000, label: 'ambient: help question', act: (s) => s.say('priya', 'help', 'my 2FA code never arrives when I log in, anyone else?', { key: 'twofa' }) },
    { after: 3500, label: 'ambient: help answer', act: (s) => s.say('mateo', 'help', 'check the spam folder, it landed there for me', { replyTo: 'twofa' }) },
    {
      // Discord's copy lands at ~11 s at speed 1; this one a few seconds later: the same scam, cross-posted.
      after: 3000,
      label: 'incident: cross-posted scam',
      act: (s) => {
        s.join('scammer', 'Nitro', 'nitro_drops_official', 2);
        s.say('scammer', 'general', `Free Nitro for everyone in this chat! claim here: https://discord-gift.ru/claim?code=${scamCode} 🎁 only 100 codes left`, { key: 'scam' });
      },
    },
    {
      after: 3500,
      label: 'incident: airdrop lure',
      act: (s) => {
        s.join('airdropper', 'TON Rewards', 'ton_airdrop_claims', 1);
        s.say('airdropper', 'general', '🎉 $TON AIRDROP is LIVE! Connect your wallet at https://ton-airdrop-claim.xyz and receive 500 TON instantly. Send 5 TON to verify your wallet 👉 t.me/ton_airdrop_claims_bot', {
          key: 'airdrop',
          forwardedFrom: 'TON Official Rewards',
        });
      },
    },
    { after: 3000, label: 'ambient: warning', act: (s) => s.say('kofi', 'general', 'both of those are scams, do NOT connect your wallet. admins?', { replyTo: 'airdrop' }) },
    { after: 4000, label: 'newcomer: joins', act: (s) => s.join('newcomer', 'Jun', 'jun_newcomer', 40) },
    { after: 3000, label: 'newcomer: asks', act: (s) => s.say('newcomer', 'help', 'hi! first time here, where do I find the event schedule?', { key: 'question' }) },
    { after: 4000, label: 'member: answers', act: (s) => s.say('lena', 'help', 'welcome! it is pinned in General, and the bot posts reminders', { replyTo: 'question', key: 'answer' }) },
    { after: 3000, label: 'ambient: edit', act: (s) => s.edit('answer', 'welcome! it is pinned in General, and the bot posts reminders an hour before') },
    { after: 4000, label: 'incident: spam account joins', act: (s) => s.join('spammer', 'Pepe', 'moonpepe_presale', 3) },
  ];
  const burst = rng.int(5, 7);
  for (let i = 0; i < burst; i++) {
    steps.push({
      after: i === 0 ? 2000 : 800,
      label: `incident: spam burst ${i + 1}/${burst}`,
      act: (s) => s.say('spammer', 'general', '🚀 $MOONPEPE presale LIVE — 100x guaranteed 🔒 join 👉 t.me/moonpepe_presale'),
    });
  }
  steps.push(
    { after: 1500, label: 'lounge: greeting', act: (s) => s.lounge(0, 'hey all, the lounge is quiet today') },
    {
      after: 2500,
      label: 'incident: hidden link in the lounge',
      // The words say "official verification"; the target, hidden by the text link and the button, is a phishing host.
      act: (s) =>
        s.lounge(1, 'Admins ask everyone to complete the official verification today to keep chatting.', {
          textUrls: [{ text: 'official verification', url: 'https://telegram-verify.click/login?ref=lounge' }],
          buttons: [{ text: 'Verify now', url: 'https://telegram-verify.click/login?ref=button' }],
        }),
    },
    { after: 4000, label: 'ambient: annoyed', act: (s) => s.say('mateo', 'general', 'can someone mute this guy 🙄') },
    { after: 5000, label: 'member: leaves', act: (s) => {
      const id = s.actor('leaver');
      if (id) s.sim.removeMember(id);
    } },
  );
  return steps;
}

/** The ambient speakers of the endless part (`ambient-0` … `ambient-9`), each one member. */
export const TELEGRAM_AMBIENT_SPEAKERS = 10;

/** One round of the endless part: a few lines of chat (nobody repeating themselves), then the lure again. */
export function telegramRoundSteps(rng: Rng, round: number, cast: AmbientCast): Step[] {
  const steps: Step[] = [];
  const ambient = rng.int(4, 8);
  for (let i = 0; i < ambient; i++) {
    // The speaker is drawn when the line is said, as the story always did (a seed plays the same story).
    const drawnLine = rng.int(0, AMBIENT.length - 1);
    steps.push({
      after: rng.int(3000, 8000),
      label: 'ambient: chat',
      act: (s) => {
        const { speaker, line } = cast.next(AMBIENT.length, { line: drawnLine, speaker: rng.int(0, TELEGRAM_AMBIENT_SPEAKERS - 1) });
        const [topic, text] = AMBIENT[line]!;
        s.say(`ambient-${speaker}`, topic, text);
      },
    });
  }
  steps.push({
    after: 4000,
    label: 'incident: airdrop lure again',
    act: (s) => {
      s.join(`airdropper-${round}`, 'Wallet Support', `wallet_support_${round}`, 1);
      s.say(`airdropper-${round}`, 'general', `Claim your $NOT airdrop before it expires: https://notcoin-claim.top/?ref=${code(rng)} — connect wallet to verify`, {
        forwardedFrom: 'Notcoin Announcements',
      });
    },
  });
  return steps;
}

export function startTelegramScenario(sim: TelegramSimulator, options: TelegramScenarioOptions = {}): TelegramScenarioHandle {
  const rng = createRng(options.seed ?? 7);
  const stage = new Stage(sim, rng);
  const cast = new AmbientCast(createRng((options.seed ?? 7) + 1), TELEGRAM_AMBIENT_SPEAKERS);
  let round = 0;
  return playStory(stage, telegramStorySteps(rng), () => telegramRoundSteps(rng, ++round, cast), options);
}
