// Per-language versions of an announcement: each space has a language (set by a moderator, else the one
// its platform tells, e.g. a Discord guild's preferred locale), and each space gets the version written
// in its language — the exact tag first, then the same base language ("zh" for "zh-TW"), else the
// default draft. Tags are BCP 47, compared case-insensitively.
import { z } from 'zod';

export const LanguageTagSchema = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/);

/** One version of the draft in one language. */
export interface AnnouncementVersion {
  lang: string;
  draft: string;
}

/** The languages offered for a space or a version; any valid tag is accepted, these are the usual ones. */
export const COMMON_LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'es', 'pt-BR', 'fr', 'de', 'it', 'ru', 'uk', 'pl', 'tr', 'ar', 'hi', 'id', 'vi', 'ja', 'ko'] as const;

const base = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/** The version for a space in `lang`, if one fits: the exact tag, else the same base language. */
export function versionFor<V extends { lang: string }>(versions: readonly V[], lang: string | undefined): V | undefined {
  if (!lang) return undefined;
  const tag = lang.toLowerCase();
  return versions.find((v) => v.lang.toLowerCase() === tag) ?? versions.find((v) => base(v.lang) === base(tag));
}

/** The draft a space in `lang` receives: its version, else the default draft. Empty versions do not count. */
export function draftFor(defaultDraft: string, versions: readonly AnnouncementVersion[], lang: string | undefined): string {
  return versionFor(
    versions.filter((v) => v.draft.trim()),
    lang,
  )?.draft ?? defaultDraft;
}

/**
 * A platform's locale as a language tag: Discord's `en-US`, `zh-CN`, `es-ES`, `pt-BR`, `sv-SE`…
 * are BCP 47 already; a bare language code passes as it is. Anything else is not told.
 */
export function languageOfLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  return LanguageTagSchema.safeParse(locale).success ? locale : undefined;
}
