// Keeps key material out of the console. libsignal (under Baileys, so WhatsApp) writes whole session
// records — root, chain and identity keys as Buffers — with console.info("Opening session:", session)
// and its siblings in session_record.js. We cannot change the library, so once it is loaded, main's
// console methods pass through this filter: those known libsignal lines become a one-line note in
// main's logger ("signal session opened"), never the record; every other console line still prints,
// with binary and object arguments shown the way the logger shows them (lengths, not bytes; key-ish
// fields redacted) so no other library's stray dump can carry key bytes either.
import { describeForLog, logger } from './log';

type Sink = Pick<ReturnType<typeof logger>, 'debug' | 'warn'>;

/** libsignal's lines that carry a session record or its fields, and what the log says instead. */
const signalLines: Array<{ starts: string; note: string; warn?: boolean }> = [
  { starts: 'Opening session', note: 'signal session opened' },
  { starts: 'Closing session', note: 'signal session closed' },
  { starts: 'Session already closed', note: 'signal session already closed' },
  { starts: 'Removing old closed session', note: 'signal old closed session removed' },
  { starts: 'Migrating session to', note: 'signal session record migrated' },
  { starts: 'V1 session storage migration error', note: 'signal session record migration failed', warn: true },
];

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const guards = new WeakSet<(...args: unknown[]) => void>();

/** An argument as it may be printed: text, numbers and Errors as they are; anything else described. */
function safe(arg: unknown): unknown {
  if (arg === null || typeof arg !== 'object' || arg instanceof Error) return arg;
  return describeForLog(arg);
}

/** Installs the filter on `console` (once per method; installing again is a no-op). */
export function installConsoleGuard(sink: Sink = logger('signal')): void {
  for (const name of methods) {
    const original = console[name] as (...args: unknown[]) => void;
    if (guards.has(original)) continue;
    const guarded = (...args: unknown[]) => {
      const first = args[0];
      const known = typeof first === 'string' ? signalLines.find((l) => first.startsWith(l.starts)) : undefined;
      if (known) {
        if (known.warn) sink.warn(known.note);
        else sink.debug(known.note);
        return;
      }
      original.apply(console, args.map(safe));
    };
    guards.add(guarded);
    console[name] = guarded;
  }
}
