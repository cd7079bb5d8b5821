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

/**
 * Reads the features of the words view into the scratch tables (`hashes`, `tokens`; `featureCount` of
 * them): per token (runs of one-letter tokens, i.e. letters spelled apart or spaced ideographs, are
 * joined first) its character 3–4-grams with word boundaries and the whole word, or for dense scripts its
 * character 1–2-grams (each ideograph and each pair); and each pair of neighbouring tokens. Each n-gram's hash extends the one before
 * it from the same start (one multiply per character, not per n-gram size). `spans` receives each token's
 * (start, end) in `words`.
 */
function readFeatures(words: string, spans: number[] | undefined, grams: Grams): void {
  const [lo, hi, dLo, dHi] = grams;
  // Which token each feature came from matters only to an explanation (`spans` given).
  const track = spans !== undefined;
  const text = words.length > MODEL_MAX_CHARS ? words.slice(0, MODEL_MAX_CHARS) : words;
  const n = text.length;
  // At most 2 features per character plus 2 per token: room for all of them up front, so the loops
  // below write without checks (hot path: locals, no calls).
  const room = (Math.max(hi, dHi) + 2) * n + 8;
  if (hashes.length < room) {
    hashes = new Int32Array(room);
    tokens = new Int32Array(room);
  }
  if (codes.length < n + 3) codes = new Int32Array(n + 3);
  const hs = hashes;
  const ts = tokens;
  const cs = codes;
  let count = 0;
  let token = 0;
  let prevWord = 0;
  let i = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    // One token, or a run of one-character tokens joined ("f r e e" → "free", "你 是" → "你是").
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
    if (spans) spans.push(start, end);
    cs[0] = BOUND;
    cs[len + 1] = BOUND;
    // The whole word (with its boundaries), and the pair with the previous word.
    let w = 0x811c9dc5;
    for (let p = 0; p <= len + 1; p++) w = Math.imul(w ^ cs[p]!, 0x01000193);
    hs[count] = w;
    if (track) ts[count] = token;
    count++;
    if (token > 0) {
      hs[count] = Math.imul(prevWord ^ Math.imul(w, 0x5bd1e995), 0x27d4eb2d);
      if (track) ts[count] = token;
      count++;
    }
    prevWord = w;
    if (dense) {
      // Dense scripts: character n-grams of sizes dLo..dHi inside the token (no boundary marks).
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
      // Other scripts: the lo..hi-grams of the padded word.
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

/** Probabilities per class, in MODEL_CLASSES order. */
export function scoreWords(model: Model, words: string, out = new Float64Array(K)): Float64Array {
  readFeatures(words, undefined, model.grams);
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const hs = hashes;
  // Five classes, unrolled: one pass over the features, five sums in registers.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let f = 0; f < featureCount; f++) {
    const base = (hs[f]! & mask) * K;
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
  const norm = featureCount > 0 ? model.scale / Math.sqrt(featureCount) : 0;
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
