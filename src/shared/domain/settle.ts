// What an action's result does to its inbox item, in one place for the outbox and the tests: a confirmed
// action settles a single-account item; in a group (a raid, a campaign) it settles only the account it
// hit (a bulk ban: each account it banned), and the item stays open until every account is handled or
// the moderator resolves the rest.
import type { ActionIntent, ActionReceipt } from './actions';
import { isMultiAccount, settleAccount, type InboxItem, type InboxOutcome } from './inbox';
import type { Result } from './result';

const MEMBER_ACTIONS = new Set<ActionIntent['kind']>(['ban', 'kick', 'timeout']);

function outcomeOf(intent: ActionIntent, key: string, result: Result<ActionReceipt>, now: number): InboxOutcome {
  // An item reads what happened to its accounts: a bulk ban banned them, a bulk removal removed them.
  const kind = intent.kind === 'bulkBan' ? 'ban' : intent.kind === 'bulkRemove' ? 'kick' : intent.kind;
  const detail = intent.kind === 'timeout' ? String(intent.durationSeconds) : undefined;
  if (result.ok) return { kind, at: result.value.confirmedAt, actionKey: key, ok: true, ...(detail ? { detail } : {}) };
  return {
    kind,
    at: now,
    actionKey: key,
    ok: false,
    error: {
      code: result.error.code,
      message: result.error.message,
      ...(result.error.retryAfterMs !== undefined ? { retryAfterMs: result.error.retryAfterMs } : {}),
    },
    ...(detail ? { detail } : {}),
  };
}

/** The item after main answered `intent` (never called for an `offline` answer: that action waits). */
export function itemAfterAction(item: InboxItem, intent: ActionIntent, key: string, result: Result<ActionReceipt>, now: number): InboxItem {
  const outcome = outcomeOf(intent, key, result, now);
  const updatedAt = Math.max(item.updatedAt, now);
  if (!isMultiAccount(item)) {
    return { ...item, outcome, status: result.ok ? 'resolved' : item.status, updatedAt };
  }
  const run = item.groupRun;
  if (run && run.keys.includes(key)) {
    const next = { ...run, done: run.done + (result.ok ? 1 : 0), failed: run.failed + (result.ok ? 0 : 1) };
    const finished = next.done + next.failed >= next.keys.length;
    if (!finished) return { ...item, groupRun: next, updatedAt, ...(result.ok ? {} : { outcome }) };
    if (next.failed > 0) return { ...item, groupRun: next, updatedAt, outcome: result.ok ? (item.outcome ?? { ...outcome, ok: false }) : outcome };
    return { ...item, groupRun: next, status: 'resolved', outcome: { ...outcome, detail: `messages:${next.done}` }, updatedAt };
  }
  if (!result.ok) return { ...item, outcome, updatedAt };
  if (intent.kind === 'bulkBan' || intent.kind === 'bulkRemove') {
    // One answer for many accounts: each one the platform banned or removed (now or before) is handled; a refused one stays open.
    let settled = item;
    for (const a of result.value.accounts ?? []) {
      if (a.state !== 'failed') settled = settleAccount(settled, { sourceId: intent.sourceId, memberId: a.memberId }, { kind: intent.kind === 'bulkBan' ? 'ban' : 'kick', at: outcome.at }, outcome);
    }
    const { outcome: previous, ...rest } = settled;
    return settled.status === 'resolved' || !previous || previous.ok ? { ...settled, updatedAt: Math.max(settled.updatedAt, updatedAt) } : { ...rest, updatedAt };
  }
  if ('memberId' in intent && MEMBER_ACTIONS.has(intent.kind)) {
    const settled = settleAccount(item, { sourceId: intent.sourceId, memberId: intent.memberId }, { kind: intent.kind as 'ban' | 'kick' | 'timeout', at: outcome.at }, outcome);
    // A failure shown earlier is over once an action on the group went through.
    const { outcome: previous, ...rest } = settled;
    return settled.status === 'resolved' || !previous || previous.ok ? settled : { ...rest, updatedAt };
  }
  // A deleted message, a reply or a slowmode does not handle the accounts of a raid.
  const { outcome: previous, ...rest } = item;
  return previous && !previous.ok ? { ...rest, updatedAt } : { ...item, updatedAt };
}

/** "Resolve the rest": the moderator closes a group with accounts still unhandled (or a plain item). */
export function dismissedItem(item: InboxItem, now: number): InboxItem {
  return { ...item, status: 'resolved', outcome: { kind: 'dismissed', at: now, ok: true }, updatedAt: Math.max(item.updatedAt, now) };
}
