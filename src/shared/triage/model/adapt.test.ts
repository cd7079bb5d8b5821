// Per-community adaptation of the learned model from decisions: deterministic, moves the scores of
// messages like the labeled ones the way the team decided, and stays bounded.
import { describe, expect, it } from 'vitest';
import { shippedModel } from '../index';
import { normalize } from '../normalize';
import { adaptFrom, ADAPT_DEFAULTS, ADAPT_MAX_ENTRIES, compactAdaptation, createAdaptation, expandAdaptation, judgeAdapted, learnDecision, scoreAdapted, type AdaptLabel } from './adapt';
import { judge, scoreWords } from './classifier';

const words = (text: string): string => normalize(text).words;
const model = shippedModel();
const SCAM = 1;
const SPAM = 2;

describe('per-community adaptation', () => {
  it('changes nothing without labels', () => {
    const w = words('Free Steam gift card for the first 50 members, claim it here');
    expect([...scoreAdapted(model, undefined, w)]).toEqual([...scoreWords(model, w)]);
    expect([...scoreAdapted(model, createAdaptation(), w)]).toEqual([...scoreWords(model, w)]);
    expect(judgeAdapted(model, createAdaptation(), w)).toEqual(judge(model, w));
  });

  it('gives fixed outputs on fixed inputs (same labels, same order → same delta)', () => {
    const labels: AdaptLabel[] = [
      { words: words('join my crypto signals group, 300% a week guaranteed'), category: 'scam', positive: true },
      { words: words('check out my new youtube video guys'), category: 'spam', positive: false },
      { words: words('you are an idiot'), category: 'toxicity', positive: true },
    ];
    const a = adaptFrom(model, labels);
    const b = adaptFrom(model, labels);
    expect([...a.bias]).toEqual([...b.bias]);
    expect([...a.weights.entries()].map(([k, v]) => [k, [...v]])).toEqual([...b.weights.entries()].map(([k, v]) => [k, [...v]]));
    expect(a.labels).toBe(3);
    // Pinned: the bias after these three labels (scam up, spam down, toxicity up, self-harm untouched).
    expect([...a.bias].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.001154, -0.042566, 0.001661, 0]);
    expect(a.weights.size).toBe(169);
    const probe = scoreAdapted(model, a, words('join my crypto signals group today'));
    expect(scoreWords(model, words('join my crypto signals group today'))[SCAM]).toBeCloseTo(0.14601, 4);
    expect(probe[SCAM]).toBeCloseTo(0.16267, 4);
    expect(Math.round(probe.reduce((s, p) => s + p, 0) * 1e9) / 1e9).toBe(1);
  });

  it('a streak of resolve-without-action lowers that category for similar messages, not for others', () => {
    const streak = ['promo code SAVE20 at our partner store this weekend', 'promo code SAVE10 at our partner store today', 'promo code SAVE30 at our partner store, members only'];
    const probe = words('promo code SAVE50 at our partner store tonight');
    const other = words('buy followers cheap, dm me for prices');
    const before = scoreWords(model, probe)[SPAM]!;
    const otherBefore = scoreWords(model, other)[SPAM]!;
    const a = createAdaptation();
    let last = before;
    for (let round = 0; round < 3; round++) {
      for (const t of streak) learnDecision(model, a, { words: words(t), category: 'spam', positive: false });
      const now = scoreAdapted(model, a, probe)[SPAM]!;
      expect(now).toBeLessThan(last);
      last = now;
    }
    expect(last).toBeLessThan(before * 0.8);
    // Another spam message, sharing little with the streak, moves far less than the similar one.
    const otherAfter = scoreAdapted(model, a, other)[SPAM]!;
    expect(otherBefore - otherAfter).toBeLessThan((before - last) / 2);
  });

  it('stays bounded: a team deleting ordinary chat as scam cannot make the model flag chat', () => {
    const chat = ['good morning everyone', 'who is up for a match later?', 'thanks for the help yesterday', 'the new patch notes are out', 'see you all tonight'];
    const a = createAdaptation();
    for (let i = 0; i < 100; i++) learnDecision(model, a, { words: words(`${chat[i % chat.length]!} ${i}`), category: 'scam', positive: true });
    for (const v of a.bias) expect(Math.abs(v)).toBeLessThanOrEqual(ADAPT_DEFAULTS.maxBias);
    for (const w of a.weights.values()) for (const v of w) expect(Math.abs(v)).toBeLessThanOrEqual(ADAPT_DEFAULTS.maxWeight);
    for (const text of [...chat, 'good morning, who is around tonight?', 'thanks everyone, great match']) {
      expect(judgeAdapted(model, a, words(text))).toEqual([]);
      // The whole shift of a logit is bounded: the odds move by at most e^maxShift.
      const odds = (p: Float64Array): number => p[SCAM]! / p[0]!;
      expect(odds(scoreAdapted(model, a, words(text))) / odds(scoreWords(model, words(text)))).toBeLessThanOrEqual(Math.exp(ADAPT_DEFAULTS.maxShift) * (1 + 1e-9));
    }
    // It did learn: the labeled kind of message now scores higher as scam.
    expect(scoreAdapted(model, a, words('good morning everyone'))[SCAM]).toBeGreaterThan(scoreWords(model, words('good morning everyone'))[SCAM]! * 5);
  });
});

