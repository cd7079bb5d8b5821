// What the team's decisions suggest (issue 15), read and worked out once for both places that show it:
// the Rules view (accept / undo) and the inbox's notice. Kept out of the inbox's first chunk (the
// engine and the model's weights come with it): the notice imports it when it first needs it.
import { shippedModel } from '@shared/triage';
import { adaptationCandidate, adaptationProposal, inboxEffectPaced, type FlagChanges } from '@shared/triage/adaptProposal';
import { loadScamDomainLists } from '@shared/triage/scamDomains';
import type { ChatEvent } from '@shared/domain/model';
import { applyRuleChanges, proposalId, proposeRuleChanges, standingAdaptation, type DecisionLabel, type RuleProposal } from '@shared/triage/changes';
import type { RulePack } from '@shared/triage/pack';
import { standingRuleChanges, type TeamState } from '@shared/team';
import type { TribeDb } from '../../db/db';
import { decisionLabels, recentMessages } from './decisions';

export interface ProposalInput {
  labels: DecisionLabel[];
  now: number;
  /** The last week's messages, oldest first: what an adaptation's effect is counted on. */
  recent: ChatEvent[];
}

export async function readProposalInput(db: TribeDb, now: number): Promise<ProposalInput> {
  const [labels, recent] = await Promise.all([decisionLabels(db, now), recentMessages(db, now)]);
  return { labels, now, recent };
}

/**
 * The last effect worked out, kept while nothing it depends on changed: counting runs the whole engine twice
 * over a week of messages, and the inbox's notice and Rules both ask after every outbox change.
 */
let lastEffect: { key: string; saved: RulePack; changes: unknown; value: Promise<FlagChanges> } | undefined;

/** Lets the window paint and answer input between chunks of a count. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The proposals: the model's adaptation first (when the pack runs the model), then rule changes. The
 * adaptation's effect is counted in chunks, so the window stays responsive meanwhile.
 */
export async function proposalsFrom(input: ProposalInput, saved: RulePack, state: Pick<TeamState, 'ruleChanges'> | undefined): Promise<RuleProposal[]> {
  const decided = new Set((state?.ruleChanges ?? []).map((c) => proposalId(c.change)));
  const standing = state ? standingRuleChanges(state) : [];
  const pack = applyRuleChanges(saved, standing);
  const rules = proposeRuleChanges(input.labels, pack, decided, input.now);
  if (saved.model?.enabled !== true) return rules;
  // The model adapted to every decision on a message the model has a category for, oldest first.
  const modelLabels = input.labels
    .filter((l) => l.model)
    .sort((a, b) => a.at - b.at)
    .map((l) => l.model!);
  const model = shippedModel();
  const now = standingAdaptation(standing);
  const next = adaptationCandidate(model, modelLabels, now);
  if (!next) return rules;
  // Its effect counted as the inbox would judge: the pack main runs (with the team's standing changes),
  // main's scam-domain lists, rules and model together.
  const recent = input.recent;
  const key = `${recent.length}:${recent[0]?.id ?? ''}:${recent.at(-1)?.id ?? ''}|${now?.delta ?? ''}/${now?.bias.join() ?? ''}|${next.delta}/${next.bias.join()}`;
  const last = lastEffect;
  let effect: Promise<FlagChanges>;
  if (last && last.key === key && last.saved === saved && last.changes === state?.ruleChanges) {
    effect = last.value;
  } else {
    effect = inboxEffectPaced(pack, loadScamDomainLists(), recent, model, now, next, breathe);
    lastEffect = { key, saved, changes: state?.ruleChanges, value: effect };
    effect.catch(() => lastEffect?.value === effect && (lastEffect = undefined));
  }
  const adapt = adaptationProposal(next, await effect);
  if (!adapt || decided.has(proposalId(adapt))) return rules;
  return [{ id: proposalId(adapt), change: adapt, count: adapt.labels, of: adapt.labels }, ...rules];
}
