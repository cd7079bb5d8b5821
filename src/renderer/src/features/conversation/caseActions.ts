// Runs a case action: the case is recorded first (with evidence snapshots) as pending, then the platform
// action goes through the outbox; the answer settles the case (done / failed with the reason), and only a
// done case gets its short entry in the mod-log channel, also through the outbox.
import type { TFunction } from 'i18next';
import type { ActionIntent } from '@shared/domain/actions';
import { AUTOMATION_MODERATOR, undoIntent } from '@shared/domain/automation';
import { modLogVariables, type Case, type CaseAction } from '@shared/domain/cases';
import type { InboxItem } from '@shared/domain/inbox';
import { composeReply } from '@shared/replies';
import { releaseKey, releaseText } from '@shared/replies/release';
import type { AutomaticAction } from '@shared/domain/model';
import { durationLabel } from '../../lib/format';
import { getDb } from '../../db/instance';
import type { ActionRow } from '../../db/schema';
import { onActionSettled, useActions } from '../../stores/actions';
import { useModeration } from '../../stores/moderation';
import { useSources } from '../../stores/sources';
import { documentToSource, outgoingTexts } from '../replies/draftText';
import { channelPostIntent } from './intents';

/** The mod-log channel of the item's space, by the configured name. */
export function modLogChannelId(item: Pick<InboxItem, 'sourceId' | 'spaceId'>): string | undefined {
  const name = useModeration.getState().modLogChannel.toLowerCase();
  if (!name) return undefined;
  const space = useSources.getState().sources.find((s) => s.id === item.sourceId)?.spaces.find((s) => s.id === item.spaceId);
  return space?.channels.find((c) => c.name.toLowerCase() === name)?.id;
}

/** The mod-log entry for a case, rendered for its platform with hostile values escaped. */
export function modLogText(t: TFunction, c: Case, template = useModeration.getState().modLogTemplate): string | undefined {
  if (!template.trim()) return undefined;
  const words = { action: t(`act.caseAction.${c.action}`), ...(c.durationSeconds ? { duration: durationLabel(t, c.durationSeconds) } : {}) };
  const composed = composeReply({ greetings: {}, macros: [{ id: 'mod-log', title: 'mod-log', situations: [], greet: false, variants: { en: { neutral: template } } }] }, ['mod-log'], { language: 'en', tone: 'neutral' }, modLogVariables(c, words));
  return outgoingTexts(documentToSource(composed.doc), c.platform)[0];
}

/** What a template gives for an example case (a hostile name included), as Discord would receive it. */
export function modLogPreview(t: TFunction, template: string): string | undefined {
  return modLogText(t, {
    id: 'example', platform: 'discord', sourceId: '-', spaceId: '-', memberId: '123456789', memberName: '@everyone **Mika**',
    action: 'timeout', durationSeconds: 3600, reason: 'No spam, flooding or self-promotion', evidence: [], moderator: 'Ana', createdAt: 0,
  }, template);
}

export async function postToModLog(t: TFunction, item: Pick<InboxItem, 'sourceId' | 'spaceId' | 'platform' | 'channelId'>, c: Case): Promise<void> {
  const channelId = modLogChannelId(item);
  const text = modLogText(t, c);
  if (!channelId || !text) return;
  await useActions.getState().run(channelPostIntent(item, channelId, text));
}

/** One mod-log line for a whole bulk action, not one per account: the cases hold the detail. */
async function postBulkToModLog(t: TFunction, cases: readonly Case[]): Promise<void> {
  const first = cases[0];
  if (!first) return;
  const { moderatorName } = useModeration.getState();
  const place = { sourceId: first.sourceId, spaceId: first.spaceId, platform: first.platform, channelId: '-' };
  await postToModLog(t, place, {
    id: 'bulk', platform: first.platform, sourceId: first.sourceId, spaceId: first.spaceId, memberId: '-',
    memberName: t('act.bulk.accounts', { count: cases.length }), action: first.action, reason: first.reason, evidence: [], moderator: moderatorName, createdAt: Date.now(),
  });
}

export interface CaseRun {
  item: InboxItem;
  action: CaseAction;
  reason: string;
  ruleId?: string;
  durationSeconds?: number;
  /** The platform actions that carry the case out, in order (a warn may be a reply or a DM). */
  intents: ActionIntent[];
  member?: { id: string; name: string };
}

/**
 * Records the case as pending, runs its actions through the outbox, and lets the answer decide: the
 * case says done (and the mod-log gets its line) only once the platform confirmed, failed with the
 * reason when it refused, and stays pending while the action waits for the connection.
 */
