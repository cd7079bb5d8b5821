// Triage throughput and evasion recall, side by side with obscenity and leo-profanity on the same
// generated corpus. Our engine runs the default pack + 10k keywords + 100 regex + 100k scam domains.
// Prints ONE JSON object. Run: npx tsx bench/triage.bench.ts [--messages N]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import leoProfanity from 'leo-profanity';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import type { ChatEvent } from '@shared/domain/model';
import { createTriageEngine, defaultPack, judge, normalize, shippedModel, type RulePackInput } from '@shared/triage';
import shippedModelFile from '@shared/triage/model/weights.json';

const args = process.argv.slice(2);
const messagesArg = args.indexOf('--messages');
const CORPUS = messagesArg >= 0 ? Number(args[messagesArg + 1]) : 100_000;

let state = 20260301;
const rand = (): number => ((state = ((Math.imul(state, 1103515245) + 12345) >>> 0) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// Profanity every engine knows: the evasion set disguises these.
const sharedProfanity = ['fuck', 'shit', 'bitch', 'cunt', 'asshole', 'whore', 'slut', 'bastard', 'dick', 'faggot'];

// --- our configuration: 10k keywords, 100 regex, 100k scam domains ---
const syllables = ['ka', 'lo', 'mi', 'ra', 'zu', 'te', 'vo', 'ny', 'sha', 'qui', 'bre', 'dro', 'fen', 'gal', 'hux', 'jor', 'wex', 'pli'];
const keywordSet = new Set<string>(sharedProfanity);
// Synthetic terms; ones that happen to spell a chat word of the corpus ("ra"+"te") are skipped.
const chatWords = new Set(['rate', 'team', 'lost', 'drop', 'low', 'so']);
while (keywordSet.size < 10_000) {
  const term = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syllables)).join('');
  if (!chatWords.has(term)) keywordSet.add(term);
}
const keywords = [...keywordSet];
const regexes = Array.from({ length: 100 }, (_, i) => `\\b${pick(syllables)}${pick(syllables)}[0-9]{2,4}\\b|\\border\\s?#${i}x\\d+`);
const require = createRequire(import.meta.url);
const phishing = JSON.parse(readFileSync(require.resolve('eth-phishing-detect/src/config.json'), 'utf8')) as { blacklist: string[]; whitelist: string[]; fuzzylist: string[] };
const scamDomains = new Set<string>(phishing.blacklist);
const tlds = ['com', 'net', 'xyz', 'gift', 'ru', 'io', 'app', 'site'];
while (scamDomains.size < 100_000) scamDomains.add(`${pick(syllables)}${pick(syllables)}-${pick(['nitro', 'gift', 'claim', 'wallet', 'airdrop', 'steam'])}${Math.floor(rand() * 1e4)}.${pick(tlds)}`);

const pack: RulePackInput = {
  ...defaultPack,
  rules: [
    ...defaultPack.rules,
    { id: 'bench.keywords', category: 'toxicity', severity: 'medium', reason: 'keyword', trigger: { type: 'keywords', terms: keywords } },
    { id: 'bench.regex', category: 'custom', severity: 'low', reason: 'regex', trigger: { type: 'regex', patterns: regexes } },
  ],
};
const buildStart = performance.now();
const engine = createTriageEngine({ pack, domains: { blacklist: scamDomains, whitelist: phishing.whitelist, fuzzylist: phishing.fuzzylist } });
const buildMs = performance.now() - buildStart;

const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

