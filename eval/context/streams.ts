// Message streams for the flood part of the context evaluation: who posts what, when. The tuning
// streams and the held-out streams are built by different generators (shapes, vocabularies, seeds),
// so tuning on one does not fit the other.
export interface StreamMessage {
  ts: number;
  authorId: string;
  text: string;
  channelId?: string;
  /** Sent by an account that floods: triage should make it a flood item. */
  flooder?: boolean;
}

export interface FloodScenario {
  name: string;
  messages: StreamMessage[];
  flooders: string[];
}

const T0 = 1_772_000_000_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const sorted = (m: StreamMessage[]) => m.sort((a, b) => a.ts - b.ts);

/** Tuning: a spam burst in a normal chat channel, members reacting (some of them fast). */
function tuning(): FloodScenario[] {
  const reactions = ['lol', 'wtf', '+1', '😂', '💀', 'lmao', 'bruh', 'omg', '??', 'mods', 'ban pls', 'lmaooo', 'rip', 'nice try', '😭'];
  const chat = ['anyone up for ranked tonight', 'patch notes are out', 'what server are you on', 'gg that was close', 'my ping is terrible today'];
  const out: FloodScenario[] = [];
  for (const seed of [1, 2, 3]) {
    const r = rng(seed);
    const messages: StreamMessage[] = [];
    // Ordinary chat before, one message every ~8 s.
    for (let i = 0; i < 40; i++) messages.push({ ts: T0 + i * 8000, authorId: `member${i % 12}`, text: pick(r, chat) });
    const start = T0 + 330_000;
    // The spammer: 25 lures in 20 s.
    for (let i = 0; i < 25; i++) messages.push({ ts: start + i * 800, authorId: 'spammer', text: `free nitro here claim now ${i}`, flooder: true });
    // 15 members react, each 1-9 times, some within a few seconds.
    for (let m = 0; m < 15; m++) {
      const times = 1 + Math.floor(r() * 9);
      let t = start + 1000 + r() * 4000;
      for (let k = 0; k < times; k++) {
        messages.push({ ts: Math.round(t), authorId: `member${m}`, text: pick(r, reactions) });
        t += 300 + r() * 1500;
      }
    }
    out.push({ name: `tuning burst ${seed}`, messages: sorted(messages), flooders: ['spammer'] });
  }
  // A real flood by one regular in a quiet channel: 12 messages in 9 s.
  const quiet: StreamMessage[] = [];
  for (let i = 0; i < 20; i++) quiet.push({ ts: T0 + i * 15_000, authorId: `member${i % 6}`, text: chat[i % chat.length]! });
  for (let i = 0; i < 12; i++) quiet.push({ ts: T0 + 300_000 + i * 750, authorId: 'member3', text: 'a', flooder: true });
  out.push({ name: 'tuning one-account flood', messages: sorted(quiet), flooders: ['member3'] });
  return out;
}

/** Held-out: a goal in a live-match channel (everyone types at once, for a while) and a flood during it. */
function heldout(): FloodScenario[] {
  const cheers = ['GOOOAL', 'YESSS', '⚽⚽⚽', '!!!', 'no way', 'what a shot', '🔥🔥', 'lets gooo', 'insane', 'unreal', 'ref???', 'offside', 'VAR', 'hahaha', 'ayyy', 'siuuu'];
  const talk = ['their midfield is asleep', 'who is subbing in', 'this keeper is great', 'second half will be different', 'possession is 60/40'];
  const out: FloodScenario[] = [];
  const r = rng(97);
  const match: StreamMessage[] = [];
  // A busy channel: 25 fans, each talking every 20-40 s for ten minutes.
  for (let f = 0; f < 25; f++) {
    for (let t = T0 + r() * 20_000; t < T0 + 600_000; t += 20_000 + r() * 20_000) match.push({ ts: Math.round(t), authorId: `fan${f}`, text: pick(r, talk) });
  }
  // The goal at minute 5: every fan cheers 2-10 times within 12 s.
  const goal = T0 + 300_000;
  for (let f = 0; f < 25; f++) {
    const times = 2 + Math.floor(r() * 9);
    for (let k = 0; k < times; k++) match.push({ ts: Math.round(goal + r() * 12_000), authorId: `fan${f}`, text: pick(r, cheers) });
  }
  out.push({ name: 'held-out goal celebration', messages: sorted(match), flooders: [] });
  // The same match, and an account that floods a link 20 times in 14 s right after the goal.
  const flooded = match.map((m) => ({ ...m }));
  for (let i = 0; i < 20; i++) flooded.push({ ts: goal + 2000 + i * 700, authorId: 'flooder', text: `watch live free stream ${i % 3}`, flooder: true });
  out.push({ name: 'held-out flood during celebration', messages: sorted(flooded), flooders: ['flooder'] });
  // Two channels: a fan floods emoji in #match while #general is quiet.
  const two: StreamMessage[] = [];
  for (let i = 0; i < 30; i++) two.push({ ts: T0 + i * 10_000, authorId: `reg${i % 8}`, text: pick(r, talk), channelId: 'general' });
  for (let i = 0; i < 15; i++) two.push({ ts: T0 + 120_000 + i * 600, authorId: 'emojiguy', text: pick(r, ['🔥', '⚽', '😂']), channelId: 'match', flooder: true });
  out.push({ name: 'held-out emoji flood in a quiet channel', messages: sorted(two), flooders: ['emojiguy'] });
  return out;
}

export function floodScenarios(part: 'tuning' | 'heldout'): FloodScenario[] {
  return part === 'tuning' ? tuning() : heldout();
}
