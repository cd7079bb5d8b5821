// The triage engine: compiles a rule pack once (every term of every rule into shared automata),
// then evaluates each event in one normalization + one scan, plus the behaviour windows per space.
import type { ChatEvent, EvidenceSpan, Flag } from '../domain/model';
import { Automaton } from './automaton';
import { SpaceState, type RaidConfig } from './behaviour';
import { hasHan, isHanChar, isHanCode, splitVariants, syllableOf, syllablesOf } from './chinese';
import { editDistance, extractLinks, hostSuffixes, hostWithin, type FoundLink } from './links';
import { canonical, leetCodes, normalize, skeleton, stringOfCodes, type Normalized } from './normalize';
import { RulePackSchema, type ActionSpec, type Rule, type RulePack, type RulePackInput } from './pack';
import { requiredLiterals } from './prefilter';
import { compileSafeRegex, REGEX_INPUT_LIMIT } from './safeRegex';
import type { Model } from './model/classifier';
import type { Adaptation } from './model/adapt';
import { applyContext, modelFlags, type TriageContext } from './contextStage';
import { clip, DUPLICATES, FLOOD, IMPERSONATION, K_ALLOW, K_PINYIN, K_PINYIN_LATIN, K_TERM, KEYWORDS, kindOf, LINK, MENTION_SPAM, NEW_MEMBER, noHits, RAID, REGEX, REPORT, Scope, SIGNALS, spanOf, spansOf, type CompiledRule, type GatedRegex, type Hit, type PatternMeta, type StaffCheck, type TriggerOf, type Verdict } from './compiled';
import { forEachMatch, grownInt32, grownUint8, keep, remember, spacedScratchFor } from './scratch';

export type { TriageContext } from './contextStage';

function clipInput(text: string): string {
  return text.length > REGEX_INPUT_LIMIT ? text.slice(0, REGEX_INPUT_LIMIT) : text;
}

export interface DomainLists {
  blacklist?: Iterable<string>;
  whitelist?: Iterable<string>;
  /** Brands whose near-spellings are phishing (edit distance ≤ tolerance on the first label). */
  fuzzylist?: Iterable<string>;
  tolerance?: number;
}

export interface TriageOptions {
  pack?: RulePack | RulePackInput;
  domains?: DomainLists;
  /** The learned model; runs only where the pack enables it. */
  model?: Model;
  /** The community's adaptation of the model to its team's decisions (model/adapt.ts), if accepted. */
  adaptation?: Adaptation;
}

/** A word impersonators add to a moderator's name; `_` and `.` join it as often as a space does. */
const STAFF_SUFFIX = /(?<![a-z])(?:mods?|moderators?|admins?|support|team|staff|helpdesk)(?![a-z])/i;

/** No staff known (read only, never written). */
const noContext: TriageContext = Object.freeze({});

export interface PlannedAction {
  rule: string;
  action: ActionSpec;
  dryRun: boolean;
  eventId: string;
  why: string;
}

export interface Evaluation {
  flags: Flag[];
  actions: PlannedAction[];
}

export interface CompileProblem {
  rule: string;
  problem: string;
}

/** "lol", "+1", "wtf", an emoji: a reaction of at most three words, no link, no mention. */
function isShortReaction(norm: Normalized | undefined, text: string, mentions: number): boolean {
  if (mentions > 0 || text.length > 40) return false;
  if (!norm) return text.length === 0;
  const w = norm.words;
  if (w.length > 24 || text.includes('://')) return false;
  let spaces = 0;
  for (let i = w.indexOf(' '); i >= 0; i = w.indexOf(' ', i + 1)) spaces++;
  return spaces <= 2;
}

const DEFAULT_RAID: RaidConfig = { joins: 10, seconds: 60, similarShare: 0.6, nearDuplicateAuthors: 5, quietSeconds: 300 };
const inviteHosts: Array<[string, RegExp]> = [
  ['discord.gg', /^\/[\w-]{2,}/],
  ['discord.com', /^\/invite\/[\w-]+/],
  ['discordapp.com', /^\/invite\/[\w-]+/],
  ['discord.me', /^\/[\w-]+/],
  ['t.me', /^\/(?:joinchat\/|\+)?[\w-]{3,}/],
  ['telegram.me', /^\/[\w-]{3,}/],
  ['chat.whatsapp.com', /^\/[\w-]+/],
];

/** "f*ck", "f**k", "b*tch": a term with one vowel, or its whole inside, starred out. */
function censoredVariants(words: string): string[] {
  if (words.length < 4 || !/^[a-z ]+$/.test(words)) return [];
  const out = new Set<string>();
  let vowels = 0;
  for (let i = 1; i < words.length - 1 && vowels < 2; i++) {
    if ('aeiou'.includes(words[i]!) && words[i - 1] !== ' ' && words[i + 1] !== ' ') {
      out.add(words.slice(0, i) + '*' + words.slice(i + 1));
      vowels++;
    }
  }
  const firstSpace = words.indexOf(' ');
  const head = firstSpace < 0 ? words : words.slice(0, firstSpace);
  if (head.length >= 4) out.add(head[0] + '*' + head.slice(-1) + words.slice(head.length));
  return [...out];
}

/** Evidence without repeated spans (the last of equal ones kept), in text order, at most 20. */
function distinctSpans(evidence: EvidenceSpan[]): EvidenceSpan[] {
  const dedup = new Map<string, EvidenceSpan>();
  for (const e of evidence) dedup.set(`${e.start}:${e.end}`, e);
  return [...dedup.values()].sort((a, b) => a.start - b.start).slice(0, 20);
}

/** Per BMP code unit, the words-view spelling of its pinyin once asked (the same for every engine; made on first use). */
let pinyinWords: Array<string | undefined> | undefined;

/** The findings about a host that do not depend on the path (shared by every link to it). */
interface HostVerdict {
  /** The host without "www.". */
  host: string;
  listed?: Verdict;
  lookalike?: Verdict;
  shortener?: Verdict;
  /** The host gives invites: their path. */
  invitePath?: RegExp;
}

/**
 * Triage reads at most this much of a message: the largest platform message (WhatsApp, 65,536
 * characters; Discord 4,000, Telegram 4,096). A 5 MB line of lures once ran for over 11 minutes.
 */
export const TRIAGE_MAX_CHARS = 65_536;
/** A rule raises at most this many flags on one message (one per link otherwise), each with at most this much evidence. */
export const FLAGS_PER_RULE = 8;
export const SPANS_PER_FLAG = 16;

