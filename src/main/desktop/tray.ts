// What the tray shows, as data: the tooltip, the badge and the menu (open, pause notifications,
// quit). The Electron edge turns it into a Tray and a Menu; the decisions are tested here.
import type { DesktopStatus } from '@shared/ipc/contract';

export type TrayCommand = 'open' | 'togglePause' | 'quit';

export interface TrayMenuEntry {
  command: TrayCommand;
  label: string;
  /** For the pause entry: a checkbox that is ticked while notifications are paused. */
  checked?: boolean;
}

export interface TrayModel {
  tooltip: string;
  /** The dock / taskbar badge: the open-items count, 0 for none. */
  badge: number;
  menu: TrayMenuEntry[];
}

/** Counts beyond this read as "999+" in the tooltip; the badge keeps the number. */
const MAX_SHOWN = 999;

export function trayModel(status: DesktopStatus, paused: boolean): TrayModel {
  const count = Math.max(0, Math.floor(status.openItems));
  const shown = count > MAX_SHOWN ? `${MAX_SHOWN}+` : String(count);
  const tooltip = count === 0 ? status.labels.tooltipNone : status.labels.tooltipOpen.replace('{count}', shown);
  return {
    tooltip: paused ? `${tooltip} — ${status.labels.paused}` : tooltip,
    badge: count,
    menu: [
      { command: 'open', label: status.labels.open },
      { command: 'togglePause', label: status.labels.pause, checked: paused },
      { command: 'quit', label: status.labels.quit },
    ],
  };
}
