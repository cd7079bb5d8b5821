// The desktop shell as the core sees it (STYLE.md: notifications, tray and window behind an
// interface): Electron supplies one (src/main/electron/desktopShell.ts); host mode and tests use
// `noDesktopShell`, where the browser shows its own notifications.
import type { DesktopNotice, DesktopStatus } from '@shared/ipc/contract';

export interface DesktopShell {
  /** The open-items count and the words for the tray, in the moderator's language. */
  setStatus(status: DesktopStatus): void;
  /** Shows a native notification; false when it was not shown (paused, shown before, unsupported). */
  notify(notice: DesktopNotice): boolean;
}

export const noDesktopShell: DesktopShell = {
  setStatus() {},
  notify: () => false,
};
