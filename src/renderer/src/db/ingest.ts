// Ingest: one batch of envelopes from main → events, inbox items and cursors in ONE transaction,
// so a crash between them can neither lose an event nor make main send it again as new.
import Dexie from 'dexie';
import { AUTOMATION_MODERATOR, automaticIntent } from '@shared/domain/automation';
import { caseExpiry, type Case } from '@shared/domain/cases';
import { applyCursorMove } from '@shared/domain/cursor';
import type { ChatEvent, CursorMove, Envelope, Flag, Moderation, SourceCursor } from '@shared/domain/model';
import { MEMBER_REPORT_RULE, reporterOf, withReport } from '@shared/domain/reports';
import {
  ANSWERED_BY,
  answersNewcomer,
  compareSeverity,
  newcomerItem,
  newcomerItemId,
  inboxItemIdFor,
  isMultiAccount,
  itemAccounts,
  MAX_GROUP_EVENTS,
  MESSAGES_GONE,
  maxSeverity,
  itemFromEnvelope,
  mergeEnvelope,
  NATIVE_DELETE,
  settleAccount,
  SIMILAR_WINDOW_MS,
  PREVIEW_LENGTH,
  type InboxItem,
  type InboxOutcome,
} from '@shared/domain/inbox';
import type { TribeDb } from './db';
import type { ActionRow, EventRow } from './schema';

export interface IngestResult {
  /** Events stored for the first time. */
  added: number;
  /** Events already stored (a resume or catch-up overlap), dropped. */
  repeats: number;
  /** Every inbox item created or changed by this batch, as stored. */
  items: InboxItem[];
  /** Ids of items that did not exist before this batch. */
  newItemIds: string[];
  /** Automatic actions of rules newly written to the outbox (main runs them; a replay asks for the answer). */
  automatic: number;
  /** The event rows stored for the first time (insights adds them to its aggregates). */
  stored: EventRow[];
  /** Their batch in the insights journal (none when nothing new was stored). */
  insightBatch?: number;
}

function messageKey(sourceId: string, channelId: string, messageId: string): string {
  return `${sourceId}\u0000${channelId}\u0000${messageId}`;
}

