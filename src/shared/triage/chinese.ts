// Chinese evasions: homophones and pinyin (typed in Latin letters or as initials) through pinyin-pro,
// and split-character spellings (赌 → 贝者) for the few characters spam and insult terms rely on.
import { pinyin } from 'pinyin-pro';

const han = /\p{Script=Han}/u;
const syllableCache = new Map<string, string>();

export function hasHan(text: string): boolean {
  return han.test(text);
}

/** Per BMP code unit: 0 not yet known, 1 Han, 2 not Han (a regex test per character was a hot spot). */
const hanTable = new Uint8Array(0x10000);

export function isHanChar(ch: string): boolean {
  if (ch.length !== 1) return han.test(ch);
  return isHanCode(ch.charCodeAt(0));
}

/** Is this UTF-16 code unit a Han character (a lone surrogate is not)? */
export function isHanCode(c: number): boolean {
  let known = hanTable[c]!;
  if (known === 0) hanTable[c] = known = han.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

/** Toneless pinyin of one character ('' when it has none). Cached: chat repeats characters. */
export function syllableOf(ch: string): string {
  const hit = syllableCache.get(ch);
  if (hit !== undefined) return hit;
  const s = han.test(ch) ? pinyin(ch, { toneType: 'none', v: true }).toLowerCase() : '';
  if (syllableCache.size < 30_000) syllableCache.set(ch, s);
  return s;
}

/** Toneless pinyin of each character of a term, read in context so polyphones come out right. */
export function syllablesOf(term: string): string[] {
  const chars = [...term];
  const read = pinyin(term, { toneType: 'none', type: 'array', v: true });
  if (read.length !== chars.length) return chars.map((c) => (han.test(c) ? syllableOf(c) : c));
  return chars.map((c, i) => (han.test(c) ? (read[i] ?? '').toLowerCase() : c));
}

let wordSegmenter: Intl.Segmenter | undefined;

/** How far either side of a match the run of Han characters is read for its words (a sentence's worth). */
const SEGMENT_REACH = 24;

/**
 * Does an ordinary word cross an edge of [start, end) in `text`: does the match start or end inside a word
 * of the Han text around it? "创建人" reads 创建|人, so 建人 there is half of 创建 and not 贱人 spelled by sound;
 * "你马路" reads 你|马路 and holds no 尼玛. ICU's dictionary word breaker (Intl.Segmenter, in V8 and Chromium;
 * insights uses it too) splits an unknown pairing such as 你是个建人 into single characters, so a homophone
 * typed on purpose stands alone. Called only for a homophone match, never per message.
 */
export function crossesWord(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < SEGMENT_REACH && isHanCode(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - end < SEGMENT_REACH && isHanCode(text.charCodeAt(to))) to++;
  if (from === start && to === end) return false;
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  // The words partition the window: only the word holding `start` can begin before it and go on past it, and
  // likewise for `end`. Asked for those two (`containing`), not iterated through: half the time of a loop
  // that made an object per word (chinese.property.test.ts holds the two to the same answers).
  const words = wordSegmenter.segment(text.slice(from, to));
  const first = start > from ? words.containing(start - from) : undefined;
  if (first !== undefined) {
    const a = from + first.index;
    // ICU joins a function word to the verb after it (都去, 就是): "都去si" is still 去死 typed half in pinyin.
    if (a < start && !(start - a === 1 && FUNCTION_CHARS.includes(text[a]!))) return true;
  }
  const last = end < to ? words.containing(end - from) : undefined;
  if (last !== undefined) {
    const a = from + last.index;
    const b = a + last.segment.length;
    if (a < end && !(b - end === 1 && FUNCTION_CHARS.includes(text[end]!))) return true;
  }
  return false;
}

/** Characters that are words of their own (adverbs, particles, pronouns) even where ICU joins them to a neighbour. */
const FUNCTION_CHARS = '都也就还才又再去来要会不没很太真是的了着过个给让被把在我你他她它们这那吧啊呢吗';

/** Letters pinyin is written with: a u ü with a tone mark (ā á ǎ à …) or ü itself; nothing else carries a mark. */
const PINYIN_MARKED = new Set('āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙÜǕǗǙǛ');
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Are the Latin letters at [start, end) spelled with marks pinyin never writes: Vietnamese "NÀO CẦN" (ầ: a
 * circumflex and a tone), "đ", "ơ", "ư", a dot below; Portuguese "ã"? Then the words are not pinyin typed for
 * a Chinese term, whatever they sound like. Look-alike letters of other scripts (Cyrillic "а") are not Latin
 * and leave the answer to the words view, which folds them.
 */
export function notPinyinSpelling(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end).normalize('NFC');
  for (const ch of span) {
    if (ch.charCodeAt(0) < 0x80 || PINYIN_MARKED.has(ch)) continue;
    if (LATIN_LETTER.test(ch)) return true;
  }
  return false;
}

/** Letters only Vietnamese writes among the languages triage reads: đ ơ ư ă and the tone-marked vowels (ạ ả ấ ầ … ỹ). */
const VIETNAMESE_LETTER = /[đĐơƠưƯăĂ\u1ea0-\u1ef9]/u;

export function hasVietnameseLetters(text: string): boolean {
  return VIETNAMESE_LETTER.test(text) || (/[\u0300-\u036f]/u.test(text) && VIETNAMESE_LETTER.test(text.normalize('NFC')));
}

/**
 * Split-character spellings: a character written as its two components side by side. Pack data in
 * spirit (the set a spammer uses is small), kept here so every pack gets them.
 */
export const splitForms: Readonly<Record<string, string>> = {
  赌: '贝者',
  博: '十尃',
  群: '君羊',
  娼: '女昌',
  嫖: '女票',
  妓: '女支',
  枪: '木仓',
  钱: '钅戋',
  赚: '贝兼',
  妈: '女马',
  操: '扌喿',
  骗: '马扁',
  股: '月殳',
  好: '女子',
  加: '力口',
  信: '亻言',
  码: '石马',
  鸡: '又鸟',
  逼: '辶畐',
  约: '纟勺',
  炮: '火包',
  死: '歹匕',
};

/** Variants of a term with one character at a time replaced by its split spelling. */
export function splitVariants(term: string): string[] {
  const chars = [...term];
  const out: string[] = [];
  chars.forEach((c, i) => {
    const split = splitForms[c];
    if (split !== undefined) out.push([...chars.slice(0, i), split, ...chars.slice(i + 1)].join(''));
  });
  return out;
}
