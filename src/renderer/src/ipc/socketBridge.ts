// TribeBridge over the host-mode WebSocket: request/response frames matched by id, events fanned
// out to listeners, reconnect with capped exponential backoff — for as long as main is unreachable
// (a console restart keeps its address and token, so an open tab simply comes back). Knows frames,
// not command meanings.
import { z } from 'zod';
import type { CommandName, EventName } from '@shared/ipc/names';

export type BridgeState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** The transport is down: the request never reached main (or its answer never came back). */
export class BridgeOfflineError extends Error {
  constructor(message = 'Not connected to Tribekeeper') {
    super(message);
    this.name = 'BridgeOfflineError';
  }
}

const FrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('res'), id: z.number(), payload: z.unknown() }),
  z.object({ t: z.literal('err'), id: z.number(), message: z.string() }),
  z.object({ t: z.literal('evt'), name: z.string(), payload: z.unknown() }),
]);

/** No answer came within the time limit: main may or may not have run it (actions carry idempotency keys). */
export class BridgeTimeoutError extends BridgeOfflineError {
  constructor(
    readonly command: string,
    readonly seconds: number,
  ) {
    super(`Tribekeeper did not answer ${command} within ${seconds} s`);
    this.name = 'BridgeTimeoutError';
  }
}

interface Pending {
  resolve: (payload: unknown) => void;
  reject: (err: Error) => void;
}

/** Longest a request waits for its answer (a login or a rate-limited action can take a while). */
const REQUEST_TIMEOUT_MS = 90_000;

/** Close codes the host uses for "your launch token is missing or wrong" (host/server.ts: 4401). */
const REFUSED_CODES = new Set([1008, 4001, 4003, 4401, 4403]);
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
/** After this many failed attempts in a row the UI says "offline" instead of "reconnecting". */
const OFFLINE_AFTER = 3;

export interface SocketBridgeOptions {
  url: string;
  /** For tests: a WebSocket constructor. */
  WebSocketImpl?: typeof WebSocket;
  requestTimeoutMs?: number;
}

export class SocketBridge {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: BridgeState) => void>();
  private failures = 0;
  private everConnected = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  state: BridgeState = 'connecting';

  constructor(private readonly options: SocketBridgeOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
  }

  /** Try again now (the "Retry" button, the tab shown again), skipping the remaining backoff. */
  retry(): void {
    if (this.stopped || this.state === 'connected') return;
    // An attempt under way answers soon; a second socket beside it would race it.
    if (this.socket && this.socket.readyState === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.failures = 0;
    this.connect();
  }

  onState(listener: (state: BridgeState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  invoke(name: CommandName, payload: unknown): Promise<unknown> {
    const socket = this.socket;
    if (!socket || this.state !== 'connected' || socket.readyState !== socket.OPEN) {
      return Promise.reject(new BridgeOfflineError());
    }
    const id = this.nextId++;
    const limit = this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      // Every request ends: a frame main could not read, or an answer lost, must not hang the page.
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new BridgeTimeoutError(name, Math.round(limit / 1000)));
      }, limit);
      const settle = () => clearTimeout(timer);
      this.pending.set(id, {
        resolve: (value) => (settle(), resolve(value)),
        reject: (err) => (settle(), reject(err)),
      });
      socket.send(JSON.stringify({ t: 'req', id, name, payload }));
    });
  }

  on(name: EventName, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private setState(state: BridgeState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }

  private connect(): void {
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    let opened = false;
    let socket: WebSocket;
    try {
      socket = new Impl(this.options.url);
    } catch {
      this.setState('refused');
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      opened = true;
      this.failures = 0;
      this.everConnected = true;
      this.setState('connected');
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data === 'string') this.receive(ev.data);
    };
    socket.onclose = (ev: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      for (const p of this.pending.values()) p.reject(new BridgeOfflineError('The connection to Tribekeeper closed'));
      this.pending.clear();
      if (this.stopped) return;
      // The page was served by this very host, so a socket that never opens on the first try is
      // far more likely a refused token than a host that went away.
      if (REFUSED_CODES.has(ev.code) || (!opened && !this.everConnected && this.failures >= 1)) {
        this.setState('refused');
        return;
      }
      this.failures += 1;
      this.setState(this.failures >= OFFLINE_AFTER ? 'offline' : 'reconnecting');
      const base = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)] ?? 8000;
      this.timer = setTimeout(() => this.connect(), base + Math.floor(Math.random() * base * 0.25));
    };
  }

  private receive(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = FrameSchema.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.t === 'evt') {
      for (const l of this.listeners.get(frame.name) ?? []) l(frame.payload);
      return;
    }
    const p = this.pending.get(frame.id);
    if (!p) return;
    this.pending.delete(frame.id);
    if (frame.t === 'res') p.resolve(frame.payload);
    else p.reject(new Error(frame.message));
  }
}
