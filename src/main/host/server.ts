// Host mode: the renderer served to any browser, and the same contract over a WebSocket on
// 127.0.0.1. A connection needs the launch token and this server's own Origin; anything else is refused.
// The server listens before the core starts (a taken port is reported at once) and serves the
// contract from `attach(core)` on.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { WireFromClientSchema } from '@shared/ipc/contract';
import type { WireFromServer } from '@shared/ipc/contract';
import type { Core } from '../core/app';
import { logger } from '../util/log';

const log = logger('host');

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface HostServer {
  port: number;
  origin: string;
  token: string;
  url: string;
  /** From now on WebSocket connections speak the contract with this core. */
  attach(core: Core): void;
  close(): Promise<void>;
}

/** WebSocket close codes the renderer's bridge reads (see renderer ipc/socketBridge.ts). */
export const CLOSE_WRONG_TOKEN = 4401;
export const CLOSE_NOT_READY = 1013;

export interface ServeOptions {
  rendererDir: string;
  token?: string;
  /** Serves the contract at once; otherwise from `attach(core)` on. */
  core?: Core;
  /** How to listen on 127.0.0.1 (default: `port`, or any free port); returns the port. */
  listen?: (server: Server) => Promise<number>;
  port?: number;
}

export function newLaunchToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, text: string) {
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** The request target as a URL, or undefined when it is not one (`//[/ipc` makes `new URL` throw). */
export function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

/** DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own name as Host. */
export function allowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export async function serveHost(options: ServeOptions): Promise<HostServer> {
  const token = options.token ?? newLaunchToken();
  let core = options.core;
  const root = resolve(options.rendererDir);
  const allowedOrigins = new Set<string>();

  let port = 0;
  const server = createServer((req, res) => {
    if (!allowedHost(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Misdirected request');
      return;
    }
    void serveStatic(root, req, res).catch((error: unknown) => {
      log.warn('static file error', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  // Bytes Node's HTTP parser refuses: answer 400 and close (never an unhandled socket error).
  server.on('clientError', (_error, socket: Duplex) => refuse(socket, 400, 'Bad Request'));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseTarget(req.url);
    if (!url) return refuse(socket, 400, 'Bad Request');
    if (!allowedHost(req.headers.host, port)) return refuse(socket, 421, 'Misdirected Request');
    if (url.pathname !== '/ipc') return refuse(socket, 404, 'Not Found');
    const requestOrigin = req.headers.origin;
    if (!requestOrigin || !allowedOrigins.has(requestOrigin)) {
      log.warn(`refused a WebSocket from origin ${requestOrigin ?? '(none)'}`);
      return refuse(socket, 403, 'Forbidden');
    }
    // From its own Origin only a tab of this console asks: one holding an old token (a tab opened
    // before the settings folder's token was made) is told so in a close code it can word, rather
    // than a refused handshake that a browser cannot tell from a console that is not running.
    const given = url.searchParams.get('token');
    const attached = core;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!sameToken(given, token)) {
        log.warn('refused a WebSocket without the launch token');
        ws.close(CLOSE_WRONG_TOKEN, 'launch token');
      } else if (!attached) ws.close(CLOSE_NOT_READY, 'starting');
      else connect(attached, ws);
    });
  });

  port = await (options.listen ?? ((s: Server) => listenPlain(s, options.port ?? 0)))(server);
  const origin = `http://127.0.0.1:${port}`;
  allowedOrigins.add(origin).add(`http://localhost:${port}`);
  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    attach: (ready) => {
      core = ready;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function listenPlain(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolveListen(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function connect(core: Core, ws: WebSocket) {
  const send = (frame: WireFromServer) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const session = core.openSession({ emit: (name, payload) => send({ t: 'evt', name, payload }) });
  ws.on('message', (data, isBinary) => {
    // A frame we cannot read is answered, never dropped: the page would wait for it forever.
    if (isBinary) return ws.close(1003, 'text frames only');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return ws.close(1007, 'not JSON');
    }
    const frame = WireFromClientSchema.safeParse(json);
    if (!frame.success) {
      const id = frameId(json);
      if (id === undefined) return ws.close(1007, 'not a request frame');
      return send({ t: 'err', id, message: 'Malformed request frame' });
    }
    const { id, name, payload } = frame.data;
    session.invoke(name, payload).then(
      (result) => send({ t: 'res', id, payload: result }),
      (error: unknown) => send({ t: 'err', id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  ws.on('close', () => session.close());
  ws.on('error', () => session.close());
}

function frameId(json: unknown): number | undefined {
  if (!json || typeof json !== 'object' || !Object.hasOwn(json, 'id')) return undefined;
  const id = (json as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse) {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  const target = parseTarget(req.url);
  let pathname: string;
  try {
    if (!target) throw new URIError('not a request target');
    pathname = decodeURIComponent(target.pathname);
  } catch {
    res.writeHead(400, headers).end();
    return;
  }
  const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403, headers).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    res.writeHead(404, headers).end();
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    ...headers,
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': relative === 'index.html' ? 'no-store' : 'public, max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
