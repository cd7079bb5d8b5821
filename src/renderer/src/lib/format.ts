// Words for times, durations, outcomes and errors, in the moderator's language.
import type { TFunction } from 'i18next';
import type { ActionError } from '@shared/domain/result';
import { NATIVE_DELETE, type InboxOutcome } from '@shared/domain/inbox';
import type { Platform } from '@shared/domain/model';

export const TIMEOUT_CHOICES = [
  { seconds: 60, key: 'duration.s60' },
  { seconds: 300, key: 'duration.m5' },
  { seconds: 600, key: 'duration.m10' },
  { seconds: 3600, key: 'duration.h1' },
  { seconds: 86_400, key: 'duration.d1' },
  { seconds: 604_800, key: 'duration.w1' },
] as const;

export function durationLabel(t: TFunction, seconds: number): string {
  const choice = TIMEOUT_CHOICES.find((c) => c.seconds === seconds);
  return choice ? t(choice.key) : t('duration.seconds', { count: seconds });
}

export function clockTime(ts: number, lang: string): string {
  return new Date(ts).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
}

export function absoluteTime(ts: number, lang: string): string {
  return new Date(ts).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' });
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relativeTime(ts: number, now: number, lang: string, justNow: string): string {
  const diff = ts - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return justNow;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' });
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(Math.round(diff / 60_000), 'minute');
}

/**
 * Where a message was posted, as its platform writes it: Discord channels carry a '#'; Telegram
 * topics and groups (and WhatsApp groups) are plain names, and a '#' there would read as a hashtag.
 */
export function placeName(platform: Platform, channelName: string): string {
  return platform === 'discord' ? `#${channelName}` : channelName;
}

/**
 * An action error in words for its code, plus main's own message when it adds something. `platform`
 * names who is rate-limiting us; callers that predate Telegram meant Discord.
 */
export function errorInWords(t: TFunction, error: Pick<ActionError, 'code' | 'message'> & { retryAfterMs?: number }, platform: Platform = 'discord'): string {
  let words: string;
  if (error.code === 'rate_limited') {
    const seconds = error.retryAfterMs !== undefined ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : parseRetrySeconds(error.message);
    const name = t(`platform.${platform}`);
    words = seconds !== undefined ? t('errors.rate_limited', { seconds, platform: name }) : t('errors.rate_limited_soon', { platform: name });
  } else {
    words = t(`errors.${error.code}`);
  }
  return error.message ? `${words} ${t('errors.detail', { message: error.message })}` : words;
}

/** Outcomes keep only code and message; a rate-limit message from main may carry the wait. */
function parseRetrySeconds(message: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(ms|s)\b/.exec(message);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return Math.max(1, Math.ceil(m[2] === 'ms' ? n / 1000 : n));
}

const PLATFORM_NAMES = { discord: 'Discord', telegram: 'Telegram', whatsapp: 'WhatsApp' } as const;

export function outcomeInWords(t: TFunction, outcome: InboxOutcome, lang: string): string {
  const time = clockTime(outcome.at, lang);
  if (!outcome.ok && outcome.kind !== 'dismissed') return t('outcome.failed', { action: t(`actionName.${outcome.kind}`), time });
  if (outcome.detail?.startsWith(NATIVE_DELETE)) {
    const rest = outcome.detail.slice(NATIVE_DELETE.length);
    const cut = rest.indexOf(':');
    const platform = (cut < 0 ? rest : rest.slice(0, cut)) as keyof typeof PLATFORM_NAMES;
    const name = cut < 0 ? '' : rest.slice(cut + 1);
    const place = PLATFORM_NAMES[platform] ?? platform;
    if (outcome.kind === 'delete') {
      return name ? t('outcome.deletedNativelyBy', { platform: place, name, time }) : t('outcome.deletedNatively', { platform: place, time });
    }
    return t('outcome.nativeBy', { platform: place, name, what: t(`outcome.nativeWhat.${outcome.kind}`), time });
  }
  // A group settled as a whole: how many messages or accounts it took.
  const many = /^(messages|accounts):(\d+)$/.exec(outcome.detail ?? '');
  if (many && (outcome.kind === 'delete' || outcome.kind === 'ban' || outcome.kind === 'kick' || outcome.kind === 'timeout')) {
    return t(`outcome.group.${many[1]}`, { count: Number(many[2]), action: t(`outcome.group.${outcome.kind}`), time });
  }
  if (outcome.kind === 'timeout') {
    return t('outcome.timeout', { duration: durationLabel(t, Number(outcome.detail ?? 0)), time });
  }
  return t(`outcome.${outcome.kind}`, { time });
}
