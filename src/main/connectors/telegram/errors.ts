// Telegram RPC failures → the typed Result errors every caller handles the same way.
import { fail } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';

/** Answers that mean the login is gone: the moderator must log in again. */
export const LOGIN_GONE = new Set(['AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED', 'SESSION_EXPIRED', 'USER_DEACTIVATED', 'USER_DEACTIVATED_BAN', 'AUTH_KEY_INVALID', 'ACCESS_TOKEN_INVALID', 'ACCESS_TOKEN_EXPIRED']);

const PERMISSION = new Set([
  'CHAT_ADMIN_REQUIRED',
  'CHAT_WRITE_FORBIDDEN',
  'CHAT_SEND_PLAIN_FORBIDDEN',
  'CHAT_FORBIDDEN',
  'CHANNEL_PRIVATE',
  'RIGHT_FORBIDDEN',
  'USER_ADMIN_INVALID',
  'MESSAGE_DELETE_FORBIDDEN',
  'BOT_METHOD_INVALID',
]);

const NOT_FOUND = new Set([
  'MESSAGE_ID_INVALID',
  'MESSAGE_IDS_EMPTY',
  'REPLY_MESSAGE_ID_INVALID',
  'USER_NOT_PARTICIPANT',
  'PARTICIPANT_ID_INVALID',
  'USER_ID_INVALID',
  'CHANNEL_INVALID',
  'PEER_ID_INVALID',
  'TOPIC_DELETED',
]);

/** The error text gramjs gives an RPC error, or undefined for anything else. */
export function rpcMessageOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const message = (error as { errorMessage?: unknown }).errorMessage;
  return typeof message === 'string' ? message : undefined;
}

/** FLOOD_WAIT_X / SLOWMODE_WAIT_X seconds, when the error is one. */
export function waitSecondsOf(error: unknown): number | undefined {
  const seconds = (error as { seconds?: unknown } | null)?.seconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return seconds;
  const match = /^(?:FLOOD_WAIT|SLOWMODE_WAIT|FLOOD_PREMIUM_WAIT)_(\d+)$/.exec(rpcMessageOf(error) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Answers to reading a group that mean the account cannot read it any more: removed, banned, or the group deleted. */
const GROUP_LOST = new Set(['CHANNEL_PRIVATE', 'CHANNEL_INVALID', 'CHAT_FORBIDDEN', 'USER_BANNED_IN_CHANNEL', 'CHANNEL_PUBLIC_GROUP_NA']);

/** Seconds before reading again after an answer that is no flood wait: Telegram's replication lag, a 5xx, a dropped link. */
const READ_AGAIN_SECONDS = 10;
/** …and after an answer nobody expected, so an unknown refusal is asked again slowly, never in a loop. */
const READ_AGAIN_UNKNOWN_SECONDS = 120;

/**
 * Why reading what a group missed failed: the account lost the group, or Telegram asks to come back
 * later (FLOOD_WAIT_X above gramjs's threshold, PERSISTENT_TIMESTAMP_OUTDATED, a 5xx, a dropped link).
 */
export function readTroubleOf(error: unknown): { lost: true } | { lost: false; retryAfterSeconds: number } {
  const rpc = rpcMessageOf(error);
  if (rpc && GROUP_LOST.has(rpc)) return { lost: true };
  const wait = waitSecondsOf(error);
  if (wait !== undefined) return { lost: false, retryAfterSeconds: Math.max(1, wait) };
  const failure = toFailure(error);
  const transient = rpc === 'PERSISTENT_TIMESTAMP_OUTDATED' || (!failure.ok && (failure.error.code === 'offline' || failure.error.retryable === true));
  return { lost: false, retryAfterSeconds: transient ? READ_AGAIN_SECONDS : READ_AGAIN_UNKNOWN_SECONDS };
}

export function isLoginGone(error: unknown): boolean {
  return LOGIN_GONE.has(rpcMessageOf(error) ?? '');
}

export function toFailure(error: unknown): Result<never> {
  const wait = waitSecondsOf(error);
  if (wait !== undefined) {
    return fail('rate_limited', `Telegram asks us to wait ${wait} s (FLOOD_WAIT).`, { retryAfterMs: wait * 1000 });
  }
  const rpc = rpcMessageOf(error);
  if (rpc) {
    if (LOGIN_GONE.has(rpc)) return fail('token_invalid', `Telegram ended this login (${rpc}). Log in again in Settings → Connections.`);
    if (rpc === 'CHANNEL_PRIVATE') return fail('missing_permission', 'Telegram: the connected account is no longer in this group (removed, or the group was deleted).', { fields: { reason: 'telegram_removed' } });
    // Not the account's rights: the member is an admin, whom only the owner (or whoever promoted them) may restrict.
    if (rpc === 'USER_ADMIN_INVALID') return fail('missing_permission', 'Telegram: this member is an admin of the group; demote them first.', { fields: { reason: 'telegram_target_admin' } });
    if (PERMISSION.has(rpc)) return fail('missing_permission', `Telegram: the account lacks the admin right for this (${rpc}).`);
    if (NOT_FOUND.has(rpc)) return fail('not_found', `Telegram: the target is gone (${rpc}).`);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && code >= 500) return fail('internal', `Telegram had an internal error (${rpc}).`, { retryable: true });
    return fail('invalid_input', `Telegram refused it (${rpc}).`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/disconnected|Not connected|TIMEOUT|ECONN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|closed/i.test(message)) {
    return fail('offline', 'Cannot reach Telegram right now; the action waits in the outbox.');
  }
  return fail('internal', message, { retryable: false });
}