export async function ingestBatch(db: TribeDb, envelopes: readonly Envelope[]): Promise<IngestResult> {
  return db.transaction('rw', [db.events, db.inboxItems, db.cursors, db.actions, db.cases, db.insightBatches, db.settings], async () => {
    // A repeat is an id already stored, or seen earlier in this same batch.
    const ids = [...new Set(envelopes.map((e) => e.event.id))];
    const stored = await db.events.bulkGet(ids);
    const known = new Set(ids.filter((_, i) => stored[i] !== undefined));
    const fresh: Envelope[] = [];
    for (const env of envelopes) {
      if (known.has(env.event.id)) continue;
      known.add(env.event.id);
      fresh.push(env);
    }

    const rows: EventRow[] = fresh.map((env) => ({ ...env.event, flags: env.flags, ...(env.automatic ? { automatic: env.automatic } : {}), ...(env.dropped ? { dropped: env.dropped } : {}) }));
    const rowsByMessage = new Map<string, EventRow>();
    for (const row of rows) {
      if (row.kind === 'message' && row.messageId) rowsByMessage.set(messageKey(row.sourceId, row.channelId, row.messageId), row);
    }

    // Deletes and edits change the stored message they name (stored earlier, or in this batch).
    const touchedMessages = new Map<string, EventRow>();
    const deletedEventIds = new Set<string>();
    /** Edit event id → the message row it changed (its text before the edit is kept there). */
    const editTargets = new Map<string, EventRow>();
    /** Deletes of messages not stored (yet): the message may still come, after its delete. */
    const awaited: Array<[string, number]> = [];
    for (const env of fresh) {
      const e = env.event;
      if ((e.kind !== 'delete' && e.kind !== 'edit') || !e.messageId) continue;
      const key = messageKey(e.sourceId, e.channelId, e.messageId);
      let target = rowsByMessage.get(key) ?? touchedMessages.get(key);
      if (!target) {
        const found = await db.events
          .where('[sourceId+channelId+messageId]')
          .equals([e.sourceId, e.channelId, e.messageId])
          .filter((r) => r.kind === 'message')
          .first();
        if (found) {
          target = found;
          touchedMessages.set(key, found);
        }
      }
      if (!target) {
        if (e.kind === 'delete') awaited.push([key, e.ts]);
        continue;
      }
      if (e.kind === 'delete') {
        target.deleted = true;
        target.deletedAt = e.ts;
        deletedEventIds.add(target.id);
      } else if (e.text !== undefined && target.detail === 'undecryptable') {
        // The readable copy of a message that could not be decrypted: it takes the placeholder's place
        // (its text, links and attachments); the member did not edit anything.
        editTargets.set(e.id, target);
        target.text = e.text;
        delete target.detail;
        if (e.linkTargets) target.linkTargets = e.linkTargets;
        if (e.attachments) target.attachments = e.attachments;
        if (e.forwardedFrom) target.forwardedFrom = e.forwardedFrom;
      } else if (e.text !== undefined) {
        editTargets.set(e.id, target);
        target.originalText ??= target.text;
        target.text = e.text;
        target.editedAt = e.ts;
        // What context kept off is judged on the text shown: the edit's.
        if (env.dropped) target.dropped = env.dropped;
        else delete target.dropped;
      }
    }
    // A delete stored before its message (the connector had to read a forward's origin first; a catch-up
    // batch came after the live delete): the message arrives deleted, and its item says so.
    await deletedBeforeArrival(db, rowsByMessage, awaited, fresh.reduce((n, env) => Math.max(n, env.event.ts), 0), deletedEventIds);
    await db.events.bulkAdd(rows);
    // The insights journal: these events are not in the stored aggregates until the worker folds this batch in.
    const insightBatch = rows.length > 0 ? await db.insightBatches.add({ eventIds: rows.map((r) => r.id) }) : undefined;
    if (touchedMessages.size > 0) await db.events.bulkPut([...touchedMessages.values()]);

    // Inbox items: create or merge per item id, reading each existing item once.
    const flagged = fresh.filter((env) => env.flags.length > 0 && env.event.kind === 'message');
    const itemIds = [...new Set(flagged.map((env) => inboxItemIdFor(env)).filter((id): id is string => id !== undefined))];
    const existing = await db.inboxItems.bulkGet(itemIds);
    const items = new Map<string, InboxItem>();
    itemIds.forEach((id, i) => {
      const item = existing[i];
      if (item) items.set(id, item);
    });
    const similar = await similarOpenItems(db, flagged, items);
    const changed = new Set<string>();
    const newItemIds: string[] = [];
    const itemOfEvent = new Map<string, string>();
    for (const env of flagged) {
      const own = inboxItemIdFor(env);
      if (!own) continue;
      // The same lure as an open item (any author, any platform, recently): it joins that item.
      const id = (own.startsWith('msg:') && !items.has(own) ? similar.find(env, items) : undefined) ?? own;
      const current = items.get(id);
      const next = current ? mergeEnvelope(current, env) : itemFromEnvelope(env);
      if (!next || next === current) continue;
      if (!current) newItemIds.push(id);
      itemOfEvent.set(env.event.id, id);
      items.set(id, next);
      similar.remember(next);
      changed.add(id);
    }
    await newcomerFirstMessages(db, fresh, items, changed, newItemIds);
    await itemsFromEditsAndNames(db, fresh, editTargets, items, changed, newItemIds);
    await itemsFromReports(db, fresh, rowsByMessage, touchedMessages, items, changed, newItemIds);
    // A flagged message deleted in this batch (or before) shows "message deleted" on its item.
    const affectedIds = new Set<string>();
    if (deletedEventIds.size > 0) {
      for (const item of items.values()) {
        if (deletedEventIds.has(item.primaryEventId) && !item.messageDeleted) {
          items.set(item.id, { ...item, messageDeleted: true });
          changed.add(item.id);
        }
      }
      const affected = await db.inboxItems.where('eventIds').anyOf([...deletedEventIds]).toArray();
      for (const stale of affected) {
        affectedIds.add(stale.id);
        if (!items.has(stale.id)) items.set(stale.id, stale);
        const item = items.get(stale.id)!;
        if (deletedEventIds.has(item.primaryEventId) && !item.messageDeleted) {
          items.set(item.id, { ...item, messageDeleted: true });
          changed.add(item.id);
        }
      }
    }
    // A flagged message deleted in the platform's own app, with nothing of ours under way for it, is
    // handled: its item closes itself and says so (another moderator, or the platform's automod, acted).
    // An item of several messages (a raid, a flood, one lure from several accounts) closes once every one
    // of them is gone: another console sharing the bot deleted the group, and this one only hears deletes.
    if (deletedEventIds.size > 0) {
      // Only an item that lost a message in this batch can have just lost its last one.
      const touched = new Set(affectedIds);
      for (const item of items.values()) if (item.eventIds.some((id) => deletedEventIds.has(id))) touched.add(item.id);
      for (const id of touched) {
        const item = items.get(id);
        if (!item || (item.kind !== 'flag' && item.kind !== 'incident') || item.status === 'resolved' || item.outcome || item.groupRun) continue;
        const messages = (await db.events.bulkGet(item.eventIds)).filter((r): r is EventRow => r?.kind === 'message');
        if (messages.length === 0 || messages.some((r) => !r.deleted)) continue;
        // A rule held one (took it down for review): the item stays open for that review.
        if (messages.some((r) => r.automatic?.some((a) => a.kind === 'hold' && !a.dryRun))) continue;
        const single = messages.length === 1 && item.kind === 'flag';
        // Anything of ours for a single message says what happened itself; for a group, an action of ours
        // still under way does (its deletes, or a ban purging the messages, settle the item their own way),
        // while one done before (a ban of one of its accounts) leaves the messages to whoever deletes them.
        const ours = await db.actions
          .where('inboxItemId')
          .equals(item.id)
          .filter((a) => single || a.status === 'queued' || a.status === 'sent')
          .count();
        if (ours > 0) continue;
        if (single) {
          const at = fresh.find((env) => env.event.kind === 'delete' && env.event.messageId === item.messageId)?.event.ts ?? messages[0]?.deletedAt ?? Date.now();
          const by = (await nativeModerator(db, fresh, item, at)) ?? (await banExecutor(db, fresh, item, at));
          items.set(id, { ...item, status: 'resolved', outcome: { kind: 'delete', at, ok: true, detail: `${NATIVE_DELETE}${item.platform}${by ? `:${by}` : ''}` } });
        } else {
          const at = Math.max(...messages.map((r) => r.deletedAt ?? 0)) || Date.now();
          items.set(id, { ...item, status: 'resolved', updatedAt: Math.max(item.updatedAt, at), outcome: { kind: 'delete', at, ok: true, detail: `${MESSAGES_GONE}${item.platform}:${messages.length}` } });
        }
        changed.add(id);
      }
    }
    // A ban, kick or timeout done in the platform app by a moderator settles that member's open items.
    for (const { event } of fresh) {
      // A delete's audit entry after the delete itself closed the item unnamed: it names the moderator now.
      const deleted = moderationOf(event);
      if (event.kind === 'modAction' && deleted?.action === 'delete' && deleted.targetId) {
        await nameNativeDeletes(db, event, deleted.targetId, items, changed);
        continue;
      }
      const native = nativeMemberAction(event);
      if (!native) continue;
      const hit = (i: InboxItem) => itemAccounts(i).some((a) => a.id === native.targetId && a.sourceId === event.sourceId);
      const open = await db.inboxItems.where('status').anyOf('open', 'claimed').filter(hit).toArray();
      for (const item of [...items.values()].filter((i) => i.status !== 'resolved' && hit(i))) if (!open.some((o) => o.id === item.id)) open.push(item);
      for (const stale of open) {
        const item = items.get(stale.id) ?? stale;
        if (item.status === 'resolved' || (item.outcome && !isMultiAccount(item))) continue;
        const outcome: InboxOutcome = { kind: native.action, at: event.ts, ok: true, detail: `${NATIVE_DELETE}${item.platform}:${native.by}` };
        // In a raid only that account is handled; the incident stays open for the others.
        const next = settleAccount(item, { sourceId: event.sourceId, memberId: native.targetId }, { kind: native.action, at: event.ts, by: native.by }, outcome);
        if (next === item) continue;
        items.set(item.id, next);
        changed.add(item.id);
      }
      // A ban that deleted the member's messages: those deletes may have come first, unnamed. The ban's
      // executor deleted them (Discord logs the ban, not the deletes).
      if (native.action !== 'ban') continue;
      const unnamed = `${NATIVE_DELETE}${event.platform}`;
      const closed = await db.inboxItems.where('status').equals('resolved').filter((i) => i.authorId === native.targetId && i.spaceId === event.spaceId && i.outcome?.detail === unnamed).toArray();
      for (const stale of closed) {
        const item = items.get(stale.id) ?? stale;
        const outcome = item.outcome;
        if (!outcome || outcome.detail !== unnamed || Math.abs(outcome.at - event.ts) > BAN_DELETE_WINDOW_MS) continue;
        items.set(item.id, { ...item, outcome: { ...outcome, detail: `${unnamed}:${native.by}` } });
        changed.add(item.id);
      }
    }
    const changedItems = [...changed].map((id) => items.get(id)).filter((i): i is InboxItem => i !== undefined);
    if (changedItems.length > 0) await db.inboxItems.bulkPut(changedItems);

    const automatic = await recordAutomaticActions(db, fresh, itemOfEvent);
    await advanceCursors(db, envelopes);
    return { added: fresh.length, repeats: envelopes.length - fresh.length, items: changedItems, newItemIds, automatic, stored: rows, ...(insightBatch !== undefined ? { insightBatch } : {}) };
  });
}

