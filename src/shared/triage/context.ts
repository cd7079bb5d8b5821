// Context against false positives (issue 14 §2): a message that warns about a scam, quotes one or
// discusses one talks ABOUT the scam; it is not the scam. Read only when a scam/spam rule fired, so
// its cost is paid by the few messages that match, never by ordinary chat.

import { Automaton } from './automaton';

/** The context reader reads this much of a message: a warning says what it is early on. */
const READ_CHARS = 2000;
const ASCII_ONLY = /^\p{ASCII}*$/u;

/**
 * The view the cues are read on: NFKC, accents and other combining marks dropped, lower case, one
 * space between words. The cue lists pass through the same function, so "betrüger" and "betruger" meet.
 */
export function foldForCues(text: string): string {
  const lower = ASCII_ONLY.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();
  return /[^\S ]| {2}/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
}

/**
 * Words of someone warning about, reporting or recounting a scam, in the 12 languages triage reads.
 * Only words that name the scam or tell people not to fall for it: attention words alone ("careful",
 * "注意", "Achtung", "dikkat") open account-suspension phishing just as often, so they do not count.
 */
export const WARNING_CUES: readonly string[] = [
  // en
  'scam*', 'phish*', 'fraud*', 'fake', 'fakes', 'trap', 'beware', 'watch out for', 'fall for', 'fell for', 'falling for', "don't click", 'dont click',
  'do not click', 'never click', 'never share', "don't share", 'do not share', 'never send', "don't send", 'do not send', 'never give', 'never ask',
  'will never ask', 'will never dm', 'never dm', 'ignore them', 'ignore those', 'ignore these', 'ignore it', 'ignore anyone', 'report them', 'report it',
  'reported it', 'reported them', 'report and block', 'block them', 'is this legit', 'is this real', 'got scammed', 'rug pull', 'rugged', 'oldest trick',
  'red flag', 'impersonator*', 'impersonating', 'malware', "don't trust", 'do not trust', 'lost money', 'lost my money', 'lost all', 'lost everything',
  'nice try', 'too good to be true', 'one of those', 'these scams', 'those scams',
  // zh
  '骗子', '诈骗', '骗局', '骗人', '被骗', '骗了', '钓鱼', '别点', '不要点', '假的', '举报', '别信', '不要信', '谨防', '防骗', '千万不要', '千万别', '忽略',
  '不会私信', '不会主动', '骗钱', '上当',
  // es
  'estafa*', 'fraude*', 'falso', 'falsa', 'no hagas clic', 'no caigan', 'no caigas', 'no compartas', 'nunca compartas', 'nadie te pedira', 'reportenlo',
  'reportalo', 'denuncien', 'denuncialo', 'engano', 'trampa',
  // pt
  'golpe', 'golpes', 'golpista*', 'nao clique', 'nao caiam', 'nao caia', 'nunca compartilhe', 'denunciem', 'denuncie', 'enganacao',
  // fr
  'arnaque*', 'escroquerie*', 'escroc*', 'faux', 'fausse', 'mefiez', 'mefiez-vous', 'ne cliquez pas', 'ne cliquez jamais', 'signalez', 'piege',
  // de
  'betrug*', 'betruger*', 'abzocke', 'nicht klicken', 'nicht draufklicken', 'gefalscht', 'falle',
  // ru
  'мошенни*', 'развод', 'разводят', 'развели', 'обман*', 'фейк*', 'не переходите', 'не переходи', 'не ведитесь', 'не кликайте', 'жалуйтесь',
  'пожалуйтесь', 'кидалово', 'лохотрон',
  // tr
  'dolandırıcı*', 'sahte', 'tıklamayın', 'tuzak', 'şikayet edin', 'bildirin', 'kandırma*',
  // ar
  'احتيال', 'نصاب', 'نصابين', 'احذروا', 'احذر', 'لا تضغط', 'لا تضغطوا', 'مزيف', 'مزيفة', 'وهمي', 'بلغوا',
  // ja
  '詐欺', '偽物', '偽', 'クリックしないで', '通報', 'フィッシング', 'だまされ', '騙され', '騙し',
  // vi
  'lừa đảo', 'giả mạo', 'đừng bấm', 'đừng tin', 'cảnh giác', 'bị lừa', 'bị gạt', 'lừa mất', 'mất tiền', 'mất hết tiền',
  // id
  'penipuan', 'penipu', 'palsu', 'jangan klik', 'jangan diklik', 'jangan percaya', 'laporkan', 'tertipu',
];

