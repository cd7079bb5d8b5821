// Crisis early warning: one combined signal per space over the last hour, each term kept as data so
// the renderer can say it in words ("volume 6× usual for Tue 21:00, negative 41% vs 12%, 14 reports
// about 'refund'"). Points per term add up to a level; the thresholds are here, in one place.
import { firstHourOf, HOUR_MS, type HourBucket, type InsightsAggregator, type SpaceAggregate } from './aggregate';
import { proportion } from './report';

export const CRISIS_WINDOW_MS = HOUR_MS;
const WEEK_HOURS = 168;
/** A quiet room's "usual" is at least this many messages an hour, so ten messages are not a surge. */
const USUAL_FLOOR = 5;
/** Hours of history before a space's volume can count fully. */
const THIN_HISTORY_HOURS = 6;

export type CrisisLevel = 'calm' | 'watch' | 'warning' | 'crisis';

export type CrisisTerm =
  | { kind: 'volume'; points: number; current: number; usual: number; ratio: number; basis: 'weekday-hour' | 'recent'; at: number }
  | { kind: 'negative'; points: number; share: number; usual: number; scored: number }
  | { kind: 'scamRaid'; points: number; count: number; share: number }
  | { kind: 'reports'; points: number; count: number; topic?: string | undefined; onTopic: number }
  | { kind: 'response'; points: number; oldestOpenMs: number; open: number };

export interface CrisisSignal {
  spaceKey: string;
  name: string;
  platform: SpaceAggregate['platform'];
  level: CrisisLevel;
  points: number;
  /** Only the terms that scored, strongest first. */
  terms: CrisisTerm[];
  at: number;
}

/** Open inbox items per space key: their creation times (for "slow moderator response"). */
export type OpenItemsBySpace = ReadonlyMap<string, readonly number[]>;

export function levelFor(points: number): CrisisLevel {
  return points >= 6 ? 'crisis' : points >= 3 ? 'warning' : points >= 1 ? 'watch' : 'calm';
}

/** Sums over the last hour: the current hour in full plus the part of the previous hour still inside it. */
function windowSum(space: SpaceAggregate, now: number, pick: (b: HourBucket) => number): number {
  const h = Math.floor(now / HOUR_MS);
  const elapsed = (now - h * HOUR_MS) / HOUR_MS;
  const cur = space.hours.get(h);
  const prev = space.hours.get(h - 1);
  return (cur ? pick(cur) : 0) + (prev ? pick(prev) * (1 - elapsed) : 0);
}

function sumHours(space: SpaceAggregate, fromHour: number, toHour: number, pick: (b: HourBucket) => number): number {
  let total = 0;
  if (toHour - fromHour < space.hours.size) {
    for (let h = fromHour; h < toHour; h++) {
      const b = space.hours.get(h);
      if (b) total += pick(b);
    }
  } else for (const [h, b] of space.hours) if (h >= fromHour && h < toHour) total += pick(b);
  return total;
}

/**
 * The UTC days whose hours the signal at `now` reads: the week before the window, the window, and the
 * same hour one to four weeks back (a glance of the stored aggregates holds these days; keep in step
 * with crisisSignal).
 */
export function crisisDays(now: number): number[] {
  const h = Math.floor(now / HOUR_MS);
  const days = new Set<number>();
  for (let d = Math.floor((h - 1 - WEEK_HOURS) / 24); d <= Math.floor(h / 24); d++) days.add(d);
  for (const k of [1, 2, 3, 4]) days.add(Math.floor((h - k * WEEK_HOURS) / 24));
  return [...days];
}

