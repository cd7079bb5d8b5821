// Launches the headless Chromium the browser tests drive: CHROMIUM_PATH, else the system one, else
// the one inside the @sparticuz/chromium npm package. Always a fresh profile, nothing phoning home.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const ourArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * @sparticuz/chromium's defaults target AWS Lambda; two of them would weaken what the tests check
 * (web security, and single-process, which breaks persistent profiles), so they are left out.
 */
const dropped = ['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials'];

async function executable(): Promise<{ path: string; args: string[] }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { path: fromEnv, args: [] };
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', args: [] };
  const packaged = (await import('@sparticuz/chromium')).default;
  const args = packaged.args.filter((a) => !dropped.some((d) => a.startsWith(d)) && !a.startsWith('--headless'));
  return { path: await packaged.executablePath(), args };
}

/** A persistent context (fresh user-data dir): IndexedDB survives reloads, like a moderator's browser. */
export async function launchBrowser(): Promise<BrowserContext> {
  const { path, args } = await executable();
  const profile = mkdtempSync(join(tmpdir(), 'tk-e2e-profile-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: path,
    headless: true,
    args: [...new Set([...args, ...ourArgs])],
    viewport: { width: 1360, height: 860 },
    locale: 'en-US',
  });
}
