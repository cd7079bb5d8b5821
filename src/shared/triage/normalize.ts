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
  /** Per UTF-16 unit of `folded`, where in the original it starts and ends. */
  readonly foldedStart: Int32Array;
  readonly foldedEnd: Int32Array;
  words: string;
  readonly wordsStart: Int32Array;
  readonly wordsEnd: Int32Array;
  /** Token k occupies words[tokenFrom[k], tokenTo[k]) (tokens are separated by one space). */
  readonly tokenFrom: number[];
  readonly tokenTo: number[];
  hasIdeographs: boolean;
  /**
   * Could two tokens of at most two characters follow each other (letters spelled apart)? False only
   * when they certainly do not; the plain-ASCII path knows exactly.
   */
  readonly shortPair: boolean;
  /** One entry of a table (undefined out of range), without copying the table out: the hot path. */
  foldStart(i: number): number | undefined;
  foldEnd(i: number): number | undefined;
  wordStart(i: number): number | undefined;
  wordEnd(i: number): number | undefined;
}

/** A fresh copy of the first n entries (a loop: TypedArray#slice is slow for short tables). */
function copyOf(table: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = table[i]!;
  return out;
}

/** Bumped by every normalize(): the scratch tables hold the offsets of this generation only. */
let generation = 0;

/**
 * The offset tables stay in the reused scratch space until someone reads one; then they are copied
 * out. Most messages match nothing, so their offsets are never read and never copied. Read after a
 * later normalize() has reused the scratch, they are computed again from the original text.
 */
class NormalizedText implements Normalized {
  private tables: [Int32Array, Int32Array, Int32Array, Int32Array] | undefined;

  constructor(
    readonly original: string,
    readonly folded: string,
    readonly words: string,
    /** Made from `words` on first read (most messages never need them) unless given. */
    private from: number[] | undefined,
    private to: number[] | undefined,
    readonly hasIdeographs: boolean,
    readonly shortPair: boolean,
    private source: [Int32Array, Int32Array, Int32Array, Int32Array] | undefined,
    private readonly foldedLength: number,
    private readonly wordsLength: number,
    private readonly generation: number,
    /** The source tables are this result's own (not scratch): no copy needed. */
    owned: boolean,
  ) {
    if (owned) this.tables = source;
  }

  get tokenFrom(): number[] {
    if (!this.from) this.tokens();
    return this.from!;
  }
  get tokenTo(): number[] {
    if (!this.to) this.tokens();
    return this.to!;
  }
  private tokens(): void {
    const from: number[] = [];
    const to: number[] = [];
    const words = this.words;
    for (let i = 0; i < words.length; ) {
      let j = words.indexOf(' ', i);
      if (j < 0) j = words.length;
      from.push(i);
      to.push(j);
      i = j + 1;
    }
    this.from = from;
    this.to = to;
  }

  private offsets(): [Int32Array, Int32Array, Int32Array, Int32Array] {
    if (this.tables) return this.tables;
    const src = this.source;
    if (src && this.generation === generation) {
      const m = this.foldedLength;
      const w = this.wordsLength;
      this.tables = [copyOf(src[0], m), copyOf(src[1], m), copyOf(src[2], w), copyOf(src[3], w)];
    } else {
      this.tables = (normalize(this.original) as NormalizedText).offsets();
    }
    this.source = undefined;
    return this.tables;
  }

  private entry(table: 0 | 1 | 2 | 3, i: number): number | undefined {
    if (i < 0 || i >= (table < 2 ? this.foldedLength : this.wordsLength)) return undefined;
    if (this.tables) return this.tables[table][i];
    if (this.source && this.generation === generation) return this.source[table][i];
    return this.offsets()[table][i];
  }
  foldStart(i: number): number | undefined {
    return this.entry(0, i);
  }
  foldEnd(i: number): number | undefined {
    return this.entry(1, i);
  }
  wordStart(i: number): number | undefined {
    return this.entry(2, i);
  }
  wordEnd(i: number): number | undefined {
    return this.entry(3, i);
  }

