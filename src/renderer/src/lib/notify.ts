// Desktop notifications for what must not wait for someone to look at the window: my shift starting
// soon, a handoff for me, a handoff nobody acknowledged (for leads). The browser's Notification API
// shows them in host mode; in the Electron app main shows them natively (the window's permission
// handler grants none) and a click opens the target. Each notice is shown once, also across reloads.
import type { NoticeTarget } from '@shared/ipc/contract';
import { send } from '../ipc/client';
import { inDesktopApp } from './desktop';

const SEEN_KEY = 'tribekeeper.notified';
const KEEP = 200;

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function notifyPermission(): NotifyPermission {
  if (inDesktopApp()) return 'granted';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (inDesktopApp()) return 'granted';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

function seen(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Shows a notification once per id; false when notifications are off or it was shown before. */
export function notifyOnce(id: string, title: string, body: string, target: NoticeTarget = { view: 'shifts' }): boolean {
  if (notifyPermission() !== 'granted') return false;
  const ids = seen();
  if (ids.includes(id)) return false;
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify([...ids, id].slice(-KEEP)));
  } catch {
    // Not remembered: it may show again after a reload, which is better than never.
  }
  if (inDesktopApp()) {
    // Main answers shown: false while the moderator paused notifications from the tray.
    send('desktop.notify', { id, title: title.slice(0, 200), body: body.slice(0, 2000), target }).catch(() => undefined);
    return true;
  }
  new Notification(title, { body, tag: id });
  return true;
}
