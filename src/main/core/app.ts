// The core: sources and their connectors, the pipeline, the sync hub, the action executor, and one
// handler per contract command. Plain Node; the Electron shell and host mode both wrap it.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SourceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import { commands } from '@shared/ipc/contract';
import type { AppInfo, CommandName, CommandResponse, ParsedRequest } from '@shared/ipc/contract';
import { createTriageEngine } from '@shared/triage';
import { ActionExecutor } from '../actions/executor';
import type { Connector } from '../connectors/types';
import type { SecretStore } from '../secrets/store';
import { Pipeline } from '../pipeline/pipeline';
import type { Triage } from '../pipeline/pipeline';
import { logger } from '../util/log';
import { SyncHub } from './sync';
import type { Subscriber } from './sync';

const log = logger('core');

export interface DiscordConnection {
  id: string;
  label: string;
  token: string;
  apiBase?: string;
  practice: boolean;
}

/** Builds a connector for a Discord connection; the entry supplies discord.js's, keeping the core free of it. */
export type ConnectorFactory = (connection: DiscordConnection) => Connector;

export interface CoreOptions {
  home: string;
  mode: AppInfo['mode'];
  version: string;
  secrets: SecretStore;
  createDiscordConnector: ConnectorFactory;
  /** Connections that live for this run only (the practice community, TRIBE_DISCORD_* env). */
  ephemeral?: DiscordConnection[];
  triage?: Triage;
  backfill?: number;
}

const StoredSourceSchema = z.object({
  id: z.string(),
  platform: z.literal('discord'),
  label: z.string(),
  apiBase: z.string().optional(),
});
type StoredSource = z.infer<typeof StoredSourceSchema>;

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

  constructor(private readonly options: CoreOptions) {
    this.pipeline = new Pipeline({
      triage: options.triage ?? createTriageEngine(),
      onError: (message, error) => log.error(message, error),
    });
    this.hub = new SyncHub(this.pipeline, () => [...this.connectors.values()], { backfill: options.backfill ?? 50 });
    this.executor = new ActionExecutor(join(options.home, 'actions-journal.jsonl'));
    this.sourcesFile = join(options.home, 'sources.json');
  }

  /** Starts every known connection without waiting for any to be ready. */
  async start(): Promise<void> {
    await mkdir(this.options.home, { recursive: true, mode: 0o700 });
    for (const connection of this.options.ephemeral ?? []) this.addConnector(connection);
    for (const stored of await this.readStored()) {
      const token = await this.options.secrets.get(secretName(stored.id));
      if (!token) {
        log.warn(`source ${stored.id} has no token stored; skipping`);
        continue;
      }
      this.addConnector({ ...stored, token, practice: false });
    }
  }

  async stop(): Promise<void> {
    this.hub.flushAll();
    await Promise.all([...this.connectors.values()].map((c) => c.stop()));
  }

  sources(): SourceInfo[] {
    return [...this.connectors.values()].map((c) => c.info());
  }

  private addConnector(connection: DiscordConnection, started?: Connector): Connector {
    const connector = started ?? this.options.createDiscordConnector(connection);
    this.connectors.set(connection.id, connector);
    connector.onEvent((event) => this.hub.ingest(event));
    let wasReady = false;
    connector.onInfo((info) => {
      this.hub.broadcast('sources.changed', info);
      const ready = info.state === 'ready';
      if (ready && !wasReady) this.hub.sourceReady(connector);
      wasReady = ready;
    });
    if (started) {
      wasReady = started.info().state === 'ready';
      if (wasReady) this.hub.sourceReady(started);
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

  private async writeStored(list: StoredSource[]) {
    await mkdir(this.options.home, { recursive: true, mode: 0o700 });
    await writeFile(this.sourcesFile, JSON.stringify(list, null, 2), { mode: 0o600 });
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
        return this.executor.execute(action, (a) => connector.execute(a));
      },
    };
    return {
      invoke: async (name, payload) => {
        if (!(name in commands)) throw new Error(`Unknown command ${name}`);
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

  private async addDiscord(request: ParsedRequest<'sources.addDiscord'>): Promise<CommandResponse<'sources.addDiscord'>> {
    const id = `discord-${randomUUID().slice(0, 8)}`;
    const connection: DiscordConnection = { id, label: request.label, token: request.token, practice: false };
    if (request.apiBase) connection.apiBase = request.apiBase.replace(/\/+$/, '');
    const connector = this.options.createDiscordConnector(connection);
    const started = await connector.start();
    if (!started.ok) {
      await connector.stop();
      return started;
    }
    await this.options.secrets.set(secretName(id), request.token);
    const stored: StoredSource = { id, platform: 'discord', label: connection.label };
    if (connection.apiBase) stored.apiBase = connection.apiBase;
    await this.writeStored([...(await this.readStored()), stored]);
    return ok(this.addConnector(connection, connector).info());
  }

  private async removeSource(sourceId: string): Promise<CommandResponse<'sources.remove'>> {
    const connector = this.connectors.get(sourceId);
    if (!connector) return fail('not_found', 'No such connection.');
    if (connector.info().practice) return fail('invalid_input', 'The practice community cannot be removed; it goes away once you connect a real account.');
    this.connectors.delete(sourceId);
    await connector.stop();
    this.hub.sourceRemoved(sourceId);
    await this.writeStored((await this.readStored()).filter((s) => s.id !== sourceId));
    await this.options.secrets.delete(secretName(sourceId));
    return ok({ removed: true });
  }
}

function secretName(sourceId: string) {
  return `source:${sourceId}:token`;
}
