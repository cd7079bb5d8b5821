// The stages after the rules (issue 14): context drops the flags a message earns only by talking about
// the thing, and the learned model adds what the rules missed, under the same context rules.
import type { ChatEvent, DropContext, Flag, FlagWhy } from '../domain/model';
import type { SpaceState } from './behaviour';
import { CONTEXT_CATEGORIES, clip, recordDrop, type CompiledRule, type Scope, type TriageContext } from './compiled';
import { kindList } from './kinds/registry';
import { hasOwnLure, quotedSpeech, talksAboutScam, withoutQuotations } from './context';
import { allReportedOfOther, laughingHyperbole, reportedOfOther } from './contextSelfHarm';
import { allDenounced, denouncedSpeech, inWorkTitle, negatedInsult, withoutWorkTitles } from './contextAbuse';
import { otherSense, ownGroupWord, selfOrThing } from './contextInsult';
import { explainNormalized, judge, MODEL_READS_LIKE, type Model, type ModelVerdict } from './model/classifier';
import { judgeAdapted, type Adaptation } from './model/adapt';
import { normalize, type Normalized } from './normalize';
import { englishWords, words } from './reasons';
import { alt, cueReader, patternOf } from './cues';

export type { TriageContext } from './compiled';

/** Rules that read the text: what a warning or a quotation can trip. */
function isContentRule(rule: CompiledRule): boolean {
  return kindList[rule.kind]!.context === 'content';
}

/**
 * Drops the flags a message earns only by talking about the thing (issue 14): a staff member's
 * message, a member warning about or quoting a scam, a reply to a message already flagged for it.
 * Then remembers which messages stay flagged, for the replies to them.
 */
export function applyContext(scope: Scope, event: ChatEvent, context: TriageContext, space: SpaceState, text: string): void {
  const author = event.author;
  const staff = author !== undefined && context.staffIds !== undefined && context.staffIds.includes(author.id);
  // Most flagged messages are neither staff's nor scam/spam by their text: nothing to decide.
  let content = false;
  for (const f of scope.fired) if (isContentRule(f.rule) && CONTEXT_CATEGORIES[f.flag.category] !== undefined) content = true;
  if (staff || content) dropByContext(scope, event, space, text, staff);
  dropTalkedAboutAbuse(scope, text);
  if (event.messageId !== undefined && author !== undefined && event.kind === 'message') {
    let mask = 0;
    for (const f of scope.flags) mask |= CONTEXT_CATEGORIES[f.category] ?? 0;
    if (mask !== 0) space.rememberFlagged(event.messageId, author.id, mask);
  }
}

/**
 * Drops a toxicity rule's flag whose every evidence is talked about, not said to anyone:
 * - inside quoted speech while the author writes words of their own around it: "people who write things
 *   like 'too many X in this country' ..." reports or condemns the abuse (the model's flag needs the
 *   author's own words too, modelFlags); a message that is only a quotation keeps its flag;
 * - the word someone called the author ("why would you call me a X?", "me chamou de X", "叫我X"): a
 *   member reporting an insult, whose report a moderator reads, but not as the member's abuse.
 * HateCheck and MHC label both not hateful (counter-speech); the public train parts flag them most.
 * Also drops a self-harm rule's flag whose every evidence is what someone else said, reported by the author.
 */
