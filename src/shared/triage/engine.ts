// The triage engine: compiles a rule pack once (every term of every rule into shared automata),
// then evaluates each event in one normalization + one scan, plus the behaviour windows per space.
import type { ChatEvent, Flag } from '../domain/model';
import { Automaton } from './automaton';
import { SpaceState, type RaidConfig } from './behaviour';
import { hasHan, isHanChar, isHanCode, splitVariants, syllableOf, syllablesOf } from './chinese';
import { editDistance, extractLinks, hostSuffixes, hostWithin, type FoundLink } from './links';
import { canonical, leetCodes, normalize, skeleton, stringOfCodes, type Normalized } from './normalize';
import { RulePackSchema, type ActionSpec, type Rule, type RulePack, type RulePackInput } from './pack';
import type { RuleCompiler, RuleHost } from './kinds/kind';
import { kindList, kindNumber } from './kinds/registry';
import { requiredLiterals } from './prefilter';
import { compileSafeRegex, REGEX_INPUT_LIMIT } from './safeRegex';
import type { Model } from './model/classifier';
import type { Adaptation } from './model/adapt';
import { applyContext, modelFlags } from './contextStage';
import { clip, K_ALLOW, K_PINYIN, K_PINYIN_LATIN, K_TERM, noHits, Scope, type CompiledRule, type GatedRegex, type Hit, type PatternMeta, type TriageContext, type Verdict } from './compiled';
import { grownInt32, grownUint8, remember, spacedScratchFor } from './scratch';

export type { TriageContext } from './compiled';
export { FLAGS_PER_RULE, SPANS_PER_FLAG } from './compiled';

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

/** The first `max` characters of `text` (what triage reads), never ending inside a surrogate pair. */
export function cutForTriage(text: string, max = TRIAGE_MAX_CHARS): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

export class TriageEngineImpl implements RuleHost {
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
  raid: RaidConfig = DEFAULT_RAID;
  readonly staffNames: readonly string[];
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
    this.staffNames = this.pack.staffNames;
    const into = this.compiler();
    this.pack.rules.forEach((rule, index) => this.compileRule(rule, index, into));
    this.words.build();
    this.spaced.build();
    this.literals.build();
    this.regexOpen = new Int32Array(this.regexCount);
    this.ruleOpen = new Int32Array(this.pack.rules.length);
    this.ruleHitGen = new Int32Array(this.pack.rules.length);
  }

  /** What a kind may register while the pack compiles (kinds/kind.ts). */
  private compiler(): RuleCompiler {
    return {
      addTerm: (raw, rule, group, mode, kind, pinyin) => this.addTerm(raw, rule, group, mode, kind, pinyin),
      regexes: (rule, patterns, gated) => this.compileRegexes(rule, patterns, gated),
      needLinks: () => void (this.needLinks = true),
      keepWindow: (ms) => void (this.horizonMs = Math.max(this.horizonMs, ms)),
      useRaid: (config) => void (this.raid = config),
    };
  }

  private compileRule(rule: Rule, index: number, into: RuleCompiler): void {
    const kind = kindNumber.get(rule.trigger.type)!;
    const compiled: CompiledRule = { rule, index, kind, staff: undefined, ungated: false, requireMask: 0, featureBound: 0, regexes: [], groupRegexes: [], groupNames: [] };
    this.rules.push(compiled);
    if (!rule.enabled) return;
    kindList[kind]!.compile(compiled, into);
    this.active.push(compiled);
  }

  /** A rule's regexes, safe-compiled; `gated`: each runs only where one of its required literals occurs. */
  private compileRegexes(rule: CompiledRule, patterns: readonly string[], gated: boolean): GatedRegex[] {
    const out: GatedRegex[] = [];
    for (const p of patterns) {
      const r = compileSafeRegex(p);
      if (!r.ok) {
        this.problems.push({ rule: rule.rule.id, problem: `regex ${clip(p, 40)} rejected: ${r.reason}` });
        continue;
      }
      const literals = gated ? requiredLiterals(p) : undefined;
      const gate = literals ? literals.map((l) => this.literalId(l)) : null;
      const id = this.regexCount++;
      this.ruleOfRegex[id] = rule.index;
      if (!gate) rule.ungated = true;
      for (const literal of gate ?? []) (this.regexesByLiteral[literal] ??= []).push(id);
      const g: GatedRegex = { re: r.regex, gated: gate !== null, id };
      this.regexById[id] = g;
      out.push(g);
    }
    return out;
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

  hitsOf(rule: number, gen: number): readonly Hit[] {
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
  runnable(rule: CompiledRule, regexes: GatedRegex[], gen: number): GatedRegex[] {
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

  gateOpen(g: GatedRegex, gen: number): boolean {
    return !g.gated || this.regexOpen[g.id] === gen;
  }

  /** Might any regex of this rule run on this message? (Most rules: no, without looking at each.) */
  anyRegexOpen(rule: CompiledRule, gen: number): boolean {
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

  groupOf(pattern: number): number {
    return pattern < this.meta.length ? this.metaGroup[pattern]! : -1;
  }

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
  nameSkeleton(name: string): string {
    return remember(this.skeletons, name, 20_000, () => skeleton(name));
  }

  evaluate(event: ChatEvent, context: TriageContext = noContext): Flag[] {
    return this.evaluateDetailed(event, context).flags;
  }

  /** The message's links, found once and only when a rule asks. */
  linksOf(scope: Scope): FoundLink[] {
    return (scope.links ??= scope.norm && this.needLinks ? extractLinks(scope.norm) : []);
  }

  verdictsOf(scope: Scope): Map<FoundLink, Verdict[]> {
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
    const space = this.space(event.spaceId);
    space.prune(event.ts, this.horizonMs);
    const mentions = event.mentions ?? (text.includes('@') ? (text.match(/<@[!&]?\d+>|(?:^|\s)@[\w.-]{2,}/g)?.length ?? 0) : 0);
    const scope = new Scope(event, text, norm, space, context, mentions, gen, hitGen);
    if (text.length < full.length) scope.cut = text.length;

    // Each kind's evaluate checks for itself whether the message concerns it (most return at once).
    const rules = this.active;
    const kinds = kindList;
    for (let r = 0; r < rules.length; r++) {
      const compiled = rules[r]!;
      kinds[compiled.kind]!.evaluate(compiled, scope, this);
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

  /** What the automatic actions did or, in dry-run, would have done — newest last. */
  actionLog(): readonly PlannedAction[] {
    return this.log;
  }

  /** How big the compiled matcher is (for the benchmark and the rule editor). */
  stats(): { patterns: number; nodes: number; rules: number; blacklist: number } {
    return { patterns: this.meta.length, nodes: this.words.size, rules: this.rules.length, blacklist: this.blacklist.size };
  }
}
