// `npm start` on a warm machine: bundles are rebuilt only when their inputs changed, and a failed
// Electron download is remembered for a day (until --retry-electron) instead of retried every start.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM scripts shared with `npm start`
import { planBuild, recordBuilt, TARGETS } from '../../scripts/build-cache.mjs';
// @ts-expect-error — plain ESM scripts shared with `npm start`
import { electronForStart, REMEMBER_MS, takeRetryFlag } from '../../scripts/electron-availability.mjs';

type Plan = { stale: string[]; fingerprints: Record<string, string> };
const plan = planBuild as (root: string) => Plan;
const record = recordBuilt as (root: string, names: string[], fingerprints: Record<string, string>) => void;

let root: string;
const write = (rel: string, text = 'x') => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
/** Moves a file's mtime forward, as an editor's save does. */
const touch = (rel: string) => {
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, rel), later, later);
};
const buildAll = () => {
  const p = plan(root);
  for (const t of Object.values(TARGETS as Record<string, { outputs: string[] }>)) for (const f of t.outputs) write(f);
  record(root, p.stale, p.fingerprints);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tk-start-'));
  for (const f of ['src/main/index.ts', 'src/main/core/app.test.ts', 'src/preload/index.ts', 'src/renderer/src/App.tsx', 'src/shared/ipc/contract.ts', 'package.json']) write(f);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build only what changed', () => {
  it('builds everything the first time, nothing when nothing changed', () => {
    expect(plan(root).stale).toEqual(['main', 'preload', 'renderer']);
    buildAll();
    expect(plan(root).stale).toEqual([]);
  });

  it('rebuilds the bundle whose sources changed, all of them for shared code', () => {
    buildAll();
    touch('src/renderer/src/App.tsx');
    expect(plan(root).stale).toEqual(['renderer']);
    buildAll();
    write('src/main/new-module.ts');
    expect(plan(root).stale).toEqual(['main']);
    buildAll();
    touch('src/shared/ipc/contract.ts');
    expect(plan(root).stale).toEqual(['main', 'preload', 'renderer']);
  });

  it('ignores test files, and rebuilds a bundle whose output is gone', () => {
    buildAll();
    touch('src/main/core/app.test.ts');
    expect(plan(root).stale).toEqual([]);
    rmSync(join(root, 'out/main/host.js'));
    expect(plan(root).stale).toEqual(['main']);
  });
});

describe('Electron unavailable: remembered for a day', () => {
  type Found = { path?: string; reason?: string; remembered?: boolean };
  const start = electronForStart as (o: object) => Found;
  let downloads: number;
  let available: boolean;
  const ensure = ({ tryDownload }: { tryDownload: boolean }): Found => {
    if (available) return { path: '/opt/electron' };
    if (!tryDownload) return { reason: 'the Electron binary is not installed' };
    downloads++;
    return { reason: 'the Electron binary could not be downloaded here (ENOTFOUND)' };
  };
  const at = Date.UTC(2026, 11, 1, 12);
  const opts = (extra: object = {}) => ({ memoFile: join(root, 'memo/electron.json'), ensure, version: '41.7.1', now: at, ...extra });
  beforeEach(() => {
    downloads = 0;
    available = false;
  });

  it('tries the download once, then says why without trying again the same day', () => {
    expect(start(opts()).reason).toMatch(/could not be downloaded/);
    expect(downloads).toBe(1);
    const again = start(opts({ now: at + REMEMBER_MS - 1 }));
    expect(downloads).toBe(1);
    expect(again).toMatchObject({ remembered: true });
    expect(again.reason).toMatch(/ENOTFOUND.*remembered since 2026-12-01 12:00 UTC.*--retry-electron/);
  });

  it('tries again after a day, on --retry-electron, and for another Electron version', () => {
    start(opts());
    start(opts({ now: at + REMEMBER_MS }));
    expect(downloads).toBe(2);
    start(opts({ now: at + REMEMBER_MS + 1, retry: true }));
    expect(downloads).toBe(3);
    start(opts({ now: at + REMEMBER_MS + 2, version: '41.8.0' }));
    expect(downloads).toBe(4);
  });

  it('uses an installed binary at once and forgets a remembered failure once one is had', () => {
    start(opts());
    available = true;
    expect(start(opts({ now: at + 1 }))).toEqual({ path: '/opt/electron' });
    expect(downloads).toBe(1);
    available = false;
    start(opts({ now: at + 2 }));
    expect(downloads).toBe(2);
  });

  it('keeps --retry-electron out of the console’s own arguments', () => {
    expect(takeRetryFlag(['--port', '5555', '--retry-electron'])).toEqual({ retry: true, rest: ['--port', '5555'] });
    expect(takeRetryFlag(['--practice'])).toEqual({ retry: false, rest: ['--practice'] });
  });
});
