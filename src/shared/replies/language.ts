// Which language a member writes in, so the console preselects the macro language. Offline and
// instant: tinyld's n-gram profiles ship inside the package (pure JS, no download, no worker).
// tinyld builds those profiles when it is imported (about 0.6 MB of code, a few hundred ms on a busy
// machine), so it is loaded on demand (`loadLanguageProfiles`): the console does so right after its
// first screen, the CLI and the tests before they detect anything.
import type { detectAll as DetectAll } from 'tinyld';
import { z } from 'zod';

let detectAll: typeof DetectAll | undefined;
let loading: Promise<void> | undefined;

/** Loads tinyld's profiles (once). Until they are in, detection goes by script only (Chinese, Japanese; other text gives nothing). */
export function loadLanguageProfiles(): Promise<void> {
  return (loading ??= import('tinyld').then((m) => {
    detectAll = m.detectAll;
  }));
}

/** Whether detection reads the n-gram profiles yet (a view asks again once they are in). */
export function languageProfilesLoaded(): boolean {
  return detectAll !== undefined;
}

export const REPLY_LANGUAGES = ['en', 'zh-CN', 'es', 'ru', 'pt', 'de', 'fr', 'ja'] as const;
export const ReplyLanguageSchema = z.enum(REPLY_LANGUAGES);
export type ReplyLanguage = z.infer<typeof ReplyLanguageSchema>;

/** ISO 639-1 as detectors report it → the macro language we write in. */
const FROM_ISO: Record<string, ReplyLanguage> = { en: 'en', zh: 'zh-CN', es: 'es', ru: 'ru', pt: 'pt', de: 'de', fr: 'fr', ja: 'ja' };

export interface DetectedLanguage {
  /** ISO 639-1 code as detected ('' when the text gives nothing to go on). */
  iso: string;
  /** The matching macro language, when we have macros in it. */
  language?: ReplyLanguage;
  /** False for short or mixed text: treat as a hint, not a fact. */
  reliable: boolean;
  /** ISO codes scoring close to the top one (e.g. es and pt on a short line). */
  candidates: string[];
}

const URLS = /\b(?:https?:\/\/|www\.)\S+/gi;
const MENTIONS = /<[@#][!&]?\d+>|@[\w.]+|\{[a-z_]+\}/g;
const KANA = /[\u3040-\u30FF]/;
const HAN = /\p{Script=Han}/u;

/** Normalizes "zh", "zh-TW", "pt-BR", "EN_us" and the like to a macro language, if we have one. */
export function toReplyLanguage(code: string | undefined): ReplyLanguage | undefined {
  if (!code) return undefined;
  const lower = code.trim().replace('_', '-').toLowerCase();
  const exact = REPLY_LANGUAGES.find((l) => l.toLowerCase() === lower);
  return exact ?? FROM_ISO[lower.split('-')[0] ?? ''];
}

export function detectLanguage(text: string): DetectedLanguage {
  // Links, mentions and placeholders are not language and skew short messages.
  const clean = text.replace(URLS, ' ').replace(MENTIONS, ' ').trim();
  if (!/\p{L}/u.test(clean)) return { iso: '', reliable: false, candidates: [] };
  // Script decides faster and surer than n-grams between Chinese and Japanese.
  if (KANA.test(clean)) return { iso: 'ja', language: 'ja', reliable: true, candidates: ['ja'] };
  const ranked = detectAll?.(clean) ?? [];
  const [top, second] = ranked;
  let iso = top?.lang ?? '';
  if (!iso && HAN.test(clean)) iso = 'zh';
  const language = FROM_ISO[iso];
  // tinyld's accuracy is relative: a clear lead over the runner-up is what makes it trustworthy.
  const lead = (top?.accuracy ?? 0) / Math.max(second?.accuracy ?? 0, 0.001);
  const reliable = iso !== '' && (HAN.test(clean) || (Array.from(clean).length >= 12 && (top?.accuracy ?? 0) >= 0.05 && lead >= 1.5));
  const candidates = ranked.filter((r) => r.accuracy >= (top?.accuracy ?? 0) / 2).map((r) => r.lang);
  return language ? { iso, language, reliable, candidates } : { iso, reliable, candidates };
}

/**
 * The macro language to preselect: what the member's platform says (when we have it), else what
 * their recent messages are written in, else the community's default.
 */
export function preselectLanguage(input: { memberLanguage?: string; memberTexts?: string[]; fallback: ReplyLanguage }): ReplyLanguage {
  const declared = toReplyLanguage(input.memberLanguage);
  if (declared) return declared;
  const texts = input.memberTexts ?? [];
  const votes = new Map<ReplyLanguage, number>();
  for (const t of texts) {
    const d = detectLanguage(t);
    if (d.language) votes.set(d.language, (votes.get(d.language) ?? 0) + (d.reliable ? 2 : 1) * Math.min(t.length, 200));
  }
  let best: ReplyLanguage | undefined;
  for (const [lang, score] of votes) if (!best || score > (votes.get(best) ?? 0)) best = lang;
  return best ?? input.fallback;
}