function dropTalkedAboutAbuse(scope: Scope, text: string): void {
  const norm = scope.norm;
  let quotes: number[] | undefined;
  let dropped: Set<Flag> | undefined;
  let n = 0;
  for (const f of scope.fired) {
    let drop = false;
    if (f.flag.category === 'toxicity' && isContentRule(f.rule) && f.flag.evidence.length > 0) {
      quotes ??= quotedSpeech(text);
      const own = quotes.length > 0 && hasOwnWords(text, quotes);
      const evidence = f.flag.evidence;
      // Read as written, then (for a disguised message: full-width, zero-width, marks, look-alikes) as folded.
      const excused = evidence.map((e) => (own && inside(quotes!, e.start, e.end)) || excusedAt(text, e.start, e.end) || excusedFolded(norm, text, e.start, e.end));
      // A word inside an excused one ("puta" in "soy un maldito hijo de puta") goes with it.
      drop = evidence.every((e, i) => excused[i] || evidence.some((o, j) => excused[j] && o.start <= e.start && e.end <= o.end));
      if (drop) {
        scope.abuseTalkedAbout = true;
        recordDrop(scope, f.flag.rule, f.flag.category, abuseContext(text, quotes, own, evidence[excused.indexOf(true)] ?? evidence[0]!), evidence);
      }
    }
    // Self-harm words the author reports of someone else ("my friend says she wants to die, how can I
    // help?"): the friend may need care, but the flag would point the team's caring reply at the author.
    if (f.flag.category === 'self-harm' && isContentRule(f.rule) && f.flag.evidence.length > 0) {
      drop = f.flag.evidence.every((e) => reportedOfOther(text, e.start, e.end) || inWorkTitle(text, e.start, e.end));
      if (drop) recordDrop(scope, f.flag.rule, f.flag.category, reportedOfOther(text, f.flag.evidence[0]!.start, f.flag.evidence[0]!.end) ? 'reported-speech' : 'title', f.flag.evidence);
    }
    if (drop) (dropped ??= new Set()).add(f.flag);
    else scope.fired[n++] = f;
  }
  if (dropped === undefined) return;
  scope.fired.length = n;
  let k = 0;
  for (const f of scope.flags) if (!dropped.has(f)) scope.flags[k++] = f;
  scope.flags.length = k;
}

/**
 * Which reading dropped a toxicity rule's flag, told by its first excused evidence (asked only once it was dropped):
 * the checks of dropTalkedAboutAbuse in the same order.
 */
function abuseContext(text: string, quotes: readonly number[], own: boolean, e: { start: number; end: number }): DropContext {
  if (own && inside(quotes, e.start, e.end)) return 'quoted-abuse';
  if (calledTheAuthor(text, e.start, e.end)) return 'called-author';
  if (denouncedSpeech(text, e.start, e.end)) return 'counter-speech';
  if (inWorkTitle(text, e.start, e.end)) return 'title';
  if (negatedInsult(text, e.start, e.end)) return 'denied-opinion';
  if (otherSense(text, e.start, e.end)) return 'other-sense';
  if (ownGroupWord(text, e.start, e.end)) return 'in-group';
  if (selfOrThing(text, e.start, e.end)) return 'no-target';
  return 'talked-about';
}

/**
 * Who the insult rule's word is about, read from the words just before it (and German's verb after it):
 * - what someone called the author or us, or calling people it, named as an act ("why would you call me
 *   a X?", "it's not okay to be calling people X", "me chamou de X", "mich einen X zu nennen", "叫我X");
 * - the author about themselves ("I've been a complete X", "I'm not always such a X", "ich bin ein X",
 *   "me sentí un X", "je suis une X", "我在努力不当一个X"): self-mockery and reclaimed words, nobody's abuse.
 * Never when the word follows "you" ("I will call you a X") and, in Chinese, never when it says 你 itself.
 */
