// The `desktop.*` commands: the tray's count and words, and native notifications (none in host mode).
import type { CommandHandlers } from '@shared/ipc/contract';
import type { DesktopShell } from '../../desktop/shell';

export function desktopHandlers(shell: DesktopShell): CommandHandlers<'desktop'> {
  return {
    'desktop.status': async (status) => {
      shell.setStatus(status);
      return { ok: true as const };
    },
    'desktop.notify': async (notice) => ({ shown: shell.notify(notice) }),
  };
}
