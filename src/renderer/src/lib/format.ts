// Words for times, durations, outcomes and errors, in the moderator's language.
import type { TFunction } from 'i18next';
import type { ActionError } from '@shared/domain/result';
import { ANSWERED_BY, MESSAGES_GONE, NATIVE_DELETE, type InboxOutcome } from '@shared/domain/inbox';
import type { ChatEvent, Platform, SourceInfo } from '@shared/domain/model';

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

/** Day and time to the minute, short enough for a line in the header. */
export function dayAndTime(ts: number, lang: string): string {
  return new Date(ts).toLocaleString(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
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

/** The name of the WhatsApp Community a space belongs to, when the connection looked it up. */
export function communityName(sources: readonly SourceInfo[], place: { sourceId: string; spaceId: string }): string | undefined {
  const space = sources.find((s) => s.id === place.sourceId)?.spaces.find((s) => s.id === place.spaceId);
  return space?.community?.role !== 'community' ? space?.community?.parentName : undefined;
}

/**
 * What a forward says about itself: whose message it was where the platform names it (Discord,
 * Telegram), else that it was forwarded, once or many times (WhatsApp); undefined for no forward.
 */
export function forwardNote(t: TFunction, message: Pick<ChatEvent, 'forwardedFrom' | 'forwarded'>): string | undefined {
  if (message.forwardedFrom !== undefined) return t('item.forwardedFrom', { origin: message.forwardedFrom });
  if (message.forwarded) return t(message.forwarded === 'many' ? 'item.forwardedMany' : 'item.forwarded');
  return undefined;
}

/** What the moderator was doing when the error came: the same code reads differently for each. */
export type ErrorContext = 'action' | 'connect';

export type ErrorLike = Pick<ActionError, 'code'> & Partial<Pick<ActionError, 'message' | 'retryAfterMs' | 'fields'>>;

/**
 * An error in words for its code and fields, in the moderator's language. Main's `message` is the
 * engineer's English for the log and is never shown. `platform` names who is rate-limiting us or
 * cannot be reached; callers that predate Telegram meant Discord.
 */
export function errorInWords(t: TFunction, error: ErrorLike, platform: Platform = 'discord', context: ErrorContext = 'action'): string {
  const name = t(`platform.${platform}`);
  const reason = error.fields?.reason;
  if (typeof reason === 'string' && t(`errors.reason.${reason}`, { defaultValue: '' })) {
    // A login step that went silent is named in words too.
    const step = typeof error.fields?.step === 'string' ? { step: t(`errors.loginStep.${error.fields.step}`) } : {};
    return t(`errors.reason.${reason}`, { ...error.fields, platform: name, ...step });
  }
  if (error.code === 'rate_limited') {
    const ms = error.retryAfterMs ?? (typeof error.fields?.retryAfterMs === 'number' ? error.fields.retryAfterMs : undefined);
    const seconds = ms !== undefined ? Math.max(1, Math.ceil(ms / 1000)) : undefined;
    return seconds !== undefined ? t('errors.rate_limited', { seconds, platform: name }) : t('errors.rate_limited_soon', { platform: name });
  }
  if (context === 'connect') return t(`errors.connect.${error.code}`, { platform: name });
  return t(`errors.${error.code}`, { platform: name });
}

/** A command that never reached main (the console closed, the bridge dropped): an error like any other. */
export function unreachable(): ErrorLike {
  return { code: 'offline', fields: { reason: 'unreachable' } };
}

const PLATFORM_NAMES = { discord: 'Discord', telegram: 'Telegram', whatsapp: 'WhatsApp' } as const;

export function outcomeInWords(t: TFunction, outcome: InboxOutcome, lang: string): string {
  const time = clockTime(outcome.at, lang);
  if (!outcome.ok && outcome.kind !== 'dismissed') return t('outcome.failed', { action: t(`actionName.${outcome.kind}`), time });
  // A newcomer's first message someone answered on the platform (issue 19).
  if (outcome.detail?.startsWith(ANSWERED_BY)) return t('outcome.answeredBy', { name: outcome.detail.slice(ANSWERED_BY.length), time });
  // A group whose every message was deleted on the platform (another console, or the platform's app).
  const gone = outcome.detail?.startsWith(MESSAGES_GONE) ? /^([a-z]+):(\d+)$/.exec(outcome.detail.slice(MESSAGES_GONE.length)) : null;
  if (gone) {
    const platform = gone[1] as keyof typeof PLATFORM_NAMES;
    return t('outcome.messagesGone', { count: Number(gone[2]), platform: PLATFORM_NAMES[platform] ?? platform, time });
  }
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
