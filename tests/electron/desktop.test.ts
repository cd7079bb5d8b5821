// The desktop shell in the real Electron app: native notifications from main (once each, none while
// paused), the tray's count, one instance per user (a second start brings the first window forward)
// and the window's size and position remembered, closing to the tray on Linux and Windows. Runs where
// the Electron binary exists; reported as skipped, with the reason, where it does not. The decisions are unit-tested in src/main/desktop/.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import type { ElectronApplication } from 'playwright-core';
// @ts-expect-error — a plain ESM script shared with `npm start`
import { ensureElectron } from '../../scripts/electron-binary.mjs';

const found = (ensureElectron as (o: { tryDownload: boolean }) => { path?: string; reason?: string })({ tryDownload: false });
if (!found.path) console.log(`Electron desktop-shell tests skipped: ${found.reason}.`);

const labels = { open: 'Open', pause: 'Pause notifications', paused: 'paused', quit: 'Quit', tooltipOpen: '{count} open', tooltipNone: 'nothing open' };

async function launch(home: string, profile: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: found.path!,
    args: ['.', '--no-sandbox', `--user-data-dir=${profile}`],
    env: { ...process.env, TRIBE_HOME: home },
  });
}

describe.skipIf(!found.path)('desktop shell (Electron)', () => {
  it('shows a notification from main once, and keeps the tray count', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-electron-'));
    const app = await launch(home, mkdtempSync(join(tmpdir(), 'tk-profile-')));
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-testid="inbox"]', { timeout: 30_000 });
      const notify = () =>
        page.evaluate(() =>
          (window as unknown as { tribe: { invoke(n: string, r: unknown): Promise<{ shown: boolean }> } }).tribe.invoke('desktop.notify', {
            id: 'test:1',
            title: 'Tribekeeper',
            body: 'A handoff waits for you',
            target: { view: 'shifts' },
          }),
        );
      const supported = await app.evaluate(({ Notification }) => Notification.isSupported());
      expect(await notify()).toEqual({ shown: supported });
      expect(await notify()).toEqual({ shown: false });
      await page.evaluate(
        (l) => (window as unknown as { tribe: { invoke(n: string, r: unknown): Promise<unknown> } }).tribe.invoke('desktop.status', { openItems: 7, labels: l }),
        labels,
      );
      if (process.platform === 'darwin') expect(await app.evaluate(({ app: a }) => a.getBadgeCount())).toBe(7);
    } finally {
      await app.close();
    }
  });

  it('lets a second start hand over to the first window and quit', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-electron-'));
    const profile = mkdtempSync(join(tmpdir(), 'tk-profile-'));
    const first = await launch(home, profile);
    try {
      const page = await first.firstWindow();
      await page.waitForSelector('[data-testid="inbox"]', { timeout: 30_000 });
      await first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.minimize());
      const second = spawn(found.path!, ['.', '--no-sandbox', `--user-data-dir=${profile}`], { env: { ...process.env, TRIBE_HOME: home }, stdio: 'ignore' });
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).toBe(0);
      await expect.poll(() => first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isMinimized())).toBe(false);
      expect(await first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await first.close();
    }
  });

  it('opens the window where it was closed, at the size it had', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-electron-'));
    const profile = mkdtempSync(join(tmpdir(), 'tk-profile-'));
    let app = await launch(home, profile);
    const wanted = await app.evaluate(async ({ BrowserWindow, screen }) => {
      const area = screen.getPrimaryDisplay().workArea;
      const bounds = { x: area.x + 40, y: area.y + 30, width: Math.min(900, area.width - 60), height: Math.min(640, area.height - 50) };
      BrowserWindow.getAllWindows()[0]!.setBounds(bounds);
      return bounds;
    });
    await app.close();
    app = await launch(home, profile);
    try {
      await app.firstWindow();
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds())).toEqual(wanted);
    } finally {
      await app.close();
    }
  });

  it.skipIf(process.platform === 'darwin')('keeps running in the tray when the window is closed on Linux and Windows, and the tray brings it back', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-electron-'));
    const app = await launch(home, mkdtempSync(join(tmpdir(), 'tk-profile-')));
    try {
      const page = await app.firstWindow();
      await page.waitForSelector('[data-testid="inbox"]', { timeout: 30_000 });
      // The tray is drawn once the renderer sent its first status.
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()), { timeout: 30_000 }).toBe(true);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
      // A second start (as the tray's "Open" does) brings the same window back.
      await app.evaluate(({ app: electronApp }) => electronApp.emit('second-instance'));
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);
    } finally {
      await app.close();
    }
  });
});
