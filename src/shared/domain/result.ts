// Results, not throws, at the edges: every platform action and fallible command answers with one.
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
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ActionErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().int().nonnegative().optional(),
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
