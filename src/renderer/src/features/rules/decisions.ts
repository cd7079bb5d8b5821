// The team's decisions as labels (issue 15), read from this computer's store: every delete, timeout and
// ban a moderator confirmed (from the outbox; a rule's automatic actions are the rules' own, not the
// team's judgement) and every "resolve without action", with the rules that had flagged the message and
// the hosts it linked to. The proposals come from them (@shared/triage/changes).
import type { DecisionLabel } from '@shared/triage/changes';
import type { HandFlag } from '@shared/team';
import { HAND_FLAG_RULE } from '@shared/triage/reasons';
import { extractLinks, normalize } from '@shared/triage';
import { modelCategoryOf } from '@shared/triage/adaptProposal';
import type { AdaptLabel } from '@shared/triage/model/adapt';
import type { ChatEvent, Flag } from '@shared/domain/model';
import { textWithLinkTargets } from '@shared/domain/model';
import type { TribeDb } from '../../db/db';
import type { EventRow } from '../../db/schema';

/**
 * The latest messages of the last week (at most `limit`), oldest first and as triage first read them (the
 * text before any edit, with the link targets it hides): what a proposal's effect is counted on.
 */
export async function recentMessages(db: TribeDb, now: number, limit = 3_000): Promise<ChatEvent[]> {
  const rows = await db.events.where('ts').aboveOrEqual(now - 7 * 86_400_000).reverse().filter((e) => e.kind === 'message').limit(limit).toArray();
  return rows.reverse().map(({ flags: _flags, deleted: _deleted, deletedAt: _deletedAt, originalText, editedAt: _editedAt, automatic: _automatic, dropped: _dropped, ...event }) => {
    const text = textWithLinkTargets({ text: originalText ?? event.text, linkTargets: event.linkTargets });
    return text === undefined ? event : { ...event, text };
  });
}

/** Labels of the last two weeks (the proposals look at one week of removals and the latest dismissals). */
export const LABEL_WINDOW_MS = 14 * 86_400_000;

function hostsOf(row: EventRow | undefined): string[] {
  const text = row ? textWithLinkTargets({ text: row.originalText ?? row.text, linkTargets: row.linkTargets }) : undefined;
  if (!text) return [];
  return [...new Set(extractLinks(normalize(text)).map((l) => l.host))];
}

/** The decision as a label for the learned model: the message's words, the item's category, which way. */
function modelLabel(row: EventRow | undefined, flags: readonly Flag[], positive: boolean): AdaptLabel | undefined {
  const text = row?.originalText ?? row?.text;
  const category = modelCategoryOf(flags.map((f) => f.category));
  if (!text || !category) return undefined;
  return { words: normalize(text).words, category, positive };
}

export async function decisionLabels(db: TribeDb, now: number): Promise<DecisionLabel[]> {
  const since = now - LABEL_WINDOW_MS;
  const labels: DecisionLabel[] = [];
  const rows = await db.actions.where('status').equals('confirmed').filter((r) => r.updatedAt >= since && (r.intent.kind === 'delete' || r.intent.kind === 'timeout' || r.intent.kind === 'ban' || r.intent.kind === 'bulkBan')).toArray();
  const automatic = new Set((await db.cases.bulkGet(rows.map((r) => `auto:${r.key}`))).filter((c) => c !== undefined).map((c) => c.actionKey));
  const items = await db.inboxItems.bulkGet(rows.map((r) => r.inboxItemId ?? ''));
  for (const [i, row] of rows.entries()) {
    if (automatic.has(row.key)) continue;
    const intent = row.intent;
    const item = items[i];
    let message: EventRow | undefined;
    if (intent.kind === 'delete') {
      message = await db.events.where('[sourceId+channelId+messageId]').equals([intent.sourceId, intent.channelId, intent.messageId]).filter((e) => e.kind === 'message').first();
    } else if (item) {
      message = await db.events.get(item.primaryEventId);
    }
    const flags = item ? item.flags : (message?.flags ?? []);
    const model = modelLabel(message, flags, true);
    // A raid banned in one request is one decision about its item: a ban.
    labels.push({ kind: (intent.kind === 'bulkBan' ? 'ban' : intent.kind) as DecisionLabel['kind'], at: row.updatedAt, rules: flags.map((f) => f.rule), hosts: hostsOf(message), ...(model ? { model } : {}), ...(message ? { message: message.id } : {}) });
  }
  const dismissed = await db.inboxItems.where('status').equals('resolved').filter((i) => i.outcome?.kind === 'dismissed' && i.outcome.at >= since).toArray();
  const primaries = await db.events.bulkGet(dismissed.map((i) => i.primaryEventId));
  for (const [i, item] of dismissed.entries()) {
    const model = modelLabel(primaries[i], item.flags, false);
    labels.push({ kind: 'dismissed', at: item.outcome!.at, rules: item.flags.map((f) => f.rule), hosts: [], ...(model ? { model } : {}), message: item.primaryEventId });
  }
  return labels;
}

/**
 * The team's misses as labels: every message a moderator of the team flagged by hand (the team ledger carries
 * them, with the text the flagging console saw), so every console learns from the same misses.
 */
export function missLabels(flags: readonly HandFlag[], now: number): DecisionLabel[] {
  const since = now - LABEL_WINDOW_MS;
  const labels: DecisionLabel[] = [];
  for (const f of flags) {
    if (f.at < since) continue;
    const normalized = normalize(f.text);
    const category = modelCategoryOf([f.cat]);
    labels.push({
      kind: 'miss',
      at: f.at,
      rules: [HAND_FLAG_RULE],
      hosts: [...new Set(extractLinks(normalized).map((l) => l.host))],
      message: f.ev,
      miss: { category: f.cat, words: normalized.words, text: f.text },
      ...(category && normalized.words ? { model: { words: normalized.words, category, positive: true } } : {}),
    });
  }
  return labels;
}

/**
 * Per rule, the items its flags opened that the team resolved without action ("not a problem") in the labels'
 * window: the rule's false alarms, for the rule editor's preview. Each item counts once per rule.
 */
export async function falseAlarmsByRule(db: TribeDb, now: number): Promise<Map<string, number>> {
  const since = now - LABEL_WINDOW_MS;
  const dismissed = await db.inboxItems.where('status').equals('resolved').filter((i) => i.outcome?.kind === 'dismissed' && i.outcome.at >= since).toArray();
  const out = new Map<string, number>();
  for (const item of dismissed) for (const rule of new Set(item.flags.map((f) => f.rule))) out.set(rule, (out.get(rule) ?? 0) + 1);
  return out;
}
