// Every problem of a rule pack as data (where, a code, the values its words need), for main's save
// check and the rule editor's live check alike. Wording is the renderer's job, in each language.
import type { z } from 'zod';
import type { ErrorFields, Problem } from '../domain/result';
import { createTriageEngine, type CreateTriageOptions, type TriageEngine } from './index';
import { RulePackSchema, TriggerSchema, type RulePack, type Trigger } from './pack';
import { compileSafeRegex } from './safeRegex';

type Issue = z.core.$ZodIssue;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A zod issue as data: its code and the fields zod's own locales word it from. */
export function issueProblem(issue: Issue, input: unknown, prefix: ReadonlyArray<string | number> = []): Problem {
  const fields: ErrorFields = {};
  const raw = issue as unknown as Record<string, unknown>;
  for (const key of ['expected', 'origin', 'format', 'divisor', 'inclusive', 'discriminator'] as const) {
    const v = raw[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[key] = v;
  }
  for (const key of ['minimum', 'maximum'] as const) {
    const v = raw[key];
    if (typeof v === 'number' || typeof v === 'bigint') fields[key] = Number(v);
  }
  for (const key of ['values', 'keys', 'options'] as const) {
    const v = raw[key];
    if (Array.isArray(v)) fields[key] = JSON.stringify(v.map((x) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? x : String(x))));
  }
  if (issue.code === 'invalid_type') fields.received = typeName(valueAt(input, issue.path));
  if (issue.code === 'custom' && typeof issue.params?.problem === 'string') fields.problem = issue.params.problem;
  const path = [...prefix, ...issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')];
  return { path, code: issue.code, fields };
}

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