const ABOUT_BEFORE_ALTS = [
  alt('call|name', () => "\\b(?:call(?:s|ed|ing)?|name[sd]?)\\s+(?:me|us|myself|ourselves|people|others|someone|anyone)\\s+(?:an?\\s+)?$"),
  alt('llam', () => '\\b(?:llam\\p{L}*(?:me|nos)|me\\s+llam\\p{L}*|nos\\s+llam\\p{L}*)\\s+(?:una?\\s+)?$'),
  alt('cham', () => '\\b(?:me|nos)\\s+cham\\p{L}*\\s+de\\s+(?:uma?\\s+)?$'),
  alt('appel|trait', () => "\\b(?:m['’]|nous\\s+)(?:appel\\p{L}*|trait\\p{L}*\\s+de|a\\s+trait\\p{L}*\\s+de)\\s+(?:une?\\s+)?$"),
  alt('nenn|bezeichn|beschimpf', (c) => `\\b(?:${c})\\p{L}*\\s+(?:\\p{L}+\\s+){0,2}(?:mich|uns)\\s+(?:als\\s+)?(?:eine?[nmrs]?\\s+)?$`),
  alt("i['’]?m|i\\s+am|i\\s+was|i['’]ve\\s+been|i\\s+have\\s+been|am\\s+i|make[sd]?\\s+me|myself|not\\s+be|less\\s+of", (c) => `\\b(?:${c})\\s+(?:(?:not|always|really|just|such|so|quite|kind|bit|of|being|a|an)\\s+)*(?:an?|the)\\s+(?:\\p{L}+\\s+)?$`),
  alt('ich', () => '\\b(?:ich\\s+(?:bin|war)|bin\\s+ich|war\\s+ich)\\s+(?:\\p{L}+\\s+){0,2}(?:ein|eine|kein|keine)\\s+(?:\\p{L}+\\s+)?$'),
  alt("soy|fui|era|sou|estou|me\\s+sent|no\\s+ser|não\\s+ser|je\\s+suis|j['’]étais", () => '\\b(?:soy|fui|era|sou|estou|me\\s+sent\\p{L}*|no\\s+ser|não\\s+ser|je\\s+suis|j[\'’]étais)\\s+(?:\\p{L}+\\s+)?(?:una?|um|uma|une?)\\s+(?:\\p{L}+\\s+)?$'),
  // Regret in the perfect and the conditional: "si no hubiera sido un completo X", "se eu não tivesse sido um X",
  // "si je n'avais pas été une X", "if only I hadn't been such a X".
  alt('sido|été|been', (c) => `(?<![\\p{L}])(?:(?:hubiera|hubiese|había|habría|he)\\s+|(?:tivesse|teria|tenho|tinha)\\s+|(?:j['’](?:ai|avais|aurais)|je\\s+n['’](?:ai|avais|aurais)\\s+pas)\\s+|(?:i\\s+had|i\\s+hadn['’]t|i['’]d|i\\s+would\\s+have|i\\s+wouldn['’]t\\s+have)\\s+)(?:${c})\\s+(?:(?:such|so|tan|tão|aussi)\\s+)?(?:(?:una?|um|uma|une?|an?)\\s+)?(?:\\p{L}+\\s+)?$`),
  alt('叫我|骂我|说我是|称我为|骂我是', (c) => `(?:${c})$`),
  // ar, ru, vi, id: "تناديني X", "назвал меня X", "gọi tôi là X", "ngatain aku X" (the word follows the verb).
  alt('تناديني|ناديتني|يناديني|ينادوني|تسميني|سميتني|يسميني|يسموني|وصفتني|توصفني|يوصفني|شتمتني|تشتمني|قالي|قال لي|قلت لي|قالت لي|قالوا لي|قالو لي|بتقولي|بيقولي', (c) => `(?:${c})\\s+(?:(?:انا|اني|إني|انني|إنني|يا)\\s+)?$`),
  alt('назвал|назвала|назвали|назвать|называл|называла|называли|называть|называет|называют|обозвал|обозвала|обозвали|обозвать|обзывал|обзывала|обзывали|обзывать|обзывает|обзывают', (c) => `(?<![\\p{L}])(?:${c})\\s+(?:меня|нас)\\s+(?:\\p{L}+\\s+)?$`),
  alt('gọi|chửi|bảo|nói|kêu', (c) => `(?<![\\p{L}])(?:${c})\\s+(?:tôi|tao|mình|tớ|em|chúng tôi)\\s+(?:là\\s+)?$`),
  alt('menyebut|nyebut|memanggil|manggil|ngatain|bilang|mengatai|dikatain|dikatai|dibilang|dipanggil|disebut', (c) => `(?<![\\p{L}])(?:${c})(?:ku|\\s+(?:aku|saya|gue|gw|kami))?\\s+(?:sebagai\\s+)?$`),
  alt('我|自己', (c) => `(?:${c})(?:真的?|就|简直|也|在努力|努力)?不?(?:是|太|当|做|像)了?(?:个|一个)?$`),
];
const ABOUT_BEFORE = new RegExp(patternOf(ABOUT_BEFORE_ALTS), 'iu');
const GERMAN_AFTER_ALTS = [
  alt('nennen|nennt|genannt|bezeichnen|bezeichnet|beschimpfen|beschimpft', (c) => `^\\s+(?:zu\\s+)?(?:${c})\\b`),
  // tr: "bana salak dedi" (called me stupid); ja: "バカって言われた", "バカ呼ばわりされた" (I was called stupid).
  alt('dedi|dediler|dedin|dediniz|diyor|diyorlar|diyorsun|demiş|demişler|demesi|diye', (c) => `^\\s+(?:(?:mı|mi)\\s+)?(?:${c})(?![\\p{L}])`),
  alt('呼ばわり|って言われ|と言われ|と呼ばれ|って呼ばれ|扱いされ', (c) => `^(?:${c})`),
];
const GERMAN_AFTER = new RegExp(patternOf(GERMAN_AFTER_ALTS), 'iu');
const GERMAN_BEFORE = /\b(?:mich|uns|leute|andere|menschen)\s+(?:als\s+)?(?:eine?[nmrs]?\s+)?$/iu;
/** Turkish names the one called before the word, the verb after it: "bana salak dedi", "bize aptal diyorlar". */
const TURKISH_BEFORE = /(?<![\p{L}])(?:bana|bize)\s+(?:(?:resmen|direkt|hep|bir|de|da)\s+){0,2}$/iu;
const JAPANESE_AFTER = /^(?:呼ばわり|って言われ|と言われ|と呼ばれ|って呼ばれ|扱いされ)/u;

