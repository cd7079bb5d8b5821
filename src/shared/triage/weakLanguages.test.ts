// Insults in the languages where recall was weakest (issue 14: tr, fr, de, es, id, ja, vi, ar), by the rules alone:
// the inflected and compound forms members type and insults aimed at "you" are flagged; words that only share
// their letters (a holiday, a pet dog, pork, "boring", "asks") and denied opinions are not. Lines written here.
import { describe, expect, it } from 'vitest';
import { createTriageEngine, defaultPack } from './index';
import { message } from './testkit';

const rules = createTriageEngine({ pack: { ...defaultPack, model: { enabled: false } } });
const toxic = (text: string): boolean => rules.evaluate(message(text)).some((f) => f.category === 'toxicity');

describe('the rules flag insults in their inflected forms', () => {
  it.each([
    // Turkish person, plural and case suffixes, and k → ğ before a vowel.
    ['tr', 'sen bir aptalsın'],
    ['tr', 'gerizekalısınız hepiniz, susun artık'],
    ['tr', 'defol git salağın teki'],
    ['tr', 'adam tam bir beyinsiz'],
    // German compounds and plurals.
    ['de', 'ihr seid alle Vollidioten'],
    ['de', 'was für ein Riesenarschloch'],
    ['de', 'du bist so dumm, ehrlich'],
    // French and Spanish forms the lists lacked.
    ['fr', "t'es qu'un crétin, tu comprends rien"],
    ['fr', 'espèce de connasse'],
    ['es', 'sois unos idiotas todos'],
    ['es', 'qué subnormal eres'],
    // Arabic clitics on the word: the article, "and", "O".
    ['ar', 'الغبي هذا ما يفهم شي'],
    ['ar', 'يا حقير اطلع من هنا'],
    ['ar', 'انت حيوان والله'],
    // Indonesian, Japanese, Vietnamese.
    ['id', 'kamu bego banget sih'],
    ['id', 'dasar pelacur, jangan nyepam di sini'],
    ['ja', 'お前ほんとアホだな'],
    ['ja', '黙れよ、このクズ'],
    ['vi', 'thằng chó này lại spam nữa'],
    ['vi', 'đồ mất dạy, cút đi'],
  ])('%s: %s', (_lang, text) => {
    expect(toxic(text)).toBe(true);
  });
});

describe('insults that carry a quote or a "not" (eval/counterSpeech.ts) are flagged in tr, ja, vi and id too', () => {
  it.each([
    ['tr', 'sen oyuncu değilsin, sen bir gerizekalısın'],
    ['ja', '黙れよ、このクズ'],
    ['vi', 'im mồm đi con điếm'],
    ['id', '"sampah" itu kamu, bego'],
    ['id', 'diam lu, dasar pelacur'],
  ])('%s: %s', (_lang, text) => {
    expect(toxic(text)).toBe(true);
  });
});

describe('a group called vermin, parasites or animals is flagged', () => {
  it.each([
    ['de', 'Die sind doch alle Ungeziefer.'],
    ['fr', 'ces gens sont des parasites'],
    ['es', 'los inmigrantes son todos unas ratas'],
    ['ar', 'هم مجرد حشرات'],
  ])('%s: %s', (_lang, text) => {
    expect(rules.evaluate(message(text)).map((f) => f.rule)).toContain('toxicity.dehumanizing');
  });

  it('but not when it is denounced, nor a word said of things or of a player\'s game', () => {
    expect(toxic('Saying that immigrants are vermin is racist.')).toBe(false);
    expect(toxic('you are trash at this game lol, rematch?')).toBe(false);
    expect(toxic('Los videojuegos son basura.')).toBe(false);
  });
});

describe('words that only share the letters are not insults', () => {
  it.each([
    ['tr', 'Devamlı olarak silahı sıkanlar değil, sıktıranlar önemlidir!'],
    ['tr', 'bu hafta çok sıkıldım, ders çalışmaktan bıktım'],
    ['tr', 'Yalnız aşağı düşmek için de bi endam boy pos gerekir'],
    ['pt', 'lembrando: a staff nunca pede código nem print da carteira'],
    ['pt', 'A economia está tão fodida.'],
    ['de', 'Seien Sie ehrlich: Wie sehr sind wir am Arsch?'],
    ['ja', 'バカンスでハワイに行ってきた'],
    ['ja', 'アホウドリの写真を撮った'],
    ['vi', 'con chó nhà mình vừa đẻ ba con'],
    ['vi', 'mình đi ngủ đây, chúc cả nhà ngủ ngon'],
    ['ar', 'عندي كلب صغير اسمه ماكس'],
    ['ar', 'لحم الخنزير ممنوع عندنا'],
    ['id', 'anjingku lucu banget hari ini'],
    // A denied opinion is the author's disagreement, not an insult (contextAbuse.ts).
    ['ja', '初心者がアホだとは思わない'],
    ['id', 'aku nggak pernah bilang pemula itu bego, baca lagi'],
  ])('%s: %s', (_lang, text) => {
    expect(toxic(text)).toBe(false);
  });

  it('but the same word at "you" still is', () => {
    expect(toxic('お前がアホだとは思わないか？')).toBe(true);
    expect(toxic('kamu bego')).toBe(true);
  });
});