describe('the compact form the team ledger carries', () => {
  const labels: AdaptLabel[] = [
    'im a guild bank officer, trade your gold to my alt before the reset, you get it back after',
    'officers asked me to collect your mounts for the dupe audit, mail it to my alt today',
    'guild leadership: hand your Aether shards to the audit character before maintenance',
  ].map((t) => ({ words: words(t), category: 'scam' as const, positive: true }));
  const probe = words('officer here, because of the season reset trade your legendary gear to my alt asap');

  it('packs the strongest weights into a record that fits a platform message, and judges like the full adaptation', () => {
    const full = adaptFrom(model, [...labels, ...labels, ...labels]);
    const compact = compactAdaptation(full);
    expect(compact.labels).toBe(9);
    expect(compact.delta.length).toBeLessThanOrEqual(Math.ceil((ADAPT_MAX_ENTRIES * 3) / 3) * 4);
    expect(compactAdaptation(full)).toEqual(compact);
    const back = expandAdaptation(compact);
    const a = scoreAdapted(model, full, probe)[SCAM]!;
    const b = scoreAdapted(model, back, probe)[SCAM]!;
    expect(b).toBeGreaterThan(scoreWords(model, probe)[SCAM]!);
    expect(Math.abs(a - b)).toBeLessThan(0.05);
    // A round trip of the compact form is exact (what the proposer posts is what every console reads).
    expect(compactAdaptation(back)).toEqual(compact);
  });

  it('keeps at most the entries asked for, and bounds whatever a forged delta says', () => {
    const full = adaptFrom(model, labels);
    const small = compactAdaptation(full, 10);
    expect(atob(small.delta).length).toBe(30);
    const forged = expandAdaptation({ labels: 1, bias: [9, -9, 0, 0], delta: btoa(String.fromCharCode(0, 4, 127, 0, 8, 0x81)) });
    expect([...forged.bias]).toEqual([ADAPT_DEFAULTS.maxBias, -ADAPT_DEFAULTS.maxBias, 0, 0]);
    expect([...forged.weights.get(1)!]).toEqual([ADAPT_DEFAULTS.maxWeight, 0, 0, 0]);
    expect([...forged.weights.get(2)!]).toEqual([-ADAPT_DEFAULTS.maxWeight, 0, 0, 0]);
    expect(() => expandAdaptation({ labels: 1, bias: [0, 0, 0, 0], delta: btoa('ab') })).toThrow();
  });
});