  get foldedStart(): Int32Array {
    return this.offsets()[0];
  }
  get foldedEnd(): Int32Array {
    return this.offsets()[1];
  }
  get wordsStart(): Int32Array {
    return this.offsets()[2];
  }
  get wordsEnd(): Int32Array {
    return this.offsets()[3];
  }
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

/**
 * Small capitals (ᴀ ʙ ᴄ …, from the phonetic blocks) read as the letters they shrink; the confusables
 * data leaves most of them alone, and a name written in them copies a moderator's just as well.
 */
const smallCapitals: Readonly<Record<string, string>> = {
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ǫ: 'q', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};

/** A look-alike maps to the ASCII letter it imitates; anything that does not reach ASCII stays itself. */
function mapConfusable(ch: string): string {
  // Only scripts that imitate Latin letters: Arabic alef is not an "l" to an Arabic reader.
  if (!latinLookalikeScript.test(ch)) return ch.toLowerCase();
  const small = smallCapitals[ch];
  if (small !== undefined) return small;
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

/** Per BMP code unit, its fold as one code unit + 1; -1 dropped; -2 anything else; 0 not yet known. */
const foldUnit = new Int32Array(0x10000);
function unitOfFold(f: string): number {
  if (f === '') return -1;
  const c = f.charCodeAt(0);
  return f.length === 1 && (c < 0xd800 || c > 0xdfff) ? c + 1 : -2;
}

/** Per BMP code point, its class + 1 (0: not yet known). */
const classTable = new Uint8Array(0x10000);

function classifyCode(cp: number): number {
  if (cp < 128) {
    if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return C_WORD;
    if (cp === 64 || cp === 36 || cp === 33 || cp === 124 || cp === 42) return C_LEET;
    return C_SEP;
  }
  if (cp < 0x10000) {
    const known = classTable[cp]!;
    if (known > 0) return known - 1;
  }
  const hit = classCache.get(cp);
  if (hit !== undefined) return hit;
  const ch = String.fromCodePoint(cp);
  const k = ideograph.test(ch) ? C_IDEO : wordChar.test(ch) ? C_WORD : C_SEP;
  if (cp < 0x10000) classTable[cp] = k + 1;
  else if (classCache.size < 50_000) classCache.set(cp, k);
  return k;
}

const STAR = 42;
const DOLLAR = 36;
const SPACE = 32;
/** Per ASCII code, the letter a leet digit stands for (-1: none). */
export const leetCodes = new Int32Array(128).fill(-1);
for (const [d, l] of Object.entries(leetDigit)) leetCodes[d.charCodeAt(0)] = l.charCodeAt(0);

/** From `at`, walks one letter (repeated any number of times) in `dir`; is a '*' right beyond it? */
function starBeyondOneLetter(codes: Int32Array, length: number, kinds: Uint8Array, at: number, dir: 1 | -1): boolean {
  if (at < 0 || at >= length || kinds[at] !== C_WORD) return false;
  const letter = codes[at];
  let k = at;
  while (k >= 0 && k < length && codes[k] === letter) k += dir;
  return k >= 0 && k < length && codes[k] === STAR;
}

// One String.fromCharCode call per 4k codes, spread from a reused plain array of exactly that many
// elements (one array per length, made once: setting an array's length is a runtime call). Appending
// char by char builds a rope that costs twice as much once flattened; spreading a typed array is slower.
// The table of arrays is filled up front (a sparse array of up to 4k slots turns into a dictionary),
// and code points go through a function of their own: one call site seeing both String.fromCharCode and
// String.fromCodePoint made every message's string slower.
const CHUNK = 4096;
const chunks = new Array<number[] | undefined>(CHUNK + 1).fill(undefined);
function chunkOf(codes: Int32Array, at: number, n: number): number[] {
  let chunk = chunks[n];
  if (chunk === undefined) chunks[n] = chunk = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) chunk[i] = codes[at + i]!;
  return chunk;
}
/** The string of the first `length` UTF-16 codes. */
export function stringOfCodes(codes: Int32Array, length: number): string {
  return fromCodes(codes, length, false);
}

function fromCodes(codes: Int32Array, length: number, astral: boolean): string {
  if (astral) return fromCodePoints(codes, length);
  let out = '';
  for (let at = 0; at < length; at += CHUNK) {
    const n = Math.min(CHUNK, length - at);
    out += String.fromCharCode(...chunkOf(codes, at, n));
  }
  return out;
}
function fromCodePoints(codes: Int32Array, length: number): string {
  let out = '';
  for (let at = 0; at < length; at += CHUNK) {
    const n = Math.min(CHUNK, length - at);
    out += String.fromCodePoint(...chunkOf(codes, at, n));
  }
  return out;
}

/** Positions count code points; strings index UTF-16 units, so astral characters widen. */
function perCodeUnit(codes: Int32Array, length: number, starts: Int32Array, ends: Int32Array): [Int32Array, Int32Array, number, Int32Array] {
  let astral = 0;
  for (let i = 0; i < length; i++) if (codes[i]! > 0xffff) astral++;
  const s = new Int32Array(length + astral);
  const e = new Int32Array(length + astral);
  const unitOf = new Int32Array(length + 1);
  let k = 0;
  for (let i = 0; i < length; i++) {
    unitOf[i] = k;
    const width = codes[i]! > 0xffff ? 2 : 1;
    for (let u = 0; u < width; u++, k++) {
      s[k] = starts[i] ?? 0;
      e[k] = ends[i] ?? 0;
    }
  }
  unitOf[length] = k;
  return [s, e, k, unitOf];
}

interface Scratch {
  fCodes: Int32Array<ArrayBuffer>;
  fs: Int32Array<ArrayBuffer>;
  fe: Int32Array<ArrayBuffer>;
  kinds: Uint8Array<ArrayBuffer>;
  wCodes: Int32Array<ArrayBuffer>;
  ws: Int32Array<ArrayBuffer>;
  we: Int32Array<ArrayBuffer>;
}
function makeScratch(size: number): Scratch {
  return {
    fCodes: new Int32Array(size),
    fs: new Int32Array(size),
    fe: new Int32Array(size),
    kinds: new Uint8Array(size),
    wCodes: new Int32Array(2 * size + 1),
    ws: new Int32Array(2 * size + 1),
    we: new Int32Array(2 * size + 1),
  };
}
// Two scratch sets: one for messages (whose offsets are read lazily), one for the words-only calls
// (skeletons of names and domains) made while a message's offsets may still be unread.
let messageScratch = makeScratch(256);
let sideScratch = makeScratch(256);

/** i and i + 1 at index i: the offsets of a folded view that is the original text lower-cased. */
let identityStart = new Int32Array(0);
let identityEnd = new Int32Array(0);
function growIdentity(n: number): void {
  const size = Math.max(n, 2 * identityStart.length, 256);
  identityStart = new Int32Array(size);
  identityEnd = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    identityStart[i] = i;
    identityEnd[i] = i + 1;
  }
}

