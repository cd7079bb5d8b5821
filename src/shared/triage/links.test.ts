// The link search may skip the start of a message: it must find exactly what the pattern finds when
// tried at every position.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLinkStart, urlPattern } from './links';

const pieces = ['.', '..', 'https://', 'http:', '//', ':', '/', '-', '_', ' ', 'www', 'com', 'gift', 'xn--80ak6aa92e', 'a', 'é', 'д', '中', '𝒜', '😀', '1', '@', '[', '(', '!', '\u200b'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));

function matches(t: string, from: number): string[] {
  const re = new RegExp(urlPattern.source, 'gu');
  re.lastIndex = from;
  const out: string[] = [];
  for (let m = re.exec(t); m !== null; m = re.exec(t)) out.push(`${m.index}:${m[0]}`);
  return out;
}

describe('firstLinkStart', () => {
  it('skips no match', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(matches(t, firstLinkStart(t))).toEqual(matches(t, 0));
      }),
      { numRuns: 3000 },
    );
  });

  it('skips the chat before a link', () => {
    expect(firstLinkStart('free nitro here: disc0rd-gift.com now')).toBe('free nitro here: '.length);
    expect(firstLinkStart('no links here')).toBe('no links here'.length);
  });
});
