// The regex guard: catastrophic shapes rejected, and the literal gate never skips a regex that matches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSafeRegex, requiredLiteral, topLevelAlternatives } from './safeRegex';

describe('compileSafeRegex', () => {
  it.each(['(a+)+', '(\\w+\\s?)*$', '(x*)*y', '(a|b)\\1', '(?<=a)b'])('rejects %s', (p) => {
    expect(compileSafeRegex(p).ok).toBe(false);
  });
  it.each(['\\bfree\\s?nitro\\b', '[a-z]{2,5}\\d+', '(?:dm|pm) me'])('accepts %s', (p) => {
    expect(compileSafeRegex(p).ok).toBe(true);
  });
});

describe('required literals', () => {
  it('finds the literal every match needs', () => {
    expect(topLevelAlternatives('a(b|c)|d[|]|e')).toEqual(['a(b|c)', 'd[|]', 'e']);
    expect(requiredLiteral('\\bpromo\\s?code\\b')).toBe('promo');
    expect(requiredLiteral('colou?r')).toBe('colo');
    expect(requiredLiteral('(?:a|b)x')).toBeUndefined();
    expect(requiredLiteral('order\\s?#1x\\d+')).toBe('order');
  });
  it('a text the regex matches always contains the literal', () => {
    const patterns = ['\\bfree\\s?nitro\\b', 'colou?rs+ful', 'ab+cde', 'x{2,3}yzw', 'hello\\.world', 'qq*rst'];
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x', 'y', 'z', 'w', 'q', 'r', 's', 't', 'o', 'l', 'u', ' ', '.', 'f', 'n', 'i', 'h'), maxLength: 30 }), (p, text) => {
          const lit = requiredLiteral(p);
          if (lit !== undefined && new RegExp(p, 'iu').test(text)) expect(text.toLowerCase()).toContain(lit);
        }),
      { numRuns: 2000 },
    );
    for (const p of patterns) {
      const lit = requiredLiteral(p);
      const sample = { '\\bfree\\s?nitro\\b': 'free nitro', 'colou?rs+ful': 'colorssful', 'ab+cde': 'abbcde', 'x{2,3}yzw': 'xxyzw', 'hello\\.world': 'hello.world', 'qq*rst': 'qrst' }[p]!;
      expect(new RegExp(p, 'iu').test(sample)).toBe(true);
      if (lit !== undefined) expect(sample).toContain(lit);
    }
  });
});
