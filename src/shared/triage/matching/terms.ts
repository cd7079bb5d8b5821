// Term matching: every term of every rule in shared automata, matched in one scan of the words view
// per message, plus letters spelled apart ("f r e e  n i t r o") and Chinese by pinyin. Hits are filed
// per rule with a generation stamp (see scratch.ts for why the tables are shaped so).
import { Automaton } from '../automaton';
import { crossesWord, hasHan, hasVietnameseLetters, isHanChar, isHanCode, notPinyinSpelling, splitVariants, syllableOf, syllablesOf } from '../chinese';
import { guessLanguage } from '../model/language';
import { K_ALLOW, K_PINYIN, K_PINYIN_LATIN, K_TERM, noHits, type Hit, type PatternMeta } from '../compiled';
import { canonical, leetCodes, stringOfCodes, type Normalized } from '../normalize';
import { grownInt32, grownUint8, spacedScratchFor } from '../scratch';

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

/**
 * Latin letters matched as a Chinese term's pinyin: typed as pinyin only if spelled as pinyin can be and
 * the message is not Vietnamese ("NÀO CẦN", "nao can" among Vietnamese words, is not 脑残). Read on a hit only.
 */
function typedAsPinyin(original: string, start: number, end: number): boolean {
  return !notPinyinSpelling(original, start, end) && !hasVietnameseLetters(original) && guessLanguage(original) !== 'vi';
}

/** Per BMP code unit, the words-view spelling of its pinyin once asked (the same for every engine; made on first use). */
let pinyinWords: Array<string | undefined> | undefined;

export class TermMatcher {
  private readonly words = new Automaton();
  private readonly spaced = new Automaton();
  private readonly meta: PatternMeta[] = [];
  private readonly spacedMeta: PatternMeta[] = [];
  private hasPinyin = false;

  /** Compiling is over: the automata are built and the per-rule hit tables sized for `rules` rules. */
  build(rules: number): void {
    this.words.build();
    this.spaced.build();
    this.ruleHitGen = new Int32Array(rules);
  }

  /** How big the compiled matcher is: patterns, and nodes of the words automaton. */
  size(): { patterns: number; nodes: number } {
    return { patterns: this.meta.length, nodes: this.words.size };
  }

  /** Per rule, the term hits of the message being evaluated (valid where the rule's stamp is this message's). */
  private readonly ruleHits: Hit[][] = [];
  private ruleHitGen = new Int32Array(0);
  private hitGeneration = 0;

  /** Has the rule a term hit in the message of generation `gen`? */
  hasHits(rule: number, gen: number): boolean {
    return this.ruleHitGen[rule] === gen;
  }

  hitsOf(rule: number, gen: number): readonly Hit[] {
    return this.ruleHitGen[rule] === gen ? this.ruleHits[rule]! : noHits;
  }

  private addPattern(words: string, meta: PatternMeta): void {
    if (words.length === 0) return;
    this.words.add(words);
    this.recordMeta(meta);
  }

  /**
   * What the hot loops read of each pattern, in flat tables beside `meta`: bit 0 whole-word on the left,
   * bit 1 on the right, bit 2 an allow-list term, bit 3 a term's pinyin; its rule and its signal group. (Reading the pattern's object, one of
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
    const pinyin = meta.kind === K_PINYIN || meta.kind === K_PINYIN_LATIN;
    this.metaBits[id] = (meta.left ? 1 : 0) | (meta.right ? 2 : 0) | (meta.kind === K_ALLOW ? 4 : 0) | (pinyin ? 8 : 0);
    this.metaRule[id] = meta.rule;
    this.metaGroup[id] = meta.group;
    return id;
  }

  addTerm(raw: string, rule: number, group: number, mode: 'word' | 'substring', kind: number, pinyinOn: boolean): void {
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

  groupOf(pattern: number): number {
    return pattern < this.meta.length ? this.metaGroup[pattern]! : -1;
  }

  /** Hits and allow-list hits of the message being scanned (made on the first one: most messages have none). */
  private hitList: Hit[] | undefined;
  private allowList: Hit[] | undefined;

  private addHit(pattern: number, start: number, end: number, allow: boolean): void {
    const hit: Hit = { pattern, start, end };
    if (allow) (this.allowList ??= []).push(hit);
    else (this.hitList ??= []).push(hit);
  }

  /** The automaton of the words view, for a scan shared with another (Automaton.collectBoth). */
  get wordsAutomaton(): Automaton {
    return this.words;
  }

  /**
   * Every term hit in the message, in original offsets, after allow-list excuses. `scanned`: the words view
   * was just scanned by `Automaton.collectBoth` (its hits wait in the automaton).
   */
  termHits(norm: Normalized, scanned = false): readonly Hit[] {
    this.hitList = undefined;
    this.allowList = undefined;
    const { words } = norm;
    const n = scanned ? this.words.collected : this.words.collect(words);
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
      const start = norm.wordStart(s) ?? 0;
      const end = norm.wordEnd(e - 1) ?? 0;
      if (bits & 8 && !typedAsPinyin(norm.original, start, end)) continue;
      this.addHit(p, start, end, (bits & 4) !== 0);
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
    // Terms that sound alike (微信, 威信, 薇信: "wei xin") hit the same span one after another: the words
    // around it are read once for them all (ICU's segmentation is the dear part).
    let askedStart = -1;
    let askedEnd = -1;
    let crosses = false;
    for (let k = 0; k < n; k++) {
      const p = found[3 * k]!;
      const s = found[3 * k + 1]!;
      const e = found[3 * k + 2]!;
      const meta = this.meta[p];
      if (!meta || meta.kind !== K_PINYIN) continue;
      if (s > 0 && text.charCodeAt(s - 1) !== 32) continue;
      if (e < text.length && text.charCodeAt(e) !== 32) continue;
      const start = startOf(s);
      const end = endOf(e - 1);
      // A sound-alike only where a word could be: not the tail of one word and the head of the next.
      if (start !== askedStart || end !== askedEnd) {
        crosses = crossesWord(norm.original, start, end);
        askedStart = start;
        askedEnd = end;
      }
      if (crosses) continue;
      this.addHit(p, start, end, false);
    }
  }

  /** Files the term hits per rule, each rule's list stamped with a new generation (older lists are stale); returns it. */
  stampHits(hits: readonly Hit[]): number {
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
}