/**
 * A newcomer's first message (main marks it, issue 19) opens an item of its own; a reply to it or a message
 * mentioning them, by anyone but the newcomer, answers it: the item resolves and says who answered. A
 * moderator can also dismiss it, or answer it from the console (a reply action resolves it as any item).
 */
async function newcomerFirstMessages(db: TribeDb, fresh: readonly Envelope[], items: Map<string, InboxItem>, changed: Set<string>, newItemIds: string[]): Promise<void> {
  const messages = fresh.filter((env) => env.event.kind === 'message' && env.event.author && !env.event.author.bot);
  if (messages.length === 0) return;
  let open: InboxItem[] | undefined;
  const usernames = new Map<string, string | undefined>();
  for (const env of messages) {
    const e = env.event;
    // Answers first: a reply in the same batch as the first message still finds it below once created.
    if (e.replyToMessageId || e.text?.includes('@')) {
      open ??= await db.inboxItems
        .where('status')
        .anyOf('open', 'claimed')
        .filter((i) => i.kind === 'newcomer')
        .toArray();
      const candidates = [...open.map((i) => items.get(i.id) ?? i), ...[...items.values()].filter((i) => i.kind === 'newcomer' && !open!.some((o) => o.id === i.id))];
      for (const item of candidates) {
        if (item.status === 'resolved' || item.spaceId !== e.spaceId) continue;
        if (!usernames.has(item.id)) usernames.set(item.id, (await db.events.get(item.primaryEventId))?.author?.name ?? fresh.find((f) => f.event.id === item.primaryEventId)?.event.author?.name);
        if (!answersNewcomer(item, e, usernames.get(item.id))) continue;
        const by = e.author?.displayName ?? e.author?.name ?? '';
        items.set(item.id, { ...item, status: 'resolved', updatedAt: e.ts, outcome: { kind: 'reply', at: e.ts, ok: true, detail: `${ANSWERED_BY}${by}` } });
        changed.add(item.id);
      }
    }
    if (!env.newcomerFirst || env.flags.length > 0) continue;
    const id = newcomerItemId(e.id);
    if (items.has(id) || (await db.inboxItems.get(id))) continue;
    const item = newcomerItem(env);
    // An answer may have been stored first, in an earlier batch or earlier in this one: after a reconnect
    // the WhatsApp phone sends the history of the gap only once a newer live message has come.
    const answer = await db.events
      .where('ts')
      .aboveOrEqual(e.ts)
      .filter((r) => r.id !== e.id && answersNewcomer(item, r, e.author?.name))
      .first();
    const by = answer?.author?.displayName ?? answer?.author?.name ?? '';
    items.set(id, answer ? { ...item, status: 'resolved', updatedAt: answer.ts, outcome: { kind: 'reply', at: answer.ts, ok: true, detail: `${ANSWERED_BY}${by}` } } : item);
    changed.add(id);
    newItemIds.push(id);
  }
}

