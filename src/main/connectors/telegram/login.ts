// Logging in to Telegram: the gramjs client (pointed at a compatible server when configured), each
// login step with its own deadline, a bot token's sign-in and a user account's phone → code → 2FA.
// The session string stays in the connector and gramjs; it leaves only for main's secret store.
import { readFileSync } from 'node:fs';
import { Api, TelegramClient } from 'telegram';
import { Logger, PromisedNetSockets } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { computeCheck } from 'telegram/Password';
import type { StringSession } from 'telegram/sessions';
import { fail, ok } from '@shared/domain/result';
import type { ErrorFields, Result } from '@shared/domain/result';
import { logger } from '../../util/log';
import { isLoginGone, rpcMessageOf, toFailure } from './errors';
import { registerServerKey } from './rsa';

const log = logger('telegram');

export const TELEGRAM_PRODUCTION = 'mtproto://telegram (production DCs)';

export interface TelegramServer {
  host: string;
  port: number;
  rsaPublicKeyPem: string;
}

export interface TelegramSourceConfig {
  id: string;
  label: string;
  practice: boolean;
  apiId: number;
  apiHash: string;
  /** A compatible server instead of Telegram's production DCs (the practice community, a test DC). */
  server?: TelegramServer;
  botToken?: string;
  /** A user account's StringSession from an earlier login. */
  session?: string;
  /** How long each login step (connect, sign-in, profile, …) may wait for an answer (default 20 s). */
  readyTimeoutMs?: number;
  /** A failed start is tried again after this long (default 5 s). */
  retryDelayMs?: number;
  /** FLOOD_WAITs up to this long are slept through and the action tried once more (default 10 s). */
  floodRetryMaxSeconds?: number;
  /** A bot's thank-you to a reporter is taken down after this long (default 60 s; thanks.ts). */
  reportThanksDeleteAfterMs?: number;
  /** Where the thank-yous still to take down are kept across restarts (launch.ts puts it under TRIBE_HOME). */
  pendingThanksFile?: string;
  /** How many messages a "too long" difference reads back by id at most (default 3,000; tests shorten it). */
  readBackMax?: number;
  /** Where kicks whose ban is still to lift are kept across a crash (launch.ts puts it under TRIBE_HOME; none: in memory only). */
  owedUnbansFile?: string;
  /** Where the joins and leaves of the last 120 s are kept across restarts (launch.ts puts it under TRIBE_HOME; none: in memory only). */
  recentJoinsFile?: string;
  /** The clock thank-yous and their takedowns read (default Date.now; a test moves it on to make one overdue). */
  clock?: () => number;
}

/** Reads TRIBE_TELEGRAM_SERVER / _RSA_KEY / _BOT_TOKEN / _SESSION for a headless start. */
export function telegramServerFromEnv(env: NodeJS.ProcessEnv): { server?: TelegramServer; botToken?: string; session?: string } {
  const out: { server?: TelegramServer; botToken?: string; session?: string } = {};
  const address = env.TRIBE_TELEGRAM_SERVER;
  const keyPath = env.TRIBE_TELEGRAM_RSA_KEY;
  if (address && keyPath) {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
    if (!match) throw new Error('TRIBE_TELEGRAM_SERVER must be host:port');
    out.server = { host: match[1] as string, port: Number(match[2]), rsaPublicKeyPem: readFileSync(keyPath, 'utf8') };
  }
  if (env.TRIBE_TELEGRAM_BOT_TOKEN) out.botToken = env.TRIBE_TELEGRAM_BOT_TOKEN;
  if (env.TRIBE_TELEGRAM_SESSION) out.session = env.TRIBE_TELEGRAM_SESSION;
  return out;
}

/** gramjs dials its DC's fixed port; this socket dials the configured server instead. */
function socketTo(host: string, port: number): typeof PromisedNetSockets {
  return class RedirectedSocket extends PromisedNetSockets {
    override connect(_port: number, _ip: string) {
      return super.connect(port, host);
    }
  };
}
/** The steps of a login, named so the renderer can say where it stopped (errors.loginStep.*). */
export type LoginStep = 'connect' | 'check_login' | 'sign_in' | 'profile' | 'position' | 'chats' | 'send_code' | 'check_code' | 'password';

export class LoginTimeout extends Error {
  constructor(
    readonly step: LoginStep,
    readonly timeoutMs: number,
  ) {
    super(`Telegram did not answer in ${Math.ceil(timeoutMs / 1000)} s (login step: ${step})`);
  }
}

