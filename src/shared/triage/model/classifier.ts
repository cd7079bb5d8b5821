// The learned model beside the rules: hashed character n-grams and words of the normalized text, a
// linear softmax over five classes, calibrated thresholds per category, and an explanation in words
// (the tokens that pushed the score most). Pure and allocation-light: it runs per message in main and
// in the rule editor's preview. Trained by `npm run train` (src/main/cli/train.ts, learn.ts).
import type { Normalized } from '../normalize';
import { guessLanguage, type ModelLanguage } from './language';

export const MODEL_CLASSES = ['benign', 'scam', 'spam', 'toxicity', 'self-harm'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];
export type ModelCategory = Exclude<ModelClass, 'benign'>;
export const MODEL_CATEGORIES: readonly ModelCategory[] = ['scam', 'spam', 'toxicity', 'self-harm'];
/** Five classes (the scoring loop is unrolled for them). */
const K = 5;

/** Characters of the words view the model reads (a longer message is judged by its start). */
export const MODEL_MAX_CHARS = 2000;

/**
 * Which character n-grams the model reads: sizes lo..hi of each word padded with boundary marks, and
 * dLo..dHi inside a token of a dense script (ideographs, kana, hangul). Words and word pairs always.
 */
export type Grams = readonly [lo: number, hi: number, dLo: number, dHi: number];
/** What a weights file without `grams` was trained with. */
export const DEFAULT_GRAMS: Grams = [3, 4, 1, 2];

/** The weights file as shipped (JSON): int8 weights, base64, with one scale. */
export interface ModelFile {
  format: 1;
  bits: number;
  classes: string[];
  scale: number;
  bias: number[];
  /** Per category: the score from which the model flags (chosen on the dev part's calibration slice). */
  thresholds: Record<ModelCategory, number>;
  /** Per category: the scores from which a model flag is medium / high (calibrated precision ≥ 0.85 / 0.95). */
  severity: Record<ModelCategory, { medium: number; high: number }>;
  weights: string;
  /** The n-grams read (absent: DEFAULT_GRAMS). */
  grams?: [number, number, number, number];
  /**
   * Per guessed language (language.ts), the categories whose threshold its own calibration slice set (a
   * language whose scores sit lower, or whose benign lines score higher, than the pooled slice's); the
   * others keep `thresholds`.
   */
  languageThresholds?: Partial<Record<ModelLanguage, Partial<Record<ModelCategory, number>>>>;
  /** What it was trained from and what came out (sha-256, hex): `npm run train -- --check` compares. */
  trainedOn: string;
  weightsHash: string;
  trainedExamples: number;
}

export interface Model {
  readonly bits: number;
  readonly grams: Grams;
  readonly scale: number;
  readonly bias: Float64Array;
  readonly weights: Int8Array;
  readonly thresholds: Record<ModelCategory, number>;
  readonly languageThresholds: Partial<Record<ModelLanguage, Partial<Record<ModelCategory, number>>>> | undefined;
  /** Per category, the lowest and highest threshold of any language: only between them is the language asked for. */
  readonly lowest: Record<ModelCategory, number>;
  readonly highest: Record<ModelCategory, number>;
  readonly severity: Record<ModelCategory, { medium: number; high: number }>;
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function loadModel(file: ModelFile): Model {
  if (file.format !== 1 || file.classes.join() !== MODEL_CLASSES.join()) throw new Error('model: unknown weights format');
  const bytes = fromBase64(file.weights);
  if (bytes.length !== (1 << file.bits) * K) throw new Error('model: weights of the wrong size');
  const lowest = { ...file.thresholds };
  const highest = { ...file.thresholds };
  for (const byCategory of Object.values(file.languageThresholds ?? {})) {
    for (const [c, t] of Object.entries(byCategory) as Array<[ModelCategory, number]>) {
      lowest[c] = Math.min(lowest[c], t);
      highest[c] = Math.max(highest[c], t);
    }
  }
  const grams = file.grams ?? DEFAULT_GRAMS;
  if (!(grams[0] >= 1 && grams[0] <= grams[1] && grams[1] <= 8 && grams[2] >= 1 && grams[2] <= grams[3] && grams[3] <= 8)) throw new Error('model: unknown n-gram sizes');
  return { bits: file.bits, grams, scale: file.scale, bias: Float64Array.from(file.bias), weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), thresholds: file.thresholds, languageThresholds: file.languageThresholds, lowest, highest, severity: file.severity };
}

// ---- features -------------------------------------------------------------------------------------

