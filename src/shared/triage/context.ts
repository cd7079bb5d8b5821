// Context against false positives (issue 14 §2): a message that warns about a scam, quotes one or
// discusses one talks ABOUT the scam; it is not the scam. Read only when a scam/spam rule fired, so
// its cost is paid by the few messages that match, never by ordinary chat.

/**
 * The view the cues are read on: NFKC, accents and other combining marks dropped, lower case.
 * The cue lists pass through the same function, so "betrüger" and "betruger" meet.
 */
export function foldForCues(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();
}

/**
 * Turns a cue list into one regex. Letters-only cues match as whole words (a trailing `*` lets a
 * stem take endings: "betrug*" is also "betrugsmasche"); cues in scripts without spaces (Han, kana)
 * match anywhere.
 */
function cueRegex(cues: readonly string[]): RegExp {
  const parts = cues.map((raw) => {
    const stem = raw.endsWith('*');
    const cue = foldForCues(stem ? raw.slice(0, -1) : raw);
    const body = cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(cue)) return body;
    return `(?<![\\p{L}\\p{N}])${body}${stem ? '' : '(?![\\p{L}\\p{N}])'}`;
  });
  // Longest first: "not a scam" must be tried before "scam".
  return new RegExp(parts.sort((a, b) => b.length - a.length).join('|'), 'u');
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
  'lừa đảo', 'giả mạo', 'đừng bấm', 'đừng tin', 'cảnh giác',
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
  'hit me up', 'click here', 'claim now', 'claim here', 'claim yours', 'claim it now', 'link below', 'link in bio', 'join now', 'sign up now', 'hurry',
  'first come', 'contact us', 'write to us', 'reach out to us', 'recover your', 'get your funds back', 'get your money back',
  'recovery expert', 'recovery service', 'official support', 'verified support', 'real giveaway', 'official link', 'only trust me',
  '加我', '加v', '加微', '私聊我', '私信我', '联系我', '点击领取', 'escríbeme', 'escribeme', 'mándame', 'me chama', 'chama no pv', 'напиши мне', 'пиши в лс',
  'пишите в лс', 'bana yaz', 'راسلني', 'dmください', 'chat saya', 'dm saya', 'hubungi saya', 'nhắn tin cho mình', 'inbox mình', 'schreib mir', 'écris-moi',
  'ecris-moi', 'contacte-moi', 'contacte moi',
];

const WARNING = cueRegex(WARNING_CUES);
const REASSURANCE = cueRegex(REASSURANCE_CUES);
const OWN_LURE = cueRegex(OWN_LURE_CUES);

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

/** Anything shaped like a link or host name: the words around a link decide, not its letters. */
const LINKISH = /\S*[\p{L}\p{N}-]\.[a-z]{2,}\S*/gu;

/** The author's own words: the message without its quotations and links. */
export function ownWords(folded: string): string {
  return folded.replace(QUOTED, ' ').replace(LINKISH, ' ');
}

/** Does the author invite people to act or make contact in their own words, or post a link of their own? */
export function hasOwnLure(text: string): boolean {
  const unquoted = foldForCues(text).replace(QUOTED, ' ');
  LINKISH.lastIndex = 0;
  const linked = LINKISH.test(unquoted);
  LINKISH.lastIndex = 0;
  return linked || OWN_LURE.test(unquoted.replace(LINKISH, ' '));
}

/**
 * Does the message talk about a scam (warn, report, quote, recount) rather than run one? Its own
 * words must carry a warning cue and no lure of their own; "not a scam" anywhere in them makes it a lure.
 */
export function talksAboutScam(text: string): boolean {
  const own = ownWords(foldForCues(text));
  if (REASSURANCE.test(own)) return false;
  if (!WARNING.test(own)) return false;
  return !OWN_LURE.test(own);
}
