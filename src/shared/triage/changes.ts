// Rule changes learned from the team's decisions (issue 15): what the console proposes from labeled
// decisions, and how an accepted change alters the running pack. Accepted changes travel through the
// team ledger, so every console applies the same ones in the same order and judges alike.
import { z } from 'zod';
import { SeveritySchema, type Severity } from '../domain/model';
import type { RulePack } from './pack';
import { normalize } from './normalize';
import { englishWords, LEARNED_LINK_PREFIX, LEARNED_WORDS_PREFIX, words } from './reasons';
import { HandFlagCategorySchema } from '../domain/handFlags';
import { ADAPT_MAX_ENTRIES, type AdaptationDelta, type AdaptLabel } from './model/adapt';

/** Normalized words: lower-case tokens separated by single spaces. */
const wordsOf = z.string().min(3).max(100).regex(/^\S+(?: \S+){0,3}$/u, 'not normalized words');
const host = z.string().min(3).max(253).regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'not a host');

export const RuleChangeSchema = z.discriminatedUnion('op', [
  /** A link rule for one host the team kept removing. */
  z.object({ op: z.literal('link-rule'), host }).strict(),
  /**
   * Words (in triage's normalized form) the team kept flagging by hand in messages triage missed: a keyword
   * rule for them, in the category they were flagged as.
   */
  z.object({ op: z.literal('word-rule'), words: wordsOf, category: HandFlagCategorySchema, shown: z.string().min(1).max(200).optional() }).strict(),
  /** A rule the team kept resolving without action: its severity one step lower. */
  z.object({ op: z.literal('severity'), rule: z.string().min(1).max(100), to: SeveritySchema }).strict(),
  /**
   * The learned model adapted to the team's decisions (model/adapt.ts, in its compact form): the latest
   * standing one is the model every console of the team judges with. `flags`: what it changed on the
   * proposer's last week of messages when accepted (+ added, − removed), for the list.
   */
  z
    .object({
      op: z.literal('model-adapt'),
      labels: z.number().int().min(1).max(1_000_000),
      bias: z.array(z.number().finite().min(-1).max(1)).length(4),
      delta: z.string().max(ADAPT_MAX_ENTRIES * 4).regex(/^(?:[A-Za-z0-9+/]{4})*$/, 'not a delta'),
      added: z.number().int().nonnegative().max(1_000_000),
      removed: z.number().int().nonnegative().max(1_000_000),
    })
    .strict(),
]);
export type RuleChange = z.infer<typeof RuleChangeSchema>;

/** The id of the rule a link-rule change adds. */
export function linkRuleId(h: string): string {
  return `${LEARNED_LINK_PREFIX}${h}`.slice(0, 100);
}

