// Which native notifications main shows: each id once (also when the renderer reloads and asks
// again), none while the moderator paused them from the tray; a click maps back to its target.
import type { DesktopNotice, NoticeTarget } from '@shared/ipc/contract';

const KEEP = 500;

export class NoticeGate {
  private readonly shown = new Map<string, NoticeTarget>();
  paused = false;

  /** True when this notice should be shown now (and is then remembered as shown). */
  admit(notice: DesktopNotice): boolean {
    if (this.paused || this.shown.has(notice.id)) return false;
    this.shown.set(notice.id, notice.target);
    // Oldest first in a Map: drop the oldest ids beyond KEEP.
    for (const id of this.shown.keys()) {
      if (this.shown.size <= KEEP) break;
      this.shown.delete(id);
    }
    return true;
  }

  /** What a click on the notice with this id opens. */
  target(id: string): NoticeTarget | undefined {
    return this.shown.get(id);
  }
}
