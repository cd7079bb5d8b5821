// What closing the window does. On Linux and Windows, while the tray icon is there, the console keeps
// running in the tray (notifications and the count go on; the tray's "Open" brings it back, "Quit"
// ends it). Without a tray it closes as before; on macOS the app stays in the dock as macOS apps do.
export type CloseAction = 'hide-to-tray' | 'close';

export function closeAction(input: { platform: NodeJS.Platform; trayShown: boolean; quitting: boolean }): CloseAction {
  if (input.quitting || input.platform === 'darwin' || !input.trayShown) return 'close';
  return 'hide-to-tray';
}
