import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeOfflineError, BridgeTimeoutError, SocketBridge, type BridgeState } from './socketBridge';

/** A WebSocket double the test drives from the server's side. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: Array<{ t: string; id: number; name: string; payload: unknown }> = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop(1000);
  }
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  push(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

function bridge() {
  const b = new SocketBridge({ url: 'ws://host/ipc?token=t', WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
  const states: BridgeState[] = [];
  b.onState((s) => states.push(s));
  b.start();
  return { b, states };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('SocketBridge', () => {
  it('matches answers to requests by id and fans events out', async () => {
    const { b } = bridge();
    latest().accept();
    const events: unknown[] = [];
    b.on('sources.changed', (p) => events.push(p));
    const first = b.invoke('app.info', {});
    const second = b.invoke('sources.list', {});
    const [r1, r2] = latest().sent;
    latest().push({ t: 'res', id: r2!.id, payload: ['two'] });
    latest().push({ t: 'err', id: r1!.id, message: 'nope' });
    latest().push('not json');
    latest().push({ t: 'weird' });
    latest().push({ t: 'evt', name: 'sources.changed', payload: { id: 's' } });
    await expect(second).resolves.toEqual(['two']);
    await expect(first).rejects.toThrow('nope');
    expect(events).toEqual([{ id: 's' }]);
    expect(r1).toMatchObject({ t: 'req', name: 'app.info', payload: {} });
  });

  it('refuses requests while not connected', async () => {
    const { b } = bridge();
    await expect(b.invoke('app.info', {})).rejects.toBeInstanceOf(BridgeOfflineError);
  });

  it('rejects what was in flight when the socket drops, then reconnects with backoff', async () => {
    const { b, states } = bridge();
    latest().accept();
    const pending = b.invoke('app.info', {});
    latest().drop();
    await expect(pending).rejects.toBeInstanceOf(BridgeOfflineError);
    expect(b.state).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(2);
    latest().accept();
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('says offline after repeated failures, and keeps trying', async () => {
    const { b } = bridge();
    latest().accept();
    for (let i = 0; i < 3; i++) {
      latest().drop();
      await vi.runOnlyPendingTimersAsync();
    }
    expect(b.state).toBe('offline');
    latest().accept();
    expect(b.state).toBe('connected');
  });

  it('reports a refusal when the host closes with a refusal code', () => {
    const { b } = bridge();
    latest().drop(4401);
    expect(b.state).toBe('refused');
  });

  it('reports a refusal when the socket never opens, without retrying forever', async () => {
    const { b } = bridge();
    latest().drop();
    expect(b.state).toBe('reconnecting');
    await vi.runOnlyPendingTimersAsync();
    latest().drop();
    expect(b.state).toBe('refused');
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('keeps trying for as long as main is unreachable, and comes back without a word from the moderator', async () => {
    const { b, states } = bridge();
    latest().accept();
    // A console restart that takes a while: every attempt fails, none is taken for a refusal.
    for (let i = 0; i < 40; i++) {
      latest().drop();
      await vi.runOnlyPendingTimersAsync();
    }
    expect(b.state).toBe('offline');
    expect(FakeSocket.all).toHaveLength(41);
    latest().accept();
    expect(b.state).toBe('connected');
    expect(states).not.toContain('refused');
    expect(states.at(-1)).toBe('connected');
  });

  it('waits at most about ten seconds between attempts', async () => {
    const { b } = bridge();
    latest().accept();
    for (let i = 0; i < 10; i++) {
      latest().drop();
      const before = FakeSocket.all.length;
      await vi.advanceTimersByTimeAsync(10_001);
      expect(FakeSocket.all.length).toBe(before + 1);
    }
    expect(b.state).toBe('offline');
  });

  it('says "refused" when a restarted host closes with the wrong-token code after the handshake', () => {
    const { b } = bridge();
    latest().accept();
    latest().drop();
    expect(b.state).toBe('reconnecting');
    b.retry();
    latest().accept();
    latest().drop(4401);
    expect(b.state).toBe('refused');
  });

  it('retries at once on request, without a second socket beside an attempt under way', async () => {
    const { b } = bridge();
    latest().accept();
    latest().drop();
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(2);
    b.retry();
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    b.retry();
    expect(FakeSocket.all).toHaveLength(3);
    latest().accept();
    expect(b.state).toBe('connected');
    await vi.runOnlyPendingTimersAsync();
    expect(FakeSocket.all).toHaveLength(3);
  });
});

describe('SocketBridge request time limit (issue 17, finding 6)', () => {
  it('ends a request main never answers with a clear message, and ignores a late answer', async () => {
    const b = new SocketBridge({ url: 'ws://host/ipc?token=t', WebSocketImpl: FakeSocket as unknown as typeof WebSocket, requestTimeoutMs: 30_000 });
    b.start();
    latest().accept();
    const unanswered = b.invoke('rules.get', {});
    const answered = b.invoke('app.info', {});
    const outcome = unanswered.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const [lost, kept] = latest().sent;
    latest().push({ t: 'res', id: kept!.id, payload: 'fine' });
    await expect(answered).resolves.toBe('fine');
    await vi.advanceTimersByTimeAsync(30_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(BridgeTimeoutError);
    expect(error).toBeInstanceOf(BridgeOfflineError);
    expect((error as Error).message).toBe('Tribekeeper did not answer rules.get within 30 s');
    latest().push({ t: 'res', id: lost!.id, payload: 'too late' });
    b.stop();
  });
});
