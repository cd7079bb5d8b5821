// The automaton finds exactly what a naive search finds: every occurrence of every pattern, including
// patterns with characters outside its dense alphabet (punctuation, Han) and texts full of characters
// no pattern uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from './automaton';

const alphabet = [...'ab a.#-/', '中', '文', 'é'];
const word = fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 5 });
const text = fc.string({ unit: fc.constantFrom(...alphabet, 'z', '!', '字', '9'), maxLength: 60 });

// Texts are mostly pieces of the patterns (prefixes, suffixes, whole ones, run together), so that
// partial matches and overlaps (where failure links matter) are common, with random characters between.
const patternsAndText = fc.array(word, { minLength: 1, maxLength: 12 }).chain((patterns) =>
  fc.tuple(
    fc.constant(patterns),
    fc.oneof(
      text,
      fc
        .array(
          fc.oneof(
            fc.tuple(fc.constantFrom(...patterns), fc.nat(5), fc.nat(5)).map(([p, a, b]) => p.slice(Math.min(a, b), Math.max(a, b) + 1)),
            fc.constantFrom(...alphabet, 'z'),
          ),
          { maxLength: 20 },
        )
        .map((parts) => parts.join('')),
    ),
  ),
);

function naive(patterns: string[], t: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1)) out.push(`${id}@${at}-${at + p.length}`);
  });
  return out.sort();
}

describe('Automaton', () => {
  // Dense rows for every state, for the root only, and for a few: deep states step by their children
  // and failure links, and must find the same.
  it.each([undefined, 1, 4])('reports every occurrence of every pattern, as a naive search does (dense states: %s)', (denseStates) => {
    fc.assert(
      fc.property(patternsAndText, ([patterns, t]) => {
        const a = new Automaton(denseStates);
        for (const p of patterns) a.add(p);
        a.build();
        const got: string[] = [];
        a.scan(t, (id, start, end) => got.push(`${id}@${start}-${end}`));
        expect(got.sort()).toEqual(naive(patterns, t));
      }),
      { numRuns: 500 },
    );
  });

  // Two scans in one loop (the engine's words view and regex literals): each finds what it finds alone, in
  // the same order, whichever text is longer; dense rows for all, the root only, or a few states.
  it.each([undefined, 1, 4])('scans two texts with two automata at once as each scans alone (dense states: %s)', (denseStates) => {
    const hits = (a: Automaton, n: number): number[] => Array.from(a.found.subarray(0, 3 * n));
    fc.assert(
      fc.property(patternsAndText, patternsAndText, ([patternsA, ta], [patternsB, tb]) => {
        const a = new Automaton(denseStates);
        const b = new Automaton(denseStates === 1 ? 4 : 1);
        for (const p of patternsA) a.add(p);
        for (const p of patternsB) b.add(p);
        a.build();
        b.build();
        const aloneA = hits(a, a.collect(ta));
        const aloneB = hits(b, b.collect(tb));
        Automaton.collectBoth(a, ta, b, tb);
        expect(hits(a, a.collected)).toEqual(aloneA);
        expect(hits(b, b.collected)).toEqual(aloneB);
        expect(aloneA.length / 3).toBe(naive(patternsA, ta).length);
      }),
      { numRuns: 500 },
    );
  });
});
