// A whole core for protocol tests — real connectors against practice servers, the pipeline with triage
// — with one session whose batches go through the renderer's ingest into IndexedDB, one after another,
// as the renderer's sync stores them. Tests wait on what ends up stored, never on time.
import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { InboxItem } from '../../src/shared/domain/inbox';
import type { Envelope } from '../../src/shared/domain/model';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import { Core, type Session, type TelegramConnection } from '../../src/main/core/app';
import type { Connection } from '../../src/main/core/connections';
import { FileSecretStore } from '../../src/main/secrets/store';
import { TribeDb } from '../../src/renderer/src/db/db';
import { ingestBatch } from '../../src/renderer/src/db/ingest';
import { uniqueDbName } from '../../src/renderer/src/db/testing';
import { until } from './until';

export interface StoredCore {
  core: Core;
  session: Session;
  db: TribeDb;
  /** Every envelope main sent, in order. */
  envelopes: Envelope[];
  /** Waits until every batch so far is stored (and fails with the store's error, if any). */
  settled(): Promise<void>;
  /** The stored item with this id, once it exists. */
  item(id: string): Promise<InboxItem>;
  /** The first stored item that passes `test`, once there is one. */
  itemWhere(test: (item: InboxItem) => boolean, what: string): Promise<InboxItem>;
  close(): Promise<void>;
}

export async function startStoredCore(name: string, ephemeral: Connection[], options: { backfill?: number; telegramApp?: { apiId: number; apiHash: string } } = {}): Promise<StoredCore> {
  const home = mkdtempSync(join(tmpdir(), `tk-${name}-`));
  const core = new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral,
    ...(options.telegramApp ? { telegramApp: options.telegramApp } : {}),
    createConnector: (c) => (c.platform === 'discord' ? new DiscordConnector(c) : new TelegramConnector(c as TelegramConnection)),
    ...(options.backfill !== undefined ? { backfill: options.backfill } : {}),
  });
  const db = new TribeDb(uniqueDbName(name));
  await core.start();
  await until(() => (core.sources().every((s) => s.state === 'ready') ? true : undefined), 'every source ready');
  const envelopes: Envelope[] = [];
  let stored: Promise<unknown> = Promise.resolve();
  let storeError: unknown;
  const session = core.openSession({
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'events.received') return;
      const batch = (payload as EventPayload<'events.received'>).envelopes;
      envelopes.push(...batch);
      stored = stored.then(() => ingestBatch(db, batch)).catch((error: unknown) => (storeError = error));
    },
  });
  await session.invoke('sync.subscribe', { cursors: [] });
  const settled = async () => {
    await stored;
    if (storeError) throw storeError;
  };
  const itemWhere = async (test: (item: InboxItem) => boolean, what: string): Promise<InboxItem> => {
    let found: InboxItem | undefined;
    await expect
      .poll(async () => {
        await settled();
        found = (await db.inboxItems.toArray()).find(test);
        return found !== undefined;
      }, { timeout: 15_000, message: what })
      .toBe(true);
    return found!;
  };
  return {
    core,
    session,
    db,
    envelopes,
    settled,
    item: (id) => itemWhere((i) => i.id === id, `item ${id}`),
    itemWhere,
    async close() {
      session.close();
      await core.stop();
      db.close();
    },
  };
}
