// Every problem of a rule pack as data (where, a code, the values its words need), for main's save
// check and the rule editor's live check alike. Wording is the renderer's job, in each language.
import { issueProblem } from '../domain/issues';
import type { Problem } from '../domain/result';
import { createTriageEngine, type CreateTriageOptions, type TriageEngine } from './createEngine';
import { RulePackSchema, TriggerSchema, type RulePack, type Trigger } from './pack';
import { compileSafeRegex } from './safeRegex';

export { issueProblem };

/** Regex patterns of a trigger, each with its path inside the trigger. */
function patternsOf(trigger: Trigger): Array<{ path: Array<string | number>; pattern: string }> {
  if (trigger.type === 'regex') return trigger.patterns.map((pattern, i) => ({ path: ['patterns', i], pattern }));
  if (trigger.type === 'signals') return trigger.groups.flatMap((g, gi) => g.patterns.map((pattern, i) => ({ path: ['groups', gi, 'patterns', i], pattern })));
  return [];
}

/** Problems of one regex pattern, with `path` as given. Empty when the engine would accept it. */
export function regexProblems(pattern: string, path: Array<string | number>): Problem[] {
  const checked = compileSafeRegex(pattern);
  return checked.ok ? [] : [{ path, code: checked.code, fields: checked.code === 'regex_syntax' ? { pattern: pattern.slice(0, 200) } : { pattern: pattern.slice(0, 200) } }];
}

/** Problems of one trigger typed in the editor (JSON already parsed, or a form's value). */
export function triggerProblems(input: unknown): { trigger?: Trigger; problems: Problem[] } {
  const parsed = TriggerSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => issueProblem(i, input)) };
  const problems = patternsOf(parsed.data).flatMap(({ path, pattern }) => regexProblems(pattern, path));
  return { trigger: parsed.data, problems };
}

/**
 * A pack checked the way main checks it before it runs: the schema, unique rule ids, and every regex
 * the engine would refuse. The compiled engine comes back only when there is no problem.
 */
export function packProblems(input: unknown, domains?: CreateTriageOptions['domains']): { pack?: RulePack; engine?: TriageEngine; problems: Problem[] } {
  const parsed = RulePackSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => issueProblem(i, input)) };
  const pack = parsed.data;
  const problems: Problem[] = [];
  const ids = new Set<string>();
  pack.rules.forEach((rule, index) => {
    if (ids.has(rule.id)) problems.push({ path: ['rules', index, 'id'], code: 'duplicate_id', fields: { id: rule.id } });
    ids.add(rule.id);
    for (const { path, pattern } of patternsOf(rule.trigger)) problems.push(...regexProblems(pattern, ['rules', index, 'trigger', ...path]));
  });
  const engine = createTriageEngine({ pack, ...(domains ? { domains } : {}) });
  // The engine's own refusals are the regex ones above; any other kind it learns later still shows.
  if (engine.problems.length > problems.filter((p) => p.code.startsWith('regex_')).length && problems.length === 0) {
    for (const p of engine.problems) {
      const index = pack.rules.findIndex((r) => r.id === p.rule);
      problems.push({ path: index >= 0 ? ['rules', index] : [], code: 'engine', fields: { id: p.rule } });
    }
  }
  return problems.length > 0 ? { pack, problems } : { pack, engine, problems };
}
