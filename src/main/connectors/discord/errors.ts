// Discord failures → the typed Result errors every caller handles the same way.
import { DiscordAPIError, DiscordjsError, HTTPError, RateLimitError } from 'discord.js';
import { fail } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';

const notFoundCodes = new Set([10003, 10004, 10007, 10008, 10013, 10026]);
const permissionCodes = new Set([50001, 50013, 50007, 20028]);

export function toFailure(error: unknown): Result<never> {
  if (error instanceof RateLimitError) {
    return fail('rate_limited', `Discord is rate-limiting this route for ${Math.ceil(error.timeToReset / 1000)} s.`, {
      retryAfterMs: Math.max(0, Math.round(error.timeToReset)),
    });
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    if (error.status === 401) return fail('token_invalid', 'Discord rejected the bot token.');
    if (permissionCodes.has(code) || error.status === 403) {
      return fail('missing_permission', `Discord: ${error.message} (code ${error.code}).`);
    }
    if (notFoundCodes.has(code) || error.status === 404) return fail('not_found', `Discord: ${error.message} (code ${error.code}).`);
    if (error.status === 429) return fail('rate_limited', 'Discord is rate-limiting us.');
    if (error.status >= 400 && error.status < 500) return fail('invalid_input', `Discord: ${error.message} (code ${error.code}).`);
    return fail('internal', `Discord answered ${error.status}: ${error.message}`, { retryable: true });
  }
  if (error instanceof HTTPError) {
    return fail('internal', `Discord answered ${error.status} ${error.message}`, { retryable: error.status >= 500 });
  }
  if (error instanceof DiscordjsError && error.code === 'TokenInvalid') {
    return fail('token_invalid', 'Discord rejected the bot token.');
  }
  const code = (error as { code?: unknown } | null)?.code;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const network = [code, cause].find((c) => typeof c === 'string' && /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR|EHOSTUNREACH|ENETUNREACH)/.test(c));
  if (network || (error instanceof Error && (error.name === 'AbortError' || /fetch failed/i.test(error.message)))) {
    return fail('offline', 'Cannot reach Discord right now; the action waits in the outbox.');
  }
  return fail('internal', error instanceof Error ? error.message : String(error), { retryable: false });
}