/** The gates of calledTheAuthor's regexes (cues.ts), exported for their property test. */
export const CALLED_GATES = [
  { name: 'ABOUT_BEFORE', alts: ABOUT_BEFORE_ALTS, regex: ABOUT_BEFORE },
  { name: 'GERMAN_AFTER', alts: GERMAN_AFTER_ALTS, regex: GERMAN_AFTER },
] as const;
const CUE_ABOUT = 1;
const CUE_GERMAN = 2;
const calledCues = cueReader(CALLED_GATES.map((g) => g.alts));

function calledTheAuthor(text: string, start: number, end: number): boolean {
  const cues = calledCues(text);
  if (cues === 0) return false;
  if (/[你您]/u.test(text.slice(start, end))) return false;
  const before = text.slice(Math.max(0, start - 48), start);
  if (cues & CUE_ABOUT && ABOUT_BEFORE.test(before)) return true;
  if ((cues & CUE_GERMAN) === 0) return false;
  const after = text.slice(end, end + 30);
  // Japanese says the passive after the word, nothing before it is needed ("俺はバカって言われた").
  if (JAPANESE_AFTER.test(after)) return true;
  return (GERMAN_BEFORE.test(before) || TURKISH_BEFORE.test(before)) && GERMAN_AFTER.test(after);
}

/** Is the insult word at [start, end) of `text` talked about, said of the author, of a thing, in another sense or in-group? */
function excusedAt(text: string, start: number, end: number): boolean {
  return (
    calledTheAuthor(text, start, end) ||
    talkedAbout(text, start, end) ||
    negatedInsult(text, start, end) ||
    otherSense(text, start, end) ||
    ownGroupWord(text, start, end) ||
    selfOrThing(text, start, end)
  );
}

/**
 * Written in disguise: full-width or zero-width characters, marks that compose with no letter ("s̈", "u̶"), a
 * word mixing Latin with Cyrillic or Greek look-alikes. Folding also takes Vietnamese tones away ("báo" reads
 * as "bảo", to say), so a message in no disguise is read as written only.
 */
function disguised(text: string): boolean {
  if (/[\u200b-\u200d\u2060\ufeff\u3000\uff01-\uff5e]/u.test(text)) return true;
  if (/[\u0300-\u036f]/u.test(text) && /[\u0300-\u036f]/u.test(text.normalize('NFC'))) return true;
  return /\p{Script=Latin}[\p{Script=Cyrillic}\p{Script=Greek}]|[\p{Script=Cyrillic}\p{Script=Greek}]\p{Script=Latin}/u.test(text);
}

/** The same reading on the folded text, the span mapped onto it (full-width "ｍｙ" reads "my"). Read only for a flag. */
function excusedFolded(norm: Normalized | undefined, text: string, start: number, end: number): boolean {
  if (norm === undefined || norm.folded === text || !disguised(text)) return false;
  let from = -1;
  let to = -1;
  for (let i = 0; i < norm.folded.length; i++) {
    const at = norm.foldStart(i) ?? -1;
    if (at >= end) break;
    if (at >= start) {
      if (from < 0) from = i;
      to = i + 1;
    }
  }
  return from >= 0 && excusedAt(norm.folded, from, to);
}

/** Words the author reports to denounce them ("saying that X are Y is racist") or names as a work's title. */
function talkedAbout(text: string, start: number, end: number): boolean {
  return denouncedSpeech(text, start, end) || inWorkTitle(text, start, end);
}

function inside(ranges: readonly number[], start: number, end: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (start >= ranges[i]! && end <= ranges[i + 1]!) return true;
  return false;
}