/** The flag a report adds when triage gave none (a pack without the member-report rule). */
const REPORT_FLAG: Flag = { rule: MEMBER_REPORT_RULE, category: 'custom', severity: 'medium', reason: 'Member report', why: { base: { code: 'rule', fields: { rule: MEMBER_REPORT_RULE } } }, evidence: [] };

/**
 * Member reports (issue 15): a report opens the item of the reported message, or joins the item that
 * already holds it (a burst, a campaign folded across platforms), counting each member once, weighted
 * by trust. A report on a message this console never stored, or on one already deleted with no item to
 * join, opens nothing: there is nothing left to act on.
 */
async function itemsFromReports(
  db: TribeDb,
  fresh: readonly Envelope[],
  rowsByMessage: ReadonlyMap<string, EventRow>,
  touchedMessages: ReadonlyMap<string, EventRow>,
  items: Map<string, InboxItem>,
  changed: Set<string>,
  newItemIds: string[],
): Promise<void> {
  for (const env of fresh) {
    const e = env.event;
    if (e.kind !== 'report' || !e.messageId || !e.author || e.moderation) continue;
    const key = messageKey(e.sourceId, e.channelId, e.messageId);
    let target = rowsByMessage.get(key) ?? touchedMessages.get(key);
    if (!target) {
      target = await db.events.where('[sourceId+channelId+messageId]').equals([e.sourceId, e.channelId, e.messageId]).filter((r) => r.kind === 'message').first();
    }
    if (!target) continue;
    const holding = (i: InboxItem) => i.eventIds.includes(target.id);
    const inBatch = [...items.values()].filter(holding);
    const stored = inBatch.length > 0 ? [] : await db.inboxItems.where('eventIds').equals(target.id).toArray();
    const candidates = [...inBatch, ...stored.map((i) => items.get(i.id) ?? i)];
    let item = candidates.find((i) => i.status !== 'resolved') ?? candidates[0];
    const flag = { ...(env.flags.find((f) => f.rule === MEMBER_REPORT_RULE) ?? REPORT_FLAG) };
    delete flag.group;
    if (!item) {
      if (target.deleted) continue;
      const created = itemFromEnvelope({ event: target, flags: [flag] });
      if (!created) continue;
      item = { ...created, id: `msg:${target.id}` };
      newItemIds.push(item.id);
    }
    const accurate = await accurateReports(db, e.sourceId, e.author.id);
    const next = withReport(item, reporterOf(e.author, { platform: e.platform, sourceId: e.sourceId }, e.ts, accurate), flag);
    if (next === item && items.has(item.id)) continue;
    items.set(item.id, next);
    changed.add(item.id);
  }
}

