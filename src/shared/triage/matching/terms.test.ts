// The term matcher's pinyin view (perf, issue 14): terms that sound alike and hit the same span ask ICU
// for the words around it once, and keep the same hits.
import { describe, expect, it, vi } from 'vitest';
import { K_TERM } from '../compiled';
import { normalize } from '../normalize';
import { TermMatcher } from './terms';

const asked = vi.hoisted(() => ({ calls: [] as Array<[number, number]> }));
vi.mock('../chinese', async (original) => {
  const real = await original<typeof import('../chinese')>();
  return {
    ...real,
    crossesWord: (text: string, start: number, end: number) => {
      asked.calls.push([start, end]);
      return real.crossesWord(text, start, end);
    },
  };
});

function matcher(terms: string[]): TermMatcher {
  const m = new TermMatcher();
  terms.forEach((t, i) => m.addTerm(t, i, 0, 'word', K_TERM, true));
  m.build(terms.length);
  return m;
}

describe('sound-alike terms on one span', () => {
  it('ask whether a word crosses the span once, not once per term, and keep every term where it does not', () => {
    const wechat = matcher(['微信', '威信', '薇信']);
    asked.calls = [];
    const hits = wechat.termHits(normalize('今晚排位新地图'));
    expect(asked.calls).toEqual([[3, 5]]);
    expect(hits.map((h) => [h.pattern, h.start, h.end])).toHaveLength(3);
    expect(new Set(hits.map((h) => `${h.start}:${h.end}`))).toEqual(new Set(['3:5']));
  });

  it('and drop every term where a word crosses it', () => {
    // 创建人 reads 创建|人: 建人 (jian ren) is half of 创建.
    const insult = matcher(['贱人', '剑人', '健人']);
    asked.calls = [];
    expect(insult.termHits(normalize('创建人是谁'))).toEqual([]);
    expect(asked.calls).toEqual([[1, 3]]);
  });
});
