// Why a message is NOT flagged (issue 14), in the moderator's language: "Not flagged as toxicity: counter-speech —
// ‘idiots’". Built from the engine's record as data; the quoted words stay as the member wrote them and are
// rendered as text, never as markup.
import type { TFunction } from 'i18next';
import type { DroppedFlag } from '@shared/domain/model';

export function droppedInWords(t: TFunction, d: DroppedFlag): string {
  const line = t('why.notFlagged', { category: t(`category.${d.category}`), context: t(`why.context.${d.context}`, { defaultValue: d.context }) });
  if (d.evidence.length === 0) return line;
  return t('why.withWords', { line, words: d.evidence.map((w) => t('why.quote', { words: w })).join(', ') });
}

/** Who would have flagged it: a rule by its id, or the learned model. */
export function droppedBy(t: TFunction, d: DroppedFlag): string {
  return d.rule === 'model' ? t('why.byModel') : t('why.rule', { rule: d.rule });
}
