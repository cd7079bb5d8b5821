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
import { ItemReportsSchema } from './reports';
import { HandFlagMarkSchema } from './handFlags';

const MAX_ITEM_SIMILAR = 12;
/** A group (a raid, a burst) keeps at most this many event ids; the rest are counted, not listed. */
export const MAX_GROUP_EVENTS = 500;

/** `newcomer`: a newcomer's first message, shown to moderators until someone answers it (issue 19). */
export const InboxItemKindSchema = z.enum(['flag', 'incident', 'appeal', 'newcomer']);
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
/**
 * Outcome detail prefix (then `platform:count`) of an item of several messages that all were deleted on the
 * platform, not from this console (another console sharing the bot, or moderators in the platform's app).
 */
export const MESSAGES_GONE = 'gone:';

/** What was done to one account of a group item (by this console, or natively by a moderator). */
export const AccountHandledSchema = z.object({
  kind: z.enum(['ban', 'kick', 'timeout', 'dismissed']),
  at: z.number(),
  /** The moderator, when a platform's audit entry named them. */
  by: z.string().max(200).optional(),
});
export type AccountHandled = z.infer<typeof AccountHandledSchema>;

/** One account of an item that groups several (a raid, a spam campaign): who, where, and what was done. */
export const GroupAccountSchema = z.object({
  id: z.string().max(200),
  name: z.string().max(200),
  sourceId: z.string().max(200),
  platform: PlatformSchema,
  spaceId: z.string().max(200),
  messages: z.number().int().nonnegative(),
  handled: AccountHandledSchema.optional(),
  /**
   * What tells two accounts with the same name apart, as the platform gave it with the first message:
   * the account's own handle when the name shown is another (Discord's username beside a nickname),
   * when the account was made and when it joined.
   */
  handle: z.string().max(200).optional(),
  accountCreatedAt: z.number().optional(),
  joinedAt: z.number().optional(),
});
export type GroupAccount = z.infer<typeof GroupAccountSchema>;

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
  /** The author is a webhook (Discord), not a member: member actions do not apply. */
  authorWebhook: z.literal(true).optional(),
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
  /** Every account in the item, in order of appearance (first MAX_GROUP_ACCOUNTS; `accountCount` counts all). */
  accounts: z.array(GroupAccountSchema).max(500).optional(),
  accountCount: z.number().int().nonnegative().optional(),
  /** Every message folded in, also beyond the MAX_GROUP_EVENTS ids kept. */
  eventCount: z.number().int().nonnegative().optional(),
  /** "Delete every message" on a group: the actions of that run; the item resolves when all went through. */
  groupRun: z
    .object({ kind: z.literal('delete'), keys: z.array(z.string().max(100)).max(MAX_GROUP_EVENTS), done: z.number().int().nonnegative(), failed: z.number().int().nonnegative() })
    .optional(),
  /** Similarity keys of its messages: a new message sharing one joins this item while it is open. */
  similar: z.array(z.string().max(40)).max(MAX_ITEM_SIMILAR).optional(),
  /** Members who reported its message(s) (issue 15): count, summed weight, who. */
  reports: ItemReportsSchema.optional(),
  /** Moderators who flagged its message by hand because triage missed it: who, when, as what, their note. */
  handFlags: z.array(HandFlagMarkSchema).max(20).optional(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const PREVIEW_LENGTH = 280;
/** A group lists this many accounts with their status; the rest are counted. */
export const MAX_GROUP_ACCOUNTS = 500;
/** A message joins an open item with the same lure while that item saw one within this window. */
export const SIMILAR_WINDOW_MS = 30 * 60_000;


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

/** The item of a newcomer's first message: found again by the message's event id when a reply to it arrives. */
export function newcomerItemId(messageEventId: string): string {
  return `newcomer:${messageEventId}`;
}

/** Outcome detail of a newcomer's item someone answered on the platform (then their name). */
export const ANSWERED_BY = 'answered:';

/** What an item opened by one event takes from it: where, who, and the message's preview. */
function openedBy(e: Envelope['event']): Pick<InboxItem, 'status' | 'sourceId' | 'platform' | 'spaceId' | 'channelId' | 'channelName' | 'authorId' | 'authorName' | 'authorWebhook' | 'eventIds' | 'primaryEventId' | 'messageId' | 'text'> {
  return {
    status: 'open',
    sourceId: e.sourceId,
    platform: e.platform,
    spaceId: e.spaceId,
    channelId: e.channelId,
    channelName: e.channelName ?? e.channelId,
    authorId: e.author?.id ?? '',
    authorName: e.author?.displayName ?? e.author?.name ?? '',
    ...(e.author?.webhook ? { authorWebhook: true as const } : {}),
    eventIds: [e.id],
    primaryEventId: e.id,
    messageId: e.messageId ?? '',
    text: preview(e.text),
  };
}

/** A newcomer's first message as an open item of its own: nothing flagged, low in the list, until answered. */
export function newcomerItem(envelope: Envelope): InboxItem {
  const e = envelope.event;
  return {
    id: newcomerItemId(e.id),
    kind: 'newcomer',
    ...openedBy(e),
    flags: [],
    severity: 'low',
    categories: [],
    createdAt: e.ts,
    updatedAt: e.ts,
    messageDeleted: false,
  };
}

/**
 * Whether a message answers a newcomer's item: a reply to their message, or a message that mentions them
 * (`@name`, Discord's `<@id>`, WhatsApp's `@number`), by anyone but the newcomer.
 */
export function answersNewcomer(item: Pick<InboxItem, 'sourceId' | 'spaceId' | 'channelId' | 'messageId' | 'authorId' | 'authorName'>, message: Envelope['event'], authorUsername?: string): boolean {
  if (message.kind !== 'message' || message.sourceId !== item.sourceId || message.spaceId !== item.spaceId) return false;
  if (!message.author || message.author.id === item.authorId) return false;
  if (message.replyToMessageId && message.replyToMessageId === item.messageId && message.channelId === item.channelId) return true;
  const text = message.text ?? '';
  if (!text.includes('@')) return false;
  // A WhatsApp mention is the member's number: their id up to the '@' of the jid.
  const handles = [`<@${item.authorId}>`, `<@!${item.authorId}>`, `@${item.authorId.split('@')[0]}`, ...[item.authorName, authorUsername].filter((n): n is string => !!n).map((n) => `@${n}`)];
  const lower = text.toLowerCase();
  return handles.some((h) => {
    const handle = h.toLowerCase();
    // Every occurrence counts ("@anabel hi @ana" mentions @ana); a handle ends where a word does, so
    // @ana is not a mention of @anabel.
    for (let at = lower.indexOf(handle); at >= 0; at = lower.indexOf(handle, at + 1)) {
      if (!/[\p{L}\p{N}_]/u.test(lower.charAt(at + handle.length))) return true;
    }
    return false;
  });
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
    ...openedBy(e),
    flags: [...envelope.flags],
    severity: maxSeverity(envelope.flags),
    categories: uniqueCategories(envelope.flags),
    createdAt: e.ts,
    updatedAt: e.ts,
    messageDeleted: false,
    ...(e.author ? { accounts: [accountOf(envelope)!], accountCount: 1 } : {}),
    eventCount: 1,
    ...(envelope.similar && envelope.similar.length > 0 ? { similar: envelope.similar.slice(0, MAX_ITEM_SIMILAR) } : {}),
  };
}