/** The id of the rule a word-rule change adds: the words' digest, so one phrase is one rule. */
export function wordRuleId(phrase: string, category: string): string {
  return `${LEARNED_WORDS_PREFIX}${category}.${fnv(phrase)}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pack with accepted changes applied in order; a change that no longer fits (rule gone) is skipped. */
export function applyRuleChanges(pack: RulePack, changes: readonly RuleChange[]): RulePack {
  if (changes.length === 0) return pack;
  let rules = [...pack.rules];
  for (const change of changes) {
    if (change.op === 'link-rule') {
      const id = linkRuleId(change.host);
      if (rules.some((r) => r.id === id)) continue;
      rules.push({
        id,
        enabled: true,
        category: 'scam',
        severity: 'high',
        reason: englishWords(words('learnedLink', { host: change.host })),
        // The host itself or any subdomain (a dot before it), never a longer name ending alike.
        trigger: { type: 'regex', patterns: [`(?:^|[^a-z0-9-])${escape(change.host)}(?![a-z0-9-])`], on: 'folded' },
        actions: [{ type: 'flag' }],
        dryRun: false,
      });
    } else if (change.op === 'word-rule') {
      const id = wordRuleId(change.words, change.category);
      if (rules.some((r) => r.id === id)) continue;
      rules.push({
        id,
        enabled: true,
        category: change.category,
        severity: 'medium',
        reason: englishWords(words('learnedWords', { words: change.words })),
        // A keyword term reads the words as triage does: folded, evasions and spacing undone.
        trigger: { type: 'keywords', terms: [change.words], mode: 'word', allow: [], pinyin: false },
        actions: [{ type: 'flag' }],
        dryRun: false,
      });
    } else if (change.op === 'severity') {
      rules = rules.map((r) => (r.id === change.rule ? { ...r, severity: change.to } : r));
    }
    // model-adapt changes the model's scores, not the pack (standingAdaptation).
  }
  return { ...pack, rules };
}

const LOWER: Record<Severity, Severity | undefined> = { critical: 'high', high: 'medium', medium: 'low', low: undefined };

/** One decision a moderator took: a label for what the console learns (issue 15). */
export interface DecisionLabel {
  /** `miss`: a message a moderator flagged by hand that triage had not flagged. */
  kind: 'delete' | 'timeout' | 'ban' | 'dismissed' | 'miss';
  at: number;
  /** Rules that had flagged the message. */
  rules: string[];
  /** Hosts the message linked to. */
  hosts: string[];
  /** The decision as a label for the learned model, where the message and a model category are known. */
  model?: AdaptLabel;
  /** The message's event id, where known: two decisions on one message (flagged, then deleted) count once. */
  message?: string;
  /** A miss: the category it was flagged as, the message's words as triage normalizes them, and its text. */
  miss?: { category: z.infer<typeof HandFlagCategorySchema>; words: string; text?: string };
}

export interface RuleProposal {
  /** Stable per change, so a dismissed or accepted proposal is recognised again. */
  id: string;
  change: RuleChange;
  /** How many decisions it rests on, and over what. */
  count: number;
  of: number;
  /** How many of those are messages flagged by hand (misses). */
  misses?: number;
}

export const PROPOSE_LINK_AFTER = 3;
export const PROPOSE_LINK_WINDOW_MS = 7 * 86_400_000;
export const PROPOSE_SEVERITY_AFTER = 3;
/** Misses sharing the same words before a word rule is proposed, within the labels' window. */
export const PROPOSE_WORDS_AFTER = 3;
/** Word rules proposed at once, at most. */
export const MAX_WORD_PROPOSALS = 3;
/** Of this many latest resolve-without-action decisions. */
export const PROPOSE_SEVERITY_OF = 10;

export function proposalId(change: RuleChange): string {
  if (change.op === 'model-adapt') return `model-adapt:${change.labels}:${fnv(change.delta + change.bias.join())}`;
  if (change.op === 'word-rule') return `word-rule:${change.category}:${change.words}`;
  return change.op === 'link-rule' ? `link-rule:${change.host}` : `severity:${change.rule}:${change.to}`;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The adaptation the team's standing changes leave the model with: the latest accepted, not undone. */
export function standingAdaptation(changes: readonly RuleChange[]): AdaptationDelta | undefined {
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (c.op === 'model-adapt') return { labels: c.labels, bias: c.bias, delta: c.delta };
  }
  return undefined;
}

/**
 * What the team's decisions suggest: a host removed (deleted, timed out, banned) PROPOSE_LINK_AFTER
 * times in a week gets a link rule; a rule behind PROPOSE_SEVERITY_AFTER of the latest
 * PROPOSE_SEVERITY_OF resolve-without-action decisions gets a lower severity. Nothing the pack already
 * does, nothing already decided (`decided`: proposal ids accepted or turned down).
 */
export function proposeRuleChanges(labels: readonly DecisionLabel[], pack: RulePack, decided: ReadonlySet<string>, now: number): RuleProposal[] {
  const out: RuleProposal[] = [];
  const removals = labels.filter((l) => l.kind !== 'dismissed' && now - l.at <= PROPOSE_LINK_WINDOW_MS);
  // Per host, the messages removed or flagged by hand; one message flagged and then deleted counts once.
  const byHost = new Map<string, { messages: Set<string>; misses: Set<string> }>();
  for (const [i, l] of removals.entries()) {
    const message = l.message ?? `#${i}`;
    for (const h of new Set(l.hosts)) {
      const seen = byHost.get(h) ?? { messages: new Set<string>(), misses: new Set<string>() };
      seen.messages.add(message);
      if (l.kind === 'miss') seen.misses.add(message);
      byHost.set(h, seen);
    }
  }
  const removed = new Set(removals.map((l, i) => l.message ?? `#${i}`)).size;
  for (const [h, seen] of [...byHost].sort((a, b) => b[1].messages.size - a[1].messages.size || (a[0] < b[0] ? -1 : 1))) {
    const count = seen.messages.size;
    if (count < PROPOSE_LINK_AFTER || !RuleChangeSchema.safeParse({ op: 'link-rule', host: h }).success) continue;
    const change: RuleChange = { op: 'link-rule', host: h };
    if (decided.has(proposalId(change)) || pack.rules.some((r) => r.id === linkRuleId(h))) continue;
    out.push({ id: proposalId(change), change, count, of: removed, ...(seen.misses.size > 0 ? { misses: seen.misses.size } : {}) });
  }
  out.push(...proposeWordRules(labels, pack, decided, now));
  const dismissals = labels.filter((l) => l.kind === 'dismissed').sort((a, b) => b.at - a.at).slice(0, PROPOSE_SEVERITY_OF);
  const byRule = new Map<string, number>();
  for (const l of dismissals) for (const r of new Set(l.rules)) byRule.set(r, (byRule.get(r) ?? 0) + 1);
  for (const [ruleId, count] of byRule) {
    const rule = pack.rules.find((r) => r.id === ruleId);
    const to = rule ? LOWER[rule.severity] : undefined;
    if (count < PROPOSE_SEVERITY_AFTER || !rule || !to) continue;
    const change: RuleChange = { op: 'severity', rule: ruleId, to };
    if (decided.has(proposalId(change))) continue;
    out.push({ id: proposalId(change), change, count, of: dismissals.length });
  }
  return out;
}