const BOUND = 0x02;
/** Scratch: the token being read, padded with boundary marks. */
let codes = new Int32Array(256);
/** Scratch: the features of the message being read (hash, and the token it came from). */
let hashes = new Int32Array(4096);
let tokens = new Int32Array(4096);
let featureCount = 0;

/** An n-gram's hash from the running FNV state of its characters and its size. */
const finish = (h: number, size: number): number => Math.imul(h ^ (size * 0x9e3779b1), 0x85ebca6b);

/** The token nextToken read: words[tokStart, tokEnd), its tokLen characters in codes[1..tokLen] between boundary marks, of a dense script or not. */
let tokStart = 0;
let tokEnd = 0;
let tokLen = 0;
let tokDense = false;
/** The hash of the token read with its boundaries (its word feature). */
let tokWord = 0;

/**
 * Reads the token of `text` at or after `i` into `codes` (room for text.length + 3 made by the caller): one
 * token, or a run of one-character tokens joined ("f r e e" → "free", "你 是" → "你是"). Returns the index
 * after it, or -1 when no token is left.
 */
function nextToken(text: string, i: number): number {
  const n = text.length;
  const cs = codes;
  while (i < n && text.charCodeAt(i) === 32) i++;
  if (i >= n) return -1;
  const start = i;
  let len = 0;
  let dense = false;
  let end = i;
  for (;;) {
    let j = i;
    while (j < n && text.charCodeAt(j) !== 32) j++;
    const single = j - i === 1;
    if (len > 0 && !single) break;
    for (let p = i; p < j; p++) {
      const c = text.charCodeAt(p);
      cs[1 + len++] = c;
      if (c >= 0x2e80 && (c <= 0x9fff || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f))) dense = true;
    }
    end = j;
    i = j;
    if (!single) break;
    // Another one-character token right after?
    let k = j;
    while (k < n && text.charCodeAt(k) === 32) k++;
    if (k >= n || (k + 1 < n && text.charCodeAt(k + 1) !== 32)) break;
    i = k;
  }
  tokStart = start;
  tokEnd = end;
  tokLen = len;
  tokDense = dense;
  cs[0] = BOUND;
  cs[len + 1] = BOUND;
  // The whole token's hash (with its boundaries): its word feature.
  let w = 0x811c9dc5;
  for (let p = 0; p <= len + 1; p++) w = Math.imul(w ^ cs[p]!, 0x01000193);
  tokWord = w;
  return i;
}

/** Does the one-character token ending at `j` join the next one into a run (nextToken): is that one a single character too? */
function joinsNext(text: string, j: number): boolean {
  const n = text.length;
  let k = j;
  while (k < n && text.charCodeAt(k) === 32) k++;
  return k < n && (k + 1 >= n || text.charCodeAt(k + 1) === 32);
}

/** The feature of a pair of neighbouring tokens. */
const pairHash = (prevWord: number, w: number): number => Math.imul(prevWord ^ Math.imul(w, 0x5bd1e995), 0x27d4eb2d);

/**
 * Writes the n-gram features of the token read into `hs` from `count` (and `token` into `ts` when `track`);
 * returns the new count. Dense scripts: character dLo..dHi-grams inside the token (no boundary marks); other
 * scripts: the lo..hi-grams of the padded word. Each n-gram's hash extends the one before it from the same start.
 */
function gramHashes(len: number, dense: boolean, grams: Grams, hs: Int32Array, ts: Int32Array, count: number, track: boolean, token: number): number {
  const cs = codes;
  const [lo, hi, dLo, dHi] = grams;
  if (dense) {
    for (let p = 1; p <= len; p++) {
      let h = 0x811c9dc5;
      for (let s = 0; s < dHi && p + s <= len; s++) {
        h = Math.imul(h ^ cs[p + s]!, 0x01000193);
        if (s + 1 >= dLo) {
          hs[count] = finish(h, 17 + s);
          if (track) ts[count] = token;
          count++;
        }
      }
    }
  } else {
    for (let p = 0; p + lo <= len + 2; p++) {
      let h = 0x811c9dc5;
      for (let s = 0; s < hi && p + s <= len + 1; s++) {
        h = Math.imul(h ^ cs[p + s]!, 0x01000193);
        if (s + 1 >= lo) {
          hs[count] = finish(h, s + 1);
          if (track) ts[count] = token;
          count++;
        }
      }
    }
  }
  return count;
}

/**
 * Reads the features of the words view into the scratch tables (`hashes`, `tokens`; `featureCount` of
 * them): per token (nextToken) the whole word and the pair with the token before, then its n-grams
 * (gramHashes). `spans` receives each token's (start, end) in `words`.
 */
