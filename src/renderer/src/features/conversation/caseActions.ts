// Runs a case action: the case is recorded first (with evidence snapshots), then the platform action
// goes through the outbox, then a short entry goes to the mod-log channel, also through the outbox.
import type { TFunction } from 'i18next';
import type { ActionIntent } from '@shared/domain/actions';
import { modLogVariables, type Case, type CaseAction } from '@shared/domain/cases';
import type { InboxItem } from '@shared/domain/inbox';
import { composeReply } from '@shared/replies';
import { durationLabel } from '../../lib/format';
import { useActions } from '../../stores/actions';
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

export async function postToModLog(t: TFunction, item: InboxItem, c: Case): Promise<void> {
  const channelId = modLogChannelId(item);
  const text = modLogText(t, c);
  if (!channelId || !text) return;
  await useActions.getState().run(channelPostIntent(item, channelId, text));
}

/** One mod-log line for a whole incident, not one per account: the cases hold the detail. */
export async function postBulkToModLog(t: TFunction, item: InboxItem, who: string, reason: string): Promise<void> {
  const { moderatorName } = useModeration.getState();
  await postToModLog(t, item, {
    id: 'bulk', platform: item.platform, sourceId: item.sourceId, spaceId: item.spaceId, memberId: '-', memberName: who,
    action: 'ban', reason, evidence: [], moderator: moderatorName, createdAt: Date.now(),
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
  await postToModLog(t, run.item, record);
  return record;
}
