// What the team's decisions suggest (issue 15), read and worked out once for both places that show it:
// the Rules view (accept / undo) and the inbox's notice. Kept out of the inbox's first chunk (the
// engine and the model's weights come with it): the notice imports it when it first needs it.
import { shippedModel } from '@shared/triage';
import { adaptationCandidate, adaptationProposal, COUNT_CHUNK, flagChangeJudge, type FlagChangeJudge, type FlagChanges } from '@shared/triage/adaptProposal';
import type { Model } from '@shared/triage/model/classifier';
import type { AdaptationDelta } from '@shared/triage/model/adapt';
import { loadScamDomainLists } from '@shared/triage/scamDomains';
import type { ChatEvent } from '@shared/domain/model';
import { applyRuleChanges, proposalId, proposeRuleChanges, standingAdaptation, type DecisionLabel, type RuleProposal } from '@shared/triage/changes';
import type { RulePack } from '@shared/triage/pack';
import { standingRuleChanges, type TeamState } from '@shared/team';
import type { TribeDb } from '../../db/db';
import { decisionLabels, missLabels, recentMessages } from './decisions';

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
 * The per-message answers of the last count, kept while the adaptations, the pack and the team's changes stay
 * the same: a message's change depends on nothing else, so after an outbox change only the messages that came
 * in since are judged (the notice and Rules both ask after every outbox change; a full count runs the whole
 * engine twice over a week of messages).
 */
let judged: { key: string; saved: RulePack; changes: unknown; judge: FlagChangeJudge; byId: Map<string, -1 | 0 | 1> } | undefined;

/** Lets the window paint and answer input between chunks of a count. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The adaptation's effect on `recent`, judging only the messages not judged before, with pauses between chunks. */
async function effectOn(recent: readonly ChatEvent[], pack: RulePack, saved: RulePack, changes: unknown, model: Model, now: AdaptationDelta | undefined, next: AdaptationDelta): Promise<FlagChanges> {
  const key = `${now?.delta ?? ''}/${now?.bias.join() ?? ''}|${next.delta}/${next.bias.join()}`;
  let j = judged;
  if (!j || j.key !== key || j.saved !== saved || j.changes !== changes) {
    await breathe();
    j = judged = { key, saved, changes, judge: flagChangeJudge(pack, loadScamDomainLists(), model, now, next), byId: new Map() };
    await breathe();
  }
  const out: FlagChanges = { added: 0, removed: 0 };
  const byId = new Map<string, -1 | 0 | 1>();
  let fresh = 0;
  for (const event of recent) {
    let change = j.byId.get(event.id);
    if (change === undefined) {
      if (++fresh % COUNT_CHUNK === 0) await breathe();
      change = j.judge(event);
    }
    byId.set(event.id, change);
    if (change === 1) out.added++;
    else if (change === -1) out.removed++;
  }
  // Messages that left the week are forgotten.
  j.byId = byId;
  return out;
}

/**
 * The proposals: the model's adaptation first (when the pack runs the model), then rule changes. The
 * adaptation's effect is counted in chunks, so the window stays responsive meanwhile.
 */
export async function proposalsFrom(input: ProposalInput, saved: RulePack, state: (Pick<TeamState, 'ruleChanges'> & Partial<Pick<TeamState, 'handFlags'>>) | undefined): Promise<RuleProposal[]> {
  // The team's misses join this console's own decisions: the ledger carries them to every console alike.
  input = { ...input, labels: [...input.labels, ...missLabels(state?.handFlags ?? [], input.now)] };
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
  const adapt = adaptationProposal(next, await effectOn(input.recent, pack, saved, state?.ruleChanges, model, now, next));
  if (!adapt || decided.has(proposalId(adapt))) return rules;
  return [{ id: proposalId(adapt), change: adapt, count: adapt.labels, of: adapt.labels }, ...rules];
}
