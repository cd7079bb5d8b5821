// Problems of a pack or a form, worded in the moderator's language from their code and fields. Shape
// problems (zod issue codes) are worded by zod's own locales; ours (a refused regex, a duplicate id,
// JSON that does not parse) by the i18n strings under `problems`.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import zodZhCN from 'zod/v4/locales/zh-CN.js';
import type { Problem } from '@shared/domain/result';

const zodLocales = { en: zodEn(), 'zh-CN': zodZhCN() } as const;

/** Our own problem codes; every one has words in each language (checked by a test). */
export const OWN_PROBLEM_CODES = ['duplicate_id', 'timeout_needs_duration', 'regex_too_long', 'regex_nested', 'regex_backref', 'regex_lookbehind', 'regex_syntax', 'json_syntax', 'self_harm_punitive', 'engine', 'not_a_link', 'not_saved'] as const;

/** A value of the type zod says it received: its locales name the type from the input itself. */
const SAMPLES: Record<string, unknown> = { string: '', number: 0, boolean: false, array: [], object: {}, null: null, undefined: undefined, bigint: 0n };

function listField(value: unknown): unknown[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function zodWords(problem: Problem, lang: string): string | undefined {
  const locale = lang.startsWith('zh') ? zodLocales['zh-CN'] : zodLocales.en;
  const fields = problem.fields ?? {};
  const issue: Record<string, unknown> = { code: problem.code, path: problem.path, input: SAMPLES[String(fields.received)] };
  for (const [k, v] of Object.entries(fields)) if (k !== 'received') issue[k] = listField(v) ?? v;
  const words = locale.localeError(issue as unknown as z.core.$ZodRawIssue);
  return typeof words === 'string' ? words : words?.message;
}

/** One problem in words (without where it is: the form shows it beside its field). */
export function problemInWords(t: TFunction, lang: string, problem: Problem): string {
  const own = problem.code === 'custom' && typeof problem.fields?.problem === 'string' ? problem.fields.problem : problem.code;
  if ((OWN_PROBLEM_CODES as readonly string[]).includes(own)) return t(`problems.${own}`, { ...problem.fields });
  return zodWords(problem, lang) ?? t('problems.other');
}

/** Where a problem is, in words: "Rule team.x · Terms, line 2". `path` is inside the rule when `rule` is given. */
export function problemPlace(t: TFunction, problem: Problem, rule?: string): string {
  const path = [...problem.path];
  const parts: string[] = [];
  if (!rule && path[0] === 'rules' && typeof path[1] === 'number') {
    parts.push(t('problems.where.ruleNumber', { n: path[1] + 1 }));
    path.splice(0, 2);
  } else if (rule) parts.push(t('problems.where.rule', { id: rule }));
  const named = path.filter((p): p is string => typeof p === 'string');
  const last = named[named.length - 1];
  if (last) parts.push(t(`problems.field.${last}`, { defaultValue: path.join('.') }));
  const line = typeof path[path.length - 1] === 'number' ? (path[path.length - 1] as number) + 1 : undefined;
  if (line !== undefined) parts.push(t('problems.where.line', { n: line }));
  return parts.join(' · ');
}
