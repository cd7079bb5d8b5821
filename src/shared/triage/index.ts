// The triage seam main's pipeline calls, and the engine behind it (issue 4): rules as data,
// evasion-proof matching, behaviour detectors. Pure TypeScript over the platform-neutral model.
import type { Flag } from '../domain/model';

/** A self-harm flag is a care signal: route it to "needs a caring reply", never to punishment. */
export function isCareSignal(flag: Flag): boolean {
  return flag.category === 'self-harm';
}

export { createTriageEngine, shippedModel, type CreateTriageOptions, type TriageEngine } from './createEngine';
export { defaultPack } from './defaultPack';
export { normalize, canonical, skeleton, fold, type Normalized } from './normalize';
export { extractLinks, editDistance, decodePunycodeLabel, type FoundLink } from './links';
export { compileSafeRegex, REGEX_INPUT_LIMIT, type RegexProblemCode } from './safeRegex';
export { packProblems, triggerProblems, regexProblems, issueProblem } from './problems';
export { inScope, ruleScopes } from './scope';
export { RulePackSchema, RuleSchema, TriggerSchema, ActionSpecSchema, type RulePack, type RulePackInput, type Rule, type Trigger, type ActionSpec } from './pack';
export { loadModel, judge, explainWords, MODEL_CATEGORIES, type Model, type ModelFile, type ModelVerdict } from './model/classifier';
export type { DomainLists, TriageContext, PlannedAction, Evaluation } from './engine';
