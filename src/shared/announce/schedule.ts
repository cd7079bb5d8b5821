// Which posts of scheduled announcements are due: each (target, occurrence, reminder) is a slot, due at
// its instant. A console sends a slot due within the grace period (after claiming it on the team
// ledger); an older one nobody sent is late, and a moderator decides whether it still goes out.
import type { ScheduledPost } from '../team/state';
import { remindersBetween, type Reminder } from './recurrence';

/** How long after its time a post still goes out without asking. */
export const POST_GRACE_MS = 5 * 60_000;
/** A plan for a time this much before it was written still means it (19:00 written at 19:00:40). */
const PLAN_SLACK_MS = 5 * 60_000;
/** How far back a starting console looks for posts nobody sent. */
export const LATE_LOOKBACK_MS = 7 * 86_400_000;

export interface PostSlot {
  postId: string;
  slot: string;
  target: number;
  occurrence: number;
  reminder: Reminder;
  at: number;
}

export function slotKey(target: number, occurrence: number, reminder: Reminder): string {
  return `${target}:${occurrence}:${reminder}`;
}

/** The reminders that post: at least the start itself when none is chosen. */
function postedReminders(post: ScheduledPost): Reminder[] {
  return post.reminders.length ? post.reminders : ['start'];
}

/**
 * The slots of one occurrence (every target, every reminder) nobody has claimed or skipped: cancelling
 * that occurrence skips them all, so no console sends any of its posts.
 */
export function occurrenceSlots(post: ScheduledPost, occurrence: number): string[] {
  return post.targets.flatMap((_, index) => postedReminders(post).map((r) => slotKey(index, occurrence, r))).filter((slot) => !post.slots[slot]);
}

/** Every slot of a plan in [from, to), in time order; a 'space' plan uses each target's own zone. */
export function slotsBetween(post: ScheduledPost, from: number, to: number): PostSlot[] {
  if (post.cancelled) return [];
  const out: PostSlot[] = [];
  post.targets.forEach((target, index) => {
    const zone = post.time.zone === 'space' ? target.zone : post.time.zone;
    if (!zone) return;
    for (const due of remindersBetween(post.time, zone, postedReminders(post), from, to)) {
      out.push({ postId: post.id, slot: slotKey(index, due.occurrence, due.reminder), target: index, occurrence: due.occurrence, reminder: due.reminder, at: due.at });
    }
  });
  return out.sort((a, b) => a.at - b.at || a.target - b.target);
}

/**
 * The slots nobody claimed or skipped up to `now`, split into those to send now and late ones. Slots
 * from before the plan was written never count (a plan for "every Monday" does not post last Monday's),
 * except within the grace: a plan for "19:00" written at 19:00:40 means now.
 */
export function openSlots(post: ScheduledPost, now: number, graceMs = POST_GRACE_MS): { due: PostSlot[]; late: PostSlot[] } {
  const from = Math.max(post.at - PLAN_SLACK_MS, now - LATE_LOOKBACK_MS);
  const open = slotsBetween(post, from, now + 1).filter((s) => !post.slots[s.slot]);
  return { due: open.filter((s) => now - s.at <= graceMs), late: open.filter((s) => now - s.at > graceMs) };
}
