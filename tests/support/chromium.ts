// Launches a headless Chromium for browser tests and benchmarks: the system one when there is one
// (CHROMIUM_PATH, /usr/bin/chromium), else the one shipped inside the @sparticuz/chromium npm package.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

const quiet = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function chromiumExecutable(): Promise<{ path: string; args: string[] }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { path: fromEnv, args: [] };
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', args: [] };
  const packaged = (await import('@sparticuz/chromium')).default;
  return { path: await packaged.executablePath(), args: packaged.args.filter((a) => !a.startsWith('--single-process')) };
}

/** A persistent context: IndexedDB survives reloads and new pages, like a moderator's browser. */
export async function launchChromium(): Promise<BrowserContext> {
  const { path, args } = await chromiumExecutable();
  const profile = mkdtempSync(join(tmpdir(), 'tk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: path,
    headless: true,
    args: [...new Set([...args, ...quiet])],
    viewport: { width: 1280, height: 800 },
  });
  // tsx/esbuild wrap named functions in __name(); functions sent to page.evaluate need it defined.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}
