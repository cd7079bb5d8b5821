// The inbox's order and lanes (issue 15 §2): raids and campaigns first, then severity × confidence, then
// recency; low-confidence flags wait in a "maybe" lane a moderator sweeps. One number per item (its
// rank) carries the whole order, so the renderer's store pages through it from an index.
import type { Severity } from './model';
import type { InboxItem } from './inbox';

/** Which list an item is in: every open item is in exactly one of open or maybe. */
export type InboxLane = 'open' | 'maybe' | 'resolved' | 'snoozed';

/** Below this confidence an open flag goes to the maybe lane (a campaign never does). */
export const MAYBE_BELOW = 0.5;

const severityWeight: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** A raid, or one lure from several accounts: what hurts a community fastest. */
export function isCampaign(item: InboxItem): boolean {
  return item.categories.includes('raid') || (item.accountCount ?? item.accounts?.length ?? 1) > 1;
}

/** How sure triage is, 0..1: its surest flag (a flag without a stated confidence is a rule's certain match). */
export function itemConfidence(item: InboxItem): number {
  if (item.flags.length === 0) return 1;
  let best = 0;
  for (const f of item.flags) best = Math.max(best, f.confidence ?? 1);
  return best;
}

export function laneOf(item: InboxItem): InboxLane {
  if (item.status === 'resolved' || item.status === 'snoozed') return item.status;
  // Someone already took it: it stays in the main list whatever triage thought.
  if (item.status === 'claimed' || isCampaign(item)) return 'open';
  return itemConfidence(item) < MAYBE_BELOW ? 'maybe' : 'open';
}

/** The inbox's tabs: open (by priority), maybe (low-confidence flags, to sweep), resolved, all. */
export type InboxFilter = 'open' | 'maybe' | 'resolved' | 'all';

export function matchesFilter(item: InboxItem, filter: InboxFilter): boolean {
  if (filter === 'all') return true;
  return laneOf(item) === filter;
}

/**
 * One member flooding is noise more than harm: it counts for half its severity, so even a flood
 * rated high (150) sorts below a certain high-severity scam (300) and next to a low one.
 */
function valueOf(item: InboxItem): number {
  return item.categories.length > 0 && item.categories.every((c) => c === 'flood') ? 0.5 : 1;
}

/**
 * Priority as a small integer: campaigns 1000 + …, then severity weight × confidence in hundredths (a
 * certain high-severity scam 300, a certain medium flood 100; a lower confidence pulls it down).
 */
export function priorityOf(item: InboxItem): number {
  const weighted = Math.round(severityWeight[item.severity] * itemConfidence(item) * valueOf(item) * 100);
  return (isCampaign(item) ? 1000 : 0) + weighted;
}

/** 2^41 ms is year 2039: createdAt fits below it, and priority × 2^41 + createdAt stays an exact double (< 2^53). */
const TIME_SPAN = 2 ** 41;

/**
 * The one number an item sorts by in its lane, highest first (ties: higher id first). Active lanes
 * sort by priority then recency; resolved and snoozed items by recency alone (they are history).
 */
export function rankOf(item: InboxItem): number {
  const lane = laneOf(item);
  const at = Math.min(Math.max(0, Math.floor(item.createdAt)), TIME_SPAN - 1);
  if (lane === 'resolved' || lane === 'snoozed') return at;
  return priorityOf(item) * TIME_SPAN + at;
}

/** Highest rank first, then higher id: the order IndexedDB gives walking a [lane+rank] index backwards. */
export function compareRanked(a: { id: string; rank: number }, b: { id: string; rank: number }): number {
  if (a.rank !== b.rank) return b.rank - a.rank;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
