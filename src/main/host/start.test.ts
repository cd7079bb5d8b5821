// Host mode's address per settings folder: chosen once (a free port), kept, reused on every start;
// `--port` moves it; a kept port held by another program stops the start with words on what to do.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPortCandidates, hostAddressFile, PortInUseError } from './address';
import { startHost, type RunningHost } from './start';

const rendererDir = mkdtempSync(join(tmpdir(), 'tk-host-renderer-'));
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

const running: RunningHost[] = [];
const blockers: Server[] = [];
const held: Socket[] = [];

afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
  for (const socket of held.splice(0)) socket.destroy();
  for (const server of blockers.splice(0)) await new Promise((r) => server.close(r));
});

async function start(home: string, port?: number): Promise<RunningHost> {
  const host = await startHost({ home, rendererDir, practice: false, ...(port ? { port } : {}) });
  running.push(host);
  return host;
}

async function stop(host: RunningHost): Promise<void> {
  running.splice(running.indexOf(host), 1);
  await host.close();
}

/** Holds a port the way another program would (it accepts connections and never answers). */
function occupy(port = 0): Promise<number> {
  const server = createServer((socket) => held.push(socket));
  blockers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

const newHome = () => mkdtempSync(join(tmpdir(), 'tk-host-home-'));
const kept = (home: string) => JSON.parse(readFileSync(hostAddressFile(home), 'utf8')) as { port: number; token: string };

describe('host address per settings folder', () => {
  it('chooses a free port once and comes back on it, with the same launch token', async () => {
    const home = newHome();
    const first = await start(home);
    expect(kept(home)).toEqual({ port: first.port, token: first.token });
    expect(statSync(hostAddressFile(home)).mode & 0o777).toBe(0o600);
    await stop(first);
    const second = await start(home);
    expect(second.url).toBe(first.url);
    expect(second.origin).toBe(first.origin);
  });

  it('gives each settings folder its own port, so consoles (and tests) run side by side', async () => {
    const [a, b] = await Promise.all([start(newHome()), start(newHome())]);
    expect(a.port).not.toBe(b.port);
    expect(a.token).not.toBe(b.token);
  });

  it('lets --port override the kept port, and keeps the new one', async () => {
    const home = newHome();
    const first = await start(home);
    await stop(first);
    const wanted = await occupy();
    await new Promise((r) => blockers.pop()!.close(r));
    const moved = await start(home, wanted);
    expect(moved.port).toBe(wanted);
    expect(moved.token).toBe(first.token);
    expect(kept(home).port).toBe(wanted);
    await stop(moved);
    expect((await start(home)).port).toBe(wanted);
  });

  it('stops with words on what to do when the kept port is taken by something else', async () => {
    const home = newHome();
    const first = await start(home);
    await stop(first);
    await occupy(first.port);
    const error = await startHost({ home, rendererDir, practice: false }).then(
      (host) => (running.push(host), undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).runningAt).toBeUndefined();
    const message = (error as Error).message;
    expect(message).toContain(`Port ${first.port}`);
    expect(message).toContain(home);
    expect(message).toMatch(/stop the program that uses port/);
    expect(message).toMatch(/--port <number>/);
    // Nothing moved: the next start, once the port is free, is on the same address.
    expect(kept(home)).toEqual({ port: first.port, token: first.token });
  });

  it('points to the console already running with this settings folder, when that is what holds the port', async () => {
    const home = newHome();
    const first = await start(home);
    const error = await startHost({ home, rendererDir, practice: false }).then(
      (host) => (running.push(host), undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).runningAt).toBe(first.url);
    expect((error as Error).message).toContain('already runs with this settings folder');
    expect((error as Error).message).toContain(first.url);
  });

  it('says so when the port asked for with --port is taken', async () => {
    const taken = await occupy();
    const error = await startHost({ home: newHome(), rendererDir, practice: false, port: taken }).then(
      (host) => (running.push(host), undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).asked).toBe('option');
    expect((error as Error).message).toMatch(new RegExp(`Port ${taken} \\(asked for with --port`));
  });

  it('replaces an unreadable address file with a fresh address', async () => {
    const home = newHome();
    writeFileSync(hostAddressFile(home), '{"port": "eighty"}');
    const host = await start(home);
    expect(kept(home).port).toBe(host.port);
  });

  it('picks fresh ports below the kernel’s ephemeral range', () => {
    const ports = freshPortCandidates(50);
    expect(new Set(ports).size).toBe(50);
    for (const p of ports) expect(p >= 20_000 && p < 32_768).toBe(true);
  });
});
