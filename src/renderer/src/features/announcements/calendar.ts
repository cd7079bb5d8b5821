// The week of scheduled posts as the viewer sees it: each slot of each plan in the viewer's zone, with
// what the team ledger says of it (sent by whom, being sent, failed, skipped, late, planned).
import { DateTime } from 'luxon';
import { POST_GRACE_MS, openSlots, slotsBetween, type PostSlot } from '@shared/announce/schedule';
import type { ScheduledPost, TeamState } from '@shared/team';

export type SlotStatus = 'planned' | 'late' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface CalendarEntry extends PostSlot {
  post: ScheduledPost;
  status: SlotStatus;
  /** Who sent (or is sending, or skipped) it: a roster key. */
  by?: string;
}

export function statusOf(post: ScheduledPost, slot: PostSlot, now: number, graceMs = POST_GRACE_MS): { status: SlotStatus; by?: string } {
  const s = post.slots[slot.slot];
  if (!s) return { status: now - slot.at > graceMs ? 'late' : 'planned' };
  if (s.skipped) return { status: 'skipped', by: s.skipped.by };
  if (s.sent) return { status: s.sent.ok ? 'sent' : 'failed', by: s.by };
  return { status: 'sending', by: s.by };
}

/** Monday 00:00 of the week holding `at`, in `zone`, plus `offset` weeks. */
export function weekStart(at: number, zone: string, offset = 0): DateTime {
  return DateTime.fromMillis(at, { zone }).startOf('week').plus({ weeks: offset });
}

/** The seven days of a week, each with its entries in time order. */
export function calendarWeek(state: Pick<TeamState, 'posts'>, monday: DateTime, now: number, graceMs = POST_GRACE_MS): Array<{ day: DateTime; entries: CalendarEntry[] }> {
  const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }));
  const end = monday.plus({ weeks: 1 }).toMillis();
  const entries = Object.values(state.posts ?? {}).flatMap((post) =>
    slotsBetween(post, monday.toMillis(), end).map((slot): CalendarEntry => ({ ...slot, post, ...statusOf(post, slot, now, graceMs) })),
  );
  return days.map((day) => {
    const next = day.plus({ days: 1 }).toMillis();
    return { day, entries: entries.filter((e) => e.at >= day.toMillis() && e.at < next).sort((a, b) => a.at - b.at || a.target - b.target) };
  });
}

/** Slots nobody sent in time, for the moderator to send late or skip (oldest first). */
export function latePosts(state: Pick<TeamState, 'posts'>, now: number, graceMs = POST_GRACE_MS): CalendarEntry[] {
  return Object.values(state.posts ?? {})
    .flatMap((post) => openSlots(post, now, graceMs).late.map((slot): CalendarEntry => ({ ...slot, post, status: 'late' })))
    .sort((a, b) => a.at - b.at);
}
