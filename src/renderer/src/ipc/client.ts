// The only module that talks to main. In Electron the preload's `window.tribe`; anywhere else the
// same contract over the host-mode WebSocket. Every response and event is parsed with the contract's
// zod schemas here, so the rest of the renderer only ever sees validated data.
import { commands, events, type CommandName, type CommandRequest, type CommandResponse, type EventName, type EventPayload, type TribeBridge } from '@shared/ipc/contract';
import { BridgeOfflineError, SocketBridge, type BridgeState } from './socketBridge';
import { takeLaunchToken } from './token';

export { BridgeOfflineError, type BridgeState };

interface Transport {
  invoke(name: CommandName, request: unknown): Promise<unknown>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
  state: BridgeState;
  onState(listener: (state: BridgeState) => void): () => void;
  retry(): void;
}

declare global {
  interface Window {
    tribe?: TribeBridge;
  }
}

function electronTransport(tribe: TribeBridge): Transport {
  return {
    invoke: (name, request) => tribe.invoke(name, request as never),
    on: (name, listener) => tribe.on(name, listener),
    state: 'connected',
    onState: () => () => undefined,
    retry: () => undefined,
  };
}

function refusedTransport(): Transport {
  return {
    invoke: () => Promise.reject(new BridgeOfflineError('No launch token')),
    on: () => () => undefined,
    state: 'refused',
    onState: () => () => undefined,
    retry: () => undefined,
  };
}

function socketTransport(token: string): Transport {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const bridge = new SocketBridge({ url: `${scheme}://${location.host}/ipc?token=${encodeURIComponent(token)}` });
  bridge.start();
  // A moderator coming back to the tab (or the network coming back) should not wait out the backoff.
  const again = () => {
    if (bridge.state === 'offline' || bridge.state === 'reconnecting') bridge.retry();
  };
  window.addEventListener('online', again);
  window.addEventListener('focus', again);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') again();
  });
  return {
    invoke: (name, request) => bridge.invoke(name, request),
    on: (name, listener) => bridge.on(name, listener),
    get state() {
      return bridge.state;
    },
    onState: (listener) => bridge.onState(listener),
    retry: () => bridge.retry(),
  };
}

let transport: Transport | undefined;

function current(): Transport {
  if (!transport) {
    if (window.tribe) transport = electronTransport(window.tribe);
    else {
      const token = takeLaunchToken({ location, history, storage: sessionStorage });
      transport = token ? socketTransport(token) : refusedTransport();
    }
  }
  return transport;
}

/** Calls a command on main and validates its answer against the contract. */
export async function send<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResponse<N>> {
  const raw = await current().invoke(name, request);
  return commands[name].response.parse(raw) as CommandResponse<N>;
}

/** Listens to an event from main; malformed payloads are dropped, never handed on. */
export function subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const schema = events[name];
  return current().on(name, (payload) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
    else console.warn(`Dropped a malformed ${name} event from main`);
  });
}

export function bridgeState(): BridgeState {
  return current().state;
}

export function onBridgeState(listener: (state: BridgeState) => void): () => void {
  return current().onState(listener);
}

export function retryBridge(): void {
  current().retry();
}

export function isElectron(): boolean {
  return window.tribe !== undefined;
}
