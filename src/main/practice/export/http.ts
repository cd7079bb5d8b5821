// Small helpers the local Slack and Notion peers share: a loopback HTTP server and body reading.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > 1_000_000) throw new Error('body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'internal' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fault a test injects: the next `times` matching calls answer `status`, before (or after) doing the work. */
export interface PeerFault {
  method: string;
  status: number;
  times: number;
  /** Do the work first and lose only the answer (a 5xx after the commit). */
  afterCommit?: boolean;
  retryAfterSeconds?: number;
}

export function takeFault(faults: PeerFault[], method: string): PeerFault | undefined {
  const fault = faults.find((f) => f.method === method && f.times > 0);
  if (fault) fault.times -= 1;
  return fault;
}

/** Requests in the last second per key: over `limit`, the platform answers 429. */
export class Window {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}
  /** Seconds to wait when over the limit, else undefined (and the hit counts). */
  hit(key: string): number | undefined {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((x) => t - x < 1000);
    if (recent.length >= this.limit) return Math.max(1, Math.ceil((1000 - (t - (recent[0] ?? t))) / 1000));
    recent.push(t);
    this.hits.set(key, recent);
    return undefined;
  }
}
