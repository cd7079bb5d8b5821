// The core: sources and their connectors, the pipeline, the sync hub, the action executor, and one
// handler per contract command. Plain Node; the Electron shell and host mode both wrap it.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SourceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import { commands } from '@shared/ipc/contract';
import { noDesktopShell } from '../desktop/shell';
import type { DesktopShell } from '../desktop/shell';
import type { AppInfo, CommandName, CommandResponse, ParsedRequest } from '@shared/ipc/contract';
import { createTriageEngine } from '@shared/triage';
import type { TriageEngine } from '@shared/triage';
import { ActionExecutor } from '../actions/executor';
import type { Connector } from '../connectors/types';
import { TeamLedger } from '../ledger/ledger';
import type { SecretStore } from '../secrets/store';
import { Pipeline } from '../pipeline/pipeline';
import { loadScamDomainLists } from '../pipeline/scamDomains';
import { StaffDirectory } from '../pipeline/staff';
import type { Triage } from '../pipeline/pipeline';
import { packFailure, packProblems, RulePackStore } from '../rules/store';
import { SerialQueue, writeFileAtomic } from '../util/files';
import { logger } from '../util/log';
import { withAppeals } from './appeals';
import { SyncHub } from './sync';
import type { Subscriber } from './sync';

const log = logger('core');

export interface DiscordConnection {
  platform: 'discord';
  id: string;
  label: string;
  token: string;
  apiBase?: string;
  practice: boolean;
}

export interface TelegramServerAddress {
  host: string;
  port: number;
  rsaPublicKeyPem: string;
}

export interface TelegramConnection {
  platform: 'telegram';
  id: string;
  label: string;
  practice: boolean;
  apiId: number;
  apiHash: string;
  /** A compatible server instead of Telegram's production DCs (the practice community, a test DC). */
  server?: TelegramServerAddress;
  botToken?: string;
  session?: string;
}

export type Connection = DiscordConnection | TelegramConnection;

/** Builds a connector for a connection; the entry supplies the platform libraries, keeping the core free of them. */
export type ConnectorFactory = (connection: Connection) => Connector;

export interface CoreOptions {
  home: string;
  mode: AppInfo['mode'];
  version: string;
  secrets: SecretStore;
  createConnector: ConnectorFactory;
  /** Connections that live for this run only (the practice community, TRIBE_* environment). */
  ephemeral?: Connection[];
  triage?: Triage;
  backfill?: number;
  /** Telegram app credentials used when a request brings none (TRIBE_TELEGRAM_API_ID / _HASH). */
  telegramApp?: { apiId: number; apiHash: string };
  /** Tray, badge and native notifications (Electron); none in host mode. */
  desktop?: DesktopShell;
}

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
]);
type StoredSource = z.infer<typeof StoredSourceSchema>;

/** What a Telegram user login needs between its steps; the connector holds the half-made session. */
export interface TelegramUserLogin {
  beginUserLogin(phone: string): Promise<Result<{ phoneCodeHash: string }>>;
  completeUserLogin(code: string, password?: string): Promise<Result<{ status: 'signed_in'; session: string } | { status: 'password_needed'; hint?: string }>>;
}

interface PendingLogin {
  connection: TelegramConnection;
  connector: Connector & TelegramUserLogin;
  expires: number;
}

const LOGIN_TTL_MS = 10 * 60_000;

export interface Session {
  invoke(name: string, payload: unknown): Promise<unknown>;
  close(): void;
}

export class Core {
  private readonly connectors = new Map<string, Connector>();
  private readonly pipeline: Pipeline;
  private readonly hub: SyncHub;
  private readonly executor: ActionExecutor;
  private readonly sourcesFile: string;
  private readonly logins = new Map<string, PendingLogin>();
  /** sources.json changes are read-modify-write: one at a time. */
  private readonly storedWrites = new SerialQueue();
  /** The team ledger (issue 7): reads the staff channel from every connector's events. */
  readonly ledger: TeamLedger;

  /** The rules triage runs now; replaced whole when the team saves its pack. */
  private triage: TriageEngine | NonNullable<CoreOptions['triage']>;
  private readonly rules: RulePackStore;

