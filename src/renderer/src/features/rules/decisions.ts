// The team's decisions as labels (issue 15), read from this computer's store: every delete, timeout and
// ban a moderator confirmed (from the outbox; a rule's automatic actions are the rules' own, not the
// team's judgement) and every "resolve without action", with the rules that had flagged the message and
// the hosts it linked to. The proposals come from them (@shared/triage/changes).
import type { DecisionLabel } from '@shared/triage/changes';
import { extractLinks, normalize } from '@shared/triage';
import { textWithLinkTargets } from '@shared/domain/model';
import type { TribeDb } from '../../db/db';
import type { EventRow } from '../../db/schema';

/** Labels of the last two weeks (the proposals look at one week of removals and the latest dismissals). */
export const LABEL_WINDOW_MS = 14 * 86_400_000;

function hostsOf(row: EventRow | undefined): string[] {
  const text = row ? textWithLinkTargets({ text: row.originalText ?? row.text, linkTargets: row.linkTargets }) : undefined;
  if (!text) return [];
  return [...new Set(extractLinks(normalize(text)).map((l) => l.host))];
}

export async function decisionLabels(db: TribeDb, now: number): Promise<DecisionLabel[]> {
  const since = now - LABEL_WINDOW_MS;
  const labels: DecisionLabel[] = [];
  const rows = await db.actions.where('status').equals('confirmed').filter((r) => r.updatedAt >= since && (r.intent.kind === 'delete' || r.intent.kind === 'timeout' || r.intent.kind === 'ban')).toArray();
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
    labels.push({ kind: intent.kind as DecisionLabel['kind'], at: row.updatedAt, rules: item ? item.flags.map((f) => f.rule) : (message?.flags.map((f) => f.rule) ?? []), hosts: hostsOf(message) });
  }
  const dismissed = await db.inboxItems.where('status').equals('resolved').filter((i) => i.outcome?.kind === 'dismissed' && i.outcome.at >= since).toArray();
  for (const item of dismissed) labels.push({ kind: 'dismissed', at: item.outcome!.at, rules: item.flags.map((f) => f.rule), hosts: [] });
  return labels;
}