function readFeatures(words: string, spans: number[] | undefined, grams: Grams): void {
  const [, hi, , dHi] = grams;
  // Which token each feature came from matters only to an explanation (`spans` given).
  const track = spans !== undefined;
  const text = words.length > MODEL_MAX_CHARS ? words.slice(0, MODEL_MAX_CHARS) : words;
  const n = text.length;
  // At most 2 features per character plus 2 per token: room for all of them up front, so the loops
  // write without checks.
  const room = (Math.max(hi, dHi) + 2) * n + 8;
  if (hashes.length < room) {
    hashes = new Int32Array(room);
    tokens = new Int32Array(room);
  }
  if (codes.length < n + 3) codes = new Int32Array(n + 3);
  const hs = hashes;
  const ts = tokens;
  let count = 0;
  let token = 0;
  let prevWord = 0;
  let i = 0;
  while ((i = nextToken(text, i)) >= 0) {
    if (spans) spans.push(tokStart, tokEnd);
    const len = tokLen;
    const w = tokWord;
    hs[count] = w;
    if (track) ts[count] = token;
    count++;
    if (token > 0) {
      hs[count] = pairHash(prevWord, w);
      if (track) ts[count] = token;
      count++;
    }
    prevWord = w;
    count = gramHashes(len, tokDense, grams, hs, ts, count, track, token);
    token++;
  }
  featureCount = count;
}

/** Calls `emit(hash, token)` for every feature of the words view (see readFeatures). */
export function forEachFeature(words: string, emit: (hash: number, token: number) => void, spans?: number[], grams: Grams = DEFAULT_GRAMS): void {
  readFeatures(words, spans ?? [], grams);
  const n = featureCount;
  const h = hashes.slice(0, n);
  const t = tokens.slice(0, n);
  for (let f = 0; f < n; f++) emit(h[f]! >>> 0, t[f]!);
}

// ---- scoring --------------------------------------------------------------------------------------

/** Scratch sums per class (the hot path allocates nothing but a verdict). */
const sums = new Float64Array(K);

/**
 * What a token adds to a message's score, kept per model: the sums of its word's and its n-grams' weights
 * per class and how many features they are. A token's n-grams depend on its characters only, and chat
 * repeats its words, so most tokens are found here instead of hashing ~10 n-grams and reading ~10 scattered
 * weights each. The sums are of integers (int8 weights): in any order the same, so a message scores exactly
 * as feature by feature. Direct-mapped by the word's hash, each slot checked against the token's characters;
 * bounded (hostile text only evicts).
 */
class TokenSums {
  static readonly SLOTS = 4096;
  /** Longer tokens are summed on every read, not kept (V8 copies a slice this short; a longer one would keep its message). */
  static readonly MAX_LEN = 12;
  /** Per slot: the token's characters (undefined: empty). */
  private readonly keys: Array<string | undefined> = new Array<string | undefined>(TokenSums.SLOTS).fill(undefined);
  /** Per slot, then one more for a token not kept: K class sums and the feature count. */
  readonly sums = new Int32Array((TokenSums.SLOTS + 1) * (K + 1));
  private scratch = new Int32Array(64);

  constructor(private readonly model: Model) {}

  /** Where the sums of a joined run read by nextToken (`w` its tokWord) begin in `sums`: found, or read and not kept. */
  ofJoined(w: number, len: number, dense: boolean): number {
    const slot = w & (TokenSums.SLOTS - 1);
    const key = this.keys[slot];
    if (key !== undefined && key.length === len) {
      const cs = codes;
      let p = 0;
      while (p < len && key.charCodeAt(p) === cs[p + 1]) p++;
      if (p === len) return slot * (K + 1);
    }
    const at = TokenSums.SLOTS * (K + 1);
    this.read(w, len, dense, at);
    return at;
  }

  /** Where the sums of the token text[start, end) (one run; `w` its word hash) begin in `sums`. */
  ofRun(text: string, start: number, end: number, w: number, dense: boolean): number {
    const len = end - start;
    const slot = w & (TokenSums.SLOTS - 1);
    const key = this.keys[slot];
    if (key !== undefined && key.length === len) {
      let p = 0;
      while (p < len && key.charCodeAt(p) === text.charCodeAt(start + p)) p++;
      if (p === len) return slot * (K + 1);
    }
    const cs = codes;
    for (let p = 0; p < len; p++) cs[p + 1] = text.charCodeAt(start + p);
    cs[0] = BOUND;
    cs[len + 1] = BOUND;
    const keep = len <= TokenSums.MAX_LEN;
    const at = (keep ? slot : TokenSums.SLOTS) * (K + 1);
    this.read(w, len, dense, at);
    if (keep) this.keys[slot] = text.slice(start, end);
    return at;
  }

