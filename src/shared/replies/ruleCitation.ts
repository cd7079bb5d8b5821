// Does a reply cite the rule concerned? By number ("rule 2", "правило 2", "第2条", "2. kural"), by
// name ("the no-spam rule", a title from the community's rule list), by channel (#rules, <#id>) or
// by link, in every language the console reads (issue 14 §3: a fine warning citing "правило 2" was
// told it lacked the rule).

/** Words for "rule" (and "article/point of the rules") per language, lower case. */
const RULE_WORDS = [
  'rules?', 'regulations?', '§',
  '规则', '群规', '规定', '条款', '版规', '規則', 'ルール',
  'reglas?', 'normas?', 'regras?', 'règles?', 'regles?', 'articles?', 'regeln?', 'punkt',
  'правил[аоуы]?', 'правилам', 'пункт(?:а|у)?', 'п\\.',
  'kural(?:ı|i|lar|ları)?', 'madde(?:si)?',
  'القاعدة', 'قاعدة', 'القواعد', 'البند', 'بند',
  'quy tắc', 'quy định', 'luật', 'điều',
  'aturan', 'peraturan', 'poin',
].join('|');

/** Word edges for scripts written with spaces; Han and kana run on without them ("请看群规3", "ルール2に"). */
const WORD_START = '(?<![\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Arabic}\\p{Script=Greek}])';
const WORD_END = '(?![\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Arabic}\\p{N}])';

/** A number as people write it: digits (Western, Arabic-Indic, full width) or Chinese numerals. */
const NUMBER = '(?:[0-9０-９٠-٩]+|[一二三四五六七八九十百]+|one|two|three|four|five|six|seven|eight|nine|ten)';

/** "rule 2", "rule #2", "Regel Nr. 2", "правило №2", "quy tắc số 2", "aturan nomor 2", "规则2", "القاعدة رقم 2". */
const RULE_THEN_NUMBER = new RegExp(`${WORD_START}(?:${RULE_WORDS})\\s*(?:#|no\\.?|nr\\.?|n[º°o]\\.?|№|номер|số|nomor|ke-?|رقم)?\\s*${NUMBER}${WORD_END}`, 'iu');
/** "第2条", "第二条规则", "2nd rule", "2. kural", "kural 2" (above), "ルール2" (above), "2番目のルール". */
const NUMBER_THEN_RULE = new RegExp(
  `第\\s*${NUMBER}\\s*(?:条|項|项|点)|(?<![\\p{L}\\p{N}])${NUMBER}(?:st|nd|rd|th|\\.|-?(?:е|ое|ая|й))?\\s*(?:${RULE_WORDS})(?![\\p{L}])|${NUMBER}\\s*番目?の?(?:ルール|規則)`,
  'iu',
);
/** A rule named by its subject: "the no-spam rule", "our rule against spam", "правило о спаме", "spam kuralı". */
const RULE_BY_NAME = new RegExp(
  [
    '(?<![\\p{L}])(?:the|our|this)\\s+(?:[\\p{L}-]+\\s+){1,3}rule(?![\\p{L}])',
    '(?<![\\p{L}])rules?\\s+(?:against|on|about|for|of)\\s+\\p{L}',
    '(?<![\\p{L}])(?:la|nuestra|esta)\\s+(?:regla|norma)\\s+(?:de|del|sobre|contra)\\s',
    '(?<![\\p{L}])(?:a|nossa|esta)\\s+(?:regra|norma)\\s+(?:de|do|da|sobre|contra)\\s',
    '(?<![\\p{L}])(?:la|notre|cette)\\s+r[èe]gle\\s+(?:de|du|des|sur|contre|concernant)\\s',
    '(?<![\\p{L}])(?:die|unsere|diese)\\s+(?:[\\p{L}-]+)?regel\\s+(?:zu|gegen|über|zum|zur)\\s',
    '(?<![\\p{L}])\\p{L}+-?regel(?![\\p{L}])',
    '(?<![\\p{L}])правил[оа]\\s+(?:о|об|про|против|насч[её]т)\\s',
    '(?<![\\p{L}])\\p{L}+\\s+kural(?:ı|i|ımız|imiz)(?![\\p{L}])',
    '(?:قاعدة|القاعدة|قواعد)\\s+(?:عدم|منع|حول|بشأن)',
    'の(?:ルール|規則)|に関する(?:ルール|規則)',
    '(?<![\\p{L}])(?:quy tắc|quy định|luật)\\s+(?:về|cấm|chống)\\s',
    '(?<![\\p{L}])(?:aturan|peraturan)\\s+(?:tentang|soal|larangan|anti)\\s',
    '关于\\S{1,12}的(?:规定|规则|群规)|(?:禁止|不准|不得)\\S{1,12}的(?:规定|规则|群规)',
  ].join('|'),
  'iu',
);
/** A link, a channel mention, a #rules channel in any language, or the macro's placeholder. */
const RULE_PLACE = new RegExp(
  `https?://|\\{rule(?:_link)?\\}|<#\\d+>|#[\\p{L}\\p{N}_-]*(?:rule|regla|regra|r[èe]gle|regel|правил|kural|规则|群规|ルール|規則|aturan|quy-?tac|luat|قواعد|القوانين)`,
  'iu',
);

/**
 * Does the text cite a rule? `names` are the community's own rule titles (Settings → Community), each
 * a citation when it appears as written (any case).
 */
export function citesRule(text: string, names: readonly string[] = []): boolean {
  if (RULE_PLACE.test(text) || RULE_THEN_NUMBER.test(text) || NUMBER_THEN_RULE.test(text) || RULE_BY_NAME.test(text)) return true;
  if (names.length === 0) return false;
  const lower = text.toLocaleLowerCase();
  return names.some((n) => n.trim().length >= 3 && lower.includes(n.trim().toLocaleLowerCase()));
}
