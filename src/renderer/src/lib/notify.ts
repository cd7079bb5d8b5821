// Desktop notifications for what must not wait for someone to look at the window: my shift starting
// soon, a handoff for me, a handoff nobody acknowledged (for leads). The browser's Notification API
// works in Electron's renderer and in host mode alike; each notice is shown once, also across reloads.
const SEEN_KEY = 'tribekeeper.notified';
const KEEP = 200;

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotifyPermission(): Promise<NotifyPermission> {
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
export function notifyOnce(id: string, title: string, body: string): boolean {
  if (notifyPermission() !== 'granted') return false;
  const ids = seen();
  if (ids.includes(id)) return false;
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify([...ids, id].slice(-KEEP)));
  } catch {
    // Not remembered: it may show again after a reload, which is better than never.
  }
  new Notification(title, { body, tag: id });
  return true;
}