/** How many of a member's past reports led to an action (the item resolved with one that worked, not dismissed). */
async function accurateReports(db: TribeDb, sourceId: string, memberId: string): Promise<number> {
  return db.inboxItems
    .where('status')
    .equals('resolved')
    .filter((i) => i.outcome !== undefined && i.outcome.ok && i.outcome.kind !== 'dismissed' && (i.reports?.reporters.some((r) => r.id === memberId && r.sourceId === sourceId) ?? false))
    .count();
}

/**
 * A rule's automatic actions (issue 15) that main runs: each goes into the outbox under main's key as
 * already sent (main started it; it cannot be cancelled), so the outbox's replay asks main for the
 * answer, which settles the item like a moderator's action would; and each is a case by "automation",
 * pending until that answer. Dry-run actions did nothing and record nothing.
 */
async function recordAutomaticActions(db: TribeDb, fresh: readonly Envelope[], itemOfEvent: ReadonlyMap<string, string>): Promise<number> {
  let added = 0;
  for (const env of fresh) {
    const e = env.event;
    for (const auto of env.automatic ?? []) {
      if (auto.dryRun || !e.author) continue;
      const intent = automaticIntent(e, auto);
      if (!intent || (await db.actions.get(auto.key))) continue;
      const itemId = itemOfEvent.get(e.id);
      // A hold's answer does not settle the item: it stays open for a person to review what was taken down.
      const settles = itemId && auto.kind !== 'hold';
      const row: ActionRow = { key: auto.key, intent, status: 'sent', createdAt: e.ts, updatedAt: e.ts, attempts: 0, ...(settles ? { inboxItemId: itemId } : {}) };
      await db.actions.add(row);
      const durationSeconds = intent.kind === 'timeout' ? intent.durationSeconds : undefined;
      const expiresAt = caseExpiry(intent.kind === 'timeout' ? 'timeout' : 'delete', e.ts, durationSeconds);
      const record: Case = {
        id: `auto:${auto.key}`,
        platform: e.platform,
        sourceId: e.sourceId,
        spaceId: e.spaceId,
        memberId: e.author.id,
        memberName: (e.author.displayName ?? e.author.name).slice(0, 200),
        action: intent.kind === 'timeout' ? 'timeout' : 'delete',
        reason: (env.flags.find((f) => f.rule === auto.rule)?.reason ?? auto.rule).slice(0, 512) || auto.rule,
        evidence: [{ eventId: e.id, channelId: e.channelId, ...(e.channelName ? { channelName: e.channelName } : {}), ...(e.messageId ? { messageId: e.messageId } : {}), authorName: e.author.displayName ?? e.author.name, text: (e.text ?? '').slice(0, 4000), ts: e.ts }],
        moderator: AUTOMATION_MODERATOR,
        createdAt: e.ts,
        ...(expiresAt ? { expiresAt } : {}),
        ...(durationSeconds ? { durationSeconds } : {}),
        actionKey: auto.key,
        ...(itemId ? { inboxItemId: itemId } : {}),
        result: 'pending',
      };
      await db.cases.put(record);
      added += 1;
    }
  }
  return added;
}

/**
 * Open items that new flagged messages may join by similarity key: read once per batch from the
 * `*similar` index, then kept current as the batch creates and merges items.
 */
