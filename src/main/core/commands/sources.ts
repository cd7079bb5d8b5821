// The sources feature (`sources.*`): connecting Discord and Telegram accounts (a Telegram user login in
// steps), removing them, and what is kept between runs — secrets in the store, the rest in sources.json.
// Core owns the running connectors and wires them to the pipeline; this module asks it through `SourceHost`.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SourceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { CommandHandlers, CommandResponse, ParsedRequest } from '@shared/ipc/contract';
import type { Connector } from '../connector';
import type { SecretStore } from '../../secrets/store';
import { SerialQueue, writeFileAtomic } from '../../util/files';
import { logger } from '../../util/log';
import type { Connection, ConnectorFactory, DiscordConnection, TelegramConnection, TelegramUserLogin, WhatsAppConnection } from '../connections';

const log = logger('core');

const TelegramServerStored = z.object({ host: z.string(), port: z.number(), rsaPublicKeyPem: z.string() });
const StoredSourceSchema = z.discriminatedUnion('platform', [
  z.object({ id: z.string(), platform: z.literal('discord'), label: z.string(), apiBase: z.string().optional() }),
  z.object({
    id: z.string(),
    platform: z.literal('telegram'),
    label: z.string(),
    apiId: z.number(),
    server: TelegramServerStored.optional(),
    kind: z.enum(['bot', 'user']),
  }),
  // A linked WhatsApp device: its auth state is the secret `whatsappAuth`, written by the connector.
  z.object({
    id: z.string(),
    platform: z.literal('whatsapp'),
    label: z.string(),
    server: z.object({ url: z.string(), noiseRootKey: z.string().optional() }).optional(),
  }),
]);
type StoredSource = z.infer<typeof StoredSourceSchema>;

interface PendingLogin {
  connection: TelegramConnection;
  connector: Connector & TelegramUserLogin;
  expires: number;
}

const LOGIN_TTL_MS = 10 * 60_000;

/** The running connectors, as Core keeps them. */
export interface SourceHost {
  connector(sourceId: string): Connector | undefined;
  sources(): SourceInfo[];
  /** Runs a connection (already started when `started` is given) and wires its events. */
  add(connection: Connection, started?: Connector): Connector;
  /** Stops a connector and forgets it. */
  remove(sourceId: string, connector: Connector): Promise<void>;
}

export interface SourcesOptions {
  home: string;
  secrets: SecretStore;
  createConnector: ConnectorFactory;
  /** Telegram app credentials used when a request brings none (TRIBE_TELEGRAM_API_ID / _HASH). */
  telegramApp?: { apiId: number; apiHash: string } | undefined;
  host: SourceHost;
}

export class Sources {
  private readonly file: string;
  private readonly logins = new Map<string, PendingLogin>();
  /** sources.json changes are read-modify-write: one at a time. */
  private readonly storedWrites = new SerialQueue();

  constructor(private readonly options: SourcesOptions) {
    this.file = join(options.home, 'sources.json');
  }

  /** Runs the saved connections with their secrets; one whose secrets are gone is skipped with a warning. */
  async startSaved(): Promise<void> {
    for (const stored of await this.readStored()) {
      const connection = await this.restore(stored);
      if (connection) this.options.host.add(connection);
      else log.warn(`source ${stored.id} has no credentials stored; skipping`);
    }
  }

  /** Ends Telegram logins left half-way. */
  async stop(): Promise<void> {
    for (const pending of this.logins.values()) await pending.connector.stop();
    this.logins.clear();
  }

  handlers(): CommandHandlers<'sources'> {
    return {
      'sources.list': async () => this.options.host.sources(),
      'sources.addDiscord': async (request) => this.addDiscord(request),
      'sources.addTelegramBot': async (request) => this.addTelegramBot(request),
      'sources.telegramLogin.start': async (request) => this.startTelegramLogin(request),
      'sources.telegramLogin.finish': async (request) => this.finishTelegramLogin(request),
      'sources.linkWhatsApp': async (request) => this.linkWhatsApp(request),
      'sources.relinkWhatsApp': async (request) => this.relinkWhatsApp(request),
      'sources.remove': async ({ sourceId }) => this.removeSource(sourceId),
    };
  }

  private async restore(stored: StoredSource): Promise<Connection | undefined> {
    const secrets = this.options.secrets;
    if (stored.platform === 'discord') {
      const token = await secrets.get(secretName(stored.id, 'token'));
      if (!token) return undefined;
      return { ...stored, token, practice: false };
    }
    if (stored.platform === 'whatsapp') {
      // The device state (if any) is read by the connector; without it the device links again.
      const connection: WhatsAppConnection = { platform: 'whatsapp', id: stored.id, label: stored.label, practice: false };
      if (stored.server) connection.server = stored.server;
      return connection;
    }
    const apiHash = await secrets.get(secretName(stored.id, 'apiHash'));
    const credential = await secrets.get(secretName(stored.id, stored.kind === 'bot' ? 'token' : 'session'));
    if (!apiHash || !credential) return undefined;
    const connection: TelegramConnection = { platform: 'telegram', id: stored.id, label: stored.label, practice: false, apiId: stored.apiId, apiHash };
    if (stored.server) connection.server = stored.server;
    if (stored.kind === 'bot') connection.botToken = credential;
    else connection.session = credential;
    return connection;
  }

