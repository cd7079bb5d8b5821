import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AVOID } from '@shared/replies';
import { avoidToLines, linesToAvoid, linesToWords, ruleIdFor } from './communityText';

describe('community settings as lines', () => {
  it('round-trips the words to avoid, with what to say instead', () => {
    expect(linesToAvoid(avoidToLines(DEFAULT_AVOID))).toEqual(DEFAULT_AVOID);
    expect(linesToAvoid('be patient => take your time\n\n  calm down  \nCALM DOWN\na => b => c')).toEqual([
      { phrase: 'be patient', instead: 'take your time' },
      { phrase: 'calm down' },
      { phrase: 'a', instead: 'b => c' },
    ]);
  });

  it('never keeps an empty phrase, whatever is typed', () => {
    fc.assert(fc.property(fc.string(), (text) => linesToAvoid(text).every((a) => a.phrase.length > 0 && a.phrase === a.phrase.trim())));
    expect(linesToWords(' idiot \n\nidiot\nloser')).toEqual(['idiot', 'loser']);
  });

  it('makes rule ids from titles that stay unique', () => {
    expect(ruleIdFor('No NSFW links!', new Set())).toBe('no-nsfw-links');
    expect(ruleIdFor('No NSFW links', new Set(['no-nsfw-links']))).toBe('no-nsfw-links-2');
    expect(ruleIdFor('禁止广告', new Set())).toBe('rule');
  });
});