/** A lure that pre-empts the warning: "not a scam", "100% legit". These make a message the scam. */
export const REASSURANCE_CUES: readonly string[] = [
  'not a scam', 'no scam', 'not scam', 'not fake', 'not a fake', '100% legit', '100 legit', 'legit giveaway', 'this is legit', 'totally legit', 'fully legit',
  '不是骗子', '不是骗局', '不是诈骗', '真实有效', '绝对真实', 'no es estafa', 'no es una estafa', 'nao e golpe', 'pas une arnaque', 'pas une escroquerie',
  'kein betrug', 'kein fake', 'не развод', 'не мошенники', 'не обман', 'dolandırıcılık değil', 'sahte değil', 'ليس احتيال', 'ليست احتيال', '詐欺ではありません',
  '詐欺じゃない', 'không phải lừa đảo', 'bukan penipuan', 'bukan scam',
];

/** The author's own invitation to act or make contact: a scam's call to action, not a warning's. */
export const OWN_LURE_CUES: readonly string[] = [
  'dm me', 'pm me', 'message me', 'msg me', 'text me', 'inbox me', 'write me', 'contact me', 'send me a dm', 'add me', 'whatsapp me', 'telegram me',
  'hit me up', 'click here', 'claim now', 'claim here', 'claim yours', 'claim it now', 'claim your', 'claim it', 'grab yours', 'grab your',
  'get yours', 'redeem your', 'redeem now', 'redeem here', 'link below', 'link in bio', 'join now', 'sign up now', 'hurry',
  'first come', 'contact us', 'write to us', 'reach out to us', 'recover your', 'get your funds back', 'get your money back',
  'recovery expert', 'recovery service', 'official support', 'verified support', 'real giveaway', 'official link', 'only trust me',
  '加我', '加v', '加微', '私聊我', '私信我', '联系我', '点击领取', 'escríbeme', 'escribeme', 'mándame', 'me chama', 'chama no pv', 'напиши мне', 'пиши в лс',
  'пишите в лс', 'bana yaz', 'راسلني', 'dmください', 'chat saya', 'dm saya', 'hubungi saya', 'nhắn tin cho mình', 'inbox mình', 'schreib mir', 'écris-moi',
  'ecris-moi', 'contacte-moi', 'contacte moi', 'tại đây', 'nhận ngay',
];