function accountOf(envelope: Envelope): GroupAccount | undefined {
  const e = envelope.event;
  if (!e.author) return undefined;
  const a = e.author;
  const name = (a.displayName ?? a.name).slice(0, 200);
  return {
    id: a.id,
    name,
    sourceId: e.sourceId,
    platform: e.platform,
    spaceId: e.spaceId,
    messages: 1,
    ...(a.name && a.name !== name ? { handle: a.name.slice(0, 200) } : {}),
    ...(a.accountCreatedAt !== undefined ? { accountCreatedAt: a.accountCreatedAt } : {}),
    ...(a.joinedAt !== undefined ? { joinedAt: a.joinedAt } : {}),
  };
}

/** The accounts of an item; an item stored before accounts were kept has its author. */
export function itemAccounts(item: InboxItem): GroupAccount[] {
  if (item.accounts) return item.accounts;
  if (!item.authorId) return [];
  return [{ id: item.authorId, name: item.authorName, sourceId: item.sourceId, platform: item.platform, spaceId: item.spaceId, messages: item.eventIds.length }];
}

/** An item that holds several accounts: one account's ban or timeout does not settle it. */
export function isMultiAccount(item: InboxItem): boolean {
  return (item.accountCount ?? item.accounts?.length ?? 1) > 1;
}

