// The automaton finds exactly what a naive search finds: every occurrence of every pattern, including
// patterns with characters outside its dense alphabet (punctuation, Han) and texts full of characters
// no pattern uses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from './automaton';

const alphabet = [...'ab a.#-/', '中', '文', 'é'];
const word = fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 5 });
const text = fc.string({ unit: fc.constantFrom(...alphabet, 'z', '!', '字', '9'), maxLength: 60 });

function naive(patterns: string[], t: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1)) out.push(`${id}@${at}-${at + p.length}`);
  });
  return out.sort();
}

describe('Automaton', () => {
  it('reports every occurrence of every pattern, as a naive search does', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), text, (patterns, t) => {
        const a = new Automaton();
        for (const p of patterns) a.add(p);
        a.build();
        const got: string[] = [];
        a.scan(t, (id, start, end) => got.push(`${id}@${start}-${end}`));
        expect(got.sort()).toEqual(naive(patterns, t));
      }),
      { numRuns: 500 },
    );
  });
});
