// The model's adaptation as a proposal (issue 15): the team's decisions on messages (delete, timeout, ban
// → the item's category; resolve without action → not that category) adapt the learned model
// (model/adapt.ts); the proposal says what the adapted model would change in the inbox on the last week's
// messages, so a moderator accepts it knowing its effect. Pure: the renderer reads the decisions and messages.
import type { ChatEvent, FlagCategory } from '../domain/model';
import type { Model, ModelCategory } from './model/classifier';
import { adaptFrom, compactAdaptation, expandAdaptation, type Adaptation, type AdaptationDelta, type AdaptLabel } from './model/adapt';
import type { RuleChange } from './changes';
import type { DomainLists } from './engine';
import { createTriageEngine } from './index';
import type { RulePack } from './pack';

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

/** How many messages gain a flag and how many lose every flag when the model judges with `next` instead of `now`. */
export type AdaptationEffect = (now: AdaptationDelta | undefined, next: AdaptationDelta) => { added: number; removed: number };

/**
 * The effect as the inbox would show it: `events` (oldest first, as triage read them) run through the whole
 * engine main runs — the pack's rules, the scam-domain lists and the model — once with each adaptation. A
 * message counts when it is flagged with one and not with the other: the model flagging a message a rule
 * flags already changes nothing a moderator sees.
 */
export function inboxEffect(pack: RulePack, domains: DomainLists, events: readonly ChatEvent[], model: Model): AdaptationEffect {
  const flagged = (adaptation: Adaptation | undefined): boolean[] => {
    const engine = createTriageEngine({ pack, domains, model, ...(adaptation ? { adaptation } : {}) });
    return events.map((e) => engine.evaluate(e).length > 0);
  };
  return (now, next) => {
    const before = flagged(now ? expandAdaptation(now) : undefined);
    const after = flagged(expandAdaptation(next));
    let added = 0;
    let removed = 0;
    for (let i = 0; i < events.length; i++) {
      if (after[i] && !before[i]) added++;
      else if (before[i] && !after[i]) removed++;
    }
    return { added, removed };
  };
}

/**
 * The proposal from the labels (oldest first), or none: too few labels, or an adapted model that changes
 * no flag in the inbox (`effect`, counted on the last week's messages) compared with the one the team
 * judges with now (`standing`, if any).
 */
export function proposeAdaptation(model: Model, labels: readonly AdaptLabel[], effect: AdaptationEffect, standing: AdaptationDelta | undefined): ModelAdaptChange | undefined {
  if (labels.length < ADAPT_AFTER) return undefined;
  const compact = compactAdaptation(adaptFrom(model, labels));
  if (standing && standing.delta === compact.delta && standing.bias.join() === compact.bias.join()) return undefined;
  const { added, removed } = effect(standing, compact);
  if (added === 0 && removed === 0) return undefined;
  return { op: 'model-adapt', labels: compact.labels, bias: compact.bias, delta: compact.delta, added, removed };
}
