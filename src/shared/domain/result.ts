// Results, not throws, at the edges: every platform action and fallible command answers with one.
// A failure crosses the contract as data: a code, structured fields and (for a pack or a form) the
// problems, each with where and what. `message` is the engineer's English for logs and journals;
// the renderer words every failure itself from the code and fields, in the moderator's language.
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'rate_limited',
  'missing_permission',
  'not_found',
  'offline',
  'invalid_input',
  'token_invalid',
  'unsupported',
  'conflict',
  'internal',
  /** Main started the action before a restart and cannot ask the platform yet whether it landed. */
  'in_doubt',
  /** Main could not write its action journal (disk full, folder not writable). */
  'journal_unwritable',
  /** Secrets would be written unencrypted and the user has not agreed to that (Settings says why). */
  'secrets_unprotected',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Values a wording needs ("seconds", "platform", "minimum"): plain data, never markup. */
export const ErrorFieldsSchema = z.record(z.string().max(60), z.union([z.string().max(400), z.number(), z.boolean()]));
export type ErrorFields = z.infer<typeof ErrorFieldsSchema>;

/**
 * One problem of a request or a pack: where (`path`, e.g. ["rules", 3, "trigger", "patterns", 0]),
 * what (`code`: a zod issue code such as "too_small", or one of ours such as "duplicate_id" or
 * "regex_nested"), and the values its words need.
 */
export const ProblemSchema = z.object({
  path: z.array(z.union([z.string().max(200), z.number().int()])).max(20),
  code: z.string().min(1).max(60),
  fields: ErrorFieldsSchema.optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ActionErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  fields: ErrorFieldsSchema.optional(),
  problems: z.array(ProblemSchema).max(200).optional(),
});
export type ActionError = z.infer<typeof ActionErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ActionError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ActionErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(code: ErrorCode, message: string, extra: Partial<ActionError> = {}): Result<never> {
  const retryable = extra.retryable ?? (code === 'rate_limited' || code === 'offline' || code === 'in_doubt');
  return { ok: false, error: { code, message, retryable, ...extra } };
}
