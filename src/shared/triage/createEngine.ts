// Building a triage engine for a pack: the built-in pack and the shipped model by default, rules
// limited to some channels filtered around it (scope.ts). Below index.ts, which re-exports it, so the
// pack checks (problems.ts) can compile a pack without importing the seam that re-exports them.
import type { ChatEvent, Flag } from '../domain/model';
import { defaultPack } from './defaultPack';
import { TriageEngineImpl, type DomainLists, type Evaluation, type PlannedAction, type TriageContext } from './engine';
import type { RulePack, RulePackInput } from './pack';
import { RulePackSchema } from './pack';
import { loadModel, type Model, type ModelFile } from './model/classifier';
import type { Adaptation } from './model/adapt';
import weights from './model/weights.json';
import { scoped } from './scope';

export interface TriageEngine {
  /** Events arrive in time order per source; behaviour detectors keep windows between calls. */
  evaluate(event: ChatEvent, context?: TriageContext): Flag[];
  /** The flags plus the automatic actions the matched rules ask for (dry-run ones marked). */
  evaluateDetailed(event: ChatEvent, context?: TriageContext): Evaluation;
  actionLog(): readonly PlannedAction[];
  /** Patterns of the pack that were rejected when compiling (e.g. an unsafe regex). */
  readonly problems: ReadonlyArray<{ rule: string; problem: string }>;
  /** A space continues under another id (a Telegram group upgraded to a supergroup): its windows (floods, raids) go on there. */
  moveSpace?(from: string, to: string): void;
}

export interface CreateTriageOptions {
  /** Defaults to the built-in pack a new community starts with. */
  pack?: RulePack | RulePackInput;
  /** Scam/phishing domain lists, loaded by the host (the shared layer never reads files). */
  domains?: DomainLists;
  /** The learned model (default: the shipped weights); used where the pack enables it. */
  model?: Model;
  /** The team's accepted adaptation of the model (model/adapt.ts). */
  adaptation?: Adaptation;
}

let shipped: Model | undefined;
/** The shipped weights, decoded once per process. */
export function shippedModel(): Model {
  return (shipped ??= loadModel(weights as ModelFile));
}

export function createTriageEngine(options: CreateTriageOptions = {}): TriageEngine {
  const pack = options.pack ?? defaultPack;
  const wantsModel = 'model' in pack && pack.model?.enabled === true;
  const model = options.model ?? (wantsModel ? shippedModel() : undefined);
  const engine = new TriageEngineImpl({ pack, domains: options.domains, ...(model ? { model } : {}), ...(options.adaptation ? { adaptation: options.adaptation } : {}) });
  // Rules limited to some channels are filtered after the engine ran (scope.ts); none: the engine as is.
  const rules = options.pack && 'rules' in options.pack ? options.pack.rules : [];
  const scopedRules = rules.some((r) => Array.isArray(r.channels) && r.channels.length > 0) ? RulePackSchema.parse(options.pack).rules : [];
  return scopedRules.length > 0 ? scoped(engine, scopedRules) : engine;
}
