// What compiling a rule pack produces (rules with a numeric kind, gated regexes, pattern facts) and
// what one evaluation gathers (its Scope): the types the engine and its stages share.
import { DROPPED_PER_MESSAGE, type ChatEvent, type DropContext, type DroppedFlag, type EvidenceSpan, type Flag, type FlagWhy, type FlagWords } from '../domain/model';
import { englishWords } from './reasons';
import type { SpaceState } from './behaviour';
import type { FoundLink } from './links';
import type { Normalized } from './normalize';

/**
 * A rule of the pack, as pack.ts declares it (its trigger is the union of the kinds' schemas). pack.ts
 * imports the kinds and the kinds import this module, so pack.ts hands the type down by filling this
 * interface in (`declare module './compiled'`) instead of this module importing pack.ts in a circle.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- pack.ts gives it its members
export interface PackRule {}

/** The categories context can clear, as bits (a phishing link and a scam are one subject). */
export const CONTEXT_CATEGORIES: Partial<Record<Flag['category'], number>> = { scam: 1, phishing: 1, spam: 2 };

export const K_TERM = 0;
export const K_ALLOW = 1;
export const K_PINYIN = 2; // spaced pinyin of a Chinese term: valid on the pinyin view of Han text too
export const K_PINYIN_LATIN = 3; // joined pinyin / initials: only where the author typed Latin letters

export interface PatternMeta {
  rule: number; // -1 = pack-wide allow
  group: number; // signal group index, -1 for keyword rules
  left: boolean;
  right: boolean;
  kind: number;
  term: string;
}

export interface Hit {
  pattern: number;
  start: number; // original offsets
  end: number;
}

export const noHits: readonly Hit[] = Object.freeze([]);

/** A regex and the literals one of which must occur for it to match (null: always run it). */
export interface GatedRegex {
  re: RegExp;
  /** Runs only when one of its required literals occurs (false: on every message). */
  gated: boolean;
  /** Index into the engine's open-stamp table. */
  id: number;
}

/** An impersonation rule's protected names (for one staff list from the host) and its verdicts per shown name. */
export interface StaffCheck {
  fromContext: readonly string[] | undefined;
  targets: Array<{ staff: string; target: string }>;
  verdicts: Map<string, { match: string; staff: string } | null>;
}

export interface CompiledRule {
  rule: PackRule;
  /** The rule's part of its flags' reasons as data, decided once when the pack is compiled. */
  words: Pick<FlagWhy, 'base' | 'own'>;
  index: number;
  /** The rule's kind: its index in the registry (kinds/registry.ts). */
  kind: number;
  staff: StaffCheck | undefined;
  /** Some regex of this rule runs on every message (no literal gate). */
  ungated: boolean;
  /** Its kind reads only the rule's matches (RuleKind.matchOnly). */
  matchOnly: boolean;
  /** Signals: bits of the required groups, and the most the message features can add. */
  requireMask: number;
  featureBound: number;
  regexes: GatedRegex[];
  groupRegexes: GatedRegex[][];
  groupNames: string[];
}

/** One finding about a link: which check found it, in words. */
export interface Verdict {
  check: string;
  why: FlagWords;
}

/** What the host knows that the event does not carry. */
export interface TriageContext {
  staffNames?: string[];
  staffIds?: string[];
}

/**
 * One message being evaluated: what every rule kind reads of it (the event, the text triage reads,
 * its normalization, the space's windows, the generations of this message's term hits and opened
 * regexes) and what the evaluation gathers. One object per message instead of a closure per helper.
 */
export class Scope {
  readonly flags: Flag[] = [];
  readonly fired: Array<{ rule: CompiledRule; flag: Flag }> = [];
  links: FoundLink[] | undefined;
  verdicts: Map<FoundLink, Verdict[]> | undefined;
  /** Set when the text was longer than triage reads: how many characters were read. */
  cut: number | undefined;
  /** A toxicity rule's words were found talked about (quoted, reported, negated, a title): the model defers to that reading. */
  abuseTalkedAbout = false;
  /** The flags context dropped, and why (issue 14): undefined until one is, so ordinary messages allocate nothing. */
  dropped: DroppedFlag[] | undefined = undefined;
  constructor(
    readonly event: ChatEvent,
    /** What triage reads of the text (see cutForTriage); '' for an event without text. */
    readonly text: string,
    readonly norm: Normalized | undefined,
    readonly space: SpaceState,
    readonly context: TriageContext,
    /** Mentions in the message (the event's count, or the ones written in the text). */
    readonly mentions: number,
    /** This message's generation of opened regexes (see matching/regexGates.ts). */
    readonly regexGen: number,
    /** This message's generation of term hits per rule. */
    readonly hitGen: number,
  ) {}
}

