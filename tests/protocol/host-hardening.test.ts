// Issue 17's findings on the host-mode socket: no request of any shape ends the process (fuzzed with
// fast-check at the raw HTTP level), only our own Host is served, every bad frame is answered, and
// command names are own keys of the contract only.
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../src/main/core/app';
import { allowedHost, parseTarget, serveHost } from '../../src/main/host/server';
import type { HostServer } from '../../src/main/host/server';
import { startBareCore } from './bareCore';

let host: HostServer;
let core: Core;

beforeAll(async () => {
  const started = await startBareCore('hostfuzz');
  core = started.core;
  host = await serveHost({ core, rendererDir: started.rendererDir });
});

afterAll(async () => {
  await host.close();
  await core.stop();
});

/** Sends raw bytes and resolves with the status code of the answer (0: closed without one). */
function raw(request: string | Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let text = '';
    const done = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve(status ? Number(status[1]) : 0);
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n')) done();
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request);
  });
}

function upgradeRequest(target: string, headers: { host?: string; origin?: string } = {}): string {
  return (
    `GET ${target} HTTP/1.1\r\n` +
    `Host: ${headers.host ?? `127.0.0.1:${host.port}`}\r\n` +
    `Origin: ${headers.origin ?? host.origin}\r\n` +
    'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
  );
}

function httpRequest(target: string, hostHeader = `127.0.0.1:${host.port}`, method = 'GET'): string {
  return `${method} ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`;
}

async function stillServing(): Promise<void> {
  expect(await raw(httpRequest('/'))).toBe(200);
}

/** Characters a request target may carry on the wire (no space, CR or LF), weighted to URL syntax. */
const targetChar = fc.oneof(
  fc.constantFrom('/', '[', ']', '%', '\\', '@', ':', '?', '#', '.', '&', '=', '~', '!', '*', "'", '(', ')', ';', ',', '+', '$'),
  fc.constantFrom('a', 'i', 'p', 'c', 'E', '0', 'f', '2', 'F'),
  fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
);
const target = fc.oneof(
  fc.string({ unit: targetChar, maxLength: 40 }),
  fc.string({ unit: targetChar, maxLength: 30 }).map((s) => `//${s}/ipc`),
  fc.string({ unit: targetChar, maxLength: 30 }).map((s) => `/ipc?${s}`),
);

describe('host mode survives hostile requests (finding 1)', () => {
  it('answers 400 to the target that used to end the process', async () => {
    expect(await raw(upgradeRequest('//[/ipc'))).toBe(400);
    expect(await raw(upgradeRequest(`//[/ipc?token=${host.token}`))).toBe(400);
    await stillServing();
  });

  it('answers every fuzzed upgrade request and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.option(fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ''))), async (t, hostHeader) => {
        const status = await raw(upgradeRequest(t, hostHeader === null ? {} : { host: hostHeader }));
        // 101 for /ipc from our Origin: a wrong token is then told by a close code. 0 only when the
        // socket closed before any status line.
        expect([0, 101, 400, 401, 403, 404, 421]).toContain(status);
      }),
      { numRuns: 80 },
    );
    await stillServing();
  });

  it('answers every fuzzed HTTP request and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS'), async (t, method) => {
        const status = await raw(httpRequest(t, `127.0.0.1:${host.port}`, method));
        expect([0, 200, 400, 403, 404, 405]).toContain(status);
      }),
      { numRuns: 80 },
    );
    await stillServing();
  });

  it('parses request targets without throwing', () => {
    fc.assert(fc.property(fc.string(), (t) => void parseTarget(t)));
    expect(parseTarget('//[/ipc')).toBeUndefined();
    expect(parseTarget('/ipc?token=a')?.pathname).toBe('/ipc');
  });
});

describe('DNS rebinding (finding 7)', () => {
  it('serves only Host 127.0.0.1:PORT or localhost:PORT', async () => {
    expect(allowedHost(`127.0.0.1:${host.port}`, host.port)).toBe(true);
    expect(allowedHost(`localhost:${host.port}`, host.port)).toBe(true);
    expect(allowedHost(`evil.example:${host.port}`, host.port)).toBe(false);
    expect(allowedHost(`127.0.0.1:${host.port + 1}`, host.port)).toBe(false);
    expect(allowedHost(undefined, host.port)).toBe(false);
    expect(await raw(httpRequest('/', `evil.example:${host.port}`))).toBe(421);
    expect(await raw(httpRequest('/', `localhost:${host.port}`))).toBe(200);
    // Even with the token and a right-looking Origin, a rebinding page's own Host is refused.
    expect(await raw(upgradeRequest(`/ipc?token=${host.token}`, { host: `rebind.example:${host.port}` }))).toBe(421);
    expect(await raw(upgradeRequest(`/ipc?token=${host.token}`))).toBe(101);
  });
});

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, { origin: host.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket): Promise<{ t: string; id?: number; message?: string }> {
  return new Promise((resolve) => ws.once('message', (data: WebSocket.RawData) => resolve(JSON.parse(data.toString()) as { t: string })));
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));
}

describe('bad frames are answered (finding 6)', () => {
  it('answers a frame of the wrong shape that has an id with an err frame', async () => {
    const ws = await openSocket();
    const answer = nextFrame(ws);
    ws.send(JSON.stringify({ t: 'req', id: 7, name: 42 }));
    expect(await answer).toMatchObject({ t: 'err', id: 7 });
    ws.close();
  });

  it('closes with 1007 on malformed JSON or a frame without an id, 1003 on binary', async () => {
    for (const [frame, code] of [
      ['{not json', 1007],
      [JSON.stringify({ hello: 'world' }), 1007],
      [JSON.stringify(null), 1007],
      [Buffer.from([1, 2, 3]), 1003],
    ] as const) {
      const ws = await openSocket();
      const code$ = closed(ws);
      ws.send(frame);
      expect(await code$).toBe(code);
    }
    await stillServing();
  });
});

describe('command names (finding 8)', () => {
  it('refuses names inherited from Object.prototype as unknown commands', async () => {
    const ws = await openSocket();
    let id = 1;
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '__defineGetter__']) {
      const answer = nextFrame(ws);
      ws.send(JSON.stringify({ t: 'req', id, name, payload: {} }));
      expect(await answer).toMatchObject({ t: 'err', id, message: `Unknown command ${name}` });
      id++;
    }
    ws.close();
  });
});