async function similarOpenItems(db: TribeDb, flagged: readonly Envelope[], items: Map<string, InboxItem>) {
  const byKey = new Map<string, string>();
  const keys = [...new Set(flagged.flatMap((env) => env.similar ?? []))];
  const remember = (item: InboxItem) => {
    if (item.status === 'resolved') return;
    for (const key of item.similar ?? []) if (!byKey.has(key)) byKey.set(key, item.id);
  };
  if (keys.length > 0) {
    const newest = Math.max(...flagged.map((env) => env.event.ts));
    const found = await db.inboxItems.where('similar').anyOf(keys).filter((i) => i.status !== 'resolved' && newest - i.updatedAt <= SIMILAR_WINDOW_MS).toArray();
    // The most recently active item wins a key two items share.
    found.sort((a, b) => b.updatedAt - a.updatedAt);
    for (const item of found) {
      if (!items.has(item.id)) items.set(item.id, item);
      remember(items.get(item.id)!);
    }
  }
  return {
    find(env: Envelope, current: ReadonlyMap<string, InboxItem>): string | undefined {
      for (const key of env.similar ?? []) {
        const id = byKey.get(key);
        const item = id ? current.get(id) : undefined;
        if (item && item.status !== 'resolved' && env.event.ts - item.updatedAt <= SIMILAR_WINDOW_MS) return id;
      }
      return undefined;
    },
    remember,
  };
}

/**
 * Each event's cursor move, as its connector produced it (`after` positions such as a channel's newest
 * message id never move back; `at` positions, a connector's own state, are replaced): applied in order.
 */
async function advanceCursors(db: TribeDb, envelopes: readonly Envelope[]): Promise<void> {
  const moves = new Map<string, CursorMove[]>();
  for (const { event: e } of envelopes) {
    if (!e.cursor) continue;
    const list = moves.get(e.sourceId);
    if (list) list.push(e.cursor);
    else moves.set(e.sourceId, [e.cursor]);
  }
  if (moves.size === 0) return;
  const sourceIds = [...moves.keys()];
  const current = await db.cursors.bulkGet(sourceIds);
  const next: SourceCursor[] = [];
  sourceIds.forEach((sourceId, i) => {
    const positions = { ...current[i]?.positions };
    let moved = false;
    for (const move of moves.get(sourceId) ?? []) if (applyCursorMove(positions, move)) moved = true;
    if (moved) next.push({ sourceId, positions });
  });
  if (next.length > 0) await db.cursors.bulkPut(next);
}

/** Deletes that came before their message, by message key, with when: kept for when it arrives, newest last. */
const AWAITED_DELETES = 'ingest.deletesBeforeMessage';
/**
 * How long and how many such deletes are kept. A message that comes after its delete comes moments later
 * (a forward read over REST first, a phone's history of a gap after a reconnect); most deletes of messages
 * not stored are of old ones this console will never store, and the list stays short.
 */
const AWAITED_DELETE_MS = 3_600_000;
const MAX_AWAITED_DELETES = 200;

function awaitedDeletes(value: unknown): Array<[string, number]> {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number');
}

/**
 * Marks this batch's new messages deleted whose delete came in an earlier batch, and keeps this batch's
 * deletes of messages not stored yet. A short list in one settings row, read once per batch: looking each
 * new message up in the events' index cost more than the rest of the batch.
 */
async function deletedBeforeArrival(db: TribeDb, rowsByMessage: ReadonlyMap<string, EventRow>, unmatched: ReadonlyArray<[string, number]>, newest: number, deletedEventIds: Set<string>): Promise<void> {
  const awaited = awaitedDeletes((await db.settings.get(AWAITED_DELETES))?.value);
  if (awaited.length === 0 && unmatched.length === 0) return;
  const kept: Array<[string, number]> = [];
  for (const [key, at] of awaited) {
    const message = rowsByMessage.get(key);
    if (!message || message.deleted) {
      if (newest - at <= AWAITED_DELETE_MS) kept.push([key, at]);
      continue;
    }
    message.deleted = true;
    message.deletedAt = at;
    deletedEventIds.add(message.id);
  }
  if (kept.length === awaited.length && unmatched.length === 0) return;
  await db.settings.put({ key: AWAITED_DELETES, value: [...kept, ...unmatched].slice(-MAX_AWAITED_DELETES) });
}

/** Positions main reports once a catch-up is sent (a connector that resumes from more than ids). */
export async function mergeCursorPositions(db: TribeDb, sourceId: string, positions: Record<string, string>): Promise<void> {
  await db.transaction('rw', db.cursors, async () => {
    const cursor = (await db.cursors.get(sourceId)) ?? { sourceId, positions: {} };
    await db.cursors.put({ sourceId, positions: { ...cursor.positions, ...positions } });
  });
}