export function clip(s: string, n = 80): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function spanOf(text: string, start: number, end: number): EvidenceSpan {
  return { start, end, text: text.slice(start, end) };
}

/** Evidence for hits or links (a loop, not a closure: the rule loop must capture nothing). */
export function spansOf(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): EvidenceSpan[] {
  const out: EvidenceSpan[] = [];
  for (const r of ranges) out.push(spanOf(text, r.start, r.end));
  return out;
}

/** A rule raises at most this many flags on one message (one per link otherwise), each with at most this much evidence. */
export const FLAGS_PER_RULE = 8;
export const SPANS_PER_FLAG = 16;

/** Evidence without repeated spans (the last of equal ones kept), in text order, at most 20. */
function distinctSpans(evidence: EvidenceSpan[]): EvidenceSpan[] {
  const dedup = new Map<string, EvidenceSpan>();
  for (const e of evidence) dedup.set(`${e.start}:${e.end}`, e);
  return [...dedup.values()].sort((a, b) => a.start - b.start).slice(0, 20);
}

function firedFor(scope: Scope, rule: CompiledRule): number {
  let n = 0;
  for (const f of scope.fired) if (f.rule === rule) n++;
  return n;
}

/**
 * A rule fired on the message of `scope`: its flag, worded from the rule's reason and what the kind found
 * (`detail`, as data: the renderer words it in each language; `reason` keeps it in English).
 */
export function emit(scope: Scope, rule: CompiledRule, evidence: EvidenceSpan[], detail?: FlagWords, group?: string, severity?: Flag['severity']): void {
  if (scope.fired.length >= FLAGS_PER_RULE && firedFor(scope, rule) >= FLAGS_PER_RULE) return;
  const r = rule.rule;
  const distinct = evidence.length <= 1 ? evidence : distinctSpans(evidence);
  const ev = distinct.length > SPANS_PER_FLAG ? distinct.slice(0, SPANS_PER_FLAG) : distinct;
  const quotes = r.reason.includes('{match}');
  const match = quotes ? clip(ev.map((e) => e.text).join(' … ') || (detail ? englishWords(detail) : ''), 100) : undefined;
  let reason = match !== undefined ? r.reason.replace('{match}', match) : r.reason;
  const care = r.category === 'self-harm';
  // Most flags add nothing to the rule's words: they share its (never changed) object.
  let why: FlagWhy = rule.words;
  if (match !== undefined || detail || care) {
    why = { base: rule.words.base, own: rule.words.own, match, detail: undefined, care: undefined };
    if (match !== undefined && why.own !== undefined) why.own = reason;
    if (detail && !quotes) {
      reason = `${reason}: ${englishWords(detail)}`;
      why.detail = detail;
    }
    if (care) {
      reason += r.macro ? ` — needs a caring reply (macro: ${r.macro})` : ' — needs a caring reply';
      why.care = r.macro ? { macro: r.macro } : {};
    }
  }
  const flag: Flag = { rule: r.id, category: r.category, severity: severity ?? r.severity, reason, why, evidence: ev };
  if (group !== undefined) flag.group = group;
  if (scope.cut !== undefined) flag.checkedChars = scope.cut;
  scope.flags.push(flag);
  scope.fired.push({ rule, flag });
}

/**
 * Context dropped a flag this message would have had (issue 14): kept with the words it would have quoted
 * (at most four, clipped), so the moderator can see why the message is not flagged and judge for themselves.
 * Called only when a flag is dropped, which is rare: ordinary messages pay nothing.
 */
export function recordDrop(scope: Scope, rule: string, category: Flag['category'], context: DropContext, evidence: ReadonlyArray<{ text: string }>): void {
  const list = (scope.dropped ??= []);
  if (list.length >= DROPPED_PER_MESSAGE || list.some((d) => d.rule === rule && d.category === category)) return;
  const words: string[] = [];
  for (const e of evidence) {
    const w = clip(e.text.trim(), 80);
    if (w && !words.includes(w)) words.push(w);
    if (words.length === 4) break;
  }
  list.push({ rule, category, context, evidence: words });
}

/** An account younger than `days` that joined less than `minutes` ago. */
export function isNewMember(event: ChatEvent, days: number, minutes: number): boolean {
  const a = event.author;
  if (!a || a.accountCreatedAt === undefined) return false;
  const young = event.ts - a.accountCreatedAt < days * 86_400_000;
  const fresh = a.joinedAt !== undefined && event.ts - a.joinedAt < minutes * 60_000;
  return young && fresh;
}
