// The learned model: the shipped weights load and give fixed answers, they were trained from the sources
// in the repository, training is reproducible, and triage shows the model's verdict explained in words
// beside the rules (which keep their own flags).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '@shared/domain/model';
import { createTriageEngine, defaultPack, judge, shippedModel } from '@shared/triage';
import { normalize } from '@shared/triage/normalize';
import { explainWords, loadModel, MODEL_CLASSES, scoreWords, type ModelFile } from '@shared/triage/model/classifier';
import { learn, type Example } from '@shared/triage/model/learn';
import { train, trainingSources, WEIGHTS_PATH, weightsHashOf } from './train';

const shippedFile = JSON.parse(readFileSync(WEIGHTS_PATH, 'utf8')) as ModelFile;

let at = Date.parse('2026-03-01T12:00:00Z');
const message = (text: string): ChatEvent => {
  at += 600_000;
  return { id: `discord:g:c:${at}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: at, author: { id: `m${at}`, name: 'member', bot: false }, text };
};

describe('shipped weights', () => {
  it('are small, whole and say what they were trained from', () => {
    expect(readFileSync(WEIGHTS_PATH).length).toBeLessThan(10 * 1024 * 1024);
    expect(weightsHashOf(shippedFile)).toBe(shippedFile.weightsHash);
    // Same sources as the repository holds now: a changed eval/dev.jsonl or eval/public/ needs `npm run train`.
    expect(trainingSources().hash).toBe(shippedFile.trainedOn);
  });

  it('give fixed answers on fixed inputs', () => {
    const model = shippedModel();
    const cases: Array<[string, (typeof MODEL_CLASSES)[number], number]> = [
      ['support team here: please send your 12 word recovery phrase to verify your wallet', 'scam', 1],
      ['selling instagram followers cheap, 10k for 5 dollars', 'spam', 0.998],
      ['good morning everyone, who is up for a match later?', 'benign', 0.9951],
      ['hola mamá, este es mi número nuevo, pásame dinero', 'scam', 0.9924],
      ['heads up: someone is asking for recovery phrases in DMs, never share them', 'benign', 0.9993],
      ['你就是个废物，滚', 'toxicity', 0.8103],
    ];
    for (const [text, top, p] of cases) {
      const scores = scoreWords(model, normalize(text).words);
      const best = scores.indexOf(Math.max(...scores));
      expect(MODEL_CLASSES[best], text).toBe(top);
      expect(Math.abs(scores[best]! - p), text).toBeLessThan(0.0005);
    }
    expect(judge(model, normalize('good morning everyone, who is up for a match later?').words)).toEqual([]);
  });

  it('judge by the thresholds of the message’s language, calibrated on its own lines', () => {
    const model = shippedModel();
    const en = shippedFile.languageThresholds?.en?.toxicity;
    const zh = shippedFile.languageThresholds?.zh?.toxicity;
    // English abuse scores lower than the pooled cut (set by other languages' counter-speech) …
    expect(en).toBeLessThan(shippedFile.thresholds.toxicity);
    const insult = 'shut up you pathetic moron';
    const p = scoreWords(model, normalize(insult).words)[MODEL_CLASSES.indexOf('toxicity')]!;
    expect(p).toBeGreaterThanOrEqual(en!);
    expect(p).toBeLessThan(shippedFile.thresholds.toxicity);
    expect(judge(model, normalize(insult).words, insult).map((v) => v.category)).toEqual(['toxicity']);
    expect(judge(model, normalize(insult).words)).toEqual([]);
    // … while Chinese, whose hard negatives score high, is judged more strictly than the pooled cut.
    expect(zh).toBeGreaterThan(shippedFile.thresholds.toxicity);
    // In the engine, the language is guessed from the original text (the words view has lost its letters
    // ı, ş, ğ): a Turkish insult no rule knows, under the pooled cut and over Turkish's own.
    const turkish = 'defol kafasız herif';
    expect(scoreWords(model, normalize(turkish).words)[MODEL_CLASSES.indexOf('toxicity')]!).toBeLessThan(shippedFile.thresholds.toxicity);
    expect(createTriageEngine().evaluate(message(turkish)).map((f) => `${f.category}/${f.rule}`)).toContain('toxicity/model');
  });

  it('explain a verdict by the words that weighed most', () => {
    const words = explainWords(shippedModel(), normalize('support team here: please send your 12 word recovery phrase to verify your wallet').words, 'scam').spans.map((s) => s.text);
    expect(words.length).toBe(3);
    expect(words.some((w) => ['recovery', 'phrase', 'verify', 'wallet', 'support'].includes(w))).toBe(true);
  });
});

describe('npm run train', () => {
  // A small fixed subset, so the test stays fast: its weights' hash is recorded here (the full run's is
  // in weights.json and `npm run train -- --check` compares it).
  const lines = readFileSync(new URL('../../../eval/dev.jsonl', import.meta.url), 'utf8').trim().split('\n').slice(0, 200);
  const subset: Example[] = lines.map((l) => JSON.parse(l) as { text: string; label: Example['label'] }).map(({ text, label }) => ({ text, label }));
  const options = { bits: 12, epochs: 3 };

  it('gives the same weights for the same sources', () => {
    const a = train(subset, 'subset', options).file;
    const b = train(subset, 'subset', options).file;
    expect(a.weightsHash).toBe(b.weightsHash);
    expect(a.weightsHash).toBe(SUBSET_WEIGHTS_HASH);
    expect(Object.keys(a.thresholds)).toEqual(['scam', 'spam', 'toxicity', 'self-harm']);
  });

  it('learns: a model from a handful of lines tells them apart', () => {
    const few: Example[] = [
      { text: 'send me your seed phrase to verify', label: 'scam' },
      { text: 'verify your wallet with your seed phrase', label: 'scam' },
      { text: 'good morning friends', label: 'benign' },
      { text: 'see you at the match tonight', label: 'benign' },
    ];
    const { file } = learn(few, few, 'few', { bits: 10, epochs: 20 });
    const model = loadModel(file);
    const scam = scoreWords(model, normalize('please send your seed phrase').words);
    const fine = scoreWords(model, normalize('good morning, see you tonight').words);
    expect(scam[1]).toBeGreaterThan(scam[0]!);
    expect(fine[0]).toBeGreaterThan(fine[1]!);
  });

  it('reads with the n-gram sizes it was trained with (recorded in the file)', () => {
    const few: Example[] = [
      { text: 'send me your seed phrase to verify', label: 'scam' },
      { text: 'good morning friends', label: 'benign' },
    ];
    const other = learn(few, few, 'few', { bits: 10, epochs: 20, grams: [2, 5, 1, 3] }).file;
    const usual = learn(few, few, 'few', { bits: 10, epochs: 20 }).file;
    expect(other.grams).toEqual([2, 5, 1, 3]);
    expect(usual.grams).toBeUndefined();
    expect(weightsHashOf(other)).not.toBe(weightsHashOf({ ...other, grams: [3, 4, 1, 2] }));
    // Scored with the sizes it learned: the training line reads as it did in training.
    const p = scoreWords(loadModel(other), normalize('send me your seed phrase to verify').words);
    expect(p[1]).toBeGreaterThan(0.5);
    expect(() => loadModel({ ...other, grams: [5, 2, 1, 3] })).toThrow(/n-gram/);
  });
});

describe('triage with the model', () => {
  it('flags what no rule caught, explained in words, with no automatic action', () => {
    const engine = createTriageEngine();
    const result = engine.evaluateDetailed(message('hola mamá, este es mi número nuevo, pásame dinero'));
    const flag = result.flags.find((f) => f.rule === 'model');
    expect(flag?.category).toBe('scam');
    expect(flag?.reason).toMatch(/^reads like a scam: '.+', '.+', '.+' \(model, \d+%\)$/);
    expect(flag?.evidence.length).toBe(3);
    for (const e of flag?.evidence ?? []) expect('hola mamá, este es mi número nuevo, pásame dinero'.slice(e.start, e.end)).toBe(e.text);
    expect(result.actions).toEqual([]);
  });

  it('leaves a category a rule already flagged to the rule', () => {
    const flags = createTriageEngine().evaluate(message('support team here: please send your 12 word recovery phrase to verify your wallet'));
    expect(flags.filter((f) => f.category === 'scam').map((f) => f.rule)).not.toContain('model');
    expect(flags.some((f) => f.category === 'scam')).toBe(true);
  });

  it('runs only where the pack enables it', () => {
    const off = createTriageEngine({ pack: { ...defaultPack, model: { enabled: false } } });
    expect(off.evaluate(message('hola mamá, este es mi número nuevo, pásame dinero'))).toEqual([]);
    const { model: _unused, ...withoutModel } = defaultPack;
    expect(createTriageEngine({ pack: withoutModel }).evaluate(message('hola mamá, este es mi número nuevo, pásame dinero'))).toEqual([]);
  });

  it('leaves staff members’ words to the rules', () => {
    const event = message('hola mamá, este es mi número nuevo, pásame dinero');
    expect(createTriageEngine().evaluate(event, { staffIds: [event.author!.id] }).filter((f) => f.rule === 'model')).toEqual([]);
  });

  it('does not flag a warning about a scam as the scam', () => {
    const flags = createTriageEngine().evaluate(message('heads up: someone is asking for recovery phrases in DMs, never share them'));
    expect(flags.filter((f) => f.rule === 'model')).toEqual([]);
  });
});

// Float64 arithmetic in a fixed order: the same on every machine running the same engine. A change of
// features, learner or eval/dev.jsonl's first lines changes it (then re-record, and re-run `npm run train`).
const SUBSET_WEIGHTS_HASH = '7dd86da655f8fd8e3a1d3886494f37cd2c154558d5558cc3b63e002b91d6c6cc';
