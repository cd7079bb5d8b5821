// The model's adaptation as a proposal (issue 15): the team's decisions on messages (delete, timeout, ban
// → the item's category; resolve without action → not that category) adapt the learned model
// (model/adapt.ts); the proposal says what the adapted model would change on the last week's messages, so
// a moderator accepts it knowing its effect. Pure: the renderer reads the decisions and messages.
import type { FlagCategory } from '../domain/model';
import { judge, type Model, type ModelCategory } from './model/classifier';
import { adaptFrom, compactAdaptation, expandAdaptation, judgeAdapted, type AdaptationDelta, type AdaptLabel } from './model/adapt';
import type { RuleChange } from './changes';

/** The categories of flags the model has a class for (phishing is scam to the model). */
const MODEL_CATEGORY_OF: Partial<Record<FlagCategory, ModelCategory>> = { scam: 'scam', phishing: 'scam', spam: 'spam', toxicity: 'toxicity', 'self-harm': 'self-harm' };

/** The category a decision on an item teaches the model: its first flag the model has a class for. */
export function modelCategoryOf(categories: readonly FlagCategory[]): ModelCategory | undefined {
  for (const c of categories) {
    const m = MODEL_CATEGORY_OF[c];
    if (m) return m;
  }
  return undefined;
}

/** Fewer decisions than this propose nothing (a couple of labels say little about a community). */
export const ADAPT_AFTER = 5;

export type ModelAdaptChange = Extract<RuleChange, { op: 'model-adapt' }>;

/**
 * The proposal from the labels (oldest first), or none: too few labels, or an adapted model that changes
 * no flag on `recent` (the words views of the last week's messages) compared with the one the team judges
 * with now (`standing`, if any).
 */
export function proposeAdaptation(model: Model, labels: readonly AdaptLabel[], recent: readonly string[], standing: AdaptationDelta | undefined): ModelAdaptChange | undefined {
  if (labels.length < ADAPT_AFTER) return undefined;
  const compact = compactAdaptation(adaptFrom(model, labels));
  if (standing && standing.delta === compact.delta && standing.bias.join() === compact.bias.join()) return undefined;
  const now = standing ? expandAdaptation(standing) : undefined;
  const next = expandAdaptation(compact);
  let added = 0;
  let removed = 0;
  for (const words of recent) {
    const before = (now ? judgeAdapted(model, now, words) : judge(model, words)).length > 0;
    const after = judgeAdapted(model, next, words).length > 0;
    if (after && !before) added++;
    else if (before && !after) removed++;
  }
  if (added === 0 && removed === 0) return undefined;
  return { op: 'model-adapt', labels: compact.labels, bias: compact.bias, delta: compact.delta, added, removed };
}
