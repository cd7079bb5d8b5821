// The core's logger. It never receives secrets, and redacts anything token-shaped all the same.
const tokenLike = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g;
const launchToken = /([#?&]token=)[A-Za-z0-9_-]+/g;

export function redact(text: string): string {
  return text.replace(tokenLike, '[redacted-token]').replace(launchToken, '$1[redacted]');
}

/** Field names whose values are key material or credentials: their values never reach a log line. */
const keyish = /key|secret|token|session|password|passwd|priv|seed|signature|mac|chain|ratchet|cred|auth|cookie/i;

/**
 * A value as safe log text: binary (Buffer, Uint8Array, ArrayBuffer) shows only its length, fields
 * with key-ish names only that they were there, and the rest at most a few levels deep. Errors show
 * their message. Used for the detail of warn/error lines and for console output routed here.
 */
export function describeForLog(value: unknown): string {
  return redact(describe(value, 0, new WeakSet()));
}

function describe(value: unknown, depth: number, seen: WeakSet<object>): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : String(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[circular]';
  if (depth >= 3) return Array.isArray(value) ? '[array]' : '[object]';
  seen.add(value);
  const inner = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : describe(v, depth + 1, seen));
  if (Array.isArray(value)) return `[${value.slice(0, 20).map(inner).join(', ')}${value.length > 20 ? ', …' : ''}]`;
  const fields = Object.entries(value).map(([k, v]) => `${k}: ${keyish.test(k) ? '[redacted]' : inner(v)}`);
  return `{${fields.join(', ')}}`;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = order[(process.env.TRIBE_LOG_LEVEL as Level | undefined) ?? 'info'] ?? order.info;

function write(level: Level, scope: string, message: string, error?: unknown) {
  if (order[level] < threshold) return;
  const detail = error === undefined ? '' : ` — ${describeForLog(error)}`;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${detail}`;
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(redact(line) + '\n');
}

export function logger(scope: string) {
  return {
    debug: (m: string) => write('debug', scope, m),
    info: (m: string) => write('info', scope, m),
    warn: (m: string, e?: unknown) => write('warn', scope, m, e),
    error: (m: string, e?: unknown) => write('error', scope, m, e),
  };
}
