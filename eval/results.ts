// Threshold-free figures of the learned model, per public source: ROC-AUC and average precision (PR-AUC)
// of the model's score for the source's category on its test lines, the model's own recall and benign
// false-positive rate at its shipped thresholds, and the published figures of the source's authors or
// shared task (another metric on the same test set, so a ceiling to read against, not a score to match).
// Also the same per source on the validation slice (train side), where settings may be compared.
// Writes eval/RESULTS.md (`--write`) or prints it. Run: npx tsx eval/results.ts [--write] [--weights FILE]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalize } from '../src/shared/triage/normalize';
import { judge, loadModel, MODEL_CLASSES, scoreWords, type Model, type ModelFile } from '../src/shared/triage/model/classifier';
import { textOf, type Row } from './score';
import { isValidation, trainingSources } from '../src/main/cli/train';

/**
 * What the source's authors or shared task published for the same test set (their metric, their split;
 * our split of a source without one differs). `null`: nothing comparable is known to this script.
 */
const PUBLISHED: Record<string, string | null> = {
  'germeval-de': 'GermEval 2018 task 1 (coarse, macro-F1): best of 51 runs ≈ 0.77; RuG\'s ensemble (SVM + CNN) 0.755 on its own validation split (KONVENS 2018 proceedings)',
  'offensive-tr': 'OffensEval 2020 Turkish (one of the three merged sets; its own test split): best macro-F1 0.8258 (fine-tuned BERT-style models)',
  cold: 'COLD: the authors\' COLDetector (fine-tuned BERT) accuracy ≈ 0.81 on its test split',
  'told-br-pt': 'ToLD-Br: monolingual BERT, binary macro-F1 0.76 (Leite et al. 2020; their split, ours is by near-duplicate key)',
  'sms-spam-collection': 'SMS Spam Collection: linear SVM on tokens, accuracy ≈ 0.976 (Almeida et al. 2011)',
  'hatecheck-en': 'HateCheck, whole suite (3,728 cases; ours is its test half): macro-F1 / accuracy of BERT on Davidson 0.559 / 63.2%, BERT on Founta 0.563 / 60.2%, Perspective 0.702 / 76.6%, SiftNinja 0.302 / 33.2% (hatecheck-experiments, notebook 4, 4861f5e)',
  'abusive-id': 'Ibrohim & Budi 2019: hate speech + abusive, multi-label accuracy ≈ 0.77 (word unigrams, random forest)',
  'vihos-vi': 'ViHOS is scored by span (token F1 of the hateful spans), not per comment: no comparable figure',
  'sms-phishing': null,
  'distorted-ru': null,
  'toxic-ja': null,
  'chat-id': null,
  'mlma-ar': 'MLMA is multi-label (hostility type, target, …); no binary figure',
  'mlma-fr': 'MLMA is multi-label (hostility type, target, …); no binary figure',
  'hatebr-pt': 'HateBR: the authors\' best binary macro-F1 ≈ 0.85',
  'fraud-zh': 'positives only (recall)',
};
const MHC_NOTE = 'Multilingual HateCheck: accuracy of the authors\' fine-tuned XLM-T models ≈ 0.5–0.8 by language, weakest on counter-speech';

/** The category a source is about; `coarse`: scam or spam both count (SMS Spam Collection). */
function categoryOf(rows: Row[]): { k: number[]; name: string } {
  const labels = new Set(rows.map((r) => r.label).filter((l) => l !== 'benign'));
  if (rows.some((r) => r.coarse) || (labels.has('scam') && labels.has('spam'))) return { k: [MODEL_CLASSES.indexOf('scam'), MODEL_CLASSES.indexOf('spam')], name: 'scam or spam' };
  const only = [...labels][0] ?? 'toxicity';
  return { k: [MODEL_CLASSES.indexOf(only as 'toxicity')], name: only };
}