/** Two words or more of the author's own outside the quotations. */
function hasOwnWords(text: string, ranges: readonly number[]): boolean {
  let own = '';
  let from = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    own += ' ' + text.slice(from, ranges[i]);
    from = ranges[i + 1]!;
  }
  own += ' ' + text.slice(from, Math.max(from, Math.min(text.length, 2000)));
  return (own.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 2;
}

/** Drops the flags the message earns only by who says it (staff) or by talking about a scam (a warning, a reply). */
function dropByContext(scope: Scope, event: ChatEvent, space: SpaceState, text: string, staff: boolean): void {
  const author = event.author;
  let warning: boolean | undefined;
  let replied: number | undefined;
  let lure: boolean | undefined;
  /** The context that drops the flag, or undefined to keep it. */
  const dropFor = (rule: CompiledRule, flag: Flag): DropContext | undefined => {
    const content = isContentRule(rule) && CONTEXT_CATEGORIES[flag.category] !== undefined;
    // Staff: their announcements mention everyone and their bursts are moderation. A listed scam
    // domain or a look-alike of a known brand from a staff account still counts (moderators'
    // accounts get stolen and post exactly that) unless it is a warning.
    if (staff && kindList[rule.kind]!.context === 'behaviour') return 'staff';
    if (!content) return undefined;
    const trigger = rule.rule.trigger;
    const check = trigger.type === 'link' ? trigger.check : undefined;
    const listedLink = check === 'scam-domain' || check === 'lookalike';
    if (staff && !listedLink) return 'staff';
    warning ??= talksAboutScam(text);
    if (warning) return quotesIt(text, flag) ? 'quoted-scam' : 'scam-warning';
    if (event.replyToMessageId !== undefined && author !== undefined) {
      replied ??= space.flaggedCategories(event.replyToMessageId, author.id);
      if (replied & CONTEXT_CATEGORIES[flag.category]!) {
        lure ??= hasOwnLure(text);
        if (!lure) return 'reply-to-flagged';
      }
    }
    return undefined;
  };
  let kept = 0;
  for (const f of scope.fired) {
    const why = dropFor(f.rule, f.flag);
    if (why === undefined) scope.fired[kept++] = f;
    else recordDrop(scope, f.flag.rule, f.flag.category, why, f.flag.evidence);
  }
  if (kept < scope.fired.length) {
    scope.fired.length = kept;
    const flags = new Set(scope.fired.map((f) => f.flag));
    let n = 0;
    for (const f of scope.flags) if (flags.has(f)) scope.flags[n++] = f;
    scope.flags.length = n;
  }
}

/** A warning whose scam words are all inside what it quotes: the member repeats the lure to warn about it. */
function quotesIt(text: string, flag: Flag): boolean {
  if (flag.evidence.length === 0) return false;
  const quotes = quotedSpeech(text);
  return quotes.length > 0 && flag.evidence.every((e) => inside(quotes, e.start, e.end));
}

/**
 * The learned model lifts recall where the rules are silent: a category a rule already flagged (phishing
 * counts as scam) is left to the rule, and the context rules hold for it too — a staff member's words,
 * a warning about a scam, a reply to a message flagged for the same thing are not flagged as it.
 * Its flags ask for no automatic action: a person decides.
 */
export function modelFlags(scope: Scope, model: Model, norm: Normalized, event: ChatEvent, context: TriageContext, space: SpaceState, text: string, adaptation?: Adaptation): void {
  const author = event.author;
  const staff = author !== undefined && context.staffIds?.includes(author.id) === true;
  // With the team's accepted adaptation (issue 15), the model judges as adapted to its decisions.
  const verdicts = adaptation ? judgeAdapted(model, adaptation, norm.words, norm.original) : judge(model, norm.words, norm.original);
  if (verdicts.length > 0) verdictFlags(scope, model, norm, event, space, text, adaptation, verdicts, staff);
}

/**
 * The model's verdicts on a message, through the context rules, into flags (most messages have none: the
 * closure below lives here, as a function with captured locals allocates their context on entry).
 */
