// The model's adaptation as a proposal (issue 15): the team's decisions on messages (delete, timeout, ban
// → the item's category; resolve without action → not that category) adapt the learned model
// (model/adapt.ts); the proposal says what the adapted model would change in the inbox on the last week's
// messages, so a moderator accepts it knowing its effect. Pure: the renderer reads the decisions and messages.
import type { ChatEvent, FlagCategory } from '../domain/model';
import type { Model, ModelCategory } from './model/classifier';
import { adaptFrom, compactAdaptation, expandAdaptation, type AdaptationDelta, type AdaptLabel } from './model/adapt';
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

/** How many of the counted messages gain a flag, and how many lose every flag. */
export interface FlagChanges {
  added: number;
  removed: number;
}

/** The flag changes when the model judges with `next` instead of `now`. */
export type AdaptationEffect = (now: AdaptationDelta | undefined, next: AdaptationDelta) => FlagChanges;

/** Messages judged between two pauses of a paced count (about a tenth of a second of triage on a busy laptop). */
export const COUNT_CHUNK = 250;

/** One message's change when the model judges with `next` instead of `now`: 1 gains a flag, -1 loses every flag, 0 neither. */
export type FlagChangeJudge = (event: ChatEvent) => -1 | 0 | 1;

/**
 * The per-message judge behind the count, for a caller that counts incrementally: a message's change depends
 * only on the message, the pack, the lists and the two adaptations, so a caller can keep each answer by id.
 */
export function flagChangeJudge(pack: RulePack, domains: DomainLists, model: Model, now: AdaptationDelta | undefined, next: AdaptationDelta): FlagChangeJudge {
  const before = createTriageEngine({ pack, domains, model, ...(now ? { adaptation: expandAdaptation(now) } : {}) });
  const after = createTriageEngine({ pack, domains, model, adaptation: expandAdaptation(next) });
  return (event) => {
    const was = before.evaluate(event).length > 0;
    const is = after.evaluate(event).length > 0;
    return is && !was ? 1 : was && !is ? -1 : 0;
  };
}

/**
 * The effect as the inbox would show it: `events` run through the whole engine main runs — the pack's rules,
 * the scam-domain lists and the model — once with each adaptation. A message counts when it is flagged with
 * one and not with the other: the model flagging a message a rule flags already changes nothing a moderator sees.
 */
export function inboxEffect(pack: RulePack, domains: DomainLists, events: readonly ChatEvent[], model: Model): AdaptationEffect {
  return (now, next) => {
    const judge = flagChangeJudge(pack, domains, model, now, next);
    const out = { added: 0, removed: 0 };
    for (const event of events) {
      const change = judge(event);
      if (change === 1) out.added++;
      else if (change === -1) out.removed++;
    }
    return out;
  };
}

/** The adaptation the labels (oldest first) make, or none: too few labels, or the one the team judges with now (`standing`). */
export function adaptationCandidate(model: Model, labels: readonly AdaptLabel[], standing: AdaptationDelta | undefined): AdaptationDelta | undefined {
  if (labels.length < ADAPT_AFTER) return undefined;
  const compact = compactAdaptation(adaptFrom(model, labels));
  if (standing && standing.delta === compact.delta && standing.bias.join() === compact.bias.join()) return undefined;
  return compact;
}

/** The proposal for a candidate with its effect on the last week's messages, or none when it changes no flag in the inbox. */
export function adaptationProposal(compact: AdaptationDelta, { added, removed }: FlagChanges): ModelAdaptChange | undefined {
  if (added === 0 && removed === 0) return undefined;
  return { op: 'model-adapt', labels: compact.labels, bias: compact.bias, delta: compact.delta, added, removed };
}

/** The proposal from the labels, its effect counted by `effect` against the standing adaptation (if any). */
export function proposeAdaptation(model: Model, labels: readonly AdaptLabel[], effect: AdaptationEffect, standing: AdaptationDelta | undefined): ModelAdaptChange | undefined {
  const compact = adaptationCandidate(model, labels, standing);
  return compact ? adaptationProposal(compact, effect(standing, compact)) : undefined;
}
