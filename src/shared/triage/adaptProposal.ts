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

/** How many of the counted messages gain a flag, and how many lose every flag. */
export interface FlagChanges {
  added: number;
  removed: number;
}

/** The flag changes when the model judges with `next` instead of `now`. */
export type AdaptationEffect = (now: AdaptationDelta | undefined, next: AdaptationDelta) => FlagChanges;

/** Messages counted between two pauses of a paced count (about a tenth of a second of triage on a busy laptop). */
const COUNT_CHUNK = 250;

/**
 * The effect as the inbox would show it: `events` (oldest first, as triage read them) run through the whole
 * engine main runs — the pack's rules, the scam-domain lists and the model — once with each adaptation. A
 * message counts when it is flagged with one and not with the other: the model flagging a message a rule
 * flags already changes nothing a moderator sees. A generator, so a caller can pause between chunks.
 */
function* countChanges(pack: RulePack, domains: DomainLists, events: readonly ChatEvent[], model: Model, now: AdaptationDelta | undefined, next: AdaptationDelta, out: FlagChanges): Generator<void, void, void> {
  const engine = (adaptation: Adaptation | undefined) => createTriageEngine({ pack, domains, model, ...(adaptation ? { adaptation } : {}) });
  const before = engine(now ? expandAdaptation(now) : undefined);
  yield;
  const after = engine(expandAdaptation(next));
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && i % COUNT_CHUNK === 0) yield;
    const was = before.evaluate(events[i]!).length > 0;
    const is = after.evaluate(events[i]!).length > 0;
    if (is && !was) out.added++;
    else if (was && !is) out.removed++;
  }
}

/** The inbox effect counted in one go (tests, main). */
export function inboxEffect(pack: RulePack, domains: DomainLists, events: readonly ChatEvent[], model: Model): AdaptationEffect {
  return (now, next) => {
    const out = { added: 0, removed: 0 };
    for (const _ of countChanges(pack, domains, events, model, now, next, out));
    return out;
  };
}

/** The inbox effect counted with a `pause` between chunks, so a window stays responsive while a week is counted. */
export async function inboxEffectPaced(pack: RulePack, domains: DomainLists, events: readonly ChatEvent[], model: Model, now: AdaptationDelta | undefined, next: AdaptationDelta, pause: () => Promise<void>): Promise<FlagChanges> {
  const out = { added: 0, removed: 0 };
  for (const _ of countChanges(pack, domains, events, model, now, next, out)) await pause();
  return out;
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