function verdictFlags(scope: Scope, model: Model, norm: Normalized, event: ChatEvent, space: SpaceState, text: string, adaptation: Adaptation | undefined, verdicts: ModelVerdict[], staff: boolean): void {
  const author = event.author;
  // The model's verdicts on a part of the message (the author's own words), judged as the whole is.
  const judgeAs = (part: string): ModelVerdict[] => (adaptation ? judgeAdapted(model, adaptation, normalize(part).words, norm.original) : judge(model, normalize(part).words, norm.original));
  for (const v of verdicts) {
    if (scope.flags.some((f) => f.category === v.category || (v.category === 'scam' && f.category === 'phishing'))) continue;
    // Each context below drops the verdict, and says why (issue 14).
    if (staff) {
      dropVerdict(scope, model, norm, v, 'staff');
      continue;
    }
    const about = CONTEXT_CATEGORIES[v.category];
    if (about !== undefined) {
      if (talksAboutScam(text)) {
        dropVerdict(scope, model, norm, v, 'scam-warning');
        continue;
      }
      if (event.replyToMessageId !== undefined && author !== undefined && (space.flaggedCategories(event.replyToMessageId, author.id) & about) !== 0 && !hasOwnLure(text)) {
        dropVerdict(scope, model, norm, v, 'reply-to-flagged');
        continue;
      }
    }
    // A laughing "I'm dead" ("mdr je suis mort 😂") is hyperbole, and words of death reported of a friend
    // are not the author's: the model reads words, not who says them nor in what mood.
    if (v.category === 'self-harm') {
      const laughing = laughingHyperbole(text);
      if (laughing || allReportedOfOther(text, explainNormalized(model, norm, v.category))) {
        dropVerdict(scope, model, norm, v, laughing ? 'laughing' : 'reported-speech');
        continue;
      }
    }
    // A song called "I want to die" is a title; "saying that X are Y is racist" denounces the words it reports.
    if (v.category === 'toxicity' && scope.abuseTalkedAbout) {
      dropVerdict(scope, model, norm, v, scope.dropped?.find((d) => d.category === 'toxicity')?.context ?? 'talked-about');
      continue;
    }
    if (v.category === 'self-harm' || v.category === 'toxicity') {
      const spans = explainNormalized(model, norm, v.category);
      if (v.category === 'toxicity' && allDenounced(text, spans)) {
        dropVerdict(scope, model, norm, v, 'counter-speech');
        continue;
      }
      if (spans.length > 0 && spans.every((e) => inWorkTitle(text, e.start, e.end))) {
        dropVerdict(scope, model, norm, v, 'title');
        continue;
      }
      // Chinese and Japanese evidence is a whole run, title and all: judge the message without its titles.
      const untitled = withoutWorkTitles(text);
      if (untitled !== undefined && !judgeAs(untitled).some((o) => o.category === v.category)) {
        dropVerdict(scope, model, norm, v, 'title');
        continue;
      }
    }
    // Quoting abuse to condemn or report it is not abuse: the model must find it in the author's own words.
    if (v.category === 'toxicity') {
      const own = withoutQuotations(text);
      if (own !== undefined && judgeAs(own).every((o) => o.category !== 'toxicity')) {
        dropVerdict(scope, model, norm, v, 'quoted-abuse');
        continue;
      }
    }
    const evidence = explainNormalized(model, norm, v.category);
    const quoted = evidence.map((e) => `'${clip(e.text, 30)}'`).join(', ');
    // The reason as data (the renderer words it; the quoted words stay as the member wrote them), and in English.
    const detail = words('model', { category: v.category, score: Math.round(v.score * 100), ...(quoted ? { words: quoted } : {}), ...(adaptation ? { adapted: true } : {}) });
    const why: FlagWhy = { detail };
    let reason = englishWords(detail, (c) => MODEL_READS_LIKE[c as keyof typeof MODEL_READS_LIKE] ?? c);
    if (v.category === 'self-harm') {
      reason += ' — needs a caring reply';
      why.care = {};
    }
    const flag: Flag = { rule: 'model', category: v.category, severity: v.severity, reason, why, evidence };
    if (scope.cut !== undefined) flag.checkedChars = scope.cut;
    scope.flags.push(flag);
  }
}

/** The model's verdict dropped on context: recorded with the words it read it from (model/classifier's explanation). */
function dropVerdict(scope: Scope, model: Model, norm: Normalized, v: ModelVerdict, why: DropContext): void {
  recordDrop(scope, 'model', v.category, why, explainNormalized(model, norm, v.category).sort((a, b) => a.start - b.start));
}