  constructor(private readonly options: CoreOptions) {
    this.triage = options.triage ?? createTriageEngine({ domains: loadScamDomainLists() });
    this.rules = new RulePackStore(options.home);
    const triage = withAppeals({ evaluate: (event, context) => this.triage.evaluate(event, context) });
    // Staff names scammers copy: each space's moderators as its connector knows them, and the team roster.
    let roster: { state: unknown; records: number; names: readonly string[] } = { state: undefined, records: -1, names: [] };
    const staff = new StaffDirectory({
      platform: (sourceId, spaceId) => this.connectors.get(sourceId)?.staff?.(spaceId),
      roster: () => {
        const state = this.ledger.current();
        // Every applied record counts; the roster is read again only when one was.
        if (state !== roster.state || state.records !== roster.records) roster = { state, records: state.records, names: Object.values(state.roster).map((m) => m.name) };
        return roster.names;
      },
    });
    this.pipeline = new Pipeline({
      // A member's DM to the bot is an appeal or a question for the team, whatever the rules say.
      // Team ledger records are the team's own bookkeeping, not community messages: never flag them.
      triage: { evaluate: (event, context) => (this.ledger.isLedgerMessage(event) ? [] : triage.evaluate(event, context)) },
      context: (event) => staff.context(event),
      onError: (message, error) => log.error(message, error),
    });
    this.hub = new SyncHub(this.pipeline, () => [...this.connectors.values()], { backfill: options.backfill ?? 50 });
    this.executor = new ActionExecutor(join(options.home, 'actions-journal.jsonl'));
    this.sourcesFile = join(options.home, 'sources.json');
    this.ledger = new TeamLedger({
      home: options.home,
      secrets: options.secrets,
      host: {
        connector: (id) => this.connectors.get(id),
        connectors: () => [...this.connectors.values()],
        changed: (view) => this.hub.broadcast('team.changed', view),
      },
    });
  }

  /** Starts every known connection without waiting for any to be ready. */
  async start(): Promise<void> {
    await mkdir(this.options.home, { recursive: true, mode: 0o700 });
    // mkdir keeps an existing folder's mode (often 0755): secrets, sources and the journal live here.
    if (process.platform !== 'win32') await chmod(this.options.home, 0o700);
    // A team's saved pack replaces the built-in one before any event is triaged (a test's own triage stays).
    const loaded = await this.rules.load();
    if (loaded.custom && !this.options.triage) {
      const compiled = packProblems(loaded.pack, loadScamDomainLists());
      if (compiled.engine) this.triage = compiled.engine;
      else log.warn(`saved rules have problems; running the built-in rules: ${compiled.problems.join('; ')}`);
    }
    await this.ledger.start();
    for (const connection of this.options.ephemeral ?? []) this.addConnector(connection);
    for (const stored of await this.readStored()) {
      const connection = await this.restore(stored);
      if (connection) this.addConnector(connection);
      else log.warn(`source ${stored.id} has no credentials stored; skipping`);
    }
  }

