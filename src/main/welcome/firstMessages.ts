// A newcomer's first message (issue 19): main sees every join and message in order (live and caught up,
// before the pipeline's journal), so it can tell the first message of a member who joined recently; the
// envelope carries `newcomerFirst` and the renderer shows it to moderators until someone answers it.
// The same notion Insights counts ("time to a newcomer's first message, and whether anyone answered").
import type { ChatEvent } from '@shared/domain/model';

/** A member counts as a newcomer this long after their join. */
export const NEWCOMER_WINDOW_MS = 7 * 24 * 3600_000;
/** Joins remembered at most (the oldest forgotten first). */
const REMEMBERED = 50_000;

export class NewcomerFirsts {
  /** `source\0space\0member` → when they joined, until their first message. */
  private readonly joined = new Map<string, number>();

  constructor(private readonly windowMs = NEWCOMER_WINDOW_MS) {}

  /** Every event, in order; true for a newcomer's first message since their join. */
  observe(event: ChatEvent): boolean {
    const author = event.author;
    if (!author || author.bot) return false;
    const key = `${event.sourceId}\u0000${event.spaceId}\u0000${author.id}`;
    if (event.kind === 'join') {
      this.joined.delete(key);
      this.joined.set(key, event.ts);
      if (this.joined.size > REMEMBERED) this.joined.delete(this.joined.keys().next().value!);
      return false;
    }
    if (event.kind === 'leave') {
      this.joined.delete(key);
      return false;
    }
    if (event.kind !== 'message') return false;
    const at = this.joined.get(key);
    if (at === undefined) return false;
    this.joined.delete(key);
    return event.ts >= at && event.ts - at <= this.windowMs;
  }
}
