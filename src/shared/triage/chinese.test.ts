// The checks that keep Chinese homophone and pinyin matches where a word could be (issue 14).
import { describe, expect, it } from 'vitest';
import { spanOf } from './testkit';
import { crossesWord, hasVietnameseLetters, notPinyinSpelling } from './chinese';

const at = spanOf;

describe('crossesWord', () => {
  it.each([
    ['创建人是谁', '建人'],
    ['房间人太多了', '间人'],
    ['你马路上小心', '你马'],
    ['你妈妈做的菜', '你妈'],
  ])('%s: %s is half of an ordinary word', (text, words) => {
    expect(crossesWord(...at(text, words))).toBe(true);
  });
  it.each([
    ['你这个建人', '建人'],
    ['你真是个贱人', '贱人'],
    ['贱人', '贱人'],
    ['你是个jian人吧', 'jian人'],
    ['说 jian ren 的人', 'jian ren'],
  ])('%s: %s stands alone', (text, words) => {
    expect(crossesWord(...at(text, words))).toBe(false);
  });
});

describe('notPinyinSpelling', () => {
  it.each(['NÀO CẦN', 'đồ ngu', 'não can', 'nào cần'])('%s carries marks pinyin never writes', (words) => {
    expect(notPinyinSpelling(...at(words, words))).toBe(true);
  });
  it.each(['nao can', 'jiàn rén', 'nǚ ren', 'NÀO CAN', 'јian ren'])('%s can be pinyin', (words) => {
    expect(notPinyinSpelling(...at(words, words))).toBe(false);
  });
});

describe('hasVietnameseLetters', () => {
  it('tells Vietnamese letters, composed or not', () => {
    expect(hasVietnameseLetters('Đừng lo')).toBe(true);
    expect(hasVietnameseLetters('ca\u0302\u0300n')).toBe(true);
    expect(hasVietnameseLetters('nǐ shì jiàn rén')).toBe(false);
    expect(hasVietnameseLetters('não pode')).toBe(false);
  });
});
