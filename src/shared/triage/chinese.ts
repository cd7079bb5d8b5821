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
