// libsignal (under Baileys) prints whole session records — root, chain and identity keys — with
// console.info. Driven here through the real SessionRecord: with main's console guard on, the console
// shows none of it, main's logger gets a one-line note instead, and other console output still prints.
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { installConsoleGuard } from '../../util/consoleGuard';

interface Entry {
  indexInfo: { baseKey: Buffer; baseKeyType: number; closed: number; used: number; created: number; remoteIdentityKey: Buffer };
  currentRatchet: { rootKey: Buffer; ephemeralKeyPair: { pubKey: Buffer; privKey: Buffer }; lastRemoteEphemeralKey: Buffer; previousCounter: number };
  registrationId: number;
}
interface SessionRecordClass {
  new (): { setSession(e: Entry): void; openSession(e: Entry): void; closeSession(e: Entry): void; removeOldSessions(): void };
  createEntry(): Entry;
  migrate(data: unknown): void;
}
const libsignal = createRequire(createRequire(__filename).resolve('baileys'))('libsignal') as { SessionRecord: SessionRecordClass };

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const originals = methods.map((m) => console[m]);
const printed: string[] = [];
// The recorder stands for the terminal: the guard goes on top of it, as it does on the real console.
for (const m of methods) console[m] = (...args: unknown[]) => void printed.push(format(...args));
const notes: string[] = [];
installConsoleGuard({ debug: (m) => notes.push(m), warn: (m) => notes.push(`warn: ${m}`) });
afterAll(() => methods.forEach((m, i) => (console[m] = originals[i]!)));

const secret = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');
function entry(n: number): Entry {
  const e = libsignal.SessionRecord.createEntry();
  const base = Buffer.alloc(33, n);
  e.indexInfo = { baseKey: base, baseKeyType: 2, closed: -1, used: n, created: n, remoteIdentityKey: secret };
  e.currentRatchet = { rootKey: secret, ephemeralKeyPair: { pubKey: base, privKey: secret }, lastRemoteEphemeralKey: base, previousCounter: 0 };
  e.registrationId = n;
  return e;
}

const leaks = (text: string) => [secret.toString('hex').slice(0, 16), secret.toString('base64').slice(0, 16), '0f 1e 2d', 'privKey', 'rootKey', '<Buffer', 'Opening session', 'Closing session'].filter((l) => text.includes(l));

describe('libsignal’s session records on the console', () => {
  it('never print; the log notes the session opened or closed', () => {
    const record = new libsignal.SessionRecord();
    const first = entry(1);
    record.setSession(first);
    record.openSession(first);
    record.closeSession(first);
    record.closeSession(first);
    // More than 40 closed sessions: the oldest is removed (and printed whole by libsignal).
    for (let n = 2; n <= 42; n++) {
      const e = entry(n);
      record.setSession(e);
      record.closeSession(e);
    }
    record.removeOldSessions();
    libsignal.SessionRecord.migrate({ _sessions: { a: { indexInfo: { closed: -1 } } } });

    expect(leaks(printed.join('\n'))).toEqual([]);
    expect(new Set(notes)).toEqual(
      new Set(['signal session opened', 'signal session closed', 'signal session already closed', 'signal old closed session removed', 'signal session record migrated', 'warn: signal session record migration failed']),
    );
    // libsignal's lines that carry no record still print.
    expect(printed).toContain('Session already open');
  });

  it('lets other console output through, with bytes and key-ish fields hidden', () => {
    printed.length = 0;
    console.log('plain text', 42);
    console.error('with bytes', secret, { user: 'ana', privKey: secret, nested: { data: new Uint8Array(secret) } });
    console.warn('Closing open session in favor of incoming prekey bundle');
    expect(printed[0]).toBe('plain text 42');
    expect(printed[1]).toBe('with bytes [32 bytes] {user: "ana", privKey: [redacted], nested: {data: [32 bytes]}}');
    expect(printed[2]).toBe('Closing open session in favor of incoming prekey bundle');
    expect(leaks(printed.join('\n'))).toEqual(['privKey']); // the field's name, not its value
  });
});
