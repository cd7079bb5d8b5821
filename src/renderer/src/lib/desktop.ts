// The desktop app's shell from the renderer's side: keeps the tray's count and words current and
// opens what a clicked native notification is about. In a browser (host mode) it does nothing:
// there the page shows its own notifications (lib/notify.ts).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopStatus, NoticeTarget } from '@shared/ipc/contract';
import { send, subscribe } from '../ipc/client';
import { filterCounts, useInbox } from '../stores/inbox';
import { useSettings } from '../stores/settings';

/** True in the Electron window, where main shows notifications and owns the tray. */
export function inDesktopApp(): boolean {
  return typeof window !== 'undefined' && !!window.tribe;
}

export function openNoticeTarget(target: NoticeTarget): void {
  if ('view' in target) {
    useSettings.getState().setView(target.view);
    return;
  }
  useSettings.getState().setView('inbox');
  useInbox.getState().open(target.itemId);
}

/** Renders nothing: a component of its own so a changing count re-renders only this, not the app. */
export function DesktopShellSync(): null {
  useDesktopShell();
  return null;
}

function useDesktopShell(): void {
  const { t, i18n } = useTranslation();
  const openItems = useInbox((s) => filterCounts(s).open);
  useEffect(() => {
    // While the inbox is still counted the tray keeps what it showed: never a 0 that means "not yet".
    if (!inDesktopApp() || openItems === undefined) return;
    const status: DesktopStatus = {
      openItems,
      labels: {
        open: t('desktop.open'),
        pause: t('desktop.pause'),
        paused: t('desktop.paused'),
        quit: t('desktop.quit'),
        tooltipOpen: t('desktop.tooltipOpen'),
        tooltipNone: t('desktop.tooltipNone'),
      },
    };
    // The tray is a convenience: if main cannot take the status now it takes the next one.
    send('desktop.status', status).catch(() => undefined);
  }, [openItems, t, i18n.language]);
  useEffect(() => (inDesktopApp() ? subscribe('desktop.noticeOpened', openNoticeTarget) : undefined), []);
}
