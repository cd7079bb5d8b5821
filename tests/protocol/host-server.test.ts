// Host mode's loopback server: the launch token and the Origin gate the contract; static files are
// served with the CSP; nothing outside the renderer folder is reachable.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../src/main/core/app';
import { serveHost } from '../../src/main/host/server';
import type { HostServer } from '../../src/main/host/server';
import { startBareCore } from './bareCore';

let host: HostServer;
let core: Core;
let rendererDir: string;

beforeAll(async () => {
  const started = await startBareCore('host');
  core = started.core;
  rendererDir = started.rendererDir;
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(started.root, 'secret.txt'), 'do not serve');
  host = await serveHost({ core, rendererDir });
});

afterAll(async () => {
  await host.close();
  await core.stop();
});

function open(url: string, origin?: string): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({}));
  });
}

/** What a tab of this console holding a wrong token hears: the close code, and any frame before it. */
function refusal(url: string, origin: string): Promise<{ code: number; frames: string[] }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    const frames: string[] = [];
    ws.on('open', () => ws.send(JSON.stringify({ t: 'req', id: 1, name: 'app.info', payload: {} })));
    ws.on('message', (data: WebSocket.RawData) => frames.push(data.toString()));
    ws.once('close', (code) => resolve({ code, frames }));
  });
}

function call(ws: WebSocket, id: number, name: string, payload: unknown): Promise<{ t: string; payload?: unknown; message?: string }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { t: string; id?: number };
      if (frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame as { t: string; payload?: unknown; message?: string });
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'req', id, name, payload }));
  });
}

function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host-mode WebSocket', () => {
  it('refuses a connection without the launch token, with a close code the tab can word', async () => {
    // The browser cannot read a refused handshake's status, and would take it for a console that is not running.
    expect(await refusal(`ws://127.0.0.1:${host.port}/ipc`, host.origin)).toEqual({ code: 4401, frames: [] });
    expect(await refusal(`ws://127.0.0.1:${host.port}/ipc?token=wrong`, host.origin)).toEqual({ code: 4401, frames: [] });
  });

  it('refuses another Origin, or none, even with the token', async () => {
    const url = `ws://127.0.0.1:${host.port}/ipc?token=${host.token}`;
    expect((await open(url, 'http://evil.example')).status).toBe(403);
    expect((await open(url, `http://127.0.0.1:${host.port + 1}`)).status).toBe(403);
    expect((await open(url)).status).toBe(403);
  });

  it('speaks the contract with the token and its own Origin, and rejects bad payloads in words', async () => {
    const { ws } = await open(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, host.origin);
    expect(ws).toBeDefined();
    const info = await call(ws!, 1, 'app.info', {});
    expect(info).toMatchObject({ t: 'res', payload: { mode: 'host', version: 'test', practice: false } });
    expect(await call(ws!, 2, 'sources.list', {})).toMatchObject({ t: 'res', payload: [] });
    const bad = await call(ws!, 3, 'actions.execute', { action: { kind: 'nuke' } });
    expect(bad.t).toBe('err');
    expect(bad.message).toMatch(/Invalid actions.execute request/);
    const unknown = await call(ws!, 4, 'shell.exec', { cmd: 'rm -rf /' });
    expect(unknown).toMatchObject({ t: 'err', message: 'Unknown command shell.exec' });
    const badToken = await call(ws!, 5, 'sources.addDiscord', { label: 'x', token: '<script>' });
    expect(badToken.t).toBe('err');
    ws!.close();
  });
});

describe('host-mode static files', () => {
  it('serves the renderer with a strict CSP', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    expect([403, 404]).toContain((await get('/../secret.txt')).status);
    expect([403, 404]).toContain((await get('/%2e%2e/secret.txt')).status);
    expect([403, 404]).toContain((await get('/assets/%2e%2e/%2e%2e/secret.txt')).status);
  });
});
