// One console per user: a second start hands over to the first (its window comes forward) and
// quits; the window opens where it was closed, at the size it had.
import { app, screen } from 'electron';
import type { BrowserWindow } from 'electron';
import { loadWindowState, placeWindow, saveWindowState } from '../desktop/windowState';
import type { WindowState } from '../desktop/windowState';

/** False when another Tribekeeper already runs (it has been asked to come forward). */
export function claimSingleInstance(onSecondStart: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecondStart);
  return true;
}

/** Bounds for the new window from window.json, on a display that still exists. */
export async function restoredBounds(file: string) {
  const saved = await loadWindowState(file);
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  return placeWindow(saved, areas);
}

/** Saves the window's normal bounds (not the maximized ones) when it moves, resizes or closes. */
export function rememberBounds(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    void saveWindowState(file, state).catch(() => undefined);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
