// Which of the languages triage reads a message is written in, cheaply and from its original text (the
// words view folds diacritics and look-alike letters away): the script first (Arabic, Cyrillic, kana,
// ideographs), then for Latin text the letters only one language uses and its commonest short words.
// The model's thresholds are calibrated per guessed language (learn.ts), so a language whose scores sit
// lower is not judged by another's cut; a wrong guess is calibrated with, since the slice is guessed the
// same way. An unsure guess is '' and gets the model's global thresholds.

export const MODEL_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'id', 'ja', 'pt', 'ru', 'tr', 'vi', 'zh'] as const;
export type ModelLanguage = (typeof MODEL_LANGUAGES)[number];

/** Latin-script languages told apart by their words, in this order (ties go to the first). */
const LATIN = ['en', 'es', 'pt', 'fr', 'de', 'id', 'tr', 'vi'] as const satisfies readonly ModelLanguage[];

/** Common short words per language (lower-case, as written). A word in several lists counts for each. */
const WORDS: Record<(typeof LATIN)[number], string> = {
  en: 'the and you is are to of that this it my your for with not have be what they we do just so all me he she was will can but if are how why who there their them get got dont im its out about',
  es: 'que el los las del por para con una es y está están pero como más muy todo esto eso yo tú usted son ser hay mi tu su lo le se al ya cuando porque también qué él ella nos estoy soy eres tiene',
  pt: 'que não você vocês é são os as um uma do da dos das no na em com para por mas isso isto eu ele ela muito mais já tem está ser foi seu sua meu minha também porque quando tudo aqui pra ao nao voce sao',
  fr: 'le la les des est et je tu vous nous il elle ils pas ne que qui un une du au aux ce cette ces sont pour avec dans sur mais ou très suis ça moi toi qu être avoir fait',
  de: 'der die das und ist nicht ich du sie er es wir ihr ein eine einen dem den zu mit auf für von sind auch aber wie was noch nur mich dich mir dir sich kein keine bist habe hat diese dieser alle',
  id: 'yang dan di ke dari ini itu tidak gak nggak aku kamu saya anda dia kita kami mereka ada akan sudah udah bisa dengan untuk juga apa jangan lagi sama aja banget orang tapi karena',
  tr: 'bir ve bu da de ne için ile çok ama gibi daha ben sen biz siz onlar var yok değil mi mı mu mü kadar her şey diye olan olarak bunu şu',
  vi: 'là và của có không khong những được người một này cho với các thì mà cũng đã đi ra về nó tôi bạn mày tao như lại rồi để em anh chị',
};

/** A lower-case letter's code (ASCII and Latin-1/Extended-A capitals; others as they are). */
function lower(c: number): number {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) return c + 0x20;
  if (c >= 0x100 && c <= 0x17f && (c & 1) === 0 && c !== 0x130) return c + 1;
  return c;
}

/** FNV-1a of a word's lower-case letters: the words are looked up by hash, with no string made per word. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ lower(word.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}

const wordLanguages = new Map<number, number>();
LATIN.forEach((lang, i) => {
  for (const w of WORDS[lang].split(' ')) wordLanguages.set(wordHash(w), (wordLanguages.get(wordHash(w)) ?? 0) | (1 << i));
});

/** Letters one Latin-script language uses and the others here do not: a vote of 2 each. */
function letterVote(c: number): number {
  if (c === 0xf1 || c === 0xbf || c === 0xa1) return 1; // ñ ¿ ¡ → es
  if (c === 0xe3 || c === 0xf5) return 2; // ã õ → pt
  if (c === 0xdf) return 4; // ß → de
  if (c === 0x11f || c === 0x131 || c === 0x15f || c === 0x130) return 6; // ğ ı ş İ → tr
  if (c === 0x111 || c === 0x1a1 || c === 0x1b0 || c === 0x103 || (c >= 0x1ea0 && c <= 0x1ef9)) return 7; // đ ơ ư ă, tone-marked vowels → vi
  return -1;
}

const votes = new Float64Array(LATIN.length);

/** Characters of a message read to guess its language (the start says enough). */
const GUESS_CHARS = 600;

/** The language of `text`, or '' when it cannot tell (too few letters, or a language triage does not read). */
export function guessLanguage(text: string): ModelLanguage | '' {
  const n = Math.min(text.length, GUESS_CHARS);
  let latin = 0;
  let arabic = 0;
  let cyrillic = 0;
  let kana = 0;
  let han = 0;
  let other = 0;
  votes.fill(0);
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x20;
    const isLatin = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
    if (isLatin) {
      latin++;
      if (!inWord) h = 0x811c9dc5;
      h = Math.imul(h ^ lower(c), 0x01000193);
      inWord = true;
      if (c >= 0xa1) {
        const v = letterVote(c);
        if (v >= 0) votes[v]! += 2;
      }
      continue;
    }
    // Combining marks (Vietnamese written with them) stay inside a word.
    if (c >= 0x300 && c <= 0x36f) continue;
    if (inWord) {
      const bits = wordLanguages.get(h >>> 0);
      if (bits !== undefined) for (let k = 0; k < LATIN.length; k++) if (bits & (1 << k)) votes[k]! += 1;
      inWord = false;
    }
    if (c < 0x80) continue;
    if (c === 0xbf || c === 0xa1) votes[1]! += 2;
    else if (c >= 0x600 && c <= 0x6ff) arabic++;
    else if (c >= 0x400 && c <= 0x4ff) cyrillic++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) han++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x900 && c <= 0xdff) || (c >= 0xe00 && c <= 0xe7f) || (c >= 0x590 && c <= 0x5ff)) other++;
  }
  if (kana > 0 && kana + han >= latin) return 'ja';
  const most = Math.max(latin, arabic, cyrillic, han, other);
  if (most === 0) return '';
  if (most === han) return 'zh';
  if (most === arabic) return 'ar';
  if (most === cyrillic) return 'ru';
  if (most === other) return '';
  let best = -1;
  let top = 0;
  for (let i = 0; i < LATIN.length; i++) {
    if (votes[i]! > top) {
      top = votes[i]!;
      best = i;
    }
  }
  return best < 0 ? '' : LATIN[best]!;
}