/** Accounts of the item nobody has handled yet. */
export function unhandledAccounts(item: InboxItem): GroupAccount[] {
  return itemAccounts(item).filter((a) => !a.handled);
}

/**
 * One account of the item was banned, kicked or timed out (by this console or natively). A single-account
 * item resolves; a group records it per account and resolves only once every account is handled.
 * Returns the item unchanged when the account is not in it or already handled.
 */
export function settleAccount(item: InboxItem, target: { sourceId: string; memberId: string }, handled: AccountHandled, outcome: InboxOutcome): InboxItem {
  const accounts = itemAccounts(item);
  const at = accounts.findIndex((a) => a.id === target.memberId && a.sourceId === target.sourceId);
  if (at < 0 || accounts[at]!.handled) return item;
  const nextAccounts = accounts.map((a, i) => (i === at ? { ...a, handled } : a));
  // Accounts beyond the listed ones are counted only: those need the moderator to resolve the rest.
  const allListed = (item.accountCount ?? accounts.length) <= accounts.length;
  const done = allListed && nextAccounts.every((a) => a.handled);
  const base = { ...item, accounts: nextAccounts, updatedAt: Math.max(item.updatedAt, handled.at) };
  if (!isMultiAccount(item) || done) return { ...base, status: 'resolved', outcome: isMultiAccount(item) ? { ...outcome, detail: `accounts:${nextAccounts.length}` } : outcome };
  return base;
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
  const accounts = mergeAccount(item, envelope);
  const similar = [...new Set([...(item.similar ?? []), ...(envelope.similar ?? [])])].slice(0, MAX_ITEM_SIMILAR);
  return {
    ...item,
    // A message item that gains a second message is a group now: it lists its accounts and has bulk actions.
    kind: item.kind === 'flag' ? 'incident' : item.kind,
    eventIds,
    eventCount: (item.eventCount ?? item.eventIds.length) + 1,
    ...accounts,
    ...(similar.length > 0 ? { similar } : {}),
    flags,
    severity: maxSeverity(flags),
    categories: uniqueCategories(flags),
    updatedAt: Math.max(item.updatedAt, e.ts),
    status: reopen ? 'open' : item.status,
    outcome: reopen ? undefined : item.outcome,
  };
}

function mergeAccount(item: InboxItem, envelope: Envelope): Pick<InboxItem, 'accounts' | 'accountCount'> | Record<string, never> {
  const incoming = accountOf(envelope);
  if (!incoming) return {};
  const accounts = itemAccounts(item);
  const at = accounts.findIndex((a) => a.id === incoming.id && a.sourceId === incoming.sourceId);
  if (at >= 0) return { accounts: accounts.map((a, i) => (i === at ? { ...a, messages: a.messages + 1 } : a)), accountCount: item.accountCount ?? accounts.length };
  const count = (item.accountCount ?? accounts.length) + 1;
  if (accounts.length >= MAX_GROUP_ACCOUNTS) return { accounts, accountCount: count };
  return { accounts: [...accounts, incoming], accountCount: count };
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