/** The first `max` characters of `text` (what triage reads), never ending inside a surrogate pair. */
export function cutForTriage(text: string, max = TRIAGE_MAX_CHARS): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

function firedFor(scope: Scope, rule: CompiledRule): number {
  let n = 0;
  for (const f of scope.fired) if (f.rule === rule) n++;
  return n;
}

export class TriageEngineImpl {
  readonly pack: RulePack;
  readonly problems: CompileProblem[] = [];
  private readonly rules: CompiledRule[] = [];
  /** The enabled rules, in pack order: what each message is run through. */
  private readonly active: CompiledRule[] = [];
  private readonly words = new Automaton();
  private readonly spaced = new Automaton();
  private readonly literals = new Automaton();
  private readonly literalIds = new Map<string, number>();
  private literalGeneration = 0;
  /** Per literal id, the regexes it opens; per regex, the generation (message) it was last opened for. */
  private readonly regexesByLiteral: number[][] = [];
  private regexCount = 0;
  private regexOpen = new Int32Array(0);
  /** Per regex, its rule; per rule, the generation one of its regexes was last opened for. */
  private readonly ruleOfRegex: number[] = [];
  private ruleOpen = new Int32Array(0);
  private readonly meta: PatternMeta[] = [];
  private readonly spacedMeta: PatternMeta[] = [];
  private hasPinyin = false;
  private readonly blacklist = new Set<string>();
  private readonly whitelist = new Set<string>();
  private readonly fuzzy: Array<{ label: string; domain: string }> = [];
  private readonly tolerance: number;
  private readonly spaces = new Map<string, SpaceState>();
  private readonly log: PlannedAction[] = [];
  private needLinks = false;
  /** How long per-author windows must be kept: the longest flood or duplicates window (at least a minute). */
  private horizonMs = 60_000;
  private raid: RaidConfig = DEFAULT_RAID;
  private readonly model: Model | undefined;
  private readonly adaptation: Adaptation | undefined;

  constructor(options: TriageOptions = {}) {
    this.pack = RulePackSchema.parse(options.pack ?? { id: 'empty', name: 'Empty', version: 1, rules: [] });
    this.model = this.pack.model?.enabled ? options.model : undefined;
    this.adaptation = options.adaptation;
    const d = options.domains ?? {};
    for (const h of d.blacklist ?? []) this.blacklist.add(h.toLowerCase());
    for (const h of d.whitelist ?? []) this.whitelist.add(h.toLowerCase());
    for (const h of this.pack.domains.allow) this.whitelist.add(h.toLowerCase());
    this.tolerance = d.tolerance ?? 1;
    const protectedDomains = [...(d.fuzzylist ?? []), ...this.pack.domains.protect, ...this.pack.domains.allow];
    for (const domain of protectedDomains) {
      const label = skeleton(domain.toLowerCase().split('.')[0] ?? '');
      if (label.length >= 5) this.fuzzy.push({ label, domain: domain.toLowerCase() });
    }
    for (const term of this.pack.allow) this.addTerm(term, -1, -1, 'word', K_ALLOW, false);
    this.pack.rules.forEach((rule, index) => this.compileRule(rule, index));
    this.words.build();
    this.spaced.build();
    this.literals.build();
    this.regexOpen = new Int32Array(this.regexCount);
    this.ruleOpen = new Int32Array(this.pack.rules.length);
    this.ruleHitGen = new Int32Array(this.pack.rules.length);
  }

  private compileRule(rule: Rule, index: number): void {
    const compiled: CompiledRule = { rule, index, kind: kindOf[rule.trigger.type], staff: undefined, ungated: false, requireMask: 0, featureBound: 0, regexes: [], groupRegexes: [], groupNames: [] };
    const t = rule.trigger;
    const regexes = (patterns: string[]): GatedRegex[] => {
      const out: GatedRegex[] = [];
      for (const p of patterns) {
        const r = compileSafeRegex(p);
        if (!r.ok) {
          this.problems.push({ rule: rule.id, problem: `regex ${clip(p, 40)} rejected: ${r.reason}` });
          continue;
        }
        // Regexes over the original text are not gated: the literals are in the folded view's spelling.
        const literals = rule.trigger.type === 'regex' && rule.trigger.on === 'original' ? undefined : requiredLiterals(p);
        const gate = literals ? literals.map((l) => this.literalId(l)) : null;
        const id = this.regexCount++;
        this.ruleOfRegex[id] = index;
        if (!gate) compiled.ungated = true;
        for (const literal of gate ?? []) (this.regexesByLiteral[literal] ??= []).push(id);
        const g: GatedRegex = { re: r.regex, gated: gate !== null, id };
        this.regexById[id] = g;
        out.push(g);
      }
      return out;
    };
    if (!rule.enabled) return void this.rules.push(compiled);
    switch (t.type) {
      case 'keywords':
        for (const term of t.terms) this.addTerm(term, index, -1, t.mode, K_TERM, t.pinyin);
        for (const term of t.allow) this.addTerm(term, index, -1, 'word', K_ALLOW, false);
        break;
      case 'regex':
        compiled.regexes = regexes(t.patterns);
        break;
      case 'signals':
        t.groups.forEach((g, gi) => {
          compiled.groupNames.push(g.name);
          compiled.groupRegexes.push(regexes(g.patterns));
          for (const term of g.terms) this.addTerm(term, index, gi, g.mode, K_TERM, t.pinyin);
        });
        if (t.features.link !== 0 || t.features.invite !== 0) this.needLinks = true;
        for (const name of t.require) {
          const gi = compiled.groupNames.indexOf(name);
          if (gi >= 0 && gi < 31) compiled.requireMask |= 1 << gi;
        }
        compiled.featureBound = [t.features.link, t.features.invite, t.features.mentions, t.features.newMember].reduce((sum, w) => sum + Math.max(0, w), 0);
        break;
      case 'link':
      case 'new-member':
        this.needLinks = true;
        break;
      case 'flood':
      case 'duplicates':
        this.horizonMs = Math.max(this.horizonMs, t.seconds * 1000);
        break;
      case 'raid':
        this.raid = { joins: t.joins, seconds: t.seconds, similarShare: t.similarShare, nearDuplicateAuthors: t.nearDuplicateAuthors, quietSeconds: t.quietSeconds };
        break;
      default:
        break;
    }
    this.rules.push(compiled);
    this.active.push(compiled);
  }