  /** Sums the word's and its n-grams' weights into sums[at ..]. */
  private read(w: number, len: number, dense: boolean, at: number): void {
    const { grams, weights } = this.model;
    const room = (Math.max(grams[1], grams[3]) + 2) * (len + 2);
    if (this.scratch.length < room) this.scratch = new Int32Array(room);
    const hs = this.scratch;
    hs[0] = w;
    const n = gramHashes(len, dense, grams, hs, hs, 1, false, 0);
    sumHashedRows(weights, hs, n, (1 << this.model.bits) - 1, this.sums, at);
    this.sums[at + 5] = n;
  }
}

/** Writes into out[at .. at + K] the sums of the weight rows the first `n` hashes name (masked to the table). */
function sumHashedRows(weights: Int8Array, hs: Int32Array, n: number, mask: number, out: Int32Array | Float64Array, at: number): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let f = 0; f < n; f++) {
    const base = (hs[f]! & mask) * K;
    s0 += weights[base]!;
    s1 += weights[base + 1]!;
    s2 += weights[base + 2]!;
    s3 += weights[base + 3]!;
    s4 += weights[base + 4]!;
  }
  out[at] = s0;
  out[at + 1] = s1;
  out[at + 2] = s2;
  out[at + 3] = s3;
  out[at + 4] = s4;
}

const tokenSums = new WeakMap<Model, TokenSums>();
/** Scratch: the weight offsets of a message's token pairs (scoreWords). */
let pairBases = new Int32Array(256);
let lastModel: Model | undefined;
let lastSums: TokenSums | undefined;

/** Probabilities per class, in MODEL_CLASSES order. */
export function scoreWords(model: Model, words: string, out = new Float64Array(K)): Float64Array {
  if (model !== lastModel) {
    lastSums = tokenSums.get(model);
    if (!lastSums) tokenSums.set(model, (lastSums = new TokenSums(model)));
    lastModel = model;
  }
  const cache = lastSums!;
  const text = words.length > MODEL_MAX_CHARS ? words.slice(0, MODEL_MAX_CHARS) : words;
  if (codes.length < text.length + 3) codes = new Int32Array(text.length + 3);
  // A pair's weights are a read anywhere in a table of megabytes (a cache miss): the pairs are gathered
  // while the tokens are read and summed after, where their reads do not wait on one another. The sums
  // are of integers, so the order does not change them by a bit.
  if (pairBases.length < text.length) pairBases = new Int32Array(text.length + 16);
  const bases = pairBases;
  let pairs = 0;
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const kept = cache.sums;
  // Five classes, unrolled: per token its kept sums and the pair with the token before, five sums in registers.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let count = 0;
  let prevWord = 0;
  let token = 0;
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    // Most tokens are one run of the words view: hashed straight from the text and looked up; a run of
    // one-character tokens joined ("f r e e") is read by nextToken.
    let j = i;
    let h = Math.imul(0x811c9dc5 ^ BOUND, 0x01000193);
    let dense = false;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 32) break;
      h = Math.imul(h ^ c, 0x01000193);
      if (c >= 0x2e80 && (c <= 0x9fff || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f))) dense = true;
    }
    let word: number;
    let at: number;
    if (j - i === 1 && joinsNext(text, j)) {
      i = nextToken(text, i);
      word = tokWord;
      at = cache.ofJoined(word, tokLen, tokDense);
    } else {
      word = Math.imul(h ^ BOUND, 0x01000193);
      at = cache.ofRun(text, i, j, word, dense);
      i = j;
    }
    if (token > 0) {
      bases[pairs++] = (pairHash(prevWord, word) & mask) * K;
      count++;
    }
    prevWord = word;
    s0 += kept[at]!;
    s1 += kept[at + 1]!;
    s2 += kept[at + 2]!;
    s3 += kept[at + 3]!;
    s4 += kept[at + 4]!;
    count += kept[at + 5]!;
    token++;
  }
  for (let q = 0; q < pairs; q++) {
    const base = bases[q]!;
    s0 += w[base]!;
    s1 += w[base + 1]!;
    s2 += w[base + 2]!;
    s3 += w[base + 3]!;
    s4 += w[base + 4]!;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
  sums[4] = s4;
  return probabilities(model, count, out);
}

