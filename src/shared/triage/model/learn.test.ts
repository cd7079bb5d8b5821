// Thresholds per language leave the pooled cut only on evidence (learn.ts): one or two benign lines of a
// hundred scoring high is chance, and must not cost the language its recall.
import { describe, expect, it } from 'vitest';
import { cautiousEdge, languageCut, lenientEdge } from './learn';

/** 100 benign scores: `high` of them at 0.999, 0.998, …, the rest low. */
const benign = (high: number): number[] => Array.from({ length: 100 }, (_, i) => (i < high ? 0.999 - i * 0.001 : 0.1));
const POOLED = 0.99;
const cutOf = (scores: number[], rate: number): number => languageCut(POOLED, cautiousEdge([...scores], rate) + 1e-5, lenientEdge([...scores], rate) + 1e-5);

describe('a language’s own cut', () => {
  it('stays the pooled one when its lines above it are few enough to be chance (2 of 100 at a 2% target)', () => {
    expect(cutOf(benign(2), 0.02)).toBe(POOLED);
  });
  it('rises when its lines show a rate above the target beyond chance (10 of 100), keeping the most still consistent with it', () => {
    const cut = cutOf(benign(10), 0.02);
    expect(cut).toBeGreaterThan(POOLED);
    // Wilson's 90% lower bound of 3/100 is under 2%, of 4/100 over it: 3 lines stay above the cut.
    expect(benign(10).filter((s) => s >= cut)).toHaveLength(3);
  });
  it('falls below the pooled cut only when none of its benign lines would score above it (a hundred lines cannot show 2%)', () => {
    const low = Array.from({ length: 100 }, () => 0.5);
    expect(cutOf(low, 0.02)).toBeLessThan(POOLED);
    expect(cutOf(low, 0.02)).toBeCloseTo(0.5, 3);
  });
});
