// The learned model beside the rules: hashed character n-grams and words of the normalized text, a
// linear softmax over five classes, calibrated thresholds per category, and an explanation in words
// (the tokens that pushed the score most). Pure and allocation-light: it runs per message in main and
// in the rule editor's preview. Trained by `npm run train` (src/main/cli/train.ts, learn.ts).
import type { Normalized } from '../normalize';

export const MODEL_CLASSES = ['benign', 'scam', 'spam', 'toxicity', 'self-harm'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];
export type ModelCategory = Exclude<ModelClass, 'benign'>;
export const MODEL_CATEGORIES: readonly ModelCategory[] = ['scam', 'spam', 'toxicity', 'self-harm'];
const K = MODEL_CLASSES.length;

/** Characters of the words view the model reads (a longer message is judged by its start). */
export const MODEL_MAX_CHARS = 2000;

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
  /** What it was trained from and what came out (sha-256, hex): `npm run train -- --check` compares. */
  trainedOn: string;
  weightsHash: string;
  trainedExamples: number;
}

export interface Model {
  readonly bits: number;
  readonly scale: number;
  readonly bias: Float64Array;
  readonly weights: Int8Array;
  readonly thresholds: Record<ModelCategory, number>;
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
  return { bits: file.bits, scale: file.scale, bias: Float64Array.from(file.bias), weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), thresholds: file.thresholds, severity: file.severity };
}

// ---- features -------------------------------------------------------------------------------------

/** Scripts written without spaces: read as character 1–3-grams, not as words. */
function isDense(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);
}

const BOUND = 0x02;
/** Scratch: the token being read, padded with boundary marks. */
let codes = new Int32Array(256);

/**
 * Calls `emit(hash, token)` for every feature of the words view: per token (runs of one-letter tokens,
 * i.e. letters spelled apart or spaced ideographs, are joined first) its character 3–5-grams with word
 * boundaries and the whole word, or for dense scripts its character 1–3-grams; and each pair of
 * neighbouring tokens. `token` indexes the token list `spans` receives (start, end in `words`).
 */
export function forEachFeature(words: string, emit: (hash: number, token: number) => void, spans?: number[]): number {
  const text = words.length > MODEL_MAX_CHARS ? words.slice(0, MODEL_MAX_CHARS) : words;
  let token = 0;
  let prevWord = 0;
  let i = 0;
  const n = text.length;
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
        if (len + 2 >= codes.length) {
          const grown = new Int32Array(codes.length * 2);
          grown.set(codes);
          codes = grown;
        }
        codes[1 + len++] = c;
        if (isDense(c)) dense = true;
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
    codes[0] = BOUND;
    codes[len + 1] = BOUND;
    // The whole word (with its boundaries), and the pair with the previous word.
    let w = 0x811c9dc5;
    for (let p = 0; p <= len + 1; p++) w = Math.imul(w ^ codes[p]!, 0x01000193);
    emit(w >>> 0, token);
    if (token > 0) emit(Math.imul(prevWord ^ Math.imul(w, 0x5bd1e995), 0x27d4eb2d) >>> 0, token);
    prevWord = w;
    if (dense) {
      for (let size = 1; size <= 3; size++) {
        for (let p = 1; p + size <= len + 1; p++) {
          let h = Math.imul(0x811c9dc5 ^ (size + 16), 0x01000193);
          for (let q = 0; q < size; q++) h = Math.imul(h ^ codes[p + q]!, 0x01000193);
          emit(h >>> 0, token);
        }
      }
    } else {
      for (let size = 3; size <= 5; size++) {
        if (size > len + 2) break;
        for (let p = 0; p + size <= len + 2; p++) {
          let h = Math.imul(0x811c9dc5 ^ size, 0x01000193);
          for (let q = 0; q < size; q++) h = Math.imul(h ^ codes[p + q]!, 0x01000193);
          emit(h >>> 0, token);
        }
      }
    }
    token++;
  }
  return token;
}

// ---- scoring --------------------------------------------------------------------------------------

/** Scratch sums per class (the hot path allocates nothing but the result). */
const sums = new Float64Array(K);
let featureCount = 0;
let activeModel: Model | undefined;
let mask = 0;
const addFeature = (hash: number): void => {
  const base = (hash & mask) * K;
  const w = activeModel!.weights;
  for (let k = 0; k < K; k++) sums[k]! += w[base + k]!;
  featureCount++;
};

/** Probabilities per class, in MODEL_CLASSES order. */
export function scoreWords(model: Model, words: string, out = new Float64Array(K)): Float64Array {
  sums.fill(0);
  featureCount = 0;
  activeModel = model;
  mask = (1 << model.bits) - 1;
  forEachFeature(words, addFeature);
  activeModel = undefined;
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

/** The categories whose calibrated score reaches its threshold, strongest first (usually none). */
export function judge(model: Model, words: string): ModelVerdict[] {
  scoreWords(model, words, probs);
  let out: ModelVerdict[] | undefined;
  for (let k = 1; k < K; k++) {
    const category = MODEL_CLASSES[k] as ModelCategory;
    const p = probs[k]!;
    if (p < model.thresholds[category]) continue;
    const band = model.severity[category];
    (out ??= []).push({ category, score: p, severity: p >= band.high ? 'high' : p >= band.medium ? 'medium' : 'low' });
  }
  return out ? out.sort((a, b) => b.score - a.score) : [];
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