  private async restore(stored: StoredSource): Promise<Connection | undefined> {
    const secrets = this.options.secrets;
    if (stored.platform === 'discord') {
      const token = await secrets.get(secretName(stored.id, 'token'));
      if (!token) return undefined;
      return { ...stored, token, practice: false };
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

  async stop(): Promise<void> {
    this.hub.flushAll();
    for (const pending of this.logins.values()) await pending.connector.stop();
    this.logins.clear();
    await Promise.all([...this.connectors.values()].map((c) => c.stop()));
    await this.ledger.stop();
  }

  sources(): SourceInfo[] {
    return [...this.connectors.values()].map((c) => c.info());
  }

  private addConnector(connection: Connection, started?: Connector): Connector {
    const connector = started ?? this.options.createConnector(connection);
    this.connectors.set(connection.id, connector);
    connector.onEvent((event) => {
      // Connectors that resume from more than message ids put the position an event moves on it (`cursor`).
      this.hub.ingest(event);
      this.ledger.observe(event);
    });
    let wasReady = false;
    connector.onInfo((info) => {
      this.hub.broadcast('sources.changed', info);
      const ready = info.state === 'ready';
      if (ready && !wasReady) this.hub.sourceReady(connector);
      if (ready && !wasReady) this.ledger.sourceReady(connector);
      wasReady = ready;
    });
    if (started) {
      wasReady = started.info().state === 'ready';
      if (wasReady) this.hub.sourceReady(started);
      if (wasReady) this.ledger.sourceReady(started);
      this.hub.broadcast('sources.changed', started.info());
    } else {
      void connector.start().then((result) => {
        if (!result.ok) log.warn(`source ${connection.label} did not start: ${result.error.code}`);
      });
    }
    return connector;
  }

  private async readStored(): Promise<StoredSource[]> {
    try {
      return z.array(StoredSourceSchema).parse(JSON.parse(await readFile(this.sourcesFile, 'utf8')));
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
      await writeFileAtomic(this.sourcesFile, JSON.stringify(list, null, 2), 0o600);
    });
  }

  /** One renderer (an Electron window, a host-mode WebSocket): commands in, events out. */
  openSession(subscriber: Subscriber): Session {
    const sync = this.hub.attach(subscriber);
    const handlers: { [N in CommandName]: (request: ParsedRequest<N>) => Promise<CommandResponse<N>> } = {
      'app.info': async () => ({
        version: this.options.version,
        mode: this.options.mode,
        practice: [...this.connectors.values()].some((c) => c.info().practice),
      }),
      'sources.list': async () => this.sources(),
      'sources.addDiscord': async (request) => this.addDiscord(request),
      'sources.addTelegramBot': async (request) => this.addTelegramBot(request),
      'sources.telegramLogin.start': async (request) => this.startTelegramLogin(request),
      'sources.telegramLogin.finish': async (request) => this.finishTelegramLogin(request),
      'sources.remove': async ({ sourceId }) => this.removeSource(sourceId),
      'sync.subscribe': async ({ cursors }) => {
        sync.subscribe(cursors);
        return { sources: this.sources() };
      },
      'conversation.context': async ({ sourceId, channelId, messageId, limit }) => {
        const connector = this.connectors.get(sourceId);
        if (!connector) return fail('not_found', 'That connection no longer exists.');
        const result = await connector.context(channelId, messageId, limit);
        if (!result.ok) return result;
        return ok(result.value.map((raw) => this.pipeline.process(raw).envelope.event));
      },
      'actions.execute': async ({ action }) => {
        const connector = this.connectors.get(action.sourceId);
        if (!connector) return fail('not_found', 'That connection no longer exists.');
        const reconcile = connector.reconcile?.bind(connector);
        return this.executor.execute(action, {
          run: (a) => connector.execute(a),
          ...(reconcile ? { reconcile } : {}),
          ready: () => connector.info().state === 'ready',
        });
      },
      'rules.get': async () => this.rules.load(),
      'rules.save': async ({ pack }) => this.saveRules(pack),
      'rules.reset': async () => {
        await this.rules.reset();
        const { pack } = await this.rules.load();
        if (!this.options.triage) this.triage = createTriageEngine({ pack, domains: loadScamDomainLists() });
        return ok({ rules: pack.rules.length });
      },
      'secrets.protection': async () => this.options.secrets.protection(),
      'secrets.allowUnencrypted': async ({ allow }) => {
        const store = this.options.secrets;
        if (!store.allowUnencrypted) return fail('unsupported', 'Secrets here are already protected; there is nothing to choose.');
        await store.allowUnencrypted(allow);
        return ok(store.protection());
      },
      ...this.ledger.handlers(),
      'desktop.status': async (status) => {
        (this.options.desktop ?? noDesktopShell).setStatus(status);
        return { ok: true as const };
      },
      'desktop.notify': async (notice) => ({ shown: (this.options.desktop ?? noDesktopShell).notify(notice) }),
    };
    return {
      invoke: async (name, payload) => {
        // Own keys only: `constructor` or `__proto__` are `in` every object.
        if (typeof name !== 'string' || !Object.hasOwn(commands, name)) throw new Error(`Unknown command ${String(name).slice(0, 64)}`);
        const command = name as CommandName;
        const parsed = commands[command].request.safeParse(payload ?? {});
        if (!parsed.success) {
          throw new Error(`Invalid ${command} request: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        }
        const handler = handlers[command] as (request: unknown) => Promise<unknown>;
        return handler(parsed.data);
      },
      close: () => sync.detach(),
    };
  }

  private async saveRules(input: unknown): Promise<CommandResponse<'rules.save'>> {
    const checked = packProblems(input, loadScamDomainLists());
    if (!checked.pack || !checked.engine) return packFailure(checked.problems);
    const saved = await this.rules.save(checked.pack);
    if (!saved.ok) return saved;
    // Behaviour windows (floods, raids) start afresh with the new pack.
    if (!this.options.triage) this.triage = checked.engine;
    log.info(`rules saved: ${checked.pack.rules.length} rules`);
    return ok({ rules: checked.pack.rules.length });
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
    return ok({ status: 'signed_in' as const, source: this.addConnector(connection, connector).info() });
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
    return ok(this.addConnector(connection, connector).info());
  }

  private async removeSource(sourceId: string): Promise<CommandResponse<'sources.remove'>> {
    const connector = this.connectors.get(sourceId);
    if (!connector) return fail('not_found', 'No such connection.');
    if (connector.info().practice) return fail('invalid_input', 'The practice community cannot be removed; it goes away once you connect a real account.');
    this.connectors.delete(sourceId);
    await connector.stop();
    this.hub.sourceRemoved(sourceId);
    await this.updateStored((list) => list.filter((s) => s.id !== sourceId));
    for (const kind of ['token', 'session', 'apiHash']) await this.options.secrets.delete(secretName(sourceId, kind));
    return ok({ removed: true });
  }
}

function isTelegramLogin(connector: Connector): connector is Connector & TelegramUserLogin {
  const c = connector as Partial<TelegramUserLogin>;
  return typeof c.beginUserLogin === 'function' && typeof c.completeUserLogin === 'function';
}

function secretName(sourceId: string, kind: string) {
  return `source:${sourceId}:${kind}`;
}