/** ROC-AUC by ranks (ties share their mean rank) and average precision, of scores of positives vs negatives. */
export function aucOf(pos: number[], neg: number[]): { roc: number; ap: number } {
  const all = [...pos.map((s) => ({ s, y: 1 })), ...neg.map((s) => ({ s, y: 0 }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const mean = (i + j + 1) / 2;
    for (let t = i; t < j; t++) if (all[t]!.y === 1) rankSum += mean;
    i = j;
  }
  const roc = (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
  let tp = 0;
  let ap = 0;
  const desc = [...all].reverse();
  for (let i = 0; i < desc.length; ) {
    let j = i;
    let hits = 0;
    while (j < desc.length && desc[j]!.s === desc[i]!.s) hits += desc[j++]!.y;
    tp += hits;
    ap += (hits / pos.length) * (tp / j);
    i = j;
  }
  return { roc, ap };
}

interface Figures {
  source: string;
  lang: string;
  category: string;
  pos: number;
  neg: number;
  roc: number | null;
  ap: number | null;
  /** Recall where 1% of the source's benign lines score higher (a point on the curve, not a threshold chosen). */
  at1: number | null;
  recall: number;
  fpr: number | null;
  f1: number | null;
}

function figuresOf(model: Model, source: string, rows: Row[]): Figures {
  const { k, name } = categoryOf(rows);
  const pos: number[] = [];
  const neg: number[] = [];
  let caught = 0;
  let falseFlags = 0;
  for (const r of rows) {
    const text = textOf(r);
    const words = normalize(text).words;
    const p = scoreWords(model, words);
    const score = k.reduce((a, i) => a + p[i]!, 0);
    const verdicts = judge(model, words, text);
    if (r.label === 'benign') {
      neg.push(score);
      if (verdicts.length > 0) falseFlags++;
    } else {
      pos.push(score);
      if (verdicts.some((v) => k.includes(MODEL_CLASSES.indexOf(v.category)))) caught++;
    }
  }
  const auc = pos.length > 0 && neg.length > 0 ? aucOf(pos, neg) : null;
  const cut = [...neg].sort((a, b) => b - a)[Math.floor(0.01 * neg.length)] ?? 0;
  const at1 = auc ? pos.filter((p) => p > cut).length / pos.length : null;
  // Binary macro-F1 (the positive class's F1 and the benign class's), the model alone at its thresholds.
  const tp = caught;
  const fn = pos.length - caught;
  const fp = falseFlags;
  const tn = neg.length - falseFlags;
  const f = (a: number, b: number, c: number): number => (2 * a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  return { source, lang: [...new Set(rows.map((r) => r.lang ?? '?'))].join('/'), category: name, pos: pos.length, neg: neg.length, roc: auc?.roc ?? null, ap: auc?.ap ?? null, at1, recall: pos.length ? caught / pos.length : 0, fpr: neg.length ? falseFlags / neg.length : null, f1: auc ? (f(tp, fp, fn) + f(tn, fn, fp)) / 2 : null };
}

const bySource = (rows: Row[]): Map<string, Row[]> => {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.source ?? '?';
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(r);
  }
  return out;
};

export function main(): void {
  const args = process.argv.slice(2);
  const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
  const weightsAt = args.includes('--weights') ? args[args.indexOf('--weights') + 1]! : here('../src/shared/triage/model/weights.json');
  const file = JSON.parse(readFileSync(weightsAt, 'utf8')) as ModelFile;
  const model = loadModel(file);

  const publicRows: Row[] = readdirSync(here('./public/'))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(here(`./public/${f}`), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Row),
    );
  const test = [...bySource(publicRows.filter((r) => r.part === 'test'))].map(([s, rows]) => figuresOf(model, s, rows));
  // Toxicity per language, its sources pooled (the targets are per language).
  const notToxicity = new Set(publicRows.filter((r) => r.label !== 'benign' && r.label !== 'toxicity').map((r) => r.source));
  const toxicityRows = publicRows.filter((r) => r.part === 'test' && !r.coarse && (r.label === 'toxicity' || (r.label === 'benign' && !notToxicity.has(r.source))));
  const byLanguage = new Map<string, Row[]>();
  for (const r of toxicityRows) byLanguage.set(r.lang ?? '?', [...(byLanguage.get(r.lang ?? '?') ?? []), r]);
  const languages = [...byLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([, rows]) => figuresOf(model, [...new Set(rows.map((r) => r.source))].join(', '), rows));
  // The validation slice of each source (train side, never learned from): where settings may be compared.
  const validationRows = trainingSources().examples.filter((e) => !e.own && isValidation(e));
  const sourceOfText = new Map(publicRows.filter((r) => r.part === 'train').map((r) => [`${r.label}\t${r.text}`, r]));
  const validation = [...bySource(validationRows.map((e) => sourceOfText.get(`${e.label}\t${e.text}`)!).filter((r) => r !== undefined))].map(([s, rows]) => figuresOf(model, s, rows));

  const n = (x: number | null, d = 3): string => (x === null ? '–' : x.toFixed(d));
  const pc = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
  const pooled = (list: Figures[]): string => {
    const w = list.filter((f) => f.roc !== null);
    const mean = (g: (f: Figures) => number): number => w.reduce((a, f) => a + g(f), 0) / w.length;
    return `mean over ${w.length} sources: ROC-AUC ${n(mean((f) => f.roc!))}, PR-AUC ${n(mean((f) => f.ap!))}, recall at 1% FP ${pc(mean((f) => f.at1!))}, recall at the shipped thresholds ${pc(mean((f) => f.recall))}`;
  };
  const lines: string[] = [
    '# The learned model, threshold-free, per public source',
    '',
    `Written by \`npx tsx eval/results.ts --write\` from weights \`${file.weightsHash.slice(0, 8)}…\` (${file.trainedExamples} training examples).`,
    'The model alone (no rules): ROC-AUC and PR-AUC (average precision) of its score for the source\'s category (scam + spam',
    'for the SMS sets) against the source\'s benign lines; its recall where 1% of those benign lines score higher (a point',
    'on the curve read off the lines, not a threshold the app uses); its recall, benign false-positive rate and binary',
    'macro-F1 at the shipped thresholds (per guessed language). The published figures use the authors\' metric on their test set with',
    'models trained on the whole of their train split (usually fine-tuned transformers of 100 M+ parameters): read them as',
    'what the data allows, not as the same measurement. Figures marked ≈ are as recalled from the papers, not re-read here.',
    '',
    '## Public test lines (never trained or tuned on)',
    '',
    '| source | lang | category | positives / benign | ROC-AUC | PR-AUC | recall at 1% FP | recall | benign FP | macro-F1 (binary) | published |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...test.map((f) => `| ${f.source} | ${f.lang} | ${f.category} | ${f.pos} / ${f.neg} | ${n(f.roc)} | ${n(f.ap)} | ${pc(f.at1)} | ${pc(f.recall)} | ${pc(f.fpr)} | ${n(f.f1, 2)} | ${f.source.startsWith('mhc-') ? MHC_NOTE : (PUBLISHED[f.source] ?? '–')} |`),
    '',
    pooled(test),
    '',
    '### Toxicity per language (its sources pooled)',
    '',
    '| lang | sources | toxic / benign | ROC-AUC | PR-AUC | recall at 1% FP | recall | benign FP |',
    '|---|---|---|---|---|---|---|---|',
    ...languages.map((f) => `| ${f.lang} | ${f.source} | ${f.pos} / ${f.neg} | ${n(f.roc)} | ${n(f.ap)} | ${pc(f.at1)} | ${pc(f.recall)} | ${pc(f.fpr)} |`),
    '',
    '## Validation slice (train side, never learned from; where settings and thresholds are chosen)',
    '',
    '| source | lang | category | positives / benign | ROC-AUC | PR-AUC | recall at 1% FP | recall | benign FP |',
    '|---|---|---|---|---|---|---|---|---|',
    ...validation.map((f) => `| ${f.source} | ${f.lang} | ${f.category} | ${f.pos} / ${f.neg} | ${n(f.roc)} | ${n(f.ap)} | ${pc(f.at1)} | ${pc(f.recall)} | ${pc(f.fpr)} |`),
    '',
    pooled(validation),
    '',
  ];
  const out = lines.join('\n');
  if (args.includes('--write')) writeFileSync(here('./RESULTS.md'), out);
  else process.stdout.write(out);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
