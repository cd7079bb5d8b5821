// The Electron shell: one locked-down window, the contract over ipcMain with the sender frame
// checked, and the core started like host mode starts it.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { commandNames } from '@shared/ipc/names';
import type { EventName } from '@shared/ipc/names';
import type { Session } from '../core/app';
import { contentSecurityPolicy } from '../host/server';
import { connectionsFromEnv } from '../envConnections';
import { defaultHome, launch } from '../launch';
import type { LaunchOptions } from '../launch';
import { ExternalLinkPolicy, linkPrompt, senderTrust } from './policy';
import { safeStorageSecrets } from './secrets';
import { bringForward, createDesktopShell } from './desktopShell';
import { closeAction } from '../desktop/closing';
import { claimSingleInstance, rememberBounds, restoredBounds } from './desktopWindow';

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = join(__dirname, '../renderer/index.html');
const isTrusted = senderTrust(rendererIndex, rendererUrl);

function trustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrusted(event.senderFrame?.url ?? '');
}

const links = new ExternalLinkPolicy();

/** A link from platform text opens only after the user saw the full URL and said yes. */
async function openLink(win: BrowserWindow, raw: string): Promise<void> {
  const decision = links.decide(raw);
  if (decision.verdict === 'deny') return;
  if (decision.verdict === 'ask') {
    const words = linkPrompt(app.getLocale(), decision.url);
    const answer = await dialog.showMessageBox(win, {
      type: 'question',
      message: words.message,
      detail: decision.url.href,
      buttons: [words.open, words.cancel],
      defaultId: 1,
      cancelId: 1,
      checkboxLabel: words.remember,
    });
    if (answer.response !== 0) return;
    links.confirm(decision.url, answer.checkboxChecked);
  }
  await shell.openExternal(decision.url.href);
}

export async function runElectron(): Promise<void> {
  let mainWindow: BrowserWindow | undefined;
  if (!claimSingleInstance(() => bringForward(mainWindow))) {
    app.quit();
    return;
  }
  await app.whenReady();
  const home = (process.env.TRIBE_HOME ?? app.getPath('userData')) || defaultHome();
  const desktop = createDesktopShell({
    window: () => mainWindow,
    icon: app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources/icon.png'),
  });
  const options: LaunchOptions = {
    home,
    mode: 'electron',
    version: app.getVersion(),
    secrets: await safeStorageSecrets(home),
    desktop,
  };
  // The same environment host mode reads: TRIBE_DISCORD_*, TRIBE_TELEGRAM_*, TRIBE_WHATSAPP_*.
  Object.assign(options, connectionsFromEnv(process.env));
  const launched = await launch(options);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const sessions = new Map<number, Session>();
  const sessionFor = (contents: WebContents): Session => {
    let s = sessions.get(contents.id);
    if (!s) {
      s = launched.core.openSession({
        emit: (name: EventName, payload) => {
          if (!contents.isDestroyed()) contents.send(`tribe:evt:${name}`, payload);
        },
      });
      sessions.set(contents.id, s);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    return s;
  };
  for (const name of commandNames) {
    ipcMain.handle(`tribe:${name}`, (event, payload: unknown) => {
      if (!trustedSender(event)) throw new Error('Refused: the request did not come from the console window.');
      return sessionFor(event.sender).invoke(name, payload);
    });
  }

  const windowFile = join(home, 'window.json');
  /** Set once the app is quitting (tray "Quit", the OS): the window then really closes. */
  let quitting = false;
  const createWindow = async () => {
    const { maximized, ...bounds } = await restoredBounds(windowFile);
    const win = new BrowserWindow({
      ...bounds,
      show: false,
      title: 'Tribekeeper',
      autoHideMenuBar: true,
      webPreferences: {
        preload: join(__dirname, '../preload/index.js'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: true,
      },
    });
    mainWindow = win;
    rememberBounds(win, windowFile);
    // On Linux and Windows with a tray, closing hides the window: the console keeps watching.
    win.on('close', (event) => {
      if (closeAction({ platform: process.platform, trayShown: desktop.hasTray(), quitting }) !== 'hide-to-tray') return;
      event.preventDefault();
      win.hide();
    });
    win.once('ready-to-show', () => {
      if (maximized) win.maximize();
      win.show();
    });
    win.webContents.setWindowOpenHandler(({ url }) => {
      void openLink(win, url);
      return { action: 'deny' };
    });
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    // A reload makes a new renderer: it subscribes again with its cursors.
    win.webContents.on('did-start-loading', () => {
      sessions.get(win.webContents.id)?.close();
      sessions.delete(win.webContents.id);
    });
    if (rendererUrl) void win.loadURL(rendererUrl);
    else void win.loadFile(rendererIndex);
  };
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
    desktop.dispose();
    void launched.close();
  });
}
