// The Electron shell: runs where the Electron binary exists; reported as skipped, with the reason,
// where it does not (its download is unreachable on machines with only the package registries).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
// @ts-expect-error — a plain ESM script shared with `npm start`
import { ensureElectron } from '../../scripts/electron-binary.mjs';

const found = (ensureElectron as (o: { tryDownload: boolean }) => { path?: string; reason?: string })({ tryDownload: false });
if (!found.path) console.log(`Electron tests skipped: ${found.reason}.`);

describe.skipIf(!found.path)('Electron window', () => {
  it('opens the console, sandboxed, with only the contract exposed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-electron-'));
    const app = await electron.launch({
      executablePath: found.path!,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, TRIBE_HOME: home },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-testid="inbox"]', { timeout: 30_000 });
      const exposed = await page.evaluate(() => {
        const w = globalThis as unknown as { tribe?: object; process?: unknown; require?: unknown };
        return { tribe: typeof w.tribe, keys: Object.keys(w.tribe ?? {}), node: typeof w.process, require: typeof w.require };
      });
      expect(exposed).toEqual({ tribe: 'object', keys: ['invoke', 'on'], node: 'undefined', require: 'undefined' });
      const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
      expect(title).toBe('Tribekeeper');
    } finally {
      await app.close();
    }
  });
});
