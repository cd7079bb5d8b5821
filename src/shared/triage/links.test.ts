// The link search may skip the start of a message: it must find exactly what the pattern finds when
// tried at every position.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLinkStart, linkMatches, urlPattern } from './links';

const pieces = ['.', '..', 'https://', 'http:', '//', ':', '/', '-', '_', ' ', 'www', 'com', 'gift', 'xn--80ak6aa92e', 'a', 'é', 'д', '中', '𝒜', '😀', '1', '@', '[', '(', '!', '\u200b'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));

function matches(t: string, from: number): string[] {
  const re = new RegExp(urlPattern.source, 'gu');
  re.lastIndex = from;
  const out: string[] = [];
  for (let m = re.exec(t); m !== null; m = re.exec(t)) out.push(`${m.index}:${m[0]}`);
  return out;
}

describe('link search', () => {
  it('skips no match, from any position', () => {
    fc.assert(
      fc.property(text, fc.nat(40), (t, k) => {
        const from = Math.min(k, t.length);
        expect(matches(t, firstLinkStart(t, from))).toEqual(matches(t, from));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds every match a search trying every position finds', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(linkMatches(t).map((m) => `${m.index}:${m[0]}`)).toEqual(matches(t, 0));
      }),
      { numRuns: 3000 },
    );
  });

  it('skips the chat before a link', () => {
    expect(firstLinkStart('free nitro here: disc0rd-gift.com now')).toBe('free nitro here: '.length);
    expect(firstLinkStart('no links here')).toBe('no links here'.length);
  });
});
