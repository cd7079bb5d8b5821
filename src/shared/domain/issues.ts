// A zod issue as data that crosses the contract and is worded by the renderer: where (path), what
// (zod's issue code) and the fields zod's own locales word it from. Pure, light: no engine here.
import type { z } from 'zod';
import type { ErrorFields, Problem } from './result';

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