  private literalId(literal: string): number {
    let id = this.literalIds.get(literal);
    if (id === undefined) {
      id = this.literals.add(literal);
      this.literalIds.set(literal, id);
    }
    return id;
  }

  /** Opens the regexes whose required literal occurs in the folded text (generation-stamped: no clearing). */
  private markLiterals(folded: string): number {
    const gen = ++this.literalGeneration;
    this.openedCount = 0;
    if (this.literalIds.size === 0) return gen;
    const open = this.regexOpen;
    const ruleOpen = this.ruleOpen;
    const ruleOf = this.ruleOfRegex;
    const byLiteral = this.regexesByLiteral;
    const n = this.literals.collect(folded.length > REGEX_INPUT_LIMIT ? folded.slice(0, REGEX_INPUT_LIMIT) : folded);
    const found = this.literals.found;
    for (let k = 0; k < n; k++) {
      const ids = byLiteral[found[3 * k]!];
      if (!ids) continue;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (open[id] !== gen) this.opened[this.openedCount++] = id;
        open[id] = gen;
        ruleOpen[ruleOf[id]!] = gen;
      }
    }
    return gen;
  }

  /** Per rule, the term hits of the message being evaluated (valid where the rule's stamp is this message's). */
  private readonly ruleHits: Hit[][] = [];
  private ruleHitGen = new Int32Array(0);
  private hitGeneration = 0;

  private hitsOf(rule: number, gen: number): readonly Hit[] {
    return this.ruleHitGen[rule] === gen ? this.ruleHits[rule]! : noHits;
  }

  /** The regexes opened for the message being evaluated (ids), and each regex by id. */
  private readonly opened: number[] = [];
  /** How many of `opened` are this message's (the rest are stale). */
  private openedCount = 0;
  private readonly regexById: GatedRegex[] = [];

  /**
   * The regexes of a regex rule (`regexes` are all of its patterns) that may run on this message, in
   * pattern order: a rule of a hundred patterns walks the one or two its literals opened, not all hundred.
   */
  private runnable(rule: CompiledRule, regexes: GatedRegex[], gen: number): GatedRegex[] {
    if (rule.ungated || regexes.length <= 8) return regexes.filter((g) => this.gateOpen(g, gen));
    const ids: number[] = [];
    for (let k = 0; k < this.openedCount; k++) {
      const id = this.opened[k]!;
      if (this.ruleOfRegex[id] === rule.index) ids.push(id);
    }
    ids.sort((a, b) => a - b);
    const out: GatedRegex[] = [];
    for (const id of ids) {
      const g = this.regexById[id];
      if (g) out.push(g);
    }
    return out;
  }

  private gateOpen(g: GatedRegex, gen: number): boolean {
    return !g.gated || this.regexOpen[g.id] === gen;
  }

  /** Might any regex of this rule run on this message? (Most rules: no, without looking at each.) */
  private anyRegexOpen(rule: CompiledRule, gen: number): boolean {
    return rule.ungated || this.ruleOpen[rule.index] === gen;
  }

  private addPattern(words: string, meta: PatternMeta): void {
    if (words.length === 0) return;
    this.words.add(words);
    this.recordMeta(meta);
  }

  /**
   * What the hot loops read of each pattern, in flat tables beside `meta`: bit 0 whole-word on the left,
   * bit 1 on the right, bit 2 an allow-list term; its rule and its signal group. (Reading the pattern's object, one of
   * thousands spread through the heap, was a cache miss per hit.)
   */
  private metaBits = new Uint8Array(256);
  private metaRule = new Int32Array(256);
  private metaGroup = new Int32Array(256);

  private recordMeta(meta: PatternMeta): number {
    const id = this.meta.length;
    this.meta.push(meta);
    this.metaBits = grownUint8(this.metaBits, id);
    this.metaRule = grownInt32(this.metaRule, id);
    this.metaGroup = grownInt32(this.metaGroup, id);
    this.metaBits[id] = (meta.left ? 1 : 0) | (meta.right ? 2 : 0) | (meta.kind === K_ALLOW ? 4 : 0);
    this.metaRule[id] = meta.rule;
    this.metaGroup[id] = meta.group;
    return id;
  }

  private addTerm(raw: string, rule: number, group: number, mode: 'word' | 'substring', kind: number, pinyinOn: boolean): void {
    const leftOpen = raw.startsWith('*') || mode === 'substring';
    const rightOpen = raw.endsWith('*') || mode === 'substring';
    const term = raw.replace(/^\*+|\*+$/g, '');
    if (term.length === 0) return;
    const words = canonical(term);
    const base = { rule, group, left: !leftOpen, right: !rightOpen, term };
    this.addPattern(words, { ...base, kind });
    if (kind === K_TERM) for (const v of censoredVariants(words)) this.addPattern(v, { ...base, kind });
    // Letters spelled apart ("f r e e  n i t r o") are matched on the joined short-token view.
    const joined = words.replace(/ /g, '').replace(/(.)\1+/gu, '$1');
    if (joined.length >= 3 && !hasHan(term)) {
      this.spaced.add(joined);
      this.spacedMeta.push({ ...base, kind });
    }
    if (kind === K_ALLOW || !hasHan(term)) return;
    for (const variant of splitVariants(term)) this.addPattern(canonical(variant), { ...base, kind });
    if (!pinyinOn) return;
    const syllables = syllablesOf(term).map((s) => canonical(s)).filter((s) => s.length > 0);
    const hanCount = [...term].filter(isHanChar).length;
    if (syllables.length === 0 || hanCount < 2) return;
    this.hasPinyin = true;
    this.addPattern(syllables.join(' '), { ...base, left: true, right: true, kind: K_PINYIN });
    this.addPattern(canonical(syllables.join('')), { ...base, left: true, right: true, kind: K_PINYIN_LATIN });
    if (hanCount >= 3) this.addPattern(syllables.map((s) => s[0]).join(''), { ...base, left: true, right: true, kind: K_PINYIN_LATIN });
  }

  private space(spaceId: string): SpaceState {
    let s = this.spaces.get(spaceId);
    if (!s) {
      s = new SpaceState(spaceId);
      this.spaces.set(spaceId, s);
      if (this.spaces.size > 5000) {
        const first = this.spaces.keys().next().value;
        if (first !== undefined) this.spaces.delete(first);
      }
    }
    return s;
  }

  /** Hits and allow-list hits of the message being scanned (made on the first one: most messages have none). */
  private hitList: Hit[] | undefined;
  private allowList: Hit[] | undefined;

  private addHit(pattern: number, start: number, end: number, allow: boolean): void {
    const hit: Hit = { pattern, start, end };
    if (allow) (this.allowList ??= []).push(hit);
    else (this.hitList ??= []).push(hit);
  }

  /** Every term hit in the message, in original offsets, after allow-list excuses. */
  private termHits(norm: Normalized): readonly Hit[] {
    this.hitList = undefined;
    this.allowList = undefined;
    const { words } = norm;
    const n = this.words.collect(words);
    const found = this.words.found;
    const metaBits = this.metaBits;
    const patterns = this.meta.length;
    for (let k = 0; k < n; k++) {
      const p = found[3 * k]!;
      const s = found[3 * k + 1]!;
      const e = found[3 * k + 2]!;
      if (p >= patterns) continue;
      const bits = metaBits[p]!;
      if (bits & 1 && s > 0 && words.charCodeAt(s - 1) !== 32) continue;
      if (bits & 2 && e < words.length && words.charCodeAt(e) !== 32) continue;
      // The offset tables are read (and made) only for a hit.
      this.addHit(p, norm.wordStart(s) ?? 0, norm.wordEnd(e - 1) ?? 0, (bits & 4) !== 0);
    }
    this.scanSpaced(norm);
    if (this.hasPinyin && norm.hasIdeographs) this.scanPinyin(norm);
    // Filled by the scans above (the compiler cannot see that the calls set them).
    const hits = (this.hitList as Hit[] | undefined) ?? noHits;
    const allows = this.allowList as Hit[] | undefined;
    this.hitList = undefined;
    this.allowList = undefined;
    if (allows === undefined) return hits;
    return hits.filter((h) => {
      const rule = this.meta[h.pattern]?.rule ?? -2;
      return !allows.some((a) => {
        const scope = this.meta[a.pattern]?.rule ?? -1;
        return (scope === -1 || scope === rule) && a.start <= h.start && h.end <= a.end;
      });
    });
  }

  /** Scratch of the spaced-letters scan, reused from message to message (see scratch.ts). */
  private spacedScratch = spacedScratchFor(0);

  /** Letters spelled apart ("f r e e  n i t r o"): runs of two or more short tokens, joined with a neighbour each side. */
  private scanSpaced(norm: Normalized): void {
    if (!norm.shortPair) return;
    const words = norm.words;
    const len = words.length;
    let sc = this.spacedScratch;
    // Token bounds in one pass, and whether two short tokens follow each other (the general path of
    // normalization does not tell).
    if (sc.tokens.length < len + 2) sc = this.spacedScratch = spacedScratchFor(len);
    const { tokens, short } = sc;
    let count = 0;
    let pair = false;
    for (let i = 0; i < len; count++) {
      let j = words.indexOf(' ', i);
      if (j < 0) j = len;
      tokens[2 * count] = i;
      tokens[2 * count + 1] = j;
      const first = words.charCodeAt(i);
      const isShort = j - i <= 2 && !(first >= 0x2e80 && isHanCode(first));
      short[count] = isShort ? 1 : 0;
      if (isShort && count > 0 && short[count - 1] === 1) pair = true;
      i = j + 1;
    }
    if (!pair) return;
    const { codes, os, oe, tokFirst, tokLast, isStart, isEnd } = sc;
    for (let k = 0; k < count; ) {
      if (short[k] === 0) {
        k++;
        continue;
      }
      let j = k;
      while (j < count && short[j] === 1) j++;
      if (j - k >= 2) {
        // Joined view of the run with one neighbour each side: "free n i t r o" → "frenitro".
        // Offsets are looked up only for a hit.
        let n = 0;
        for (let t = Math.max(0, k - 1), to = Math.min(count, j + 1); t < to; t++) {
          const first = tokens[2 * t]!;
          const last = tokens[2 * t + 1]! - 1;
          for (let c = first; c <= last; c++) {
            // A lone digit among spelled-out letters is leetspeak ("f r 3 3").
            const raw = words.charCodeAt(c);
            const ch = raw < 128 && leetCodes[raw]! >= 0 ? leetCodes[raw]! : raw;
            if (n > 0 && codes[n - 1] === ch) {
              // A letter doubled across two tokens ("o" + "ok") may end or start either token.
              oe[n - 1] = c;
              tokLast[n - 1] = t;
              if (c === last) isEnd[n - 1] = 1;
              if (c === first) isStart[n - 1] = 1;
              continue;
            }
            codes[n] = ch;
            os[n] = c;
            oe[n] = c;
            tokFirst[n] = t;
            tokLast[n] = t;
            isStart[n] = c === first ? 1 : 0;
            isEnd[n] = c === last ? 1 : 0;
            n++;
          }
        }
        const hits = this.spaced.collect(stringOfCodes(codes, n));
        const found = this.spaced.found;
        for (let h = 0; h < hits; h++) {
          const p = found[3 * h]!;
          const s = found[3 * h + 1]!;
          const e = found[3 * h + 2]!;
          const meta = this.spacedMeta[p];
          if (!meta) continue;
          if (isStart[s] === 0 && meta.left) continue;
          if (isEnd[e - 1] === 0 && meta.right) continue;
          if (tokLast[e - 1]! - tokFirst[s]! + 1 < 3) continue;
          this.addHit(this.metaIndexOf(meta), norm.wordStart(os[s]!) ?? 0, norm.wordEnd(oe[e - 1]!) ?? 0, meta.kind === K_ALLOW);
        }
      }
      k = j;
    }
  }

  private readonly metaIds = new Map<PatternMeta, number>();
  private metaIndexOf(meta: PatternMeta): number {
    // Spaced hits report through the words-pattern table so rules see one kind of hit.
    let id = this.metaIds.get(meta);
    if (id === undefined) {
      id = this.recordMeta(meta);
      this.metaIds.set(meta, id);
    }
    return id;
  }

  /** The words-view spelling of a Han character's pinyin (a BMP code unit), per character once. */
  private pinyinWord(code: number): string {
    const known = (pinyinWords ??= new Array<string | undefined>(0x10000).fill(undefined));
    let word = known[code];
    if (word === undefined) known[code] = word = canonical(syllableOf(String.fromCharCode(code)));
    return word;
  }

  /** Per character of the pinyin view, the token it spells (-1 - t for the space before token t). */
  private pinyinTok = new Int32Array(256);

  private scanPinyin(norm: Normalized): void {
    const { tokenFrom, tokenTo, words } = norm;
    const parts: string[] = [];
    let length = 0;
    for (let t = 0; t < tokenFrom.length; t++) {
      const a = tokenFrom[t]!;
      const b = tokenTo[t]!;
      const code = b - a === 1 ? words.charCodeAt(a) : 0;
      const syl = code >= 0x2e80 && isHanCode(code) ? this.pinyinWord(code) : words.slice(a, b);
      parts.push(syl);
      length += (t > 0 ? 1 : 0) + syl.length;
    }
    if (this.pinyinTok.length < length) this.pinyinTok = new Int32Array(2 * length);
    const tokOf = this.pinyinTok;
    let at = 0;
    for (let t = 0; t < parts.length; t++) {
      if (t > 0) tokOf[at++] = -1 - t;
      for (let i = 0; i < parts[t]!.length; i++) tokOf[at++] = t;
    }
    const text = parts.join(' ');
    // Offsets in the original: a letter spans its token; the space before token t sits at its start.
    const startOf = (i: number): number => {
      const t = tokOf[i]!;
      return norm.wordStart(tokenFrom[t < 0 ? -1 - t : t]!) ?? 0;
    };
    const endOf = (i: number): number => {
      const t = tokOf[i]!;
      return (t < 0 ? norm.wordStart(tokenFrom[-1 - t]!) : norm.wordEnd(tokenTo[t]! - 1)) ?? 0;
    };
    const n = this.words.collect(text);
    const found = this.words.found;
    for (let k = 0; k < n; k++) {
      const p = found[3 * k]!;
      const s = found[3 * k + 1]!;
      const e = found[3 * k + 2]!;
      const meta = this.meta[p];
      if (!meta || meta.kind !== K_PINYIN) continue;
      if (s > 0 && text.charCodeAt(s - 1) !== 32) continue;
      if (e < text.length && text.charCodeAt(e) !== 32) continue;
      this.addHit(p, startOf(s), endOf(e - 1), false);
    }
  }

  private linkVerdicts(links: FoundLink[]): Map<FoundLink, Verdict[]> {
    const out = new Map<FoundLink, Verdict[]>();
    for (const link of links) {
      const v: Verdict[] = [];
      const known = this.hostVerdict(link.host, link.foldedHost, link.confusable);
      if (known.listed) v.push(known.listed);
      else if (known.lookalike) v.push(known.lookalike);
      // A shortener's bare name ("it was posting bit.ly links") leads nowhere; a short link has a path.
      if (known.shortener && link.path.length > 1) v.push(known.shortener);
      if (known.invitePath?.test(link.path)) {
        const url = `${known.host}${link.path}`.toLowerCase();
        if (!this.pack.domains.ownInvites.some((own) => url.startsWith(own.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '')))) {
          v.push({ check: 'invite', why: `invite link to another group (${clip(url, 60)})` });
        }
      }
      if (link.obfuscated) v.push({ check: 'obfuscated', why: `link written defanged (${known.host})` });
      out.set(link, v);
    }
    return out;
  }

  /** What is known of a host whatever the path (lists, look-alikes, shorteners, invite hosts): per host, kept. */
  private readonly hostVerdicts = new Map<string, HostVerdict>();

  private hostVerdict(rawHost: string, rawFolded: string, confusable: boolean): HostVerdict {
    const key = `${confusable ? 1 : 0}${rawHost} ${rawFolded}`;
    return remember(this.hostVerdicts, key, 10_000, () => {
      const host = rawHost.replace(/^www\./, '');
      const folded = rawFolded.replace(/^www\./, '');
      const known: HostVerdict = { host };
      const suffixes = hostSuffixes(host);
      const trusted = suffixes.some((s) => this.whitelist.has(s)) && !confusable;
      if (!trusted) {
        const listed = suffixes.find((s) => this.blacklist.has(s)) ?? hostSuffixes(folded).find((s) => this.blacklist.has(s));
        if (listed) known.listed = { check: 'scam-domain', why: `link to ${listed}, a known scam domain` };
        else {
          const look = this.checkLookalike(host, folded, confusable);
          if (look) known.lookalike = { check: 'lookalike', why: `${host} imitates ${look}` };
        }
      }
      if (this.pack.domains.shorteners.some((d) => hostWithin(host, d))) known.shortener = { check: 'shortener', why: `link shortener ${host} hides where it goes` };
      for (const [inviteHost, path] of inviteHosts) if (host === inviteHost) known.invitePath = path;
      return known;
    });
  }

  private checkLookalike(host: string, folded: string, confusable: boolean): string | undefined {
    const labels = folded.split('.');
    const parts = labels.slice(0, -1).flatMap((l) => l.split('-'));
    parts.push(labels.slice(0, -1).join(''));
    if (!confusable && this.fuzzy.some((f) => hostWithin(host, f.domain))) return undefined;
    // Each part's skeleton once, not once per protected domain.
    const skeletons = parts.filter((part) => part.length >= 4).map(skeleton);
    for (const f of this.fuzzy) {
      if (hostWithin(host, f.domain) && !confusable) continue;
      if (confusable && hostWithin(folded, f.domain)) return f.domain;
      for (const sk of skeletons) {
        const limit = f.label.length >= 10 ? Math.max(2, this.tolerance) : f.label.length >= 6 ? 1 : 0;
        if (sk === f.label || (limit > 0 && editDistance(sk, f.label, limit) <= limit)) {
          if (hostWithin(host, f.domain)) continue;
          return f.domain;
        }
      }
    }
    return undefined;
  }

  /** Skeletons of names: staff names and authors repeat, and each skeleton is a normalization. */
  private readonly skeletons = new Map<string, string>();
  private nameSkeleton(name: string): string {
    return remember(this.skeletons, name, 20_000, () => skeleton(name));
  }

  /** The names an impersonation rule protects, with their skeletons (short ones cannot be told apart). */
  private staffTargets(names: readonly string[], fromContext: readonly string[] | undefined): Array<{ staff: string; target: string }> {
    const out: Array<{ staff: string; target: string }> = [];
    for (const list of [this.pack.staffNames, names, fromContext ?? []]) {
      for (const staff of list) {
        const target = this.nameSkeleton(staff);
        if (target.length >= 3) out.push({ staff, target });
      }
    }
    return out;
  }

  /**
   * Which staff member a shown name imitates, if any. Targets are kept per staff list the host hands
   * in (usually the same one, or none) and verdicts per name: members post many times under one name.
   */
  private impersonates(rule: CompiledRule, name: string, displayName: string | undefined, fromContext: readonly string[] | undefined): { match: string; staff: string } | null {
    const t = rule.rule.trigger as TriggerOf<'impersonation'>;
    let check = rule.staff;
    if (!check || check.fromContext !== fromContext) {
      check = rule.staff = { fromContext, targets: this.staffTargets(t.names, fromContext), verdicts: new Map() };
    }
    const targets = check.targets;
    if (targets.length === 0) return null;
    const key = displayName ? `${name}\u0000${displayName}` : name;
    // No closure here: one capturing these locals would be made on every call, hit or miss.
    const known = check.verdicts.get(key);
    if (known !== undefined) return known;
    return keep(check.verdicts, key, 20_000, this.staffLookalike(t, targets, name, displayName));
  }

  private staffLookalike(t: TriggerOf<'impersonation'>, targets: StaffCheck['targets'], name: string, displayName: string | undefined): { match: string; staff: string } | null {
    const shown = [name, displayName].filter((n): n is string => !!n);
    const skeletons = shown.map((n) => this.nameSkeleton(n));
    for (const { staff, target } of targets) {
      const at = shown.findIndex((n, k) => {
        const sk = skeletons[k]!;
        return sk === target || (target.length >= 5 && editDistance(sk, target, t.maxDistance) <= t.maxDistance) || (sk.startsWith(target) && STAFF_SUFFIX.test(n));
      });
      const match = at >= 0 ? shown[at] : undefined;
      if (match !== undefined && match !== staff) return { match, staff };
    }
    return null;
  }

  evaluate(event: ChatEvent, context: TriageContext = noContext): Flag[] {
    return this.evaluateDetailed(event, context).flags;
  }

  private emit(scope: Scope, rule: CompiledRule, evidence: EvidenceSpan[], detail: string, group?: string, severity?: Flag['severity']): void {
    if (scope.fired.length >= FLAGS_PER_RULE && firedFor(scope, rule) >= FLAGS_PER_RULE) return;
    const r = rule.rule;
    const distinct = evidence.length <= 1 ? evidence : distinctSpans(evidence);
    const ev = distinct.length > SPANS_PER_FLAG ? distinct.slice(0, SPANS_PER_FLAG) : distinct;
    const quotes = r.reason.includes('{match}');
    let reason = quotes ? r.reason.replace('{match}', clip(ev.map((e) => e.text).join(' … ') || detail, 100)) : r.reason;
    if (detail && !quotes) reason = `${reason}: ${detail}`;
    if (r.category === 'self-harm') reason += r.macro ? ` — needs a caring reply (macro: ${r.macro})` : ' — needs a caring reply';
    const flag: Flag = { rule: r.id, category: r.category, severity: severity ?? r.severity, reason, evidence: ev };
    if (group !== undefined) flag.group = group;
    if (scope.cut !== undefined) flag.checkedChars = scope.cut;
    scope.flags.push(flag);
    scope.fired.push({ rule, flag });
  }

  /** The message's links, found once and only when a rule asks. */
  private linksOf(scope: Scope): FoundLink[] {
    return (scope.links ??= scope.norm && this.needLinks ? extractLinks(scope.norm) : []);
  }

  private verdictsOf(scope: Scope): Map<FoundLink, Verdict[]> {
    return (scope.verdicts ??= this.linkVerdicts(this.linksOf(scope)));
  }

  /**
   * One message through every enabled rule, then context, the model and the actions. The rule loop
   * dispatches on a number and each kind runs in a method of its own: the loop captures nothing and
   * stays small enough for V8 to optimize whole (see scratch.ts for why the engine is shaped so).
   */
  evaluateDetailed(event: ChatEvent, context: TriageContext = noContext): Evaluation {
    const isText = (event.kind === 'message' || event.kind === 'edit') && typeof event.text === 'string' && event.text.length > 0;
    const full = isText ? (event.text ?? '') : '';
    const text = cutForTriage(full);
    const norm = isText ? normalize(text) : undefined;
    const hits = norm ? this.termHits(norm) : noHits;
    const gen = norm ? this.markLiterals(norm.folded) : 0;
    const hitGen = this.stampHits(hits);
    const scope = new Scope(norm);
    if (text.length < full.length) scope.cut = text.length;
    const space = this.space(event.spaceId);
    const ts = event.ts;
    space.prune(ts, this.horizonMs);
    const mentions = event.mentions ?? (text.includes('@') ? (text.match(/<@[!&]?\d+>|(?:^|\s)@[\w.-]{2,}/g)?.length ?? 0) : 0);

    const rules = this.active;
    for (let r = 0; r < rules.length; r++) {
      const compiled = rules[r]!;
      switch (compiled.kind) {
        case KEYWORDS: {
          const mine = this.hitsOf(compiled.index, hitGen);
          if (mine.length > 0) this.emit(scope, compiled, spansOf(text, mine), '');
          break;
        }
        case REGEX:
          if (norm && this.anyRegexOpen(compiled, gen)) this.evalRegex(scope, compiled, text, norm, gen);
          break;
        case SIGNALS:
          if (norm) this.evalSignals(scope, compiled, event, text, norm, gen, hitGen, mentions);
          break;
        case LINK:
          if (norm && this.linksOf(scope).length > 0) this.evalLink(scope, compiled, text);
          break;
        case IMPERSONATION:
          this.evalImpersonation(scope, compiled, event, context);
          break;
        case FLOOD:
          if (event.kind === 'message' && event.author) this.evalFlood(scope, compiled, space, event.author.id, event.channelId, ts, isShortReaction(norm, text, mentions));
          break;
        case DUPLICATES:
          if (norm && event.kind === 'message' && event.author) this.evalDuplicates(scope, compiled, space, event.author.id, event.channelId, ts, text, norm);
          break;
        case MENTION_SPAM: {
          const t = compiled.rule.trigger as TriggerOf<'mention-spam'>;
          if (event.kind === 'message' && mentions >= t.mentions) this.emit(scope, compiled, [], `${mentions} mentions in one message`);
          break;
        }
        case NEW_MEMBER:
          if (norm) this.evalNewMember(scope, compiled, event, text, mentions);
          break;
        case RAID:
          if (event.author) this.evalRaid(scope, compiled, space, event, norm);
          break;
        case REPORT:
          if (event.kind === 'report') this.evalReport(scope, compiled, space, event);
          break;
      }
    }

    // Context: who says it and how. Read only when a rule fired (most messages fire none).
    if (scope.fired.length > 0) applyContext(scope, event, context, space, text);
    if (this.model && norm && (event.kind === 'message' || event.kind === 'edit')) modelFlags(scope, this.model, norm, event, context, space, text, this.adaptation);
    return { flags: scope.flags, actions: this.planActions(scope, event) };
  }

  /** Files the term hits per rule, each rule's list stamped with a new generation (older lists are stale); returns it. */
  private stampHits(hits: readonly Hit[]): number {
    const hitGen = ++this.hitGeneration;
    for (let k = 0; k < hits.length; k++) {
      const h = hits[k]!;
      const rule = h.pattern < this.meta.length ? this.metaRule[h.pattern]! : -1;
      if (rule < 0) continue;
      // A rule's first hit of this message starts a new list (emptying the old one by its length is a
      // runtime call, dearer than a small array).
      if (this.ruleHitGen[rule] !== hitGen) {
        this.ruleHitGen[rule] = hitGen;
        this.ruleHits[rule] = [h];
      } else this.ruleHits[rule]!.push(h);
    }
    return hitGen;
  }

  /** The automatic actions the fired rules ask for (a flag is not one), also kept in the action log. */
  private planActions(scope: Scope, event: ChatEvent): PlannedAction[] {
    const actions: PlannedAction[] = [];
    for (const { rule, flag } of scope.fired) {
      for (const action of rule.rule.actions) {
        if (action.type === 'flag') continue;
        const planned: PlannedAction = { rule: rule.rule.id, action, dryRun: rule.rule.dryRun, eventId: event.id, why: flag.reason };
        actions.push(planned);
        this.log.push(planned);
      }
    }
    if (this.log.length > 2000) this.log.splice(0, this.log.length - 1000);
    return actions;
  }

  private evalLink(scope: Scope, compiled: CompiledRule, text: string): void {
    const t = compiled.rule.trigger as TriggerOf<'link'>;
    for (const [link, v] of this.verdictsOf(scope)) {
      for (const x of v) if (x.check === t.check) this.emit(scope, compiled, [spanOf(text, link.start, link.end)], x.why);
    }
  }

  private evalImpersonation(scope: Scope, compiled: CompiledRule, event: ChatEvent, context: TriageContext): void {
    const author = event.author;
    if (!author || (event.kind !== 'message' && event.kind !== 'join' && event.kind !== 'rename')) return;
    if (context.staffIds?.includes(author.id)) return;
    const look = this.impersonates(compiled, author.name, author.displayName, context.staffNames);
    if (look) this.emit(scope, compiled, [], `"${clip(look.match, 40)}" looks like staff member "${clip(look.staff, 40)}"`);
  }

  private evalDuplicates(scope: Scope, compiled: CompiledRule, space: SpaceState, authorId: string, channelId: string, ts: number, text: string, norm: Normalized): void {
    const t = compiled.rule.trigger as TriggerOf<'duplicates'>;
    const key = norm.words;
    if (key.length < t.minLength) return;
    const copies = space.countCopies(authorId, key, channelId, ts, t.seconds * 1000);
    const channels = space.copyChannels;
    if (copies >= t.copies || channels >= t.channels) {
      this.emit(scope, compiled, [spanOf(text, 0, text.length)], `same text ${copies} times in ${channels} channel(s)`, space.burstGroup(authorId, ts, t.seconds * 1000));
    }
  }

  private evalNewMember(scope: Scope, compiled: CompiledRule, event: ChatEvent, text: string, mentions: number): void {
    const t = compiled.rule.trigger as TriggerOf<'new-member'>;
    if (!this.isNewMember(event, t.accountAgeDays, t.joinedMinutes)) return;
    const linkCount = this.linksOf(scope).length;
    if (t.requireLinkOrMention && linkCount === 0 && mentions === 0) return;
    const ev = spansOf(text, this.linksOf(scope));
    this.emit(scope, compiled, ev, `account younger than ${t.accountAgeDays} days, joined under ${t.joinedMinutes} min ago`);
  }

  private evalRaid(scope: Scope, compiled: CompiledRule, space: SpaceState, event: ChatEvent, norm: Normalized | undefined): void {
    const author = event.author;
    if (!author) return;
    if (event.kind === 'join') {
      const incident = space.onJoin(event.ts, author.id, author.name, author.accountCreatedAt, this.raid);
      if (incident) this.emit(scope, compiled, [], `${incident.why} (incident of ${incident.members.size} accounts)`, incident.id);
    } else if (event.kind === 'message' && norm) {
      const incident = space.onMessage(event.ts, author.id, norm.words, this.raid);
      if (incident) this.emit(scope, compiled, [], `${incident.why} (incident of ${incident.members.size} accounts)`, incident.id);
    }
  }

  private evalReport(scope: Scope, compiled: CompiledRule, space: SpaceState, event: ChatEvent): void {
    const t = compiled.rule.trigger as TriggerOf<'report'>;
    const target = event.messageId ?? event.id;
    const n = (space.reports.get(target) ?? 0) + 1;
    space.reports.set(target, n);
    this.emit(scope, compiled, [], `reported by a member${event.detail ? `: ${clip(event.detail, 80)}` : ''} (${n} report${n > 1 ? 's' : ''})`, `report:${target}`, n >= t.escalateAt ? 'high' : undefined);
  }

  /** Flood against the channel's pace: a method of its own, so the rule loop stays small enough to optimize whole. */
  private evalFlood(scope: Scope, compiled: CompiledRule, space: SpaceState, authorId: string, channelId: string, ts: number, isShort: boolean): void {
    const t = compiled.rule.trigger as TriggerOf<'flood'>;
    const count = space.flood(authorId, channelId, ts, t.seconds * 1000, t.messages, isShort);
    const limit = space.floodLimit;
    if (count < limit) return;
    const pace = limit > t.messages ? ` (this channel's pace asks for ${Math.ceil(limit)})` : '';
    this.emit(scope, compiled, [], `${Math.floor(count)} messages within ${t.seconds}s${pace}`, space.burstGroup(authorId, ts, t.seconds * 1000));
  }

  /**
   * The regex and signals rules run in methods of their own: their closures then capture method
   * locals, not the rule loop's, which would make a context object per rule per message.
   */
  private evalRegex(scope: Scope, compiled: CompiledRule, text: string, norm: Normalized, gen: number): void {
    const t = compiled.rule.trigger as TriggerOf<'regex'>;
    const evidence: EvidenceSpan[] = [];
    for (const g of this.runnable(compiled, compiled.regexes, gen)) {
      const re = g.re;
      if (t.on === 'original') {
        forEachMatch(re, clipInput(text), (at, len) => evidence.push(spanOf(text, at, at + len)));
      } else {
        forEachMatch(re, clipInput(norm.folded), (at, len) => evidence.push(spanOf(text, norm.foldStart(at) ?? 0, norm.foldEnd(at + len - 1) ?? 0)));
      }
    }
    if (evidence.length > 0) this.emit(scope, compiled, evidence, '');
  }

  private evalSignals(scope: Scope, compiled: CompiledRule, event: ChatEvent, text: string, norm: Normalized, gen: number, hitGen: number, mentions: number): void {
    const mine = this.hitsOf(compiled.index, hitGen);
    const regexOpen = this.anyRegexOpen(compiled, gen);
    if (mine.length === 0 && !regexOpen) return;
    const t = compiled.rule.trigger as TriggerOf<'signals'>;
    const regexHits = regexOpen ? this.signalRegexHits(compiled, norm, gen) : undefined;
    if (mine.length === 0 && regexHits === undefined) return;
    // Most messages touch a group or two and cannot reach the threshold: tell from the raw hits
    // (an upper bound of the score) before sorting out overlaps.
    if (compiled.groupRegexes.length <= 30) {
      let raw = 0;
      for (const h of mine) raw |= 1 << (h.pattern < this.meta.length ? this.metaGroup[h.pattern]! : 31);
      if (regexHits) for (const h of regexHits) raw |= 1 << h.group;
      if (t.require.length > 0 && (raw & compiled.requireMask) === 0) return;
      let bound = 0;
      for (let gi = 0; gi < t.groups.length; gi++) if (raw & (1 << gi)) bound += Math.max(0, t.groups[gi]!.weight);
      // The features the message has (cheap to tell; an invite only where there is a link).
      const f = t.features;
      if (bound < t.threshold && bound + compiled.featureBound >= t.threshold) {
        if ((f.link > 0 || f.invite > 0) && this.linksOf(scope).length > 0) bound += Math.max(0, f.link) + Math.max(0, f.invite);
        if (f.mentions > 0 && mentions > 0) bound += f.mentions;
        if (f.newMember > 0 && this.isNewMember(event, 7, 60)) bound += f.newMember;
      }
      if (bound < t.threshold) return;
    }
    this.scoreSignals(scope, compiled, event, text, mine, regexHits, mentions);
  }

  private signalRegexHits(compiled: CompiledRule, norm: Normalized, gen: number): Array<Hit & { group: number }> | undefined {
    let regexHits: Array<Hit & { group: number }> | undefined;
    for (let gi = 0; gi < compiled.groupRegexes.length; gi++) {
      for (const g of compiled.groupRegexes[gi]!) {
        if (!this.gateOpen(g, gen)) continue;
        forEachMatch(g.re, clipInput(norm.folded), (at, len) =>
          (regexHits ??= []).push({ pattern: -1, group: gi, start: norm.foldStart(at) ?? 0, end: norm.foldEnd(at + len - 1) ?? 0 }),
        );
      }
    }
    return regexHits;
  }

  /** A signals rule's exact score, once its upper bound reaches the threshold (the closures live here). */
  private scoreSignals(scope: Scope, compiled: CompiledRule, event: ChatEvent, text: string, mine: readonly Hit[], regexHits: Array<Hit & { group: number }> | undefined, mentions: number): void {
    const t = compiled.rule.trigger as TriggerOf<'signals'>;
    const all: Array<Hit & { group: number }> = [];
    for (const h of mine) all.push({ pattern: h.pattern, start: h.start, end: h.end, group: this.meta[h.pattern]?.group ?? -1 });
    if (regexHits) for (const h of regexHits) all.push(h);
    // Longest match wins: "not a scam" (a lure) swallows the "scam" (a warning) inside it.
    const kept = all.length === 1 ? all : all.filter((h) => !all.some((o) => o !== h && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start));
    const groupsHit = new Set<number>();
    for (const h of kept) groupsHit.add(h.group);
    let score = 0;
    for (let gi = 0; gi < t.groups.length; gi++) if (groupsHit.has(gi)) score += t.groups[gi]!.weight;
    if (t.require.length > 0 && !t.require.some((name) => groupsHit.has(compiled.groupNames.indexOf(name)))) return;
    if (t.features.link !== 0 && this.linksOf(scope).length > 0) score += t.features.link;
    if (t.features.invite !== 0 && [...this.verdictsOf(scope).values()].some((v) => v.some((x) => x.check === 'invite'))) score += t.features.invite;
    if (t.features.mentions !== 0 && mentions > 0) score += t.features.mentions;
    if (t.features.newMember !== 0 && this.isNewMember(event, 7, 60)) score += t.features.newMember;
    if (score >= t.threshold) {
      const positive = kept.filter((h) => (t.groups[h.group]?.weight ?? 0) > 0);
      this.emit(scope, compiled, positive.map((h) => spanOf(text, h.start, h.end)), '');
    }
  }

  private isNewMember(event: ChatEvent, days: number, minutes: number): boolean {
    const a = event.author;
    if (!a || a.accountCreatedAt === undefined) return false;
    const young = event.ts - a.accountCreatedAt < days * 86_400_000;
    const fresh = a.joinedAt !== undefined && event.ts - a.joinedAt < minutes * 60_000;
    return young && fresh;
  }

  /** What the automatic actions did or, in dry-run, would have done — newest last. */
  actionLog(): readonly PlannedAction[] {
    return this.log;
  }

  /** How big the compiled matcher is (for the benchmark and the rule editor). */
  stats(): { patterns: number; nodes: number; rules: number; blacklist: number } {
    return { patterns: this.meta.length, nodes: this.words.size, rules: this.rules.length, blacklist: this.blacklist.size };
  }
}
