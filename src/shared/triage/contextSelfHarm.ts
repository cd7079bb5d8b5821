// Context for the self-harm care signal (issue 14): words of death a message says about someone else
// ("my friend says she wants to die, how do I help?") or in laughter ("mdr je suis mort 😂") are not
// the author's own intent. A person asking how to help a friend needs an answer, not a care flag.

/** A whole word: JavaScript's \b knows only ASCII letters ("él", "arkadaşım"). */
const word = (alternatives: string): string => `(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`;

/** Someone else, in the 12 languages: a friend, family, a partner, "he"/"she". */
const OTHER = [
  word('friend|bestie|buddy|bf|gf|boyfriend|girlfriend|sister|brother|sis|bro|mom|mum|dad|son|daughter|cousin|classmate|roommate|partner|coworker|colleague|she|he'),
  '(?:朋友|同学|闺蜜|室友|姐姐|妹妹|哥哥|弟弟|妈妈|爸爸|男朋友|女朋友|对象|同事|他|她)',
  word('amig[oa]s?|herman[oa]|novi[oa]|prim[oa]|madre|padre|mam[aá]|pap[aá]|compañer[oa]|él|ella'),
  word('irm[aã]o?|namorad[oa]|m[aã]e|pai|colega|ele|ela'),
  word('ami|amie|pote|copain|copine|fr[eè]re|s(?:oe|œ)ur|m[eè]re|p[eè]re|coll[eè]gue|il|elle'),
  word('freund|freundin|kumpel|bruder|schwester|mutter|mama|vater|papa|kollege|kollegin|er|sie'),
  word('друг|подруга|брат|сестра|мама|папа|парень|девушка|коллега|он|она'),
  word('arkadaşım|kardeşim|annem|babam|sevgilim'),
  '(?:صديقي|صديقتي|أخي|اخي|أختي|اختي|أمي|امي|أبي|ابي|زميلي|زميلتي)',
  // The one who speaks, not the one spoken to: 友達が/は, not 友達に ("I told my friend I want to die").
  '(?:友達|友人|親友|彼女|彼氏|妹|姉|弟|兄|母|父|息子|娘|同僚|クラスメイト|先輩|後輩)(?:が|は|も)',
  word('teman(?:ku)?|sahabat(?:ku)?|pacar(?:ku)?|adik(?:ku)?|kakak(?:ku)?|ibu(?:ku)?|ayah(?:ku)?|dia'),
].join('|');

/** Saying, telling, writing: the verb that reports another's words. */
const SAYS = [
  word('says?|said|saying|told me|tells me|texted|wrote|posted'),
  '(?:说|讲|告诉我)',
  word('dice|dijo|diciendo|diz|disse|falou|fala|dizendo|dit|r[eé]p[eè]te|sagt|meint|schreibt|gesagt|говорит|сказал|сказала|пишет|bilang|berkata|ngomong|cerita|kata'),
  '(?:تقول|يقول|قالت|قال|تكتب|يكتب)',
].join('|');
const SAYS_JA_TR = `(?:って|と)(?:言|い|話|書)|${word('diyor|söylüyor|dedi')}`;

/** Where a sentence ends. */
const BREAK = /[.!?。！？\n;；]/u;
/** Within one clause: the reporting frame and the words it reports are not split by a full stop. */
const CLAUSE = '[^.!?。！？\\n;；]';
/**
 * Other + says, then up to a few words ("she", "que", "dia") before the flagged words: a comma may follow the
 * verb ("sagt, sie will sterben"), but a comma later starts the author's own words ("says hi, I want to die").
 */
const FRAME_BEFORE = new RegExp(`(?:${OTHER})${CLAUSE}{0,24}?(?:${SAYS})[,，:：]?[^.!?。！？\\n;；,，、]{0,16}$`, 'iu');
/** Japanese and Turkish report after the words: 友達が「死にたい」って言ってる, arkadaşım ... söylüyor. */
const OTHER_BEFORE = new RegExp(`(?:${OTHER})${CLAUSE}{0,24}$`, 'iu');
const SAYS_AFTER = new RegExp(`^${CLAUSE}{0,12}?(?:${SAYS_JA_TR})`, 'iu');
/** The same frames anywhere in a message: for the model, whose evidence is single words. */
const FRAME_ANYWHERE = new RegExp(`(?:${OTHER})${CLAUSE}{0,24}?(?:${SAYS}|${SAYS_JA_TR})`, 'iu');

/** Are the words at [start, end) someone else's, reported by the author ("my friend says she wants to die")? */
export function reportedOfOther(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  if (FRAME_BEFORE.test(before)) return true;
  return OTHER_BEFORE.test(before) && SAYS_AFTER.test(text.slice(end, end + 24));
}

/**
 * Are all these words (the model's evidence) in sentences that report what someone else says? The model
 * reads words, not who says them: "我朋友说她不想活了" reads like ideation word by word.
 */
export function allReportedOfOther(text: string, spans: ReadonlyArray<{ start: number; end: number }>): boolean {
  if (spans.length === 0) return false;
  for (const { start, end } of spans) {
    if (reportedOfOther(text, start, end)) continue;
    let from = start;
    while (from > 0 && !BREAK.test(text[from - 1]!)) from--;
    let to = end;
    while (to < text.length && !BREAK.test(text[to]!)) to++;
    if (to - from > 400 || !FRAME_ANYWHERE.test(text.slice(from, to))) return false;
  }
  return true;
}


/** Laughter in the 12 languages: "mdr", "lol", "😂", "笑死", "草", "www", "wkwk", "kkkk", "jajaja", "ахах". */
const LAUGH =
  /[😂🤣😹💀😆]|(?:^|[^\p{L}])(?:lol+|lmf?ao+|rofl|(?:ha){2,}h?|(?:he){2,}|mdr+|ptdr+|xd+|(?:ja){2,}|(?:je){2,}|k{3,}|rs(?:rs)+|(?:ха){2,}|(?:ах){2,}а?|ору|wk(?:wk)+|kwkw\w*|ngakak|ه{3,}|خخخ+|w{2,}|=\)+|ahah\w*)(?![\p{L}])|笑死|哈哈|[(（]笑[)）]|(?:^|[\s、,，。!！])草(?=[\s、,，。!！wｗ]|$)|(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[wｗ]{2,}|cười/iu;
/** "Dead", "died", "I'm dead" words: what laughter makes hyperbole. */
const DEAD =
  /(?:^|[^\p{L}])(?:dead|died|dying|dies|morte?s?|morto|morta|morri|muert[oa]|mor[ií]|me muero|tot|sterbe|умер(?:ла)?|умираю|сдох\p{L}*|öldüm|ölüyorum|مت|متت|mati|chết)(?![\p{L}])|死/iu;

/** A laughing "I'm dead" ("mdr je suis mort 😂", "草、死んだwww", "wkwk mati"): hyperbole, not intent. */
export function laughingHyperbole(text: string): boolean {
  return LAUGH.test(text) && DEAD.test(text);
}
