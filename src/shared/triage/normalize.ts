// Evasion normalization: turns hostile text into forms the matchers read, while every character of
// every form remembers which span of the ORIGINAL text it came from, so evidence points at what was sent.
import homoglyphs from 'unhomoglyph/data.json';

/**
 * Two views of one message.
 * - `folded`: NFKC, lower case, confusables mapped to ASCII, combining marks and invisible characters
 *   removed, whitespace runs collapsed. Punctuation and digits stay (regex rules read this view).
 * - `words`: the matching view: word tokens joined by one space; leetspeak folded inside words,
 *   i/l/1 merged, repeated letters collapsed, each CJK/kana/Hangul/Thai character its own token.
 */
export interface Normalized {
  original: string;
  folded: string;
  foldedStart: Int32Array;
  foldedEnd: Int32Array;
  words: string;
  wordsStart: Int32Array;
  wordsEnd: Int32Array;
  /** Token k occupies words[tokenFrom[k], tokenTo[k]). */
  tokenFrom: number[];
  tokenTo: number[];
  hasIdeographs: boolean;
}

const homoglyphTable = homoglyphs as Record<string, string>;
// Variation selectors and other invisible marks are \p{M}: the mark stripping below drops them.
const invisible = /^[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]$/u;
const marks = /\p{M}/gu;
const wordChar = /^[\p{L}\p{N}]$/u;
const ideograph = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\u3005\u30FC]$/u;
const asciiAlnum = /^[a-z0-9]+$/;
const latinLookalikeScript = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Common}]$/u;

const foldCache = new Map<number, string>();

/** A look-alike maps to the ASCII letter it imitates; anything that does not reach ASCII stays itself. */
function mapConfusable(ch: string): string {
  // Only scripts that imitate Latin letters: Arabic alef is not an "l" to an Arabic reader.
  if (!latinLookalikeScript.test(ch)) return ch.toLowerCase();
  let cur = ch;
  for (let i = 0; i < 3; i++) {
    const lower = cur.toLowerCase();
    if (asciiAlnum.test(lower)) return lower;
    const next = homoglyphTable[lower] ?? homoglyphTable[cur];
    if (next === undefined || next === cur) break;
    cur = next;
  }
  return ch.toLowerCase();
}

function foldOnce(s: string): string {
  let out = '';
  for (const c of s.normalize('NFKC')) {
    if (invisible.test(c)) continue;
    if (/^\s$/u.test(c)) {
      out += ' ';
      continue;
    }
    const bare = c.normalize('NFD').replace(marks, '');
    if (bare === '') continue;
    for (const b of bare) out += b.charCodeAt(0) < 128 ? b.toLowerCase() : mapConfusable(b);
  }
  return out.normalize('NFKC');
}

/** Folds one code point. '' = drop it (invisible), ' ' = whitespace. Cached: hostile text repeats. */
export function foldCodePoint(cp: number): string {
  if (cp < 128) {
    if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
    if (cp === 32 || (cp >= 9 && cp <= 13)) return ' ';
    if (cp < 32 || cp === 127) return '';
    return String.fromCharCode(cp);
  }
  const hit = foldCache.get(cp);
  if (hit !== undefined) return hit;
  // Folding until stable keeps normalize() idempotent even where NFKC and confusables chain.
  let cur = String.fromCodePoint(cp);
  let next = foldOnce(cur);
  for (let i = 0; i < 4 && next !== cur; i++) {
    cur = next;
    next = foldOnce(cur);
  }
  if (foldCache.size < 50_000) foldCache.set(cp, next);
  return next;
}

export const leetDigit: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };
const classCache = new Map<number, number>();
const C_SEP = 0;
const C_WORD = 1;
const C_IDEO = 2;
const C_LEET = 3;

function classify(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return C_WORD;
    if (cp === 64 || cp === 36 || cp === 33 || cp === 124 || cp === 42) return C_LEET;
    return C_SEP;
  }
  const hit = classCache.get(cp);
  if (hit !== undefined) return hit;
  const k = ideograph.test(ch) ? C_IDEO : wordChar.test(ch) ? C_WORD : C_SEP;
  if (classCache.size < 50_000) classCache.set(cp, k);
  return k;
}

function isAsciiLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** From `at`, walks one letter (repeated any number of times) in `dir`; is a '*' right beyond it? */
function starBeyondOneLetter(chars: string[], kinds: Uint8Array, at: number, dir: 1 | -1): boolean {
  const letter = chars[at];
  if (letter === undefined || kinds[at] !== C_WORD) return false;
  let k = at;
  while (k >= 0 && k < chars.length && chars[k] === letter) k += dir;
  return chars[k] === '*';
}

/** Folds a whole string to the `folded` view (used for idempotence checks and keyword compilation). */
export function fold(text: string): string {
  return normalize(text).folded;
}