// --- corpus ---
const words = ['the', 'raid', 'tonight', 'anyone', 'playing', 'ranked', 'patch', 'notes', 'look', 'good', 'server', 'lag', 'again', 'gg', 'wp', 'lol', 'boss', 'drop', 'rate', 'is', 'so', 'low', 'who', 'wants', 'to', 'queue', 'price', 'pump', 'wallet', 'mods', 'thanks', 'event', 'starts', 'at', 'new', 'map', 'skin', 'my', 'team', 'won', 'lost', 'bro', 'that', 'was', 'insane', 'clip'];
const zh = ['今晚', '有人', '打', '排位', '吗', '新', '地图', '好看', '服务器', '卡', '了', '谢谢', '管理员', '活动', '几点', '开始'];
const linkedScams = [...scamDomains].slice(0, 1000);
function makeCorpus(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    const len = 4 + Math.floor(rand() * 14);
    let text = Array.from({ length: len }, () => pick(words)).join(' ');
    if (r < 0.06) text = Array.from({ length: 3 + Math.floor(rand() * 8) }, () => pick(zh)).join('');
    else if (r < 0.1) text += ` ${pick(sharedProfanity)}`;
    else if (r < 0.14) text += ` https://${pick(['github.com/x/y', 'youtube.com/watch?v=abc', 'discord.com/channels/1/2', linkedScams[Math.floor(rand() * 1000)] + '/claim'])}`;
    else if (r < 0.16) text = `free nitro giveaway claim here ${pick(tlds)}-gift.${pick(tlds)}`;
    else if (r < 0.17) text += ` ${pick(keywords)}`;
    out.push(text);
  }
  // Platform text arrives as JSON, so as flat strings: the corpus goes through JSON like a gateway
  // payload does (strings built with += are ropes, which every engine would pay to flatten).
  return JSON.parse(JSON.stringify(out)) as string[];
}
function makeEvents(texts: string[], spacePrefix: string, t0: number): ChatEvent[] {
  return texts.map((text, i) => ({
    id: `discord:${spacePrefix}g:c${i % 20}:${i}`,
    sourceId: 'bench',
    platform: 'discord',
    kind: 'message',
    spaceId: `${spacePrefix}g${i % 50}`,
    channelId: `c${i % 20}`,
    ts: t0 + i * 40,
    author: { id: `u${Math.floor(rand() * 5000)}`, name: 'member', bot: false, accountCreatedAt: 1_600_000_000_000, joinedAt: 1_700_000_000_000 },
    text,
  }));
}
const corpus = makeCorpus(CORPUS);
const events = makeEvents(corpus, '', 1_750_000_000_000);
// Warm-up: every engine first reads a second corpus from the same generator (the same mix, other
// messages), so the JIT and the caches are where a console that has been running a while has them.
// Ours reads it in other spaces and earlier, so the measured run's windows see time move forward only.
const warmCorpus = makeCorpus(CORPUS);
const warmEvents = makeEvents(warmCorpus, 'warm-', 1_750_000_000_000 - 2 * CORPUS * 40);

interface Engine {
  name: string;
  run: (i: number) => unknown;
  warmUp: (i: number) => unknown;
  /** Called before each measured pass after the first (ours moves its clock past the last pass). */
  nextPass?: () => void;
}
interface Result {
  name: string;
  msgsPerSec: number;
  p50Us: number;
  p99Us: number;
  totalMs: number;
  passesMsgsPerSec: number[];
}

// This machine's speed swings between runs, and within one (phases of a second or so): the engines
// take turns every CHUNK messages, so each meets the same phases, and every engine reads the corpus
// PASSES times; its throughput is the median pass. Those passes time whole turns: a clock read around
// every message (~0.2 µs) would be charged to the engines' throughput. One more pass, the engines again
// taking turns, times every message for p50/p99.
const PASSES = 3;
const CHUNK = 10_000;
function measureAll(engines: Engine[]): Result[] {
  for (const e of engines) for (let i = 0; i < warmEvents.length; i++) e.warmUp(i);
  const samples = engines.map(() => new Float64Array(events.length));
  const passes = engines.map((): number[] => []);
  for (let pass = 0; pass <= PASSES; pass++) {
    const timed = pass === PASSES;
    if (pass > 0) for (const e of engines) e.nextPass?.();
    for (let from = 0; from < events.length; from += CHUNK) {
      const to = Math.min(events.length, from + CHUNK);
      engines.forEach((e, k) => {
        if (timed) {
          const s = samples[k]!;
          for (let i = from; i < to; i++) {
            const t = performance.now();
            e.run(i);
            s[i] = performance.now() - t;
          }
          return;
        }
        const start = performance.now();
        for (let i = from; i < to; i++) e.run(i);
        const ms = performance.now() - start;
        if (from === 0) passes[k]!.push(ms);
        else passes[k]![pass] = passes[k]![pass]! + ms;
      });
    }
  }
  return engines.map((e, k) => {
    const sorted = Array.from(samples[k]!).sort((a, b) => a - b);
    const q = (p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 1000 * 10) / 10;
    const ms = [...passes[k]!].sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)]!;
    return {
      name: e.name,
      msgsPerSec: Math.round(events.length / (median / 1000)),
      p50Us: q(0.5),
      p99Us: q(0.99),
      totalMs: Math.round(median),
      passesMsgsPerSec: passes[k]!.map((t) => Math.round(events.length / (t / 1000))),
    };
  });
}

