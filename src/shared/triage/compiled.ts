// What compiling a rule pack produces (rules with a numeric kind, gated regexes, pattern facts) and
// what one evaluation gathers (its Scope): the types the engine and its stages share.
import type { EvidenceSpan, Flag } from '../domain/model';
import type { FoundLink } from './links';
import type { Normalized } from './normalize';
import type { Rule } from './pack';

export type TriggerType = Rule['trigger']['type'];
export type TriggerOf<T extends TriggerType> = Extract<Rule['trigger'], { type: T }>;

// Rules dispatch on a number: the trigger objects have eleven shapes, and reading `type` from each
// in one loop is a megamorphic property load per rule per message.
export const KEYWORDS = 0;
export const REGEX = 1;
export const SIGNALS = 2;
export const LINK = 3;
export const IMPERSONATION = 4;
export const FLOOD = 5;
export const DUPLICATES = 6;
export const MENTION_SPAM = 7;
export const NEW_MEMBER = 8;
export const RAID = 9;
export const REPORT = 10;

export const kindOf: Record<TriggerType, number> = {
  keywords: KEYWORDS,
  regex: REGEX,
  signals: SIGNALS,
  link: LINK,
  impersonation: IMPERSONATION,
  flood: FLOOD,
  duplicates: DUPLICATES,
  'mention-spam': MENTION_SPAM,
  'new-member': NEW_MEMBER,
  raid: RAID,
  report: REPORT,
};

/** Rules that read the text: what a warning or a quotation can trip. */
export function isContentRule(kind: number): boolean {
  return kind === KEYWORDS || kind === REGEX || kind === SIGNALS || kind === LINK;
}

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
  rule: Rule;
  index: number;
  kind: number;
  staff: StaffCheck | undefined;
  /** Some regex of this rule runs on every message (no literal gate). */
  ungated: boolean;
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
  why: string;
}

/** What one evaluation gathers: one object per message instead of a closure per helper. */
export class Scope {
  readonly flags: Flag[] = [];
  readonly fired: Array<{ rule: CompiledRule; flag: Flag }> = [];
  links: FoundLink[] | undefined;
  verdicts: Map<FoundLink, Verdict[]> | undefined;
  /** Set when the text was longer than triage reads: how many characters were read. */
  cut: number | undefined;
  constructor(readonly norm: Normalized | undefined) {}
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