/** How far apart a ban and the deletes it caused may be stored (they arrive as separate gateway events). */
const BAN_DELETE_WINDOW_MS = 5 * 60_000;

/**
 * What a native moderation event says, from its typed fields; rows stored before those existed carry
 * it as JSON in `detail`, read here once so old items still name their moderator.
 */
function moderationOf(event: ChatEvent): Moderation | undefined {
  if (event.moderation) return event.moderation;
  if (event.kind !== 'modAction' || !event.detail) return undefined;
  try {
    const legacy = JSON.parse(event.detail) as { action?: unknown; targetId?: unknown };
    const actions: readonly string[] = ['delete', 'kick', 'ban', 'unban', 'timeout'];
    if (typeof legacy.action !== 'string' || !actions.includes(legacy.action)) return undefined;
    return { action: legacy.action as Moderation['action'], ...(typeof legacy.targetId === 'string' ? { targetId: legacy.targetId } : {}) };
  } catch {
    // A detail that is not ours to read names nobody.
    return undefined;
  }
}

function moderatorName(event: ChatEvent): string | undefined {
  return event.author ? (event.author.displayName ?? event.author.name) : undefined;
}

/** Whether an event is a platform audit entry of a message of `authorId` deleted in `channelId` by a moderator. */
function isNativeDeleteOf(event: ChatEvent, sourceId: string, channelId: string, authorId: string | undefined): boolean {
  if (event.kind !== 'modAction' || event.sourceId !== sourceId || event.channelId !== channelId || !authorId) return false;
  const m = moderationOf(event);
  return m?.action === 'delete' && m.targetId === authorId;
}

/**
 * The moderator who deleted the item's message in the platform app: the audit entry in this batch, or one
 * stored shortly before (the connector may have had to look the moderator up, or the entry came first).
 */
async function nativeModerator(db: TribeDb, envelopes: readonly Envelope[], item: InboxItem, at: number): Promise<string | undefined> {
  const inBatch = envelopes.find(({ event }) => isNativeDeleteOf(event, item.sourceId, item.channelId, item.authorId));
  if (inBatch) return moderatorName(inBatch.event);
  const stored = await db.events
    .where('[sourceId+channelId+ts]')
    .between([item.sourceId, item.channelId, at - BAN_DELETE_WINDOW_MS], [item.sourceId, item.channelId, at + BAN_DELETE_WINDOW_MS], true, true)
    .filter((e) => isNativeDeleteOf(e, item.sourceId, item.channelId, item.authorId))
    .last();
  return stored ? moderatorName(stored) : undefined;
}

/**
 * A ban with "delete messages" in the Discord app deletes the member's messages; the audit log names
 * only the ban. Its executor is who deleted them, when the ban is in this batch or stored shortly before.
 */
async function banExecutor(db: TribeDb, envelopes: readonly Envelope[], item: InboxItem, at: number): Promise<string | undefined> {
  const isBanOfAuthor = (event: ChatEvent) => {
    if (event.kind !== 'modAction' || event.spaceId !== item.spaceId || event.sourceId !== item.sourceId) return false;
    const m = moderationOf(event);
    return m?.action === 'ban' && m.targetId === item.authorId;
  };
  const inBatch = envelopes.find(({ event }) => isBanOfAuthor(event) && Math.abs(event.ts - at) <= BAN_DELETE_WINDOW_MS);
  if (inBatch) return moderatorName(inBatch.event);
  const stored = await db.events
    .where('[sourceId+channelId+ts]')
    .between([item.sourceId, 'members', at - BAN_DELETE_WINDOW_MS], [item.sourceId, 'members', Dexie.maxKey], true, true)
    .filter(isBanOfAuthor)
    .last();
  return stored ? moderatorName(stored) : undefined;
}

/** Items closed unnamed by a native delete of `targetId`'s message in the entry's channel, named after its moderator. */
async function nameNativeDeletes(db: TribeDb, event: ChatEvent, targetId: string, items: Map<string, InboxItem>, changed: Set<string>): Promise<void> {
  const by = moderatorName(event);
  if (!by) return;
  const unnamed = `${NATIVE_DELETE}${event.platform}`;
  const matches = (i: InboxItem) =>
    i.status === 'resolved' && i.authorId === targetId && i.sourceId === event.sourceId && i.channelId === event.channelId && i.outcome?.kind === 'delete' && i.outcome.detail === unnamed && Math.abs(i.outcome.at - event.ts) <= BAN_DELETE_WINDOW_MS;
  const stored = await db.inboxItems.where('status').equals('resolved').filter(matches).toArray();
  for (const stale of stored) {
    const item = items.get(stale.id) ?? stale;
    if (!matches(item)) continue;
    items.set(item.id, { ...item, outcome: { ...item.outcome!, detail: `${unnamed}:${by}` } });
    changed.add(item.id);
  }
}