function growInt32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2 + 16);
  b.set(a);
  return b;
}

function isAsciiLetterCode(c: number): boolean {
  return c >= 97 && c <= 122;
}

const asciiFold = new Int32Array(128);
for (let cp = 0; cp < 128; cp++) {
  const f = foldCodePoint(cp);
  asciiFold[cp] = f === '' ? -1 : f.charCodeAt(0);
}

// Plain ASCII text (most chat): 1 letter, 2 digit, 3 space, 4 anything the general path must see
// (controls, DEL, the leet symbols @ $ ! | *), 0 other punctuation (a separator).
const A_SEP = 0;
const A_LETTER = 1;
const A_DIGIT = 2;
const A_SPACE = 3;
const A_GENERAL = 4;
const asciiKind = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const lower = c >= 65 && c <= 90 ? c + 32 : c;
  asciiKind[c] =
    c < 32 || c === 127 || c === 64 || c === DOLLAR || c === 33 || c === 124 || c === STAR
      ? A_GENERAL
      : c === SPACE
        ? A_SPACE
        : lower >= 97 && lower <= 122
          ? A_LETTER
          : c >= 48 && c <= 57
            ? A_DIGIT
            : A_SEP;
}

/**
 * The words view of plain ASCII text in one pass (single spaces, no leading or trailing space, no
 * control or leet symbols: then the folded view is the lower-cased text and its offsets are the
 * identity). Writes the words view's codes and offsets to scratch; returns the words length, or -1
 * when the text needs the general path. Same output as the general path for such text.
 */
/** Set by asciiWords: two tokens of at most two characters follow each other in its words view. */
let asciiShortPair = false;