let flagged = 0;
const byRule: Record<string, number> = {};
let pass = 0;
const span = events.length * 40 + 3_600_000;
const [ours, obs, leo] = measureAll([
  {
    name: 'tribekeeper',
    run: (i) => {
      const flags = engine.evaluate(events[i]!);
      if (pass > 0) return;
      if (flags.length > 0) flagged++;
      for (const f of flags) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    },
    warmUp: (i) => engine.evaluate(warmEvents[i]!),
    // The same messages again, an hour after the last: the windows see time move forward only.
    nextPass: () => {
      pass++;
      for (const e of events) e.ts += span;
    },
  },
  { name: 'obscenity', run: (i) => obscenity.hasMatch(corpus[i]!), warmUp: (i) => obscenity.hasMatch(warmCorpus[i]!) },
  { name: 'leo-profanity', run: (i) => leoProfanity.check(corpus[i]!), warmUp: (i) => leoProfanity.check(warmCorpus[i]!) },
]) as [Result, Result, Result];

// --- evasion set: the same words disguised ---
const homoglyph: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', s: 'ѕ', x: 'х', y: 'у', h: 'һ', d: 'ԁ' };
const leet: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
const evasions: Record<string, (w: string) => string> = {
  homoglyph: (w) => [...w].map((c) => homoglyph[c] ?? c).join(''),
  leet: (w) => [...w].map((c) => leet[c] ?? c).join(''),
  spacing: (w) => [...w].join(' '),
  dots: (w) => [...w].join('.'),
  zeroWidth: (w) => [...w].join('\u200B'),
  fullwidth: (w) => [...w].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''),
  repeats: (w) => [...w].map((c) => c + c).join(''),
  combining: (w) => [...w].map((c) => c + '\u0301').join(''),
};
const evasionRecall: Record<string, { tribekeeper: number; obscenity: number; leoProfanity: number; n: number }> = {};
const totals = { tribekeeper: 0, obscenity: 0, leoProfanity: 0, n: 0 };
const probe = createTriageEngine({ pack });
for (const [name, disguise] of Object.entries(evasions)) {
  const row = { tribekeeper: 0, obscenity: 0, leoProfanity: 0, n: 0 };
  for (const w of sharedProfanity) {
    const text = `you are such a ${disguise(w)} honestly`;
    row.n++;
    const ev: ChatEvent = { ...events[0]!, id: `probe:${name}:${w}`, spaceId: 'probe', author: { id: `p-${name}-${w}`, name: 'p', bot: false }, text };
    if (probe.evaluate(ev).some((f) => f.category === 'toxicity')) row.tribekeeper++;
    if (obscenity.hasMatch(text)) row.obscenity++;
    if (leoProfanity.check(text)) row.leoProfanity++;
  }
  for (const k of ['tribekeeper', 'obscenity', 'leoProfanity', 'n'] as const) totals[k] += row[k];
  evasionRecall[name] = row;
}
const pct = (a: number, b: number): number => Math.round((1000 * a) / b) / 10;

// The learned model's own cost (it runs inside the engine above): its verdict on each message's words
// view, the normalization done once beforehand as the engine does it once for rules and model alike;
// with the original text, as the engine passes it, so a guess of the language is paid where it is made.
const model = shippedModel();
const wordsViews = corpus.map((t) => normalize(t).words);
for (let i = 0; i < 5000; i++) judge(model, wordsViews[i]!, corpus[i]);
const modelStart = performance.now();
for (let pass = 0; pass < 3; pass++) for (let i = 0; i < wordsViews.length; i++) judge(model, wordsViews[i]!, corpus[i]);
const modelUsPerMessage = Math.round(((performance.now() - modelStart) * 1000 * 100) / (3 * wordsViews.length)) / 100;

process.stdout.write(
  JSON.stringify({
    corpus: { messages: events.length, chineseShare: 0.06, warmUp: `each engine first reads another ${warmEvents.length} messages from the same generator`, passes: `${PASSES} timed by turn, the engines taking turns every ${CHUNK} messages; msgs/s of the median pass; then one pass timing every message for p50/p99` },
    config: { keywords: keywords.length, regex: regexes.length, scamDomains: scamDomains.size, packRules: pack.rules.length, buildMs: Math.round(buildMs) },
    throughput: { tribekeeper: ours, obscenity: obs, leoProfanity: leo },
    speedupVsObscenity: Math.round((ours.msgsPerSec / obs.msgsPerSec) * 10) / 10,
    model: { usPerMessage: modelUsPerMessage, weightsBytes: JSON.stringify(shippedModelFile).length, buckets: 1 << model.bits },
    tribekeeperFlaggedShare: pct(flagged, events.length),
    tribekeeperFlagsByRule: byRule,
    evasionRecallPercent: {
      tribekeeper: pct(totals.tribekeeper, totals.n),
      obscenity: pct(totals.obscenity, totals.n),
      leoProfanity: pct(totals.leoProfanity, totals.n),
      perEvasion: evasionRecall,
      words: sharedProfanity.length,
    },
    targets: { msgsPerSec: 50_000, p99Us: 1000, speedupVsObscenity: 5 },
  }) + '\n',
);
