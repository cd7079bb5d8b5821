// Compares model settings on the training side only: trains on the fit part, and on the calibration slice
// (train.ts isValidation: one in five training examples, by template or text; never held-out or public test lines) reports, per
// category, the recall reachable at fixed benign false-positive rates, so settings are compared apart
// from how the thresholds are then chosen. Run: npx tsx eval/validate.ts ['{"epochs":12}']
import { normalize } from '../src/shared/triage/normalize';
import { loadModel, MODEL_CLASSES, scoreWords } from '../src/shared/triage/model/classifier';
import { guessLanguage } from '../src/shared/triage/model/language';
import { isValidation, train, trainingSources } from '../src/main/cli/train';

const { hardWeight, ...options } = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const sources = trainingSources();
const hash = sources.hash;
// `hardWeight`: what a public hard negative counts in training instead of train.ts's HARD_WEIGHT.
const examples = typeof hardWeight === 'number' ? sources.examples.map((e) => (e.hard ? { ...e, weight: hardWeight } : e)) : sources.examples;
const started = performance.now();
const learned = train(examples, hash, options);
const seconds = Math.round((performance.now() - started) / 100) / 10;
const model = loadModel(learned.file);
const slice = examples.filter(isValidation);
const scored = slice.map((e) => ({ e, lang: guessLanguage(e.text), p: Array.from(scoreWords(model, normalize(e.text).words)) }));

/** Recall of `category` at the cut where `rate` of the benign group scores above it. */
function recallAt(k: number, positives: number[], benign: number[], rate: number): number {
  const sorted = [...benign].sort((a, b) => b - a);
  const cut = (sorted[Math.floor(rate * sorted.length)] ?? 0) + 1e-9;
  return positives.length === 0 ? NaN : positives.filter((p) => p >= cut).length / positives.length;
}
const r = (x: number): number => Math.round(x * 1000) / 10;
const out: Record<string, unknown> = { seconds, bytes: JSON.stringify(learned.file).length };
for (const category of ['scam', 'spam', 'toxicity', 'self-harm'] as const) {
  const k = MODEL_CLASSES.indexOf(category);
  const pos = scored.filter((s) => s.e.label === category).map((s) => s.p[k]!);
  const plain = scored.filter((s) => s.e.label === 'benign' && !s.e.hard).map((s) => s.p[k]!);
  const hard = scored.filter((s) => s.e.label === 'benign' && s.e.hard).map((s) => s.p[k]!);
  out[category] = { n: pos.length, 'r@plain1%': r(recallAt(k, pos, plain, 0.01)), 'r@plain0.25%': r(recallAt(k, pos, plain, 0.0025)), 'r@hard5%': r(recallAt(k, pos, hard, 0.05)), shipped: r(learned.calibration[category].recall) };
}
const k = MODEL_CLASSES.indexOf('toxicity');
const langs: Record<string, unknown> = {};
for (const lang of ['ar', 'de', 'en', 'es', 'fr', 'pt', 'ru', 'tr', 'vi', 'zh']) {
  const pos = scored.filter((s) => s.lang === lang && s.e.label === 'toxicity').map((s) => s.p[k]!);
  const ben = scored.filter((s) => s.lang === lang && s.e.label === 'benign').map((s) => s.p[k]!);
  langs[lang] = [r(recallAt(k, pos, ben, 0.01)), r(learned.languages[lang as 'en']?.toxicity?.recall ?? learned.calibration.toxicity.recall)];
}
out.toxLang = langs;
process.stdout.write(JSON.stringify(out) + '\n');
