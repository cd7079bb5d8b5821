// The core's logger. It never receives secrets, and redacts anything token-shaped all the same.
const tokenLike = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g;
const launchToken = /([#?&]token=)[A-Za-z0-9_-]+/g;

export function redact(text: string): string {
  return text.replace(tokenLike, '[redacted-token]').replace(launchToken, '$1[redacted]');
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = order[(process.env.TRIBE_LOG_LEVEL as Level | undefined) ?? 'info'] ?? order.info;

function write(level: Level, scope: string, message: string, error?: unknown) {
  if (order[level] < threshold) return;
  const detail = error instanceof Error ? ` — ${error.message}` : error === undefined ? '' : ` — ${String(error)}`;
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