function asciiWords(original: string, wCodes: Int32Array, ws: Int32Array, we: Int32Array): number {
  const n = original.length;
  let w = 0;
  let lastSpace = true;
  // The token being written: where it starts (words view, original), what it has seen so far.
  let tokW = -1;
  let tokI = 0;
  let hasLetter = false;
  let hasLeetDigit = false;
  let lastShort = false;
  asciiShortPair = false;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    const kind = c < 128 ? asciiKind[c]! : A_GENERAL;
    if (kind === A_LETTER || kind === A_DIGIT) {
      lastSpace = false;
      if (tokW < 0) {
        if (w > 0) {
          wCodes[w] = SPACE;
          ws[w] = i;
          we[w] = i;
          w++;
        }
        tokW = w;
        tokI = i;
        hasLetter = false;
        hasLeetDigit = false;
      }
      const d = c | 0x20; // lower case; digits keep their code
      if (kind === A_LETTER) hasLetter = true;
      else if (leetCodes[d]! >= 0) hasLeetDigit = true;
      w = putWordCode(wCodes, ws, we, w, tokW, d, i);
      continue;
    }
    // A token ends. Digits are letters only in a token with letters ("h3ll0"): written again then (rare).
    if (tokW >= 0) {
      if (hasLetter && hasLeetDigit) w = writeLeetToken(original, tokI, i, wCodes, ws, we, tokW);
      const short = w - tokW <= 2;
      if (short && lastShort) asciiShortPair = true;
      lastShort = short;
      tokW = -1;
    }
    if (kind === A_GENERAL) return -1;
    if (kind === A_SPACE) {
      if (lastSpace) return -1;
      lastSpace = true;
      continue;
    }
    lastSpace = false;
  }
  if (tokW >= 0) {
    if (hasLetter && hasLeetDigit) w = writeLeetToken(original, tokI, n, wCodes, ws, we, tokW);
    if (w - tokW <= 2 && lastShort) asciiShortPair = true;
  }
  if (lastSpace && n > 0) return -1;
  return w;
}

/** Writes original[from, to), a token of letters and leet digits, at `w` of the words view; returns the new end. */
function writeLeetToken(original: string, from: number, to: number, wCodes: Int32Array, ws: Int32Array, we: Int32Array, w: number): number {
  const tokW = w;
  for (let q = from; q < to; q++) {
    const d = original.charCodeAt(q) | 0x20;
    w = putWordCode(wCodes, ws, we, w, tokW, leetCodes[d]! >= 0 ? leetCodes[d]! : d, q);
  }
  return w;
}

/**
 * Writes one letter or digit (lower case) of the token that starts at `tokW`, from original[at]: l reads
 * as i, and a letter repeating the one before it widens that one instead. Returns the new end.
 */
function putWordCode(wCodes: Int32Array, ws: Int32Array, we: Int32Array, w: number, tokW: number, code: number, at: number): number {
  const d = code === 108 ? 105 : code;
  if (w > tokW && wCodes[w - 1] === d) {
    we[w - 1] = at + 1;
    return w;
  }
  wCodes[w] = d;
  ws[w] = at;
  we[w] = at + 1;
  return w + 1;
}

/** Folds a whole string to the `folded` view (used for idempotence checks and keyword compilation). */
export function fold(text: string): string {
  return normalize(text).folded;
}

export function normalize(original: string): Normalized {
  return run(original, false) as Normalized;
}

/**
 * One normalization; `wordsOnly` uses the side scratch, leaves the message's untouched, and returns
 * the words view. `full` skips the plain-ASCII path (to compute the offset tables it leaves out).
 */
function run(original: string, wordsOnly: boolean, full = false): Normalized | string {
  let scratch = wordsOnly ? sideScratch : messageScratch;
  const n = original.length;
  // Scratch buffers are reused across calls (normalize is synchronous); only results are fresh.
  if (scratch.fCodes.length < n + 8) scratch = makeScratch(n + 8);
  if (!full) {
    const w = asciiWords(original, scratch.wCodes, scratch.ws, scratch.we);
    if (w >= 0) {
      const words = fromCodes(scratch.wCodes, w, false);
      if (wordsOnly) {
        sideScratch = scratch;
        return words;
      }
      messageScratch = scratch;
      // The folded view's offsets are the identity: shared tables, never written.
      if (identityStart.length < n) growIdentity(n);
      const gen = ++generation;
      return new NormalizedText(original, original.toLowerCase(), words, undefined, undefined, false, asciiShortPair, [identityStart, identityEnd, scratch.ws, scratch.we], n, w, gen, false);
    }
  }
  return runGeneral(original, wordsOnly, scratch);
}

