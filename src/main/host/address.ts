// One address per settings folder. A browser keeps its local store (IndexedDB: inbox, cases, the
// outbox) per origin, so host mode must come back on the same port, with the same launch token, for a
// restart to lose nothing. Both are chosen once and kept in <home>/host.json (mode 0600).
import { randomInt } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { logger } from '../util/log';

const log = logger('host');

export interface HostAddress {
  port: number;
  token: string;
}

const StoredSchema = z.object({
  port: z.number().int().min(1).max(65_535).optional(),
  token: z.string().regex(/^[A-Za-z0-9_-]{20,}$/).optional(),
});

export function hostAddressFile(home: string): string {
  return join(home, 'host.json');
}

/** What an earlier start kept; nothing when this settings folder never ran host mode (or the file is unreadable). */
export async function readHostAddress(home: string): Promise<Partial<HostAddress>> {
  const file = hostAddressFile(home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`cannot read ${file}; choosing a new address`, error);
    return {};
  }
  try {
    const parsed = StoredSchema.parse(JSON.parse(text));
    const out: Partial<HostAddress> = {};
    if (parsed.port !== undefined) out.port = parsed.port;
    if (parsed.token !== undefined) out.token = parsed.token;
    return out;
  } catch {
    log.warn(`${file} is not a host address file; choosing a new address`);
    return {};
  }
}

export async function writeHostAddress(home: string, address: HostAddress): Promise<void> {
  await mkdir(home, { recursive: true, mode: 0o700 });
  const file = hostAddressFile(home);
  const tmp = join(home, `.host-${process.pid}-${Date.now()}.tmp`);
  await writeFile(tmp, `${JSON.stringify(address, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** The port an explicit `--port` / TRIBE_PORT asks for, or the kept one, is held by another program. */
export class PortInUseError extends Error {
  readonly code = 'port_in_use';
  constructor(
    readonly port: number,
    readonly home: string,
    readonly asked: 'option' | 'stored',
    /** The address of a console that already runs with this settings folder, when that is what holds the port. */
    readonly runningAt?: string,
  ) {
    super(portInUseMessage(port, home, asked, runningAt));
    this.name = 'PortInUseError';
  }
}

function portInUseMessage(port: number, home: string, asked: 'option' | 'stored', runningAt?: string): string {
  if (runningAt) {
    return [
      `Tribekeeper already runs with this settings folder (${home}) on port ${port}.`,
      `Open that console's address in your browser:\n\n  ${runningAt}\n`,
      `or stop it first (Ctrl-C where it runs) and start again.`,
    ].join('\n');
  }
  const lines =
    asked === 'option'
      ? [`Port ${port} (asked for with --port or TRIBE_PORT) is already in use on 127.0.0.1.`, `Choose another port with --port <number>, or stop the program that uses ${port}.`]
      : [
          `Port ${port} is this settings folder's address (${home}), and something else is using it now.`,
          `- If Tribekeeper already runs with this folder, use that one: a second console on the same folder is not supported.`,
          `- Otherwise stop the program that uses port ${port} and start again: the browser keeps your inbox and outbox for this address.`,
          `- Or move to another port once with --port <number>; it is kept from then on. The browser's store belongs to the old address: open it there first if actions wait in its outbox.`,
        ];
  return lines.join('\n');
}

/**
 * Ports tried for a settings folder that has none yet: below Linux's ephemeral range (32768 and up),
 * from which the kernel hands out `listen(0)` ports and the local ports of outgoing connections, so
 * the kept port is seldom found taken by a passing connection on a later start.
 */
export function freshPortCandidates(count: number, pick: (min: number, max: number) => number = randomInt): number[] {
  const out = new Set<number>();
  while (out.size < count) out.add(pick(20_000, 32_000));
  return [...out];
}

function listenOnce(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function inUse(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

/**
 * Listens on 127.0.0.1: on `fixed` (the kept or asked-for port; taken → PortInUseError), or on a
 * fresh free port for a settings folder that has none yet (a few candidates, then any the kernel gives).
 */
export async function listenForHome(server: Server, home: string, wanted: { port?: number; asked: 'option' | 'stored' } | undefined): Promise<number> {
  if (wanted?.port) {
    try {
      return await listenOnce(server, wanted.port);
    } catch (error) {
      if (inUse(error)) throw new PortInUseError(wanted.port, home, wanted.asked);
      throw error;
    }
  }
  for (const port of freshPortCandidates(8)) {
    try {
      return await listenOnce(server, port);
    } catch (error) {
      if (!inUse(error)) throw error;
    }
  }
  return listenOnce(server, 0);
}
