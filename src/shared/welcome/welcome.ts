// Welcomes for new members (issue 19): per space, a macro with variables, in the member's language when
// the platform tells it (else the space's), one welcome per join wave so a raid does not cause hundreds.
// Pure: main (welcome/welcomer.ts) batches the joins and sends; the settings view edits these records.
import { z } from 'zod';
import { PlatformSchema } from '../domain/model';
import { LanguageTagSchema, versionFor } from '../announce/languages';

const id = z.string().min(1).max(200);

/** One space's welcome: where it goes, and its text per language (`{member}`, `{space}`, `{rules}`). */
export const WelcomeSettingsSchema = z
  .object({
    sourceId: id,
    platform: PlatformSchema,
    spaceId: id,
    enabled: z.boolean(),
    /** In the channel (channelId), or a DM to each member where the platform allows one. */
    delivery: z.enum(['channel', 'dm']),
    channelId: id.optional(),
    /** The space's language when the moderator sets one (else the platform's). */
    language: LanguageTagSchema.optional(),
    /** The space's own rules link; absent, the welcome inherits the console-wide one (Settings → Community). */
    rulesLink: z.url({ protocol: /^https?$/ }).max(500).optional(),
    macros: z.array(z.object({ lang: LanguageTagSchema, text: z.string().trim().min(1).max(1000) }).strict()).min(1).max(6),
  })
  .strict()
  .refine((s) => s.delivery === 'dm' || s.channelId !== undefined, { message: 'A welcome in the channel needs a channel.', path: ['channelId'] });
export type WelcomeSettings = z.infer<typeof WelcomeSettingsSchema>;

export const WelcomeSettingsListSchema = z.array(WelcomeSettingsSchema).max(200);

/** How many members a batched welcome names before "and N others". */
export const WELCOME_NAMES_SHOWN = 3;

export interface Newcomer {
  id: string;
  name: string;
  /** The platform's locale for the member, where it tells one (Telegram's lang_code). */
  locale?: string;
}

/** The member part of a welcome: one name, or a few and how many others, worded in `lang`. */
export function namesOf(newcomers: readonly Newcomer[], lang: string): string {
  const shown = newcomers.slice(0, WELCOME_NAMES_SHOWN).map((m) => m.name);
  const others = newcomers.length - shown.length;
  const zh = lang.toLowerCase().startsWith('zh');
  if (others === 0) return zh ? shown.join('、') : joinEnglish(shown);
  return zh ? `${shown.join('、')}以及其他 ${others} 人` : `${shown.join(', ')} and ${others} ${others === 1 ? 'other' : 'others'}`;
}

function joinEnglish(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The language a welcome is written in: a lone newcomer's own locale when the platform tells it and a
 * macro is written in it, else the space's language, else the first macro's.
 */
export function welcomeLanguage(settings: WelcomeSettings, newcomers: readonly Newcomer[], spaceLanguage: string | undefined): string {
  const own = newcomers.length === 1 ? newcomers[0]!.locale : undefined;
  const space = settings.language ?? spaceLanguage;
  for (const lang of [own, space]) {
    const macro = versionFor(settings.macros, lang);
    if (macro) return macro.lang;
  }
  return settings.macros[0]!.lang;
}

/** The placeholders a welcome knows. */
export const WELCOME_PLACEHOLDERS = ['member', 'space', 'rules'] as const;

/** The rules link a space's welcome gives: its own when it sets one, else the console-wide one ('' if neither). */
export function welcomeRulesLink(settings: Pick<WelcomeSettings, 'rulesLink'>, inherited: string): string {
  return settings.rulesLink ?? inherited;
}

/**
 * The `{placeholders}` a welcome's texts would send unfilled: any it does not know, and `{rules}` while
 * neither the space nor the console has a rules link. Empty: it can go out.
 */
export function welcomeGaps(settings: Pick<WelcomeSettings, 'rulesLink' | 'macros'>, inherited: string): string[] {
  const gaps = new Set<string>();
  for (const macro of settings.macros) {
    for (const [whole, name] of macro.text.matchAll(/\{([a-z][a-z0-9_]{0,40})\}/g)) {
      if (!(WELCOME_PLACEHOLDERS as readonly string[]).includes(name!)) gaps.add(whole);
      else if (name === 'rules' && !welcomeRulesLink(settings, inherited)) gaps.add(whole);
    }
  }
  return [...gaps];
}

/** The welcome's text: the macro in the chosen language with its variables filled in (plain text, never markup). */
export function welcomeText(settings: WelcomeSettings, newcomers: readonly Newcomer[], inheritedRulesLink: string, space: { name: string; language?: string }): { lang: string; text: string } {
  const lang = welcomeLanguage(settings, newcomers, space.language);
  const macro = versionFor(settings.macros, lang) ?? settings.macros[0]!;
  const vars: Record<string, string> = { member: namesOf(newcomers, lang), space: space.name, rules: welcomeRulesLink(settings, inheritedRulesLink) };
  // One pass: a member named "{space}" stays their name, not the space's.
  const text = macro.text.replace(/\{(member|space|rules)\}/g, (_, name: string) => vars[name] ?? '');
  return { lang, text: text.slice(0, 4000) };
}

/** What a new space's welcome says until a moderator writes their own (one per language the console offers). */
export const DEFAULT_WELCOME_MACROS: Readonly<Record<'en' | 'zh-CN', string>> = {
  en: 'Welcome {member} to {space}! Please read the rules: {rules}',
  'zh-CN': '欢迎 {member} 加入 {space}！请先阅读规则：{rules}',
};
