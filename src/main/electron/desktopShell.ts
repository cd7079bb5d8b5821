// The Electron side of the desktop shell (src/main/desktop/shell.ts): a tray with the open-items
// count and its menu, the dock/taskbar badge where the OS has one, and native notifications whose
// click brings the window forward and opens the item. The decisions live in src/main/desktop/.
import { app, Menu, Notification, Tray, nativeImage } from 'electron';
import type { BrowserWindow, NativeImage } from 'electron';
import type { DesktopNotice, DesktopStatus, NoticeTarget } from '@shared/ipc/contract';
import { NoticeGate } from '../desktop/notices';
import type { DesktopShell } from '../desktop/shell';
import { trayModel } from '../desktop/tray';
import type { TrayCommand } from '../desktop/tray';

export interface ElectronDesktopShell extends DesktopShell {
  /** Whether the tray icon is shown (the window may then close to it). */
  hasTray(): boolean;
  dispose(): void;
}

/** Shows, restores and focuses the window (tray "open", a notification's click, a second start). */
export function bringForward(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export function createDesktopShell(options: { window: () => BrowserWindow | undefined; icon: string }): ElectronDesktopShell {
  const gate = new NoticeGate();
  // Electron forgets a Notification's click handler once the object is collected: hold them.
  const live = new Set<Notification>();
  let tray: Tray | undefined;
  let last: DesktopStatus | undefined;
  const image: NativeImage = nativeImage.createFromPath(options.icon);

  const open = (target?: NoticeTarget) => {
    const win = options.window();
    bringForward(win);
    if (target && win && !win.isDestroyed()) win.webContents.send('tribe:evt:desktop.noticeOpened', target);
  };
  const run = (command: TrayCommand) => {
    if (command === 'open') open();
    else if (command === 'quit') app.quit();
    else {
      gate.paused = !gate.paused;
      if (last) render(last);
    }
  };
  const render = (status: DesktopStatus) => {
    const model = trayModel(status, gate.paused);
    if (!tray) {
      tray = new Tray(image.isEmpty() ? image : image.resize({ width: 22, height: 22 }));
      tray.on('click', () => open());
    }
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate(
        model.menu.map((entry) =>
          entry.checked === undefined
            ? { label: entry.label, click: () => run(entry.command) }
            : { label: entry.label, type: 'checkbox' as const, checked: entry.checked, click: () => run(entry.command) },
        ),
      ),
    );
    // macOS dock and Linux launchers (Unity); Windows has no numeric badge API, the tooltip carries it.
    if (process.platform !== 'win32') app.setBadgeCount(model.badge);
  };

  return {
    setStatus(status) {
      last = status;
      render(status);
    },
    notify(notice: DesktopNotice) {
      if (!Notification.isSupported() || !gate.admit(notice)) return false;
      const shown = new Notification({ title: notice.title, body: notice.body, icon: image });
      live.add(shown);
      shown.on('click', () => open(gate.target(notice.id)));
      shown.on('close', () => live.delete(shown));
      shown.show();
      return true;
    },
    hasTray() {
      return tray !== undefined && !tray.isDestroyed();
    },
    dispose() {
      tray?.destroy();
      tray = undefined;
      live.clear();
    },
  };
}