/** gramjs's destroy can wait on a connection that is already wedged; never let it hold a stop. */
export async function destroyQuietly(client: TelegramClient) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([client.destroy().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
}

interface SenderInternals {
  _handlers?: Record<string, (message: { obj: { messages?: unknown[] } }) => Promise<void>>;
  _processMessage?: (message: unknown) => Promise<void>;
}

/**
 * gramjs 2.26.22 stops reading a msg_container at its first RPC error (_handleRPCResult rethrows
 * after rejecting that call), so every other answer in the container is lost and its call never
 * settles. Telegram groups answers routinely, so the main sender reads every inner message and only
 * then passes the first error on, as gramjs would have. Checked against the pinned version.
 */
export function readWholeContainers(client: TelegramClient) {
  const sender = (client as unknown as { _sender?: SenderInternals })._sender;
  const handlers = sender?._handlers;
  const processMessage = sender?._processMessage;
  const key = String(0x73f1f8dc);
  if (!sender || !handlers || typeof handlers[key] !== 'function' || typeof processMessage !== 'function') {
    log.warn('gramjs internals changed: containers with an RPC error may lose answers');
    return;
  }
  handlers[key] = async (message) => {
    let first: unknown;
    for (const inner of message.obj.messages ?? []) {
      try {
        await processMessage.call(sender, inner);
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== undefined) throw first;
  };
}

export type UserLoginStep = { status: 'signed_in'; session: string } | { status: 'password_needed'; hint?: string };

/** A user account's login between sending the code and the code coming back. */
export interface PendingLogin {
  phone: string;
  phoneCodeHash: string;
}

/** The gramjs client of one source; `onError` hears what gramjs could not handle itself. */
export function createTelegramClient(config: TelegramSourceConfig, session: StringSession, onError: (error: Error) => void): TelegramClient {
  const server = config.server;
  if (server) registerServerKey(server.rsaPublicKeyPem);
  const client = new TelegramClient(session, config.apiId, config.apiHash, {
    ...(server ? { networkSocket: socketTo(server.host, server.port) } : {}),
    baseLogger: new Logger(LogLevel.NONE),
    connectionRetries: Infinity,
    retryDelay: 500,
    autoReconnect: true,
    // Errors carry .seconds instead of gramjs sleeping silently: we decide, and show the wait.
    floodSleepThreshold: 0,
    deviceModel: 'Tribekeeper',
    appVersion: '0.1.0',
  });
  client.onError = async (error) => onError(error);
  return client;
}

/** One login step: its answer, or a LoginTimeout after readyTimeoutMs (the server went silent). */
export async function loginStep<T>(config: TelegramSourceConfig, name: LoginStep, work: Promise<T>): Promise<T> {
  const timeoutMs = config.readyTimeoutMs ?? 20_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new LoginTimeout(name, timeoutMs)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The failure a silent step ends in: a code for the flows, fields the renderer words (which step, which server). */
export function noAnswer(config: TelegramSourceConfig, timeout: LoginTimeout): { result: Result<never>; fields: ErrorFields } {
  const server = config.server;
  const seconds = Math.max(1, Math.ceil(timeout.timeoutMs / 1000));
  const fields: ErrorFields = server ? { reason: 'no_answer_at', step: timeout.step, seconds, server: `${server.host}:${server.port}` } : { reason: 'no_answer', step: timeout.step, seconds };
  return { result: fail('offline', timeout.message, { fields }), fields };
}

/** Whether the session is signed in (Telegram answers updates.getState only then). */
export async function isAuthorized(config: TelegramSourceConfig, client: TelegramClient): Promise<boolean> {
  try {
    await loginStep(config, 'check_login', client.invoke(new Api.updates.GetState()));
    return true;
  } catch (error) {
    if (isLoginGone(error)) return false;
    throw error;
  }
}

export async function signInBot(config: TelegramSourceConfig, client: TelegramClient, botToken: string): Promise<void> {
  await loginStep(config, 'sign_in', client.invoke(new Api.auth.ImportBotAuthorization({ flags: 0, apiId: config.apiId, apiHash: config.apiHash, botAuthToken: botToken })));
}

/** A user account's step 1: Telegram sends a code to the account's apps. */
export async function sendLoginCode(config: TelegramSourceConfig, client: TelegramClient, phone: string): Promise<Result<PendingLogin>> {
  const sent = await loginStep(
    config,
    'send_code',
    client.invoke(new Api.auth.SendCode({ phoneNumber: phone, apiId: config.apiId, apiHash: config.apiHash, settings: new Api.CodeSettings({}) })),
  );
  if (!(sent instanceof Api.auth.SentCode)) return fail('unsupported', 'Telegram signed this account in without a code; try again.');
  return ok({ phone, phoneCodeHash: sent.phoneCodeHash });
}

/**
 * A user account's step 2 (and 3): the code, then the cloud password when the account has one.
 * `signed_in` means the session now holds the login; a failure is worded for the flows.
 */
export async function checkLoginCode(
  config: TelegramSourceConfig,
  client: TelegramClient,
  pending: PendingLogin,
  code: string,
  password: string | undefined,
): Promise<Result<{ status: 'signed_in' } | { status: 'password_needed'; hint?: string }>> {
  try {
    let authorized = false;
    if (code) {
      try {
        const result = await loginStep(config, 'check_code', client.invoke(new Api.auth.SignIn({ phoneNumber: pending.phone, phoneCodeHash: pending.phoneCodeHash, phoneCode: code })));
        if (result instanceof Api.auth.AuthorizationSignUpRequired) return fail('unsupported', 'This phone number has no Telegram account yet.');
        authorized = true;
      } catch (error) {
        if (rpcMessageOf(error) !== 'SESSION_PASSWORD_NEEDED') throw error;
      }
    }
    if (!authorized) {
      const srp = await loginStep(config, 'password', client.invoke(new Api.account.GetPassword()));
      if (!password) return ok(srp.hint ? { status: 'password_needed', hint: srp.hint } : { status: 'password_needed' });
      await loginStep(config, 'password', client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(srp, password) })));
    }
    return ok({ status: 'signed_in' });
  } catch (error) {
    return loginFailure(config, error);
  }
}

/** A failed login step as the flows show it. */
export function loginFailure(config: TelegramSourceConfig, error: unknown): Result<never> {
  if (error instanceof LoginTimeout) return noAnswer(config, error).result;
  const message = rpcMessageOf(error);
  if (message === 'PHONE_CODE_INVALID' || message === 'PHONE_CODE_EXPIRED') return fail('invalid_input', 'That code is not right or has expired.');
  if (message === 'PASSWORD_HASH_INVALID') return fail('invalid_input', 'That password is not right.');
  return toFailure(error);
}