/**
 * The general path, a function of its own: compiled into `run`, its type feedback (from the keywords
 * and domains normalized while a pack compiles) made the plain-ASCII path of every message twice as slow.
 */
function runGeneral(original: string, wordsOnly: boolean, scratch: Scratch): Normalized | string {
  const n = original.length;
  // --- folded view, as code points with their original spans ---
  let fCodes = scratch.fCodes;
  let fs = scratch.fs;
  let fe = scratch.fe;
  let m = 0;
  let lastSpace = true;
  let astral = false;
  let nonAscii = false;
  for (let i = 0; i < n; ) {
    const cp = original.charCodeAt(i);
    if (cp < 128) {
      const f = asciiFold[cp]!;
      i++;
      if (f < 0 || (f === SPACE && lastSpace)) continue;
      lastSpace = f === SPACE;
      fCodes[m] = f;
      fs[m] = i - 1;
      fe[m] = i;
      m++;
      continue;
    }
    nonAscii = true;
    // Most characters of a script fold to one BMP character (or to nothing): a table, not a Map.
    if (cp < 0xd800 || cp > 0xdfff) {
      let unit = foldUnit[cp]!;
      if (unit === 0) foldUnit[cp] = unit = unitOfFold(foldCodePoint(cp));
      if (unit === -1) {
        i++;
        continue;
      }
      if (unit > 0) {
        const c = unit - 1;
        i++;
        if (c === SPACE && lastSpace) continue;
        lastSpace = c === SPACE;
        if (m >= fCodes.length) {
          fCodes = growInt32(fCodes);
          fs = growInt32(fs);
          fe = growInt32(fe);
        }
        fCodes[m] = c;
        fs[m] = i - 1;
        fe[m] = i;
        m++;
        continue;
      }
    }
    const full = original.codePointAt(i) ?? cp;
    const width = full > 0xffff ? 2 : 1;
    const f = foldCodePoint(full);
    for (let k = 0; k < f.length; ) {
      const c = f.codePointAt(k) ?? 0;
      k += c > 0xffff ? 2 : 1;
      if (c === SPACE && lastSpace) continue;
      lastSpace = c === SPACE;
      if (c > 0xffff) astral = true;
      if (m >= fCodes.length) {
        // NFKC can expand one character into many ("ﷺ"): grow the buffers.
        fCodes = growInt32(fCodes);
        fs = growInt32(fs);
        fe = growInt32(fe);
      }
      fCodes[m] = c;
      fs[m] = i;
      fe[m] = i + width;
      m++;
    }
    i += width;
  }
  if (m > 0 && fCodes[m - 1] === SPACE) m--;
  if (fCodes !== scratch.fCodes) scratch = { ...makeScratch(fCodes.length), fCodes, fs, fe };
  const plainAscii = m === n && !nonAscii;
  const folded = plainAscii ? original.toLowerCase() : fromCodes(fCodes, m, astral);
  // Offsets in UTF-16 units of `folded` (astral characters widen); copied out at the end.
  let fStartUnits: Int32Array = fs;
  let fEndUnits: Int32Array = fe;
  let foldedUnits = m;
  if (astral) [fStartUnits, fEndUnits, foldedUnits] = perCodeUnit(fCodes, m, fs, fe);

  // --- words view ---
  if (scratch.kinds.length < m) scratch.kinds = new Uint8Array(m * 2);
  const kinds = scratch.kinds;
  let anyLeet = false;
  for (let i = 0; i < m; i++) {
    const k = classifyCode(fCodes[i]!);
    kinds[i] = k;
    if (k === C_LEET) anyLeet = true;
  }
  // Leet symbols belong to a word only where letters surround them, so "@everyone" and "wow!" stay words.
  for (let i = 0; anyLeet && i < m; i++) {
    if (kinds[i] !== C_LEET) continue;
    let j = i;
    let allDollar = true;
    let allStar = true;
    while (j < m && kinds[j] === C_LEET) {
      if (fCodes[j] !== DOLLAR) allDollar = false;
      if (fCodes[j] !== STAR) allStar = false;
      j++;
    }
    const before = i > 0 ? fCodes[i - 1]! : 0;
    const after = j < m ? fCodes[j]! : 0;
    const beforeWord = i > 0 && kinds[i - 1] === C_WORD;
    const afterWord = j < m && kinds[j] === C_WORD;
    // "f*ck" is a censored word, but "f*r*e*e" is letters spelled apart.
    const spelledApart = allStar && (starBeyondOneLetter(fCodes, m, kinds, i - 1, -1) || starBeyondOneLetter(fCodes, m, kinds, j, 1));
    const joins = spelledApart ? false : allDollar ? (beforeWord && isAsciiLetterCode(before)) || (afterWord && isAsciiLetterCode(after)) : beforeWord && afterWord;
    for (let k = i; k < j; k++) kinds[k] = joins ? C_WORD : C_SEP;
    i = j - 1;
  }

  // Each token adds at most one separating space: 2m bounds the words view.
  if (scratch.wCodes.length < 2 * m + 1) {
    scratch.wCodes = new Int32Array(4 * m + 2);
    scratch.ws = new Int32Array(4 * m + 2);
    scratch.we = new Int32Array(4 * m + 2);
  }
  const { wCodes, ws, we } = scratch;
  let w = 0;
  let hasIdeographs = false;
  let tokStart = -1;
  for (let i = 0; i <= m; i++) {
    const kind = i < m ? kinds[i] : C_SEP;
    if (kind === C_WORD) {
      if (tokStart < 0) tokStart = i;
      continue;
    }
    const ideo = kind === C_IDEO;
    if (ideo) hasIdeographs = true;
    // Emit the pending word token, then the ideograph (its own token).
    for (let pass = 0; pass < 2; pass++) {
      let from: number;
      let to: number;
      if (pass === 0) {
        if (tokStart < 0) continue;
        from = tokStart;
        to = i;
        tokStart = -1;
      } else {
        if (!ideo) continue;
        from = i;
        to = i + 1;
      }
      let hasLetter = false;
      for (let k = from; k < to; k++) {
        const c = fCodes[k]!;
        if (!(c >= 48 && c <= 57) && c !== DOLLAR && c !== 64 && c !== 33 && c !== 124 && c !== STAR) {
          hasLetter = true;
          break;
        }
      }
      if (w > 0) {
        wCodes[w] = SPACE;
        ws[w] = fs[from]!;
        we[w] = fs[from]!;
        w++;
      }
      let prev = -1;
      for (let k = from; k < to; k++) {
        let c = fCodes[k]!;
        if (hasLetter && c < 128 && leetCodes[c]! >= 0) c = leetCodes[c]!;
        if (c === 64) c = 97; // @ → a
        else if (c === DOLLAR) c = 115; // $ → s
        else if (c === 33 || c === 124 || c === 108) c = 105; // ! | l → i
        if (c === prev) {
          we[w - 1] = fe[k]!;
          continue;
        }
        wCodes[w] = c;
        ws[w] = fs[k]!;
        we[w] = fe[k]!;
        w++;
        prev = c;
      }
    }
  }
  const words = fromCodes(wCodes, w, astral);
  if (wordsOnly) {
    sideScratch = scratch;
    return words;
  }
  messageScratch = scratch;
  const gen = ++generation;
  // Token bounds are made from the words view when read (in UTF-16 units, astral characters or not).
  if (!astral) return new NormalizedText(original, folded, words, undefined, undefined, hasIdeographs, true, [fs, fe, ws, we], m, w, gen, false);
  const [wStart, wEnd, wordUnits] = perCodeUnit(wCodes, w, ws, we);
  return new NormalizedText(
    original,
    folded,
    words,
    undefined,
    undefined,
    hasIdeographs,
    true,
    [fStartUnits, fEndUnits, wStart, wEnd],
    foldedUnits,
    wordUnits,
    gen,
    true,
  );
}

/** The general path alone, never the plain-ASCII one (tests hold the two to the same output). */
export function normalizeGeneral(original: string): Normalized {
  return run(original, false, true) as Normalized;
}

// Terms, names and domain labels take the general path: they are often slices of other strings, and
// one slice reaching the plain-ASCII path made its compiled character reads handle every kind of string,
// twice as slow for every message after (message text arrives flat, from JSON). Same output either way.

/** The `words` view of a term, as keywords are compiled. */
export function canonical(text: string): string {
  return run(text, true, true) as string;
}

/** A confusable skeleton for names and domain labels: words view without spaces. */
export function skeleton(text: string): string {
  return (run(text, true, true) as string).replace(/ /g, '');
}
