import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRanked } from '@shared/domain/priority';
import { applyRankChanges, indexOfId, rankedList } from './inboxOrder';

describe('ranked inbox order', () => {
  it('after any changes, small (spliced) or large (merged), equals sorting what is left from scratch', () => {
    const entry = fc.record({ id: fc.integer({ min: 0, max: 300 }).map((n) => `i${n}`), rank: fc.integer({ min: 0, max: 20 }) });
    const change = fc.record({ id: fc.integer({ min: 0, max: 300 }).map((n) => `i${n}`), rank: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 200 }), fc.array(change, { maxLength: 150 }), (start, changes) => {
        const list = rankedList(start);
        const truth = new Map(start.map((e) => [e.id, e.rank]));
        const wasIn = new Set(truth.keys());
        for (const c of changes) {
          if (c.rank === undefined) truth.delete(c.id);
          else truth.set(c.id, c.rank);
        }
        const { ids, left } = applyRankChanges(list, changes);
        const expected = [...truth].map(([id, rank]) => ({ id, rank })).sort(compareRanked).map((e) => e.id);
        expect(ids).toEqual(expected);
        expect([...list.rank.keys()].sort()).toEqual([...truth.keys()].sort());
        expect([...left].sort()).toEqual([...wasIn].filter((id) => !truth.has(id)).sort());
        for (const [i, id] of ids.entries()) expect(indexOfId({ ids, rank: list.rank }, id)).toBe(i);
      }),
      { numRuns: 200 },
    );
  });
});