export function crisisSignal(space: SpaceAggregate, now: number, openItems: readonly number[] = []): CrisisSignal {
  const h = Math.floor(now / HOUR_MS);
  const terms: CrisisTerm[] = [];
  const earliest = firstHourOf(space);
  const messages = (b: HourBucket) => b.messages;

  // Volume against the same weekday-hour of the weeks before (when there is such history), else the recent hourly mean.
  const current = windowSum(space, now, messages);
  const weeks = [1, 2, 3, 4].filter((k) => h - k * WEEK_HOURS >= earliest);
  let usual: number;
  let basis: 'weekday-hour' | 'recent';
  if (weeks.length > 0) {
    basis = 'weekday-hour';
    usual = weeks.reduce((sum, k) => sum + (space.hours.get(h - k * WEEK_HOURS)?.messages ?? 0), 0) / weeks.length;
  } else {
    basis = 'recent';
    const start = Math.max(earliest, h - 1 - WEEK_HOURS);
    const hours = Math.max(1, h - 1 - start);
    usual = sumHours(space, start, h - 1, messages) / hours;
  }
  const base = Math.max(USUAL_FLOOR, usual);
  const ratio = current / base;
  // A space the cache has known for under THIN_HISTORY_HOURS has no real "usual" yet (every space on a
  // fresh install): its volume counts at most one point, or an ordinary busy evening would be a warning.
  const thin = h - earliest < THIN_HISTORY_HOURS;
  const volumePoints = Math.min(thin ? 1 : 2, ratio >= 6 && current >= 40 ? 2 : ratio >= 3 && current >= 20 ? 1 : 0);
  if (volumePoints) terms.push({ kind: 'volume', points: volumePoints, current: Math.round(current), usual: Math.round(usual * 10) / 10, ratio: Math.round(ratio * 10) / 10, basis, at: h * HOUR_MS });

  // Negative share now against the week before the window.
  const scored = windowSum(space, now, (b) => b.scored);
  const negative = windowSum(space, now, (b) => b.negative);
  const pastScored = sumHours(space, h - 1 - WEEK_HOURS, h - 1, (b) => b.scored);
  const pastNegative = sumHours(space, h - 1 - WEEK_HOURS, h - 1, (b) => b.negative);
  if (scored >= 8) {
    const share = negative / scored;
    const usualShare = pastScored > 0 ? pastNegative / pastScored : 0;
    // The jump must hold for the low end of the current share's interval, not only its middle.
    const low = proportion(Math.round(negative), Math.round(scored)).low;
    const jump = share - usualShare;
    const points = low > usualShare ? (jump >= 0.3 ? 2 : jump >= 0.15 ? 1 : 0) : 0;
    if (points) terms.push({ kind: 'negative', points, share, usual: usualShare, scored: Math.round(scored) });
  }

  const scam = windowSum(space, now, (b) => b.scamRaid);
  const scamShare = current > 0 ? scam / current : 0;
  // Fifty lures in an hour is a raid whatever else is going on.
  const scamPoints = scam >= 50 ? 3 : scam >= 20 || (scam >= 10 && scamShare >= 0.3) ? 2 : scam >= 5 ? 1 : 0;
  if (scamPoints) terms.push({ kind: 'scamRaid', points: scamPoints, count: Math.round(scam), share: scamShare });

  // Reports over the last two hours, and the word most of them share.
  let reports = 0;
  const topics = new Map<string, number>();
  for (const hour of [h, h - 1]) {
    const b = space.hours.get(hour);
    if (!b) continue;
    reports += b.reports;
    for (const [t, n] of b.reportTerms ?? []) topics.set(t, (topics.get(t) ?? 0) + n);
  }
  let topic: string | undefined;
  let onTopic = 0;
  for (const [t, n] of topics) if (n > onTopic || (n === onTopic && topic !== undefined && t < topic)) [topic, onTopic] = [t, n];
  const reportPoints = onTopic >= 6 ? 2 : onTopic >= 3 || reports >= 5 ? 1 : 0;
  if (reportPoints) terms.push({ kind: 'reports', points: reportPoints, count: reports, topic: onTopic >= 3 ? topic : undefined, onTopic });

  const open = openItems.filter((t) => t <= now);
  if (open.length > 0) {
    const oldestOpenMs = now - Math.min(...open);
    const points = oldestOpenMs >= 60 * 60_000 ? 2 : oldestOpenMs >= 15 * 60_000 ? 1 : 0;
    if (points) terms.push({ kind: 'response', points, oldestOpenMs, open: open.length });
  }

  terms.sort((a, b) => b.points - a.points);
  const points = terms.reduce((s, t) => s + t.points, 0);
  return { spaceKey: space.key, name: space.name, platform: space.platform, level: levelFor(points), points, terms, at: now };
}

/** Signals of every space that is not calm, most serious first. */
export function crisisSignals(agg: InsightsAggregator, now: number, openItems: OpenItemsBySpace = new Map()): CrisisSignal[] {
  const out: CrisisSignal[] = [];
  for (const space of agg.spaces.values()) {
    const s = crisisSignal(space, now, openItems.get(space.key));
    if (s.level !== 'calm') out.push(s);
  }
  return out.sort((a, b) => b.points - a.points || a.spaceKey.localeCompare(b.spaceKey));
}