export async function runCase(t: TFunction, run: CaseRun): Promise<Case> {
  const record = await useModeration.getState().recordCase({
    item: run.item,
    action: run.action,
    reason: run.reason,
    ...(run.ruleId ? { ruleId: run.ruleId } : {}),
    ...(run.durationSeconds ? { durationSeconds: run.durationSeconds } : {}),
    ...(run.intents.length > 0 ? { actionKey: run.intents[run.intents.length - 1]!.key } : {}),
    ...(run.member ? { member: run.member } : {}),
  });
  for (const intent of run.intents) await useActions.getState().run(intent);
  if (run.intents.length === 0) await settleCaseLog(t, record);
  return (await getDb().cases.get(record.id)) ?? record;
}

export interface BulkTarget {
  member: { id: string; name: string };
  /** The actions on this account alone; the first one carries the case (the ban), unless a batch does. */
  intents: ActionIntent[];
  /** The batch action (a Discord bulk ban, run among `first`) whose answer settles this account's case. */
  batchKey?: string;
  /** This account's case, when it is not the bulk's own (WhatsApp's stand-in for a ban is a kick). */
  caseAction?: CaseAction;
}

/**
 * A bulk action: one case per account, each settled by its own action's answer; one mod-log line at the
 * end. `first`: actions for the whole bulk (a WhatsApp group's invite reset, a Discord bulk ban), run once
 * before the accounts' own.
 */
export async function runBulkCases(t: TFunction, item: InboxItem, action: CaseAction, reason: string, targets: readonly BulkTarget[], first: readonly ActionIntent[] = []): Promise<void> {
  const bulkId = crypto.randomUUID();
  const moderation = useModeration.getState();
  for (const target of targets) {
    const actionKey = target.batchKey ?? target.intents[0]?.key;
    await moderation.recordCase({ item, action: target.caseAction ?? action, reason, ...(actionKey ? { actionKey } : {}), member: target.member, bulkId });
  }
  for (const intent of first) await useActions.getState().run(intent);
  for (const target of targets) for (const intent of target.intents) await useActions.getState().run(intent);
}

/** The mod-log line of a settled case (or of its bulk, once every case in it is settled), sent once. */
async function settleCaseLog(t: TFunction, c: Case): Promise<void> {
  if (c.modLogPosted) return;
  if (!c.bulkId) {
    if (c.result === 'failed' || c.result === 'pending') return;
    await useModeration.getState().markModLogPosted([c.id]);
    await postToModLog(t, { ...c, channelId: '-' }, c);
    return;
  }
  const all = await getDb().cases.filter((x) => x.bulkId === c.bulkId).toArray();
  if (all.some((x) => x.result === 'pending' || x.modLogPosted)) return;
  await useModeration.getState().markModLogPosted(all.map((x) => x.id));
  const done = all.filter((x) => x.result !== 'failed');
  if (done.length > 0) await postBulkToModLog(t, done);
}

/**
 * Settles the cases carried out by an answered action: done or failed with the platform's reason. A bulk
 * ban carries one case per account, each settled by that account's own outcome in the receipt.
 */
async function settleCasesOf(t: TFunction, row: ActionRow): Promise<void> {
  const cases = await getDb().cases.where('actionKey').equals(row.key).toArray();
  for (const c of cases) {
    const refused = row.status === 'confirmed' && row.receipt?.accounts?.find((x) => x.memberId === c.memberId)?.state === 'failed';
    const settled = refused
      ? await useModeration.getState().settleCase(c.id, 'failed', row.intent.kind === 'bulkRemove' ? BULK_REMOVE_REFUSED : BULK_BAN_REFUSED)
      : row.status === 'confirmed'
      ? await useModeration.getState().settleCase(c.id, 'done')
      : row.status === 'failed'
        ? await useModeration.getState().settleCase(c.id, 'failed', row.error ? { code: row.error.code, message: row.error.message } : undefined)
        : undefined;
    if (settled) await settleCaseLog(t, settled);
  }
}

/** A case of an account a bulk ban did not ban (Discord says only that; the renderer words it). */
const BULK_BAN_REFUSED = { code: 'missing_permission' as const, message: 'Discord did not ban this account (a role above the bot’s, or the server owner).' };

/** A case of an account a WhatsApp bulk removal did not remove (WhatsApp answered that participant with an error). */
const BULK_REMOVE_REFUSED = { code: 'missing_permission' as const, message: 'WhatsApp did not remove this account (the group’s creator, or this device is no longer an admin).' };

let stopSettling: (() => void) | undefined;

/**
 * Follows every answered action (now, or replayed after a restart) to settle the cases it carries out;
 * at start, settles cases whose action was answered while nothing was listening.
 */
