// The insights report: what the dashboard shows for one scope (a space, a platform, everything) and
// one period, read from the aggregates in the viewer's time zone. Pure: the worker, tests and bench call it.
import { DateTime } from 'luxon';
import { firstAnswer, HOUR_MS, TERM_BLOCK_MS, type HourBucket, type InsightsAggregator, type SpaceAggregate } from './aggregate';
import type { Platform } from '../domain/model';
import type { DayBucket, DayRollups } from './rollup';

export const PERIODS = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS, '90d': 90 * 24 * HOUR_MS } as const;
export type PeriodId = keyof typeof PERIODS;
export const DAY_MS = 24 * HOUR_MS;

/** Which spaces a report covers: all, one platform, or one space (by its key). */
export type Scope = { kind: 'all' } | { kind: 'platform'; platform: Platform } | { kind: 'space'; key: string };

export interface ReportQuery {
  scope: Scope;
  period: PeriodId;
  /** Now, epoch ms: the period ends with the hour that holds it. */
  now: number;
  /** IANA zone of the viewer, e.g. 'Europe/Berlin'. */
  zone: string;
  /**
   * Accounts linked to one person in the team ledger: `platform|authorId` → person id. A person counts
   * once in active members and speaking share, whichever platforms they spoke on.
   */
  people?: readonly (readonly [string, string])[];
}

/** A share with its 95% Wilson interval. */
export interface Proportion {
  count: number;
  of: number;
  share: number;
  low: number;
  high: number;
}

export interface SeriesPoint {
  /** Start of the local hour or local day, epoch ms. */
  t: number;
  messages: number;
  active: number;
  joins: number;
  leaves: number;
  flagged: number;
}

export interface Contributor {
  /** `platform|sourceId|authorId`. */
  member: string;
  name: string;
  newcomersAnswered: number;
  messages: number;
}

export interface TermHeat {
  term: string;
  now: number;
  before: number;
}

export interface SpaceSentiment {
  key: string;
  name: string;
  platform: Platform;
  negative: Proportion;
  /** Negative share per series step (null where the lexicon scored nothing). */
  trend: (number | null)[];
}

export interface InsightsReport {
  from: number;
  to: number;
  zone: string;
  granularity: 'hour' | 'day';
  spaces: { key: string; name: string; platform: Platform }[];
  members: {
    joins: number;
    leaves: number;
    net: number;
    /** Of the members who joined in the period at least 7 (30) days before its end: still posting 7 (30) days after joining. */
    retained7: Proportion;
    retained30: Proportion;
    newcomers: number;
    /** Newcomers who posted after joining, the median time to that first message, and how many got an answer. */
    newcomersPosted: number;
    medianFirstMessageMs: number | null;
    answered: Proportion;
  };
  activity: {
    series: SeriesPoint[];
    messages: number;
    activeMembers: number;
    /** [weekday 0=Mon…6=Sun][local hour 0…23] message counts. */
    heatmap: number[][];
    repliesPerMessage: number;
    speaking: { members: number; top1Share: number; top10Share: number; gini: number };
  };
  topics: { rising: TermHeat[]; falling: TermHeat[] };
  /** Members worth growing: who answers newcomers first, then who talks most; with the figures that put them here. */
  contributors: Contributor[];
  sentiment: { overall: Proportion; perSpace: SpaceSentiment[] };
  moderation: {
    flagged: number;
    flagsPerHour: number;
    reports: number;
    modActions: Record<string, number>;
  };
}

/** 95% Wilson score interval: honest for small counts (a 1-of-2 share is not "50%"). */
export function proportion(count: number, of: number): Proportion {
  if (of === 0) return { count, of, share: 0, low: 0, high: 0 };
  const z = 1.96;
  const p = count / of;
  const denom = 1 + (z * z) / of;
  const centre = (p + (z * z) / (2 * of)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / of + (z * z) / (4 * of * of))) / denom;
  return { count, of, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Gini coefficient of non-negative counts (0 = everyone speaks equally, →1 = one voice). */
export function gini(counts: ArrayLike<number>): number {
  return giniOfSorted(Float64Array.from(counts).sort());
}

/** Share of all messages written by the top `fraction` of members (at least one member). */
export function topShare(counts: ArrayLike<number>, fraction: number): number {
  return topShareOfSorted(Float64Array.from(counts).sort(), fraction);
}

// On counts sorted ascending (a typed array sorts by number without a comparator: the report sorts once).
function giniOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i]!;
    weighted += (i + 1) * sorted[i]!;
  }
  if (total === 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

function topShareOfSorted(sorted: Float64Array, fraction: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const k = Math.max(1, Math.ceil(n * fraction));
  let top = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i]!;
    if (i >= n - k) top += sorted[i]!;
  }
  return total === 0 ? 0 : top / total;
}

