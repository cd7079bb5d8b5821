// Where a rule applies: a rule with `channels` flags only messages in those channels (by name,
// without '#', case-insensitive, or by id). Applied around the engine, after it ran, so the engine's
// hot loop stays as it is and a pack without scoped rules pays nothing.
import type { ChatEvent, Flag } from '../domain/model';
import type { Evaluation, PlannedAction, TriageContext } from './engine';
import type { Rule } from './pack';

export interface ScopableEngine {
  evaluate(event: ChatEvent, context?: TriageContext): Flag[];
  evaluateDetailed(event: ChatEvent, context?: TriageContext): Evaluation;
  actionLog(): readonly PlannedAction[];
  readonly problems: ReadonlyArray<{ rule: string; problem: string }>;
  moveSpace?(from: string, to: string): void;
}

const place = (s: string) => s.trim().replace(/^#/, '').toLowerCase();

/** Per scoped rule id, the places it applies to; empty when no rule is scoped. */
export function ruleScopes(rules: readonly Rule[]): Map<string, Set<string>> {
  const scopes = new Map<string, Set<string>>();
  for (const rule of rules) if (rule.channels && rule.channels.length > 0) scopes.set(rule.id, new Set(rule.channels.map(place)));
  return scopes;
}

export function inScope(scopes: Map<string, Set<string>>, rule: string, event: ChatEvent): boolean {
  const scope = scopes.get(rule);
  if (!scope) return true;
  return scope.has(place(event.channelId)) || (event.channelName !== undefined && scope.has(place(event.channelName)));
}

export function scoped<E extends ScopableEngine>(engine: E, rules: readonly Rule[]): E | ScopableEngine {
  const scopes = ruleScopes(rules);
  if (scopes.size === 0) return engine;
  const dropped = new WeakSet<PlannedAction>();
  const filter = (event: ChatEvent, evaluation: Evaluation): Evaluation => {
    const actions = evaluation.actions.filter((a) => {
      const keep = inScope(scopes, a.rule, event);
      if (!keep) dropped.add(a);
      return keep;
    });
    const onContext = evaluation.dropped?.filter((d) => inScope(scopes, d.rule, event));
    return { flags: evaluation.flags.filter((f) => inScope(scopes, f.rule, event)), actions, ...(onContext && onContext.length > 0 ? { dropped: onContext } : {}) };
  };
  return {
    evaluate: (event, context) => filter(event, engine.evaluateDetailed(event, context)).flags,
    evaluateDetailed: (event, context) => filter(event, engine.evaluateDetailed(event, context)),
    actionLog: () => engine.actionLog().filter((a) => !dropped.has(a)),
    moveSpace: (from: string, to: string) => engine.moveSpace?.(from, to),
    get problems() {
      return engine.problems;
    },
  };
}
