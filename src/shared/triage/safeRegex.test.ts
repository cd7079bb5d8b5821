// The regex guard: catastrophic shapes rejected, sound ones accepted.
import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from './safeRegex';

describe('compileSafeRegex', () => {
  it.each(['(a+)+', '(\\w+\\s?)*$', '(x*)*y', '(a|b)\\1', '(?<=a)b'])('rejects %s', (p) => {
    expect(compileSafeRegex(p).ok).toBe(false);
  });
  it.each(['\\bfree\\s?nitro\\b', '[a-z]{2,5}\\d+', '(?:dm|pm) me'])('accepts %s', (p) => {
    expect(compileSafeRegex(p).ok).toBe(true);
  });
});