export function spacesIn(agg: InsightsAggregator, scope: Scope): SpaceAggregate[] {
  // In key order, so the report does not depend on which space's events arrived first.
  const all = [...agg.spaces.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (scope.kind === 'all') return all;
  if (scope.kind === 'platform') return all.filter((s) => s.platform === scope.platform);
  return all.filter((s) => s.key === scope.key);
}

interface LocalSlot {
  /** Series step index, weekday (0=Mon) and local hour of one UTC hour. */
  step: number;
  weekday: number;
  hour: number;
}

/**
 * Maps each UTC hour of [from, to) to its local series step, weekday and hour. Days are local
 * calendar days, so a spring-forward day has 23 hours and a fall-back day 25; the repeated local
 * hour of a fall-back night collects both UTC hours in the heatmap.
 */
function localSlots(from: number, to: number, zone: string, granularity: 'hour' | 'day'): { slots: Map<number, LocalSlot>; starts: number[] } {
  const slots = new Map<number, LocalSlot>();
  const starts: number[] = [];
  // The zone's offset per hour, then plain arithmetic: a luxon DateTime per hour costs ~25 µs, and a
  // 90-day period has 2,160 hours. A DateTime is built only when the local date changes.
  const tz = DateTime.fromMillis(from, { zone }).zone;
  // Offsets are read once a day; where two readings a day apart differ, that day is read hour by hour
  // (no zone changes its offset twice within 24 hours).
  const offsetAt = new Map<number, number>();
  const firstH = Math.floor(from / HOUR_MS);
  for (let h = firstH; h * HOUR_MS < to + DAY_MS; h += 24) offsetAt.set(h, tz.offset(h * HOUR_MS));
  const offset = (h: number): number => {
    const dayStart = firstH + Math.floor((h - firstH) / 24) * 24;
    const a = offsetAt.get(dayStart)!;
    const b = offsetAt.get(dayStart + 24) ?? a;
    return a === b ? a : tz.offset(h * HOUR_MS);
  };
  let localDay = Number.NaN;
  for (let h = firstH; h * HOUR_MS < to; h++) {
    const utc = h * HOUR_MS;
    const localMs = utc + offset(h) * 60_000;
    const day = Math.floor(localMs / DAY_MS);
    const hour = Math.floor((localMs - day * DAY_MS) / HOUR_MS);
    // 1 Jan 1970 was a Thursday (index 3 with Monday = 0).
    const weekday = (((day + 3) % 7) + 7) % 7;
    if (granularity === 'hour') starts.push(utc);
    else if (day !== localDay) starts.push(DateTime.fromMillis(utc, { zone }).startOf('day').toMillis());
    localDay = day;
    slots.set(h, { step: starts.length - 1, weekday, hour });
  }
  return { slots, starts };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const RETAIN_7 = 7 * DAY_MS;
const RETAIN_30 = 30 * DAY_MS;
/** A newcomer's first message counts as answered when someone else replies within a day. */
export const ANSWER_WINDOW_MS = DAY_MS;

export interface ReportOptions {
  /**
   * Day roll-ups of the viewer's zone (rollup.ts): the 30- and 90-day periods read the whole days
   * already built from them, and every other day from its hours (the same figures). A report never
   * builds a roll-up: the worker builds them between questions.
   */
  days?: DayRollups | undefined;
}

export function buildReport(agg: InsightsAggregator, q: ReportQuery, opts: ReportOptions = {}): InsightsReport {
  const length = PERIODS[q.period];
  // The period ends with the current hour, so "24 hours" is 24 whole hour rows, the last one filling up.
  const to = Math.ceil(q.now / HOUR_MS) * HOUR_MS;
  const from = to - length;
  const granularity = length <= 7 * DAY_MS ? 'hour' : 'day';
  const { slots, starts } = localSlots(from, to, q.zone, granularity);
  // The slots as flat arrays by hour offset: the loop below reads them once per (space, hour).
  const firstHour = Math.floor(from / HOUR_MS);
  const hourCount = Math.ceil((to - from) / HOUR_MS);
  const stepOf = new Int32Array(hourCount).fill(-1);
  const cellOf = new Int32Array(hourCount);
  for (const [h, slot] of slots) {
    stepOf[h - firstHour] = slot.step;
    cellOf[h - firstHour] = slot.weekday * 24 + slot.hour;
  }
  const spaces = spacesIn(agg, q.scope);

  const series: SeriesPoint[] = starts.map((t) => ({ t, messages: 0, active: 0, joins: 0, leaves: 0, flagged: 0 }));
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  // Per-member counts in a flat array by member number: a period of 90
  // days over every space touches about a million (member, hour) pairs, and string keys would churn.
  const memberCount = agg.memberTable.size;
  const canon = canonicalMembers(agg, q.people);
  const perMember = new Float64Array(memberCount);
  let activeMembers = 0;
  let messages = 0;
  let replies = 0;
  let joins = 0;
  let leaves = 0;
  let flagged = 0;
  let reports = 0;
  let scored = 0;
  let negative = 0;
  const modActions: Record<string, number> = {};
  const trendScored = spaces.map(() => new Array<number>(starts.length).fill(0));
  const trendNeg = spaces.map(() => new Array<number>(starts.length).fill(0));

  const words = (memberCount + 31) >>> 5;
  const seen = new Uint32Array(starts.length * words);
  const cells = new Float64Array(7 * 24);
  /** Adds one bucket (an hour's, or a local day's roll-up) to series step `step`. */
  const addBucket = (si: number, step: number, b: HourBucket | DayBucket): void => {
    const point = series[step]!;
    point.messages += b.messages;
    point.joins += b.joins;
    point.leaves += b.leaves;
    point.flagged += b.flagged;
    const pairs = b.authors.pairs;
    const row = step * words;
    for (let i = 0, end = b.authors.size * 2; i < end; i += 2) {
      const a = pairs[i]!;
      const m = canon ? canon[a]! : a;
      const n = pairs[i + 1]!;
      if (perMember[m] === 0) activeMembers++;
      perMember[m]! += n;
      const w = row + (m >>> 5);
      const bit = 1 << (m & 31);
      if ((seen[w]! & bit) === 0) {
        seen[w] = seen[w]! | bit;
        point.active++;
      }
    }
    messages += b.messages;
    replies += b.replies;
    joins += b.joins;
    leaves += b.leaves;
    flagged += b.flagged;
    reports += b.reports;
    scored += b.scored;
    negative += b.negative;
    trendScored[si]![step]! += b.scored;
    trendNeg[si]![step]! += b.negative;
    if (b.modActions) for (const k in b.modActions) modActions[k] = (modActions[k] ?? 0) + b.modActions[k]!;
  };
  /** Adds the space's hours at offsets [first, end) of the period, looked up one by one (a plain loop: this runs per space and hour). */
  const addHours = (si: number, hours: ReadonlyMap<number, HourBucket>, first: number, end: number): void => {
    for (let k = first; k < end; k++) {
      const b = hours.get(firstHour + k);
      if (!b) continue;
      const step = stepOf[k]!;
      if (step < 0) continue;
      addBucket(si, step, b);
      cells[cellOf[k]!]! += b.messages;
    }
  };
  // With day roll-ups for the viewer's zone, a long period reads its whole local days from them; the
  // first and last day (cut by the period's edges, the last one filling up) still read their hours.
  const days = granularity === 'day' && opts.days?.zone === q.zone ? opts.days : undefined;
  /** Hour offsets k where each series step starts and ends (steps are runs of consecutive hours). */
  const stepStart = new Int32Array(starts.length + 1).fill(hourCount);
  for (let k = hourCount - 1; k >= 0; k--) if (stepOf[k]! >= 0) stepStart[stepOf[k]!] = k;
  const rolled = days ? Math.max(0, starts.length - 2) : 0;
  // Spaces outside, each space's own hours inside (no lookup per hour and space). Whether a member
  // was already counted as active in a step is one bit of a step × member bitset (90 daily steps ×
  // 20,000 members is 225 KB).
  for (let si = 0; si < spaces.length; si++) {
    const space = spaces[si]!;
    const hours = space.hours;
    if (days && rolled > 0) {
      // The edge days from their hours, the days between from their roll-ups where ready.
      addHours(si, hours, 0, stepStart[1]!);
      for (let step = 1; step <= rolled; step++) {
        const d = days.ready(space, days.clock.at(firstHour + stepStart[step]!).day);
        if (d === undefined) addHours(si, hours, stepStart[step]!, stepStart[step + 1]!);
        else if (d !== null) {
          addBucket(si, step, d);
          for (let i = 0; i < 24; i++) cells[d.weekday * 24 + i]! += d.cells[i]!;
        }
      }
      addHours(si, hours, stepStart[starts.length - 1]!, hourCount);
      continue;
    }
    // A short period looks its hours up; a long one walks the space's hours (fewer than it has slots, or about as many).
    if (hourCount < hours.size) {
      addHours(si, hours, 0, hourCount);
      continue;
    }
    for (const [h, b] of hours) {
      const k = h - firstHour;
      if (k < 0 || k >= hourCount) continue;
      const step = stepOf[k]!;
      if (step < 0) continue;
      addBucket(si, step, b);
      cells[cellOf[k]!]! += b.messages;
    }
  }
  for (let c = 0; c < cells.length; c++) heatmap[Math.floor(c / 24)]![c % 24] = cells[c]!;
  const perSpace: SpaceSentiment[] = spaces.map((space, si) => {
    const sc = trendScored[si]!;
    const ng = trendNeg[si]!;
    let spaceScored = 0;
    let spaceNeg = 0;
    for (let i = 0; i < sc.length; i++) {
      spaceScored += sc[i]!;
      spaceNeg += ng[i]!;
    }
    return {
      key: space.key,
      name: space.name,
      platform: space.platform,
      negative: proportion(spaceNeg, spaceScored),
      trend: sc.map((x, i) => (x > 0 ? ng[i]! / x : null)),
    };
  });
  const counts = new Float64Array(activeMembers);
  for (let m = 0, i = 0; m < memberCount; m++) if (perMember[m]! > 0) counts[i++] = perMember[m]!;
  counts.sort();

  // Newcomers: joined in the period.
  let newcomers = 0;
  let posted = 0;
  let answered = 0;
  const firstMessageDelays: number[] = [];
  let eligible7 = 0;
  let retained7 = 0;
  let eligible30 = 0;
  let retained30 = 0;
  /** Member number → newcomers whose first message this member answered first. */
  const welcomed = new Map<number, number>();
  for (const space of spaces) {
    const tracks = space.members;
    for (let j = 0; j < tracks.joinedCount; j++) {
      const row = tracks.joined[j]!;
      const joined = tracks.joinedAt[row]!;
      if (!(joined >= from && joined < to)) continue;
      const member = tracks.member[row]!;
      const firstTs = tracks.firstTs[row]!;
      newcomers++;
      if (firstTs >= joined) {
        posted++;
        firstMessageDelays.push(firstTs - joined);
        const answer = firstAnswer(space, tracks.firstKey[row]!, member);
        if (answer !== undefined && answer.ts - firstTs <= ANSWER_WINDOW_MS && answer.ts < to) {
          answered++;
          const helper = canon ? canon[answer.author]! : answer.author;
          welcomed.set(helper, (welcomed.get(helper) ?? 0) + 1);
        }
      }
      const last = tracks.lastMessageAt[row]!;
      if (joined + RETAIN_7 <= to) {
        eligible7++;
        if (last >= joined + RETAIN_7) retained7++;
      }
      if (joined + RETAIN_30 <= to) {
        eligible30++;
        if (last >= joined + RETAIN_30) retained30++;
      }
    }
  }

  return {
    from,
    to,
    zone: q.zone,
    granularity,
    spaces: spaces.map((s) => ({ key: s.key, name: s.name, platform: s.platform })),
    members: {
      joins,
      leaves,
      net: joins - leaves,
      retained7: proportion(retained7, eligible7),
      retained30: proportion(retained30, eligible30),
      newcomers,
      newcomersPosted: posted,
      medianFirstMessageMs: median(firstMessageDelays),
      answered: proportion(answered, posted),
    },
    activity: {
      series,
      messages,
      activeMembers,
      heatmap,
      repliesPerMessage: messages === 0 ? 0 : replies / messages,
      speaking: { members: counts.length, top1Share: topShareOfSorted(counts, 0.01), top10Share: topShareOfSorted(counts, 0.1), gini: giniOfSorted(counts) },
    },
    topics: topicHeat(agg, spaces, from, to),
    contributors: contributors(agg, welcomed, perMember),
    sentiment: { overall: proportion(negative, scored), perSpace },
    moderation: { flagged, flagsPerHour: flagged / (length / HOUR_MS), reports, modActions },
  };
}

/**
 * Member number → the number that stands for the member's person (the lowest number among the
 * person's accounts); undefined when nobody is linked, so the common case costs nothing.
 */
function canonicalMembers(agg: InsightsAggregator, people: ReportQuery['people']): Int32Array | undefined {
  if (!people || people.length === 0) return undefined;
  const personOf = new Map(people);
  const table = agg.memberTable;
  const canon = new Int32Array(table.size);
  const first = new Map<string, number>();
  for (let m = 0; m < canon.length; m++) {
    // The person map is by platform and author only (ids are the platform's own).
    const person = personOf.get(`${table.platform[m]}|${table.authorId[m]}`);
    if (person === undefined) {
      canon[m] = m;
      continue;
    }
    const seen = first.get(person);
    if (seen === undefined) first.set(person, m);
    canon[m] = seen ?? m;
  }
  return canon;
}

/**
 * Contributors worth growing: members who were first to answer newcomers in the period, ranked by how
 * many, then by their messages. Only members who answered at least one newcomer are listed.
 */
function contributors(agg: InsightsAggregator, welcomed: ReadonlyMap<number, number>, perMember: Float64Array, limit = 10): Contributor[] {
  return [...welcomed]
    .map(([m, n]) => ({ member: agg.memberTable.keyOf(m), name: agg.memberTable.name[m]!, newcomersAnswered: n, messages: perMember[m] ?? 0 }))
    .sort((a, b) => b.newcomersAnswered - a.newcomersAnswered || b.messages - a.messages || (a.member < b.member ? -1 : 1))
    .slice(0, limit);
}

/** Terms counted in [from, to) against the previous period of the same length, in whole term blocks. */
function topicHeat(agg: InsightsAggregator, spaces: readonly SpaceAggregate[], from: number, to: number, limit = 10): InsightsReport['topics'] {
  const length = to - from;
  const nowFrom = Math.floor(from / TERM_BLOCK_MS);
  const nowTo = Math.ceil(to / TERM_BLOCK_MS);
  const prevFrom = Math.floor((from - length) / TERM_BLOCK_MS);
  // Counts by term number in flat arrays: the 90-day heat adds up millions of (block, term) pairs.
  const current = new Float64Array(agg.terms.length);
  const previous = new Float64Array(agg.terms.length);
  for (const space of spaces) {
    // Only the blocks of the two periods: a 24-hour report must not walk 90 days of blocks.
    for (let block = prevFrom; block < nowTo; block++) {
      const counts = space.termBlocks.get(block);
      if (!counts) continue;
      const target = block >= nowFrom ? current : previous;
      const pairs = counts.pairs;
      for (let i = 0, end = counts.size * 2; i < end; i += 2) target[pairs[i]!]! += pairs[i + 1]!;
    }
  }
  const heat: TermHeat[] = [];
  for (let t = 0; t < agg.terms.length; t++) if (current[t]! > 0 || previous[t]! > 0) heat.push({ term: agg.terms[t]!, now: current[t]!, before: previous[t]! });
  // Rising: most above what the previous period had (+1 smoothing so a new term needs a few mentions).
  const lift = (h: TermHeat) => (h.now + 1) / (h.before + 1);
  const rising = heat
    .filter((h) => h.now >= 3 && h.now > h.before)
    .sort((a, b) => lift(b) - lift(a) || b.now - a.now || a.term.localeCompare(b.term))
    .slice(0, limit);
  const falling = heat
    .filter((h) => h.before >= 3 && h.now < h.before)
    .sort((a, b) => lift(a) - lift(b) || b.before - a.before || a.term.localeCompare(b.term))
    .slice(0, limit);
  return { rising, falling };
}