export function normalize(original: string): Normalized {
  // --- folded view ---
  const n = original.length;
  const fChars: string[] = [];
  const fs: number[] = [];
  const fe: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < n; ) {
    const cp = original.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp);
    if (f === ' ') {
      if (!lastSpace) {
        fChars.push(' ');
        fs.push(i);
        fe.push(i + width);
        lastSpace = true;
      }
    } else if (f !== '') {
      for (const c of f) {
        fChars.push(c);
        fs.push(i);
        fe.push(i + width);
      }
      lastSpace = false;
    }
    i += width;
  }
  if (fChars.length > 0 && fChars[fChars.length - 1] === ' ') {
    fChars.pop();
    fs.pop();
    fe.pop();
  }
  const folded = fChars.join('');
  const [foldedStart, foldedEnd] = perCodeUnit(fChars, fs, fe);

  // --- words view ---
  const m = fChars.length;
  const kinds = new Uint8Array(m);
  for (let i = 0; i < m; i++) kinds[i] = classify(fChars[i] ?? ' ');
  // Leet symbols belong to a word only where letters surround them, so "@everyone" and "wow!" stay words.
  for (let i = 0; i < m; i++) {
    if (kinds[i] !== C_LEET) continue;
    let j = i;
    while (j < m && kinds[j] === C_LEET) j++;
    const before = fChars[i - 1];
    const after = fChars[j];
    const beforeWord = i > 0 && kinds[i - 1] === C_WORD;
    const afterWord = j < m && kinds[j] === C_WORD;
    const run = fChars.slice(i, j);
    const dollar = run.every((c) => c === '$');
    // "f*ck" is a censored word, but "f*r*e*e" is letters spelled apart.
    const spelledApart = run.every((c) => c === '*') && (starBeyondOneLetter(fChars, kinds, i - 1, -1) || starBeyondOneLetter(fChars, kinds, j, 1));
    const joins = spelledApart ? false : dollar ? (beforeWord && isAsciiLetter(before)) || (afterWord && isAsciiLetter(after)) : beforeWord && afterWord;
    for (let k = i; k < j; k++) kinds[k] = joins ? C_WORD : C_SEP;
    i = j - 1;
  }

  const wChars: string[] = [];
  const ws: number[] = [];
  const we: number[] = [];
  const tokenFrom: number[] = [];
  const tokenTo: number[] = [];
  let hasIdeographs = false;
  const emitToken = (from: number, to: number): void => {
    let hasLetter = false;
    for (let k = from; k < to; k++) {
      const c = fChars[k] ?? '';
      if (!(c >= '0' && c <= '9') && c !== '$' && c !== '@' && c !== '!' && c !== '|' && c !== '*') {
        hasLetter = true;
        break;
      }
    }
    if (wChars.length > 0) {
      wChars.push(' ');
      ws.push(fs[from] ?? 0);
      we.push(fs[from] ?? 0);
    }
    const start = wChars.length;
    let prev = '';
    for (let k = from; k < to; k++) {
      let c = fChars[k] ?? '';
      if (hasLetter) {
        const d = leetDigit[c];
        if (d !== undefined) c = d;
      }
      if (c === '@') c = 'a';
      else if (c === '$') c = 's';
      else if (c === '!' || c === '|' || c === 'l') c = 'i';
      if (c === prev) {
        we[we.length - 1] = fe[k] ?? 0;
        continue;
      }
      wChars.push(c);
      ws.push(fs[k] ?? 0);
      we.push(fe[k] ?? 0);
      prev = c;
    }
    tokenFrom.push(start);
    tokenTo.push(wChars.length);
  };
  let tokStart = -1;
  for (let i = 0; i <= m; i++) {
    const k = i < m ? kinds[i] : C_SEP;
    if (k === C_WORD) {
      if (tokStart < 0) tokStart = i;
      continue;
    }
    if (tokStart >= 0) {
      emitToken(tokStart, i);
      tokStart = -1;
    }
    if (k === C_IDEO) {
      hasIdeographs = true;
      emitToken(i, i + 1);
    }
  }
  // Positions so far count elements; strings index UTF-16 units, so astral characters widen.
  const [wStart, wEnd] = perCodeUnit(wChars, ws, we);
  const unitOf = new Int32Array(wChars.length + 1);
  for (let i = 0; i < wChars.length; i++) unitOf[i + 1] = unitOf[i]! + (wChars[i]?.length ?? 1);
  const toUnit = (i: number): number => unitOf[i] ?? 0;
  return {
    original,
    folded,
    foldedStart,
    foldedEnd,
    words: wChars.join(''),
    wordsStart: wStart,
    wordsEnd: wEnd,
    tokenFrom: tokenFrom.map(toUnit),
    tokenTo: tokenTo.map(toUnit),
    hasIdeographs,
  };
}

function perCodeUnit(chars: string[], starts: number[], ends: number[]): [Int32Array, Int32Array] {
  let units = 0;
  for (const c of chars) units += c.length;
  if (units === chars.length) return [Int32Array.from(starts), Int32Array.from(ends)];
  const s = new Int32Array(units);
  const e = new Int32Array(units);
  let k = 0;
  chars.forEach((c, i) => {
    for (let u = 0; u < c.length; u++, k++) {
      s[k] = starts[i] ?? 0;
      e[k] = ends[i] ?? 0;
    }
  });
  return [s, e];
}

/** The `words` view of a term, as keywords are compiled. */
export function canonical(text: string): string {
  return normalize(text).words;
}

/** A confusable skeleton for names and domain labels: words view without spaces. */
export function skeleton(text: string): string {
  return normalize(text).words.replace(/ /g, '');
}