  private async readStored(): Promise<StoredSource[]> {
    try {
      return z.array(StoredSourceSchema).parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('sources.json unreadable; starting without saved sources', error);
      return [];
    }
  }

  /** Changes sources.json as one step against what is on disk now (concurrent adds keep each other). */
  private updateStored(change: (list: StoredSource[]) => StoredSource[]): Promise<void> {
    return this.storedWrites.run(async () => {
      const list = change(await this.readStored());
      await mkdir(this.options.home, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, JSON.stringify(list, null, 2), 0o600);
    });
  }

  private async addDiscord(request: ParsedRequest<'sources.addDiscord'>): Promise<CommandResponse<'sources.addDiscord'>> {
    const id = `discord-${randomUUID().slice(0, 8)}`;
    const connection: DiscordConnection = { platform: 'discord', id, label: request.label, token: request.token, practice: false };
    if (request.apiBase) connection.apiBase = request.apiBase.replace(/\/+$/, '');
    const stored: StoredSource = { id, platform: 'discord', label: connection.label };
    if (connection.apiBase) stored.apiBase = connection.apiBase;
    return this.connectAndSave(connection, stored, { token: request.token });
  }

  private async addTelegramBot(request: ParsedRequest<'sources.addTelegramBot'>): Promise<CommandResponse<'sources.addTelegramBot'>> {
    const app = request.apiId && request.apiHash ? { apiId: request.apiId, apiHash: request.apiHash } : this.options.telegramApp;
    if (!app) return fail('invalid_input', 'Telegram needs an API ID and API hash (from my.telegram.org) for this connection.', { fields: { reason: 'telegram_app_needed' } });
    const id = `telegram-${randomUUID().slice(0, 8)}`;
    const connection: TelegramConnection = { platform: 'telegram', id, label: request.label, practice: false, ...app, botToken: request.token };
    if (request.server) connection.server = request.server;
    const stored: StoredSource = { id, platform: 'telegram', label: request.label, apiId: app.apiId, kind: 'bot' };
    if (request.server) stored.server = request.server;
    return this.connectAndSave(connection, stored, { token: request.token, apiHash: app.apiHash });
  }

  private async startTelegramLogin(request: ParsedRequest<'sources.telegramLogin.start'>): Promise<CommandResponse<'sources.telegramLogin.start'>> {
    const app = request.apiId && request.apiHash ? { apiId: request.apiId, apiHash: request.apiHash } : this.options.telegramApp;
    if (!app) return fail('invalid_input', 'Telegram needs an API ID and API hash (from my.telegram.org) for this connection.', { fields: { reason: 'telegram_app_needed' } });
    const refused = this.unprotected();
    if (refused) return refused;
    for (const [id, pending] of this.logins) {
      if (pending.expires < Date.now()) {
        this.logins.delete(id);
        void pending.connector.stop();
      }
    }
    const loginId = randomUUID();
    const connection: TelegramConnection = { platform: 'telegram', id: `telegram-${loginId.slice(0, 8)}`, label: request.label, practice: false, ...app };
    if (request.server) connection.server = request.server;
    const connector = this.options.createConnector(connection);
    if (!isTelegramLogin(connector)) return fail('unsupported', 'This build cannot log in Telegram accounts.');
    const begun = await connector.beginUserLogin(request.phone.replace(/\s+/g, ''));
    if (!begun.ok) {
      await connector.stop();
      return begun;
    }
    this.logins.set(loginId, { connection, connector, expires: Date.now() + LOGIN_TTL_MS });
    return ok({ loginId });
  }

  private async finishTelegramLogin(request: ParsedRequest<'sources.telegramLogin.finish'>): Promise<CommandResponse<'sources.telegramLogin.finish'>> {
    const pending = this.logins.get(request.loginId);
    if (!pending || pending.expires < Date.now()) return fail('not_found', 'That login has expired; start again with the phone number.');
    const step = await pending.connector.completeUserLogin(request.code ?? '', request.password);
    if (!step.ok) return step;
    if (step.value.status === 'password_needed') {
      return ok(step.value.hint ? { status: 'password_needed' as const, hint: step.value.hint } : { status: 'password_needed' as const });
    }
    this.logins.delete(request.loginId);
    const { connection, connector } = pending;
    connection.session = step.value.session;
    await this.options.secrets.set(secretName(connection.id, 'session'), step.value.session);
    await this.options.secrets.set(secretName(connection.id, 'apiHash'), connection.apiHash);
    const stored: StoredSource = { id: connection.id, platform: 'telegram', label: connection.label, apiId: connection.apiId, kind: 'user' };
    if (connection.server) stored.server = connection.server;
    await this.updateStored((list) => [...list, stored]);
    return ok({ status: 'signed_in' as const, source: this.options.host.add(connection, connector).info() });
  }