/** Words that turn the author's call to action into advice: "never claim your prize from a DM". */
const NEGATED_BEFORE = /(?:^|[^\p{L}])(?:don['’]?t|do not|never|not|no one should|nobody should)\s+$/u;

const WARNING = 1;
const REASSURANCE = 2;
const OWN_LURE = 4;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Every cue of the three lists in one automaton: one pass over a message finds them all (a regex of
 * some 300 alternatives took ten microseconds a message). Cues written with spaces match whole words
 * (a trailing `*` lets a stem take endings: "betrug*" is also "betrugsmasche"); cues in scripts
 * without spaces (Han, kana) match anywhere.
 */
class Cues {
  private readonly automaton = new Automaton(256);
  private readonly kind: number[] = [];
  private readonly bounded: boolean[] = [];
  private readonly stem: boolean[] = [];

  constructor(lists: Array<[readonly string[], number]>) {
    for (const [list, kind] of lists) {
      for (const raw of list) {
        const stem = raw.endsWith('*');
        const id = this.automaton.add(foldForCues(stem ? raw.slice(0, -1) : raw));
        this.kind[id] = kind;
        this.bounded[id] = !CJK.test(raw);
        this.stem[id] = stem;
      }
    }
    this.automaton.build();
  }

  /** The kinds of cue in `text` (a folded view), as bits. */
  find(text: string): number {
    let bits = 0;
    const n = this.automaton.collect(text);
    const found = this.automaton.found;
    for (let k = 0; k < n; k++) {
      const id = found[3 * k]!;
      const start = found[3 * k + 1]!;
      const end = found[3 * k + 2]!;
      if (this.bounded[id]) {
        if (start > 0 && WORDISH.test(text[start - 1]!)) continue;
        if (!this.stem[id] && end < text.length && WORDISH.test(text[end]!)) continue;
      }
      if (this.kind[id] === OWN_LURE && NEGATED_BEFORE.test(text.slice(Math.max(0, start - 16), start))) continue;
      bits |= this.kind[id]!;
    }
    return bits;
  }
}

let cues: Cues | undefined;
/** The kinds of cue in a folded text (the automaton is built on first use: most sessions never need it). */
function cuesIn(text: string): number {
  cues ??= new Cues([
    [WARNING_CUES, WARNING],
    [REASSURANCE_CUES, REASSURANCE],
    [OWN_LURE_CUES, OWN_LURE],
  ]);
  return cues.find(text);
}

/**
 * Quoted parts of a message: what someone else wrote, repeated. Paired quote marks of every script
 * ("…", “…”, ‘…’, «…», „…“, 「…」, 『…』, '…' not inside a word such as "don't") and quoted lines ("> …").
 */
const QUOTED = new RegExp(
  [
    '"[^"\\n]{2,}"',
    '“[^”\\n]{2,}”',
    '„[^“”\\n]{2,}[“”]',
    '‘[^’\\n]{2,}’',
    '«[^»\\n]{2,}»',
    '‹[^›\\n]{2,}›',
    '「[^」\\n]{1,}」',
    '『[^』\\n]{1,}』',
    "(?<![\\p{L}\\p{N}])'[^'\\n]{2,}?'(?![\\p{L}\\p{N}])",
    '(?:^|\\n)>+ [^\\n]*',
  ].join('|'),
  'gu',
);

const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;

/**
 * The text without its words shaped like a link or host name ("nitro-gifts.xyz", "https://…"): a
 * scan for dots and "://", each blanking its word. Linear, and no array or regex per word.
 */
function withoutLinks(text: string): { text: string; links: boolean } {
  let out: string | undefined;
  let from = 0;
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
    const before = text.charCodeAt(i - 1);
    const linkish = i > 0 && before !== 32 && before !== 46 && isAsciiLower(text.charCodeAt(i + 1)) && isAsciiLower(text.charCodeAt(i + 2));
    if (!linkish || i < from) continue;
    const start = text.lastIndexOf(' ', i) + 1;
    const space = text.indexOf(' ', i);
    const end = space < 0 ? text.length : space;
    out = (out ?? '') + text.slice(from, start);
    from = end;
    i = end;
  }
  for (let i = text.indexOf('://', from); i >= 0; i = text.indexOf('://', i + 3)) {
    const start = Math.max(from, text.lastIndexOf(' ', i) + 1);
    const space = text.indexOf(' ', i);
    const end = space < 0 ? text.length : space;
    out = (out ?? '') + text.slice(from, start);
    from = end;
    i = end;
  }
  return out === undefined ? { text, links: false } : { text: out + text.slice(from), links: true };
}

/**
 * The message without what it quotes (original text, read up to READ_CHARS), or undefined when it quotes
 * nothing: "«you people make me sick»: we do not say that here" says the insult only in quotation marks.
 */
export function withoutQuotations(text: string): string | undefined {
  const read = text.length > READ_CHARS ? text.slice(0, READ_CHARS) : text;
  // search() ignores the g flag's lastIndex, so the shared regex needs no reset.
  return read.search(QUOTED) < 0 ? undefined : read.replace(QUOTED, ' ');
}

/**
 * Where the message quotes someone's speech (original offsets, start and end pairs): paired quote marks
 * around two words or more, or a quoted line. A single word in quotes is often the author's own scare
 * quote ('you "genius"'), so it is not counted. Empty when there is no such quotation.
 */
export function quotedSpeech(text: string): number[] {
  const read = text.length > READ_CHARS ? text.slice(0, READ_CHARS) : text;
  const out: number[] = [];
  if (read.search(QUOTED) < 0) return out;
  for (const m of read.matchAll(QUOTED)) if (/\S\s+\S/u.test(m[0].trim().slice(1, -1)) || m[0].trimStart().startsWith('>')) out.push(m.index, m.index + m[0].length);
  return out;
}

/** The folded text without its quotations, read up to READ_CHARS. */
function unquoted(text: string): string {
  return foldForCues(text.length > READ_CHARS ? text.slice(0, READ_CHARS) : text).replace(QUOTED, ' ');
}

/** The author's own words: the message (folded) without its quotations and links. */
export function ownWords(folded: string): string {
  return withoutLinks(folded.replace(QUOTED, ' ')).text;
}

/** Verdicts per text: a spam wave repeats its text, and so do the warnings about it. Cleared when full. */
const verdicts = new Map<string, number>();
const TALKS = 1;
const LURES = 2;
function verdict(full: string, bit: number, decide: () => boolean): boolean {
  // Keyed by what is read: a long text is kept as its first READ_CHARS characters (bounded memory).
  const text = full.length > READ_CHARS ? full.slice(0, READ_CHARS) : full;
  const known = verdicts.get(text) ?? 0;
  if (known & (bit << 4)) return (known & bit) !== 0;
  const yes = decide();
  if (verdicts.size >= 1000) verdicts.clear();
  verdicts.set(text, (verdicts.get(text) ?? 0) | (bit << 4) | (yes ? bit : 0));
  return yes;
}

/** Does the author invite people to act or make contact in their own words, or post a link of their own? */
export function hasOwnLure(text: string): boolean {
  return verdict(text, LURES, () => readsAsLure(text));
}

function readsAsLure(text: string): boolean {
  const own = withoutLinks(unquoted(text));
  return own.links || (cuesIn(own.text) & OWN_LURE) !== 0;
}

/**
 * Does the message talk about a scam (warn, report, quote, recount) rather than run one? Its own
 * words must carry a warning cue and no lure of their own; "not a scam" anywhere in them makes it a lure.
 */
export function talksAboutScam(text: string): boolean {
  return verdict(text, TALKS, () => readsAsWarning(text));
}

function readsAsWarning(text: string): boolean {
  const found = cuesIn(withoutLinks(unquoted(text)).text);
  return (found & WARNING) !== 0 && (found & (REASSURANCE | OWN_LURE)) === 0;
}
