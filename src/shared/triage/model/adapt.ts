// Per-community adaptation of the learned model from the team's decisions (issue #15 §1). The shipped
// model (classifier.ts) stays as it is; beside it, each community keeps a small delta learned online from
// its labels: a delete, timeout or ban of a message is a positive label for the category it was flagged
// (or reported) as, a "resolve without action" a negative one. The delta adds to that category's logit:
// one bias per category and a sparse weight per (feature bucket, category), updated by one logistic step
// per label. Everything is bounded (each bias, each weight, and the whole shift of one message's logit),
// so a handful of labels nudges the scores but cannot make the model flag everything or go silent.
// Deterministic: same labels in the same order → the same delta; float64, no randomness.
import { forEachFeature, MODEL_CATEGORIES, MODEL_CLASSES, scoreWords, verdictsOf, type Model, type ModelCategory, type ModelVerdict } from './classifier';

const K = MODEL_CLASSES.length;

export interface AdaptOptions {
  /** Buckets of the sparse delta (2^bits; far fewer than the model's, a community labels few messages). */
  bits: number;
  /** Step size of the weights (per unit of normalized feature) and of the bias. */
  rate: number;
  biasRate: number;
  /** Bounds: |bias| per category, |weight| per bucket and category, |total shift| of one logit. */
  maxBias: number;
  maxWeight: number;
  maxShift: number;
}

export const ADAPT_DEFAULTS: AdaptOptions = { bits: 14, rate: 1.5, biasRate: 0.05, maxBias: 0.5, maxWeight: 1, maxShift: 3 };

/** One decision as a label: the message's words view, the category it concerned, and which way. */
export interface AdaptLabel {
  words: string;
  category: ModelCategory;
  /** true: deleted / timed out / banned; false: resolved without action. */
  positive: boolean;
}

export interface Adaptation {
  readonly options: AdaptOptions;
  /** Bias per category (MODEL_CATEGORIES order). */
  readonly bias: Float64Array;
  /** Sparse weights: bucket → 4 values (MODEL_CATEGORIES order). */
  readonly weights: Map<number, Float64Array>;
  /** Labels learned from. */
  labels: number;
}

export function createAdaptation(options: Partial<AdaptOptions> = {}): Adaptation {
  return { options: { ...ADAPT_DEFAULTS, ...options }, bias: new Float64Array(MODEL_CATEGORIES.length), weights: new Map(), labels: 0 };
}

const clamp = (v: number, bound: number): number => (v > bound ? bound : v < -bound ? -bound : v);

/** The buckets of a message's features (with repeats), as the delta sees them. */
function bucketsOf(words: string, bits: number): number[] {
  const mask = (1 << bits) - 1;
  const out: number[] = [];
  forEachFeature(words, (hash) => out.push(hash & mask));
  return out;
}

/** The shift of each category's logit for a message (bounded by maxShift). */
function shifts(adaptation: Adaptation, buckets: readonly number[]): Float64Array {
  const { maxShift } = adaptation.options;
  const out = Float64Array.from(adaptation.bias);
  if (buckets.length > 0 && adaptation.weights.size > 0) {
    const norm = 1 / Math.sqrt(buckets.length);
    for (const b of buckets) {
      const w = adaptation.weights.get(b);
      if (!w) continue;
      for (let c = 0; c < out.length; c++) out[c]! += w[c]! * norm;
    }
  }
  for (let c = 0; c < out.length; c++) out[c] = clamp(out[c]!, maxShift);
  return out;
}

/** Probabilities per class (MODEL_CLASSES order) with the community's delta added to the category logits. */
export function scoreAdapted(model: Model, adaptation: Adaptation | undefined, words: string, out = new Float64Array(K)): Float64Array {
  scoreWords(model, words, out);
  if (!adaptation || adaptation.labels === 0) return out;
  const d = shifts(adaptation, bucketsOf(words, adaptation.options.bits));
  // softmax(log p + delta), benign's delta 0: the same as adding delta to the logits.
  let total = out[0]!;
  for (let k = 1; k < K; k++) total += out[k] = out[k]! * Math.exp(d[k - 1]!);
  for (let k = 0; k < K; k++) out[k]! /= total;
  return out;
}

