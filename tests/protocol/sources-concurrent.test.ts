// Issue 17, finding 2: connections added at the same time are all saved (sources.json and their
// secrets), and a new console started on the same folder restores every one of them.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { Core } from '../../src/main/core/app';
import type { CoreOptions } from '../../src/main/core/app';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { FileSecretStore, KeychainlessSecretStore } from '../../src/main/secrets/store';
import { until } from './until';

let sim: DiscordSimulator;
const cores: Core[] = [];
let home: string;

function newCore(secrets: CoreOptions['secrets'] = new FileSecretStore(join(home, 'secrets.json'))): Core {
  const options: CoreOptions = {
    home,
    mode: 'host',
    version: 'test',
    secrets,
    createConnector: (c) => {
      if (c.platform !== 'discord') throw new Error('only Discord here');
      return new DiscordConnector(c);
    },
    backfill: 0,
  };
  const core = new Core(options);
  cores.push(core);
  return core;
}

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 17 });
  home = mkdtempSync(join(tmpdir(), 'tk-sources-'));
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await sim.close();
});

describe('concurrent connection adds', () => {
  it('saves every connection added at once, and a restart restores them all', async () => {
    const core = newCore();
    await core.start();
    const session = core.openSession({ emit: () => undefined });
    const labels = ['one', 'two', 'three'];
    const results = await Promise.all(labels.map((label) => session.invoke('sources.addDiscord', { label, token: sim.token, apiBase: sim.apiBase })));
    for (const r of results) expect(r).toMatchObject({ ok: true });
    const saved = JSON.parse(readFileSync(join(home, 'sources.json'), 'utf8')) as Array<{ label: string }>;
    expect(saved.map((s) => s.label).sort()).toEqual([...labels].sort());
    expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    session.close();
    await core.stop();

    const restarted = newCore();
    await restarted.start();
    expect(restarted.sources().map((s) => s.label).sort()).toEqual([...labels].sort());
    await until(() => restarted.sources().every((s) => s.state === 'ready'), 'restored connections ready');
  });
});

describe('secrets without a keychain (issue 17, finding 3)', () => {
  it('saves no connection until the user agrees to keep secrets unencrypted, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-keychainless-'));
    const secrets = await new KeychainlessSecretStore(join(dir, 'secrets.bin'), join(dir, 'secrets-consent.json'), 'unavailable').load();
    const previous = home;
    home = dir;
    const core = newCore(secrets);
    home = previous;
    await core.start();
    const session = core.openSession({ emit: () => undefined });
    expect(await session.invoke('secrets.protection', {})).toEqual({ kind: 'unencrypted', reason: 'unavailable', allowed: false });
    const refused = await session.invoke('sources.addDiscord', { label: 'real', token: sim.token, apiBase: sim.apiBase });
    expect(refused).toMatchObject({ ok: false, error: { code: 'secrets_unprotected' } });
    expect(core.sources()).toEqual([]);
    expect(await session.invoke('secrets.allowUnencrypted', { allow: true })).toEqual({ ok: true, value: { kind: 'unencrypted', reason: 'unavailable', allowed: true } });
    expect(await session.invoke('sources.addDiscord', { label: 'real', token: sim.token, apiBase: sim.apiBase })).toMatchObject({ ok: true });
    expect(readFileSync(join(dir, 'secrets.bin'), 'utf8')).toContain(sim.token);
    session.close();
  });

  it('has nothing to choose where secrets are protected', async () => {
    const core = newCore();
    const session = core.openSession({ emit: () => undefined });
    expect(await session.invoke('secrets.protection', {})).toEqual({ kind: 'file' });
    expect(await session.invoke('secrets.allowUnencrypted', { allow: true })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    session.close();
  });
});
