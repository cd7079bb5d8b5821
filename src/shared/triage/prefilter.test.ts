// The regex prefilter: the literals it names are always in a text the regex matches (on the folded
// view the engine runs it on), and it gates the patterns that make up the default pack.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPack } from './defaultPack';
import { normalize } from './normalize';
import { requiredLiterals } from './prefilter';

const packPatterns = defaultPack.rules.flatMap((r) => {
  const t = r.trigger;
  if (t.type === 'regex') return t.patterns;
  if (t.type === 'signals') return t.groups.flatMap((g) => g.patterns ?? []);
  return [];
});

describe('requiredLiterals', () => {
  it('names what every match needs', () => {
    expect(requiredLiterals('\\bpromo\\s?code\\b')?.sort()).toEqual(['promo code', 'promocode']);
    expect(requiredLiterals('colou?r')?.sort()).toEqual(['color', 'colour']);
    // At least one digit follows: the run grows by it ("order #1x0" … "order #1x9").
    const digits = [...'0123456789'];
    expect(requiredLiterals('order\\s?#1x\\d+')?.sort()).toEqual([...digits.map((d) => `order #1x${d}`), ...digits.map((d) => `order#1x${d}`)].sort());
    expect(requiredLiterals('rate[0-9]{2,4}')?.sort()).toEqual(digits.map((d) => `rate${d}`));
    // Small parts multiply into whole phrases; the two-letter "u" alone would open on every message.
    expect(requiredLiterals('\\b(?:you|u)\\s(?:are\\s)?(?:stupid|dumb)\\b')?.sort()).toEqual(
      ['u are dumb', 'u are stupid', 'u dumb', 'u stupid', 'you are dumb', 'you are stupid', 'you dumb', 'you stupid'].sort(),
    );
    // Too many combinations for the whole: the gate is the tail that stays small.
    const tail = requiredLiterals('(?:a|b|c|d|e|f|g|h)\\s(?:i|j|k|l|m|n|o|p|q)\\s(?:stupid|dumb)') ?? [];
    expect(tail).toHaveLength(18);
    expect(tail.every((l) => /^[i-q] (?:stupid|dumb)$/.test(l))).toBe(true);
    expect(requiredLiterals('(?:a|b)x')?.sort()).toEqual(['ax', 'bx']);
    expect(requiredLiterals('(?:a|b)')).toBeUndefined();
    expect(requiredLiterals('.*')).toBeUndefined();
    expect(requiredLiterals('[a-z]+\\d{3}')).toBeUndefined();
    expect(requiredLiterals('(')).toBeUndefined();
  });

  it('gates most of the default pack, so most messages run few regexes', () => {
    const gated = packPatterns.filter((p) => requiredLiterals(p) !== undefined);
    expect(packPatterns.length).toBeGreaterThan(5);
    expect(gated.length / packPatterns.length).toBeGreaterThan(0.8);
  });

  it('never closes the gate on a text the regex matches', () => {
    const patterns = [
      ...packPatterns,
      '\\bfree\\s?nitro\\b',
      'colou?rs+ful',
      'ab+cde',
      'x{2,3}yzw',
      'hello\\.world',
      'qq*rst',
      '(?:ab|cd){2}e',
      'a(?=bc)bc',
      '[xyz]{1,2}ab',
      '(?:no ?one|nobody) would',
      'rate[0-9]{2,4}\\b',
      'ab\\d+x',
      'q[0-3]{1,2}w',
      '(?:ab|cd)[0-9]+',
      'x[a-c]+y',
    ];
    const unit = fc.constantFrom(...'abcdexyzwqrstolhuinfmpgv .\'#10279\n\tABEXYZ你傻真我想死ты тупой'.split(''));
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.array(fc.oneof(unit, fc.constantFrom('rate12', 'ab7x', 'q3w', 'cd0', 'you are ', 'stupid', 'kill myself', 'shut up ', 'free nitro', 'hello.world', 'nobody would ', 'no one would ', "don't want to ")), { maxLength: 12 }), (p, parts) => {
        const folded = normalize(parts.join('')).folded;
        const literals = requiredLiterals(p);
        if (literals !== undefined && new RegExp(p, 'iu').test(folded)) expect(literals.some((l) => folded.includes(l))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
