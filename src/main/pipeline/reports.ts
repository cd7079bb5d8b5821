// The gate member reports pass before triage (issue 15): one member reporting the same message again is
// the same report (counted once), and a member who reports more than REPORT_LIMIT messages within
// REPORT_WINDOW_MS is not heard again until the window moves on — a report flood is one member's noise,
// not a dozen items.
import type { RawEvent } from '../core/connector';

export const REPORT_LIMIT = 5;
export const REPORT_WINDOW_MS = 10 * 60_000;
/** How many report keys are remembered (oldest forgotten first). */
const MEMORY = 10_000;

export type ReportVerdict = 'admit' | 'repeat' | 'flood';

export class ReportGate {
  private readonly seen = new Set<string>();
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  check(event: RawEvent): ReportVerdict {
    if (event.kind !== 'report' || !event.author || !event.messageId) return 'admit';
    const reporter = `${event.sourceId}\u0000${event.author.id}`;
    const key = `${reporter}\u0000${event.channelId}\u0000${event.messageId}`;
    if (this.seen.has(key)) return 'repeat';
    const now = this.now();
    const times = (this.recent.get(reporter) ?? []).filter((t) => now - t < REPORT_WINDOW_MS);
    if (times.length >= REPORT_LIMIT) {
      this.recent.set(reporter, times);
      return 'flood';
    }
    times.push(now);
    this.recent.set(reporter, times);
    this.seen.add(key);
    if (this.seen.size > MEMORY) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    if (this.recent.size > MEMORY) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    return 'admit';
  }
}