/** Probabilities per class, feature by feature without the kept token sums: what scoreWords must equal (tests). */
export function scoreWordsUncached(model: Model, words: string, out = new Float64Array(K)): Float64Array {
  readFeatures(words, undefined, model.grams);
  sumHashedRows(model.weights, hashes, featureCount, (1 << model.bits) - 1, sums, 0);
  return probabilities(model, featureCount, out);
}

/** The softmax of the class sums in `sums` over `count` features (normalized by their number). */
function probabilities(model: Model, count: number, out: Float64Array): Float64Array {
  const norm = count > 0 ? model.scale / Math.sqrt(count) : 0;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    out[k] = model.bias[k]! + sums[k]! * norm;
    if (out[k]! > max) max = out[k]!;
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < K; k++) out[k]! /= total;
  return out;
}

export interface ModelVerdict {
  category: ModelCategory;
  score: number;
  severity: 'low' | 'medium' | 'high';
}

const probs = new Float64Array(K);
const noVerdicts: ModelVerdict[] = [];

/** A category's threshold for a message in `lang` (its language's own, else the global one). */
export function thresholdOf(model: Model, category: ModelCategory, lang: ModelLanguage | ''): number {
  return (lang === '' ? undefined : model.languageThresholds?.[lang]?.[category]) ?? model.thresholds[category];
}

/**
 * The verdicts of class probabilities `p` (MODEL_CLASSES order) for a message whose original text is
 * `text`: its language is guessed only when a score sits between the lowest and the highest of the
 * category's thresholds (most messages score low, and pay nothing for it). Without `text`, the global thresholds.
 */
export function verdictsOf(model: Model, p: ArrayLike<number>, text?: string): ModelVerdict[] {
  let out: ModelVerdict[] | undefined;
  let lang: ModelLanguage | '' | undefined;
  for (let k = 1; k < K; k++) {
    const category = MODEL_CLASSES[k] as ModelCategory;
    const score = p[k]!;
    if (score < model.lowest[category]) continue;
    if (text === undefined) {
      if (score < model.thresholds[category]) continue;
    } else if (score < model.highest[category] && score < thresholdOf(model, category, (lang ??= guessLanguage(text)))) continue;
    const band = model.severity[category];
    (out ??= []).push({ category, score, severity: score >= band.high ? 'high' : score >= band.medium ? 'medium' : 'low' });
  }
  return out ? out.sort((a, b) => b.score - a.score) : noVerdicts;
}

/** The categories whose calibrated score reaches its threshold, strongest first (usually none). `text`: see verdictsOf. */
export function judge(model: Model, words: string, text?: string): ModelVerdict[] {
  return verdictsOf(model, scoreWords(model, words, probs), text);
}

// ---- explanation ----------------------------------------------------------------------------------

export interface ModelReason {
  /** Tokens of the words view (start, end) that pushed towards the category most, strongest first. */
  spans: Array<{ start: number; end: number; text: string }>;
}

/** The (up to `top`) tokens whose features pushed the message from benign towards `category` most. */
export function explainWords(model: Model, words: string, category: ModelCategory, top = 3): ModelReason {
  const k = MODEL_CLASSES.indexOf(category);
  const spans: number[] = [];
  const pushes: number[] = [];
  const m = (1 << model.bits) - 1;
  const w = model.weights;
  forEachFeature(
    words,
    (hash, token) => {
      const base = (hash & m) * K;
      pushes[token] = (pushes[token] ?? 0) + w[base + k]! - w[base]!;
    },
    spans,
    model.grams,
  );
  const order = pushes.map((v, t) => [v, t] as const).filter(([v]) => v > 0).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return { spans: order.slice(0, top).map(([, t]) => ({ start: spans[2 * t]!, end: spans[2 * t + 1]!, text: words.slice(spans[2 * t]!, spans[2 * t + 1]!) })) };
}

/** What a model flag says, in the moderator's words (the pack's reasons are English data too). */
export const MODEL_READS_LIKE: Record<ModelCategory, string> = {
  scam: 'reads like a scam',
  spam: 'reads like spam or advertising',
  toxicity: 'reads like an insult or abuse',
  'self-harm': 'reads like someone at risk of self-harm',
};

/** Scores and explains over a normalized message: the words view, mapped back to the original text. */
export function explainNormalized(model: Model, norm: Normalized, category: ModelCategory): Array<{ start: number; end: number; text: string }> {
  return explainWords(model, norm.words, category).spans.map((s) => {
    const start = norm.wordStart(s.start) ?? 0;
    const end = norm.wordEnd(s.end - 1) ?? start;
    return { start, end, text: norm.original.slice(start, end) };
  });
}
