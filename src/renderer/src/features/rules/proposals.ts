// What the team's decisions suggest (issue 15), read and worked out once for both places that show it:
// the Rules view (accept / undo) and the inbox's notice. Kept out of the inbox's first chunk (the
// engine and the model's weights come with it): the notice imports it when it first needs it.
import { shippedModel } from '@shared/triage';
import { proposeAdaptation } from '@shared/triage/adaptProposal';
import { applyRuleChanges, proposalId, proposeRuleChanges, standingAdaptation, type DecisionLabel, type RuleProposal } from '@shared/triage/changes';
import type { RulePack } from '@shared/triage/pack';
import { standingRuleChanges, type TeamState } from '@shared/team';
import type { TribeDb } from '../../db/db';
import { decisionLabels, recentMessageWords } from './decisions';

export interface ProposalInput {
  labels: DecisionLabel[];
  now: number;
  /** Words views of the last week's messages: what an adaptation's effect is counted on. */
  recent: string[];
}

export async function readProposalInput(db: TribeDb, now: number): Promise<ProposalInput> {
  const [labels, recent] = await Promise.all([decisionLabels(db, now), recentMessageWords(db, now)]);
  return { labels, now, recent };
}

/** The proposals: the model's adaptation first (when the pack runs the model), then rule changes. */
export function proposalsFrom(input: ProposalInput, saved: RulePack, state: Pick<TeamState, 'ruleChanges'> | undefined): RuleProposal[] {
  const decided = new Set((state?.ruleChanges ?? []).map((c) => proposalId(c.change)));
  const standing = state ? standingRuleChanges(state) : [];
  const rules = proposeRuleChanges(input.labels, applyRuleChanges(saved, standing), decided, input.now);
  if (saved.model?.enabled !== true) return rules;
  // The model adapted to every decision on a message the model has a category for, oldest first.
  const modelLabels = input.labels
    .filter((l) => l.model)
    .sort((a, b) => a.at - b.at)
    .map((l) => l.model!);
  const adapt = proposeAdaptation(shippedModel(), modelLabels, input.recent, standingAdaptation(standing));
  if (!adapt || decided.has(proposalId(adapt))) return rules;
  return [{ id: proposalId(adapt), change: adapt, count: adapt.labels, of: adapt.labels }, ...rules];
}