/** Learns one decision: one logistic step on the category's adapted probability, then the bounds. */
export function learnDecision(model: Model, adaptation: Adaptation, label: AdaptLabel): void {
  const { rate, biasRate, maxBias, maxWeight, bits } = adaptation.options;
  const c = MODEL_CATEGORIES.indexOf(label.category);
  if (c < 0) return;
  const p = scoreAdapted(model, adaptation, label.words)[c + 1]!;
  const g = (label.positive ? 1 : 0) - p;
  adaptation.bias[c] = clamp(adaptation.bias[c]! + biasRate * g, maxBias);
  const buckets = bucketsOf(label.words, bits);
  if (buckets.length > 0) {
    const step = (rate * g) / Math.sqrt(buckets.length);
    for (const b of buckets) {
      let w = adaptation.weights.get(b);
      if (!w) adaptation.weights.set(b, (w = new Float64Array(MODEL_CATEGORIES.length)));
      w[c] = clamp(w[c]! + step, maxWeight);
    }
  }
  adaptation.labels++;
}

/** Learns decisions in order (the order matters; the ledger's order is the same on every console). */
export function adaptFrom(model: Model, labels: Iterable<AdaptLabel>, options: Partial<AdaptOptions> = {}): Adaptation {
  const adaptation = createAdaptation(options);
  for (const label of labels) learnDecision(model, adaptation, label);
  return adaptation;
}

/** judge() with the community's delta: the categories whose adapted score reaches its threshold. */
export function judgeAdapted(model: Model, adaptation: Adaptation | undefined, words: string, text?: string): ModelVerdict[] {
  return [...verdictsOf(model, scoreAdapted(model, adaptation, words), text)];
}

// ---- the compact form that travels through the team ledger -----------------------------------------

/**
 * An adaptation as the team ledger carries it (one signed record, one platform message): the labels it
 * came from, the bias per category (rounded to 1/1000), and the strongest weights only — each entry 3
 * bytes, base64: the bucket (14 bits) and the category (2 bits), then the weight as int8 of maxWeight.
 * Every console (the proposer's too) judges with the expanded compact form, so they judge alike.
 */
export interface AdaptationDelta {
  labels: number;
  bias: number[];
  delta: string;
}

/** Entries kept: 360 × 3 bytes = 1,440 base64 characters, so the record fits a 2,000-character message. */
export const ADAPT_MAX_ENTRIES = 360;
/** The compact form holds buckets of 14 bits. */
const COMPACT_BITS = 14;

function toB64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function compactAdaptation(adaptation: Adaptation, maxEntries = ADAPT_MAX_ENTRIES): AdaptationDelta {
  if (adaptation.options.bits !== COMPACT_BITS) throw new Error('adapt: the compact form holds 14-bit buckets');
  const scale = 127 / adaptation.options.maxWeight;
  const entries: Array<{ bucket: number; c: number; q: number; abs: number }> = [];
  for (const [bucket, w] of adaptation.weights) {
    for (let c = 0; c < w.length; c++) {
      const q = Math.round(w[c]! * scale);
      if (q !== 0) entries.push({ bucket, c, q, abs: Math.abs(w[c]!) });
    }
  }
  // The strongest first; ties by bucket and category, so the same adaptation packs to the same bytes.
  entries.sort((a, b) => b.abs - a.abs || a.bucket - b.bucket || a.c - b.c);
  const kept = entries.slice(0, maxEntries).sort((a, b) => a.bucket - b.bucket || a.c - b.c);
  const bytes = new Uint8Array(kept.length * 3);
  kept.forEach((e, i) => {
    const key = (e.bucket << 2) | e.c;
    bytes[i * 3] = key >> 8;
    bytes[i * 3 + 1] = key & 0xff;
    bytes[i * 3 + 2] = e.q & 0xff;
  });
  return { labels: adaptation.labels, bias: [...adaptation.bias].map((b) => Math.round(b * 1000) / 1000), delta: toB64(bytes) };
}

/** The adaptation a compact form stands for (defaults for the bounds; a malformed delta throws). */
export function expandAdaptation(compact: AdaptationDelta): Adaptation {
  const adaptation = createAdaptation();
  const { maxBias, maxWeight } = adaptation.options;
  compact.bias.slice(0, MODEL_CATEGORIES.length).forEach((b, c) => (adaptation.bias[c] = clamp(b, maxBias)));
  const bin = atob(compact.delta);
  if (bin.length % 3 !== 0) throw new Error('adapt: malformed delta');
  for (let i = 0; i < bin.length; i += 3) {
    const key = (bin.charCodeAt(i) << 8) | bin.charCodeAt(i + 1);
    const q = (bin.charCodeAt(i + 2) << 24) >> 24;
    const bucket = key >> 2;
    let w = adaptation.weights.get(bucket);
    if (!w) adaptation.weights.set(bucket, (w = new Float64Array(MODEL_CATEGORIES.length)));
    w[key & 3] = clamp((q / 127) * maxWeight, maxWeight);
  }
  adaptation.labels = compact.labels;
  return adaptation;
}
