// InboxItem: what needs a moderator's attention, built from flagged envelopes. Pure helpers that
// build, merge and order items live here so the renderer's store and its tests share one definition.
import { z } from 'zod';
import { ActionKindSchema } from './actions';
import {
  FlagSchema,
  FlagCategorySchema,
  PlatformSchema,
  SeveritySchema,
  type Envelope,
  type Flag,
  type FlagCategory,
  type Severity,
} from './model';
import { ErrorCodeSchema } from './result';

export const InboxItemKindSchema = z.enum(['flag', 'incident', 'appeal']);
export type InboxItemKind = z.infer<typeof InboxItemKindSchema>;

export const InboxItemStatusSchema = z.enum(['open', 'claimed', 'resolved', 'snoozed']);
export type InboxItemStatus = z.infer<typeof InboxItemStatusSchema>;

export const InboxOutcomeSchema = z.object({
  kind: z.union([ActionKindSchema, z.literal('dismissed')]),
  at: z.number(),
  actionKey: z.string().optional(),
  ok: z.boolean(),
  detail: z.string().optional(),
  /** retryAfterMs survives with the outcome so "try again in N s" still reads right after a reload. */
  error: z.object({ code: ErrorCodeSchema, message: z.string(), retryAfterMs: z.number().int().nonnegative().optional() }).optional(),
});
export type InboxOutcome = z.infer<typeof InboxOutcomeSchema>;

/** Outcome detail prefix (then the platform) of an item whose message was deleted in the platform's own app. */
export const NATIVE_DELETE = 'native:';

export const InboxItemSchema = z.object({
  id: z.string().min(1).max(600),
  kind: InboxItemKindSchema,
  status: InboxItemStatusSchema,
  sourceId: z.string(),
  platform: PlatformSchema,
  spaceId: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  eventIds: z.array(z.string()),
  primaryEventId: z.string(),
  messageId: z.string(),
  /** A preview of the primary message, cut to PREVIEW_LENGTH; the full text stays with the event. */
  text: z.string(),
  flags: z.array(FlagSchema),
  severity: SeveritySchema,
  categories: z.array(FlagCategorySchema),
  createdAt: z.number(),
  updatedAt: z.number(),
  messageDeleted: z.boolean(),
  outcome: InboxOutcomeSchema.optional(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const PREVIEW_LENGTH = 280;
/** A group (a raid, a burst) keeps at most this many event ids; the rest are counted, not listed. */
export const MAX_GROUP_EVENTS = 500;

const severityRank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxSeverity(flags: readonly Flag[]): Severity {
  let best: Severity = 'low';
  for (const f of flags) if (severityRank[f.severity] > severityRank[best]) best = f.severity;
  return best;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank[a] - severityRank[b];
}

/** The flag a row leads with: the most severe, the first of equals. */
export function leadingFlag(flags: readonly Flag[]): Flag | undefined {
  let best: Flag | undefined;
  for (const f of flags) if (!best || severityRank[f.severity] > severityRank[best.severity]) best = f;
  return best;
}

/**
 * Which item an envelope's flags belong to: when flags carry group keys, the most severe grouped
 * flag decides (a raid outranks a flood the same message is part of), per source; otherwise the
 * message is an item of its own, keyed by its stable event id.
 */
export function inboxItemIdFor(envelope: Envelope): string | undefined {
  if (envelope.flags.length === 0) return undefined;
  const group = leadingFlag(envelope.flags.filter((f) => f.group))?.group;
  return group ? `group:${envelope.event.sourceId}:${group}` : `msg:${envelope.event.id}`;
}

function preview(text: string | undefined): string {
  if (!text) return '';
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

function uniqueCategories(flags: readonly Flag[]): FlagCategory[] {
  return [...new Set(flags.map((f) => f.category))];
}

/** A new open item from a flagged envelope. Returns undefined for an envelope without flags. */
export function itemFromEnvelope(envelope: Envelope): InboxItem | undefined {
  const id = inboxItemIdFor(envelope);
  if (!id) return undefined;
  const e = envelope.event;
  return {
    id,
    // A DM to the bot that appeals a case arrives grouped under 'appeal:…'; it is reviewed, not moderated.
    kind: envelope.flags.some((f) => f.group?.startsWith('appeal:')) ? 'appeal' : id.startsWith('group:') ? 'incident' : 'flag',
    status: 'open',
    sourceId: e.sourceId,
    platform: e.platform,
    spaceId: e.spaceId,
    channelId: e.channelId,
    channelName: e.channelName ?? e.channelId,
    authorId: e.author?.id ?? '',
    authorName: e.author?.displayName ?? e.author?.name ?? '',
    eventIds: [e.id],
    primaryEventId: e.id,
    messageId: e.messageId ?? '',
    text: preview(e.text),
    flags: [...envelope.flags],
    severity: maxSeverity(envelope.flags),
    categories: uniqueCategories(envelope.flags),
    createdAt: e.ts,
    updatedAt: e.ts,
    messageDeleted: false,
  };
}

/**
 * Folds another flagged envelope into an existing item (same group). Idempotent: merging the same
 * envelope twice changes nothing. A resolved group that flags again reopens, because new harm arrived.
 */
export function mergeEnvelope(item: InboxItem, envelope: Envelope): InboxItem {
  const e = envelope.event;
  if (item.eventIds.includes(e.id)) return item;
  // One flag per rule on an item: a raid of 5,000 messages is one reason, not 5,000 copies of it.
  const flags = [...item.flags];
  for (const f of envelope.flags) {
    const at = flags.findIndex((g) => g.rule === f.rule);
    if (at < 0) flags.push(f);
    else if (severityRank[f.severity] > severityRank[flags[at]!.severity]) flags[at] = f;
  }
  const eventIds = item.eventIds.length < MAX_GROUP_EVENTS ? [...item.eventIds, e.id] : item.eventIds;
  const reopen = item.status === 'resolved' && envelope.flags.length > 0;
  return {
    ...item,
    eventIds,
    flags,
    severity: maxSeverity(flags),
    categories: uniqueCategories(flags),
    updatedAt: Math.max(item.updatedAt, e.ts),
    status: reopen ? 'open' : item.status,
    outcome: reopen ? undefined : item.outcome,
  };
}

/** Platform message ids are numeric strings (snowflakes): longer is newer, then lexicographic. */
export function compareMessageIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first; ties broken by id so the order is total and stable across reloads. */
export function compareItemsNewestFirst(a: InboxItem, b: InboxItem): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export type InboxFilter = 'open' | 'resolved' | 'all';

export function matchesFilter(item: InboxItem, filter: InboxFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'resolved') return item.status === 'resolved';
  return item.status === 'open' || item.status === 'claimed';
}