/** A ban/kick/timeout a moderator did in the platform app (from its audit entry), or nothing. */
function nativeMemberAction(event: ChatEvent): { action: 'ban' | 'kick' | 'timeout'; targetId: string; by: string } | undefined {
  if (event.kind !== 'modAction' || !event.author) return undefined;
  const m = moderationOf(event);
  if (!m || (m.action !== 'ban' && m.action !== 'kick' && m.action !== 'timeout') || !m.targetId) return undefined;
  return { action: m.action, targetId: m.targetId, by: moderatorName(event) ?? m.targetId };
}

function preview(text: string | undefined): string {
  if (!text) return '';
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

/** Whether an edit's flags say more than the item already does: a rule it lacks, or a higher severity. */
function escalates(item: InboxItem, env: Envelope): boolean {
  return env.flags.some((f) => {
    const known = item.flags.find((g) => g.rule === f.rule);
    return !known || compareSeverity(f.severity, known.severity) > 0;
  });
}

/** The item of a message after an edit made it worse: the edit's flags join (a rule once, at its worst), it reopens. */
function withEdit(item: InboxItem, env: Envelope): InboxItem {
  const e = env.event;
  const flags = [...item.flags];
  for (const f of env.flags) {
    const at = flags.findIndex((g) => g.rule === f.rule);
    if (at < 0) flags.push(f);
    else if (compareSeverity(f.severity, flags[at]!.severity) > 0) flags[at] = f;
  }
  const reopen = item.status === 'resolved';
  const next: InboxItem = {
    ...item,
    flags,
    severity: maxSeverity(flags),
    categories: [...new Set(flags.map((f) => f.category))],
    eventIds: item.eventIds.includes(e.id) || item.eventIds.length >= MAX_GROUP_EVENTS ? item.eventIds : [...item.eventIds, e.id],
    text: preview(e.text),
    updatedAt: Math.max(item.updatedAt, e.ts),
    status: reopen ? 'open' : item.status,
  };
  if (reopen) delete next.outcome;
  return next;
}

/**
 * Items from what is not a new message: an edit that turns a message harmful opens the message's item
 * (or escalates it, reopening a resolved one), keeping the text before the edit on the message row; a
 * member whose new or changed name imitates staff opens an item about the member; so does a message
 * the platform's AutoMod caught.
 */
async function itemsFromEditsAndNames(
  db: TribeDb,
  fresh: readonly Envelope[],
  editTargets: ReadonlyMap<string, EventRow>,
  items: Map<string, InboxItem>,
  changed: Set<string>,
  newItemIds: string[],
): Promise<void> {
  for (const env of fresh) {
    const e = env.event;
    if (env.flags.length === 0) continue;
    if (e.kind === 'edit') {
      const target = editTargets.get(e.id);
      const grouped = inboxItemIdFor(env);
      const id = grouped?.startsWith('group:') ? grouped : `msg:${target?.id ?? e.id}`;
      const current = items.get(id) ?? (await db.inboxItems.get(id));
      if (current) {
        if (!escalates(current, env)) continue;
        // A group gains the edit like any message; a message's own item stays one message, now worse.
        items.set(id, current.primaryEventId === target?.id ? withEdit(current, env) : mergeEnvelope(current, env));
      } else {
        const created = itemFromEnvelope(env);
        if (!created) continue;
        items.set(id, target ? { ...created, id, primaryEventId: target.id, eventIds: [target.id, e.id] } : { ...created, id });
        newItemIds.push(id);
      }
      changed.add(id);
    } else if (e.kind === 'join' || e.kind === 'rename' || (e.kind === 'modAction' && e.moderation?.action === 'automod')) {
      // Grouped flags on a join (a raid) gather with the raid's messages; a staff look-alike, or what
      // the platform's AutoMod caught, is an item of its own.
      const flags = env.flags.filter((f) => !f.group);
      const id = `msg:${e.id}`;
      if (flags.length === 0 || items.has(id) || (await db.inboxItems.get(id))) continue;
      const created = itemFromEnvelope({ event: e, flags });
      if (!created) continue;
      items.set(id, { ...created, id });
      newItemIds.push(id);
      changed.add(id);
    }
  }
}