/** The phrase as a member wrote it in the first miss that holds it (normalized words read badly: "foiowers"). */
function shownPhrase(phrase: string, group: readonly DecisionLabel[]): string | undefined {
  const want = phrase.split(' ');
  for (const l of group) {
    if (!l.miss?.text) continue;
    const n = normalize(l.miss.text);
    const tokens = n.tokenFrom.map((from, k) => n.words.slice(from, n.tokenTo[k]));
    for (let k = 0; k + want.length <= tokens.length; k++) {
      if (!want.every((w, j) => tokens[k + j] === w)) continue;
      const start = n.wordStart(n.tokenFrom[k]!);
      const end = n.wordEnd(n.tokenTo[k + want.length - 1]! - 1);
      if (start === undefined || end === undefined || end <= start) return undefined;
      const shown = l.miss.text.slice(start, end).replace(/\s+/g, ' ').trim().toLowerCase();
      return shown.length > 0 && shown.length <= 200 ? shown : undefined;
    }
  }
  return undefined;
}

/** Words that say nothing on their own, in the languages the team writes most; a phrase needs more than these. */
const FILLER = new Set(
  'the and for you your are this that with have from they them what when will just been were here there then than into about would could should some more very please also only does like dont cant its our out get got all any not but can who how why was has had him her his she one two per via www http https com net org'.split(' '),
);

function meaningful(token: string): boolean {
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(token)) return [...token].length >= 2;
  return [...token].length >= 4 && !FILLER.has(token) && !/^\d+$/.test(token);
}

/**
 * Word rules from misses: a phrase of one to four normalized words that PROPOSE_WORDS_AFTER or more misses of
 * one category share (counted once per message), with at least one meaningful word (a single word needs five
 * letters or two ideographs). The longest phrase of a count wins over the shorter ones inside it.
 */
export function proposeWordRules(labels: readonly DecisionLabel[], pack: RulePack, decided: ReadonlySet<string>, now: number): RuleProposal[] {
  const misses = labels.filter((l) => l.kind === 'miss' && l.miss && now - l.at <= PROPOSE_LINK_WINDOW_MS * 2);
  const byCategory = new Map<string, DecisionLabel[]>();
  for (const l of misses) byCategory.set(l.miss!.category, [...(byCategory.get(l.miss!.category) ?? []), l]);
  const candidates: Array<{ phrase: string; category: z.infer<typeof HandFlagCategorySchema>; count: number; of: number; size: number; group: DecisionLabel[] }> = [];
  for (const [category, group] of byCategory) {
    const counts = new Map<string, Set<string>>();
    for (const [i, l] of group.entries()) {
      const tokens = l.miss!.words.split(' ').filter(Boolean);
      const message = l.message ?? `#${i}`;
      for (let n = 1; n <= 4; n++) {
        for (let at = 0; at + n <= tokens.length; at++) {
          const part = tokens.slice(at, at + n);
          if (!part.some(meaningful) || (n === 1 && [...part[0]!].length < 5 && !/\p{Script=Han}/u.test(part[0]!))) continue;
          const phrase = part.join(' ');
          if (phrase.length < 3 || phrase.length > 100) continue;
          const seen = counts.get(phrase) ?? new Set<string>();
          seen.add(message);
          counts.set(phrase, seen);
        }
      }
    }
    const of = new Set(group.map((l, i) => l.message ?? `#${i}`)).size;
    for (const [phrase, seen] of counts) {
      if (seen.size >= PROPOSE_WORDS_AFTER) candidates.push({ phrase, category: category as z.infer<typeof HandFlagCategorySchema>, count: seen.size, of, size: phrase.split(' ').length, group });
    }
  }
  candidates.sort((a, b) => b.count - a.count || b.size - a.size || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  const chosen: typeof candidates = [];
  // Phrases chosen, or decided before (accepted or turned down): the shorter ones inside them say the same thing.
  const covered: typeof candidates = [];
  const inside = (short: string, long: string) => ` ${long} `.includes(` ${short} `);
  for (const c of candidates) {
    if (chosen.length >= MAX_WORD_PROPOSALS) break;
    // A phrase inside (or around) one already chosen from as many misses says the same thing.
    if (covered.some((k) => k.category === c.category && (inside(c.phrase, k.phrase) || inside(k.phrase, c.phrase)) && k.count >= c.count)) continue;
    const change: RuleChange = { op: 'word-rule', words: c.phrase, category: c.category };
    if (!RuleChangeSchema.safeParse(change).success) continue;
    covered.push(c);
    if (decided.has(proposalId(change)) || pack.rules.some((r) => r.id === wordRuleId(c.phrase, c.category))) continue;
    chosen.push(c);
  }
  return chosen.map((c) => {
    const shown = shownPhrase(c.phrase, c.group);
    const change: RuleChange = { op: 'word-rule', words: c.phrase, category: c.category, ...(shown ? { shown } : {}) };
    return { id: proposalId(change), change, count: c.count, of: c.of, misses: c.count };
  });
}