  /** A connection is saved only where its secrets are protected, or the user agreed they need not be. */
  private unprotected(): Result<never> | undefined {
    const protection = this.options.secrets.protection();
    if (protection.kind !== 'unencrypted' || protection.allowed) return undefined;
    return fail('secrets_unprotected', `The OS keychain is not usable here (${protection.reason}); choose in Settings how to keep secrets.`, { fields: { keychain: protection.reason } });
  }

  /** Logs in first; only a connection that works is saved (secrets to the store, the rest to sources.json). */
  private async connectAndSave(connection: Connection, stored: StoredSource, secrets: Record<string, string>) {
    const refused = this.unprotected();
    if (refused) return refused;
    const connector = this.options.createConnector(connection);
    const started = await connector.start();
    if (!started.ok) {
      await connector.stop();
      return started;
    }
    for (const [kind, value] of Object.entries(secrets)) await this.options.secrets.set(secretName(connection.id, kind), value);
    await this.updateStored((list) => [...list, stored]);
    return ok(this.options.host.add(connection, connector).info());
  }

  /**
   * Starts a device and saves the connection at once: its auth state is written by the connector as
   * linking proceeds, so a restart mid-way shows a new QR rather than losing the device.
   */
  private async linkWhatsApp(request: ParsedRequest<'sources.linkWhatsApp'>): Promise<CommandResponse<'sources.linkWhatsApp'>> {
    const refused = this.unprotected();
    if (refused) return refused;
    const id = `whatsapp-${randomUUID().slice(0, 8)}`;
    const connection: WhatsAppConnection = { platform: 'whatsapp', id, label: request.label, practice: false };
    if (request.phoneNumber) connection.pairingPhone = request.phoneNumber;
    if (request.server) connection.server = request.server.noiseRootKey ? { url: request.server.url, noiseRootKey: request.server.noiseRootKey.toLowerCase() } : { url: request.server.url };
    const stored: StoredSource = { id, platform: 'whatsapp', label: request.label };
    if (connection.server) stored.server = connection.server;
    const connector = this.options.createConnector(connection);
    const started = await connector.start();
    if (!started.ok) {
      await connector.stop();
      return started;
    }
    await this.updateStored((list) => [...list, stored]);
    return ok(this.options.host.add(connection, connector).info());
  }

  /**
   * Links a WhatsApp connection again after linking was refused or expired, or the phone logged the
   * device out: the connector starts afresh (its half-made or forgotten device state is gone) and the
   * new QR or pairing code shows in its state; after a ban is lifted the same device reconnects. A
   * connection in any other state is left alone.
   */
  private async relinkWhatsApp(request: ParsedRequest<'sources.relinkWhatsApp'>): Promise<CommandResponse<'sources.relinkWhatsApp'>> {
    const connector = this.options.host.connector(request.sourceId);
    const info = connector?.info();
    if (!connector || !info || info.platform !== 'whatsapp') return fail('not_found', 'No such WhatsApp connection.');
    const reason = info.stateFields?.reason;
    if (!(typeof reason === 'string' && RELINKABLE.has(reason))) return ok(info);
    if (isRelinkable(connector)) connector.linkWith(request.phoneNumber);
    return connector.start();
  }

  private async removeSource(sourceId: string): Promise<CommandResponse<'sources.remove'>> {
    const connector = this.options.host.connector(sourceId);
    if (!connector) return fail('not_found', 'No such connection.');
    if (connector.info().practice) return fail('invalid_input', 'The practice community cannot be removed; it goes away once you connect a real account.');
    await this.options.host.remove(sourceId, connector);
    await this.updateStored((list) => list.filter((s) => s.id !== sourceId));
    for (const kind of ['token', 'session', 'apiHash', 'whatsappAuth']) await this.options.secrets.delete(secretName(sourceId, kind));
    return ok({ removed: true });
  }
}

/** Where a WhatsApp connection stopped and waits for the moderator to link again. */
const RELINKABLE = new Set(['link_expired', 'link_refused', 'logged_out', 'link_code_failed', 'account_banned', 'account_banned_temporarily']);

/** A connector that can switch between linking by QR and by pairing code before it starts again. */
function isRelinkable(connector: Connector): connector is Connector & { linkWith(phone: string | undefined): void } {
  return typeof (connector as { linkWith?: unknown }).linkWith === 'function';
}

function isTelegramLogin(connector: Connector): connector is Connector & TelegramUserLogin {
  const c = connector as Partial<TelegramUserLogin>;
  return typeof c.beginUserLogin === 'function' && typeof c.completeUserLogin === 'function';
}

function secretName(sourceId: string, kind: string) {
  return `source:${sourceId}:${kind}`;
}