export function startCaseSettlement(t: TFunction): () => void {
  stopSettling?.();
  const stop = onActionSettled((row) => void settleCasesOf(t, row).catch(() => undefined));
  stopSettling = stop;
  void (async () => {
    const pending = await getDb().cases.filter((c) => c.result === 'pending').toArray();
    for (const c of pending) {
      const row = c.actionKey ? await getDb().actions.get(c.actionKey) : undefined;
      if (row && (row.status === 'confirmed' || row.status === 'failed')) await settleCasesOf(t, row);
    }
  })().catch(() => undefined);
  return () => {
    stop();
    if (stopSettling === stop) stopSettling = undefined;
  };
}

/** Whether a case is a rule's automatic action that can still be undone on its platform (a timeout). */
export function canUndoAutomatic(c: Case): boolean {
  return c.moderator === AUTOMATION_MODERATOR && c.action === 'timeout' && c.result === 'done' && !c.appeal && c.actionKey !== undefined;
}

/**
 * Undoes a rule's automatic timeout: the timeout is lifted through the outbox, and once the platform
 * confirmed, the case is overturned by the moderator who undid it (it no longer counts on the ladder).
 * A deleted message cannot be brought back, so a delete has no undo.
 */
export async function undoAutomaticCase(c: Case): Promise<'done' | 'failed' | 'waiting'> {
  const row = c.actionKey ? await getDb().actions.get(c.actionKey) : undefined;
  const intent = row ? undoIntent(row.intent, crypto.randomUUID()) : undefined;
  if (!intent || !canUndoAutomatic(c)) return 'failed';
  const ran = await useActions.getState().run(intent);
  if (ran?.status === 'confirmed') {
    await useModeration.getState().recordAppeal(c.id, 'overturned');
    return 'done';
  }
  return ran?.status === 'failed' ? 'failed' : 'waiting';
}

/** Where a rule's hold on an item's message stands: the hold, whether it took the message down, and its release (if asked). */
export interface HoldState {
  hold: AutomaticAction;
  /** The platform confirmed the message was taken down. */
  held: boolean;
  release?: ActionRow;
}

/** The hold a rule put on the item's message (not a dry run), if any. */
export async function holdOf(item: Pick<InboxItem, 'primaryEventId'>): Promise<HoldState | undefined> {
  const event = await getDb().events.get(item.primaryEventId);
  const hold = event?.automatic?.find((a) => a.kind === 'hold' && !a.dryRun);
  if (!hold) return undefined;
  const [row, release] = await getDb().actions.bulkGet([hold.key, releaseKey(hold.key)]);
  return { hold, held: row?.status === 'confirmed', ...(release ? { release } : {}) };
}

/**
 * Releases a held message: no platform can put a deleted message back, so the bot posts the member's text
 * again in the same channel, quoted and attributed, through the outbox under a key derived from the hold's
 * (a second click or a replay finds the same row: one repost). Once the platform confirmed, the rule's
 * case is overturned by the moderator and the item resolved without action (the hold was not needed).
 */
export async function releaseHold(item: InboxItem): Promise<'done' | 'failed' | 'waiting'> {
  // One release at a time per item: a double click waits for the first and reads its answer.
  const running = releasing.get(item.id);
  if (running) return running;
  const release = releaseOnce(item).finally(() => releasing.delete(item.id));
  releasing.set(item.id, release);
  return release;
}

const releasing = new Map<string, Promise<'done' | 'failed' | 'waiting'>>();

async function releaseOnce(item: InboxItem): Promise<'done' | 'failed' | 'waiting'> {
  const state = await holdOf(item);
  const event = await getDb().events.get(item.primaryEventId);
  const text = event?.originalText ?? event?.text;
  if (!state?.held || !event || !text) return 'failed';
  let row = state.release;
  if (!row) {
    const author = event.author ? (event.author.name || event.author.displayName || event.author.id) : '?';
    const intent: ActionIntent = {
      key: releaseKey(state.hold.key),
      sourceId: event.sourceId,
      platform: event.platform,
      spaceId: event.spaceId,
      channelId: event.channelId,
      kind: 'reply',
      text: releaseText(event.platform, author, text),
      reason: `release of a message held by rule ${state.hold.rule}`.slice(0, 512),
    };
    row = await useActions.getState().run(intent);
  }
  if (row?.status === 'confirmed') {
    const held = await getDb().cases.get(`auto:${state.hold.key}`);
    if (held && !held.appeal) await useModeration.getState().recordAppeal(held.id, 'overturned');
    const current = await getDb().inboxItems.get(item.id);
    if (current && current.status !== 'resolved') await useActions.getState().dismiss(item.id);
    return 'done';
  }
  return row?.status === 'failed' ? 'failed' : 'waiting';
}
