// The insights aggregates as stored records (IndexedDB rows in the renderer): typed arrays and short
// string lists, cut so that a batch of new events rewrites only what it touched — one record per space
// and UTC day (its hour buckets and term blocks), per 4,096 member or reply rows of a space, per 4,096
// entries of the member table and the term dictionary. Loading puts the columns back as they were
// (no Map per hour is rebuilt from entries; the row indexes are built on the first event), so opening
// Insights reads compact records instead of walking every cached event.
// A glance (format 2) reads only what a 24-hour or 7-day report and the crisis signal read: the recent
// days, the member and term tables, and per join day the newcomers' rows with the first answer to each
// (`j|` records, derived from the member and reply tables, which are most of the bytes and come later).
import type { Platform } from '../domain/model';
import {
  InsightsAggregator,
  MemberTracks,
  ReplyTable,
  spaceKeyOf,
  TABLE_CHUNK,
  TERM_BLOCK_HOURS,
  type AggregateChanges,
  type HourBucket,
  type InsightSource,
  type SpaceChanges,
  type SpaceAggregate,
} from './aggregate';
import { trimmed } from './compact';
import { crisisDays } from './crisis';
import { PERIODS, type PeriodId } from './report';

/** The counters of an hour bucket, in their stored order. */
const COUNTERS = ['messages', 'replies', 'joins', 'leaves', 'flagged', 'scamRaid', 'reports', 'scored', 'negative', 'positive'] as const;

/** 2: with the newcomers' `joins` records and each space's earliest hour (a glance needs both); 1 loads in full. */
export const SNAPSHOT_FORMAT = 2;
const DAY_MS = 86_400_000;

export type AggregateRecord =
  | { key: 'meta'; kind: 'meta'; format: number; count: number; latestTs: number; members: number; terms: number }
  | { key: string; kind: 'space'; space: string; platform: Platform; sourceId: string; spaceId: string; name: string; nameAt: [number, string]; firstHour?: number; chunks?: [tracks: number, replies: number] }
  | {
      key: string;
      kind: 'day';
      space: string;
      day: number;
      hours: Float64Array;
      counters: Int32Array;
      /** Per hour, where its author pairs end in `authorPairs`. */
      authorEnds: Int32Array;
      authorPairs: Int32Array;
      /** [hour index, kind, count]. */
      modActions: [number, string, number][];
      /** [hour index, term, count]. */
      reportTerms: [number, string, number][];
      blocks: Float64Array;
      termEnds: Int32Array;
      termPairs: Int32Array;
    }
  | { key: string; kind: 'tracks'; space: string; chunk: number; member: Int32Array; joinedAt: Float64Array; firstTs: Float64Array; firstTie: Float64Array; firstKey: Float64Array; lastMessageAt: Float64Array }
  | { key: string; kind: 'replies'; space: string; chunk: number; keys: Float64Array; ts0: Float64Array; tie0: Float64Array; author0: Int32Array; ts1: Float64Array; tie1: Float64Array; author1: Int32Array }
  | { key: string; kind: 'members'; chunk: number; platform: string[]; sourceId: string[]; authorId: string[]; name: string[]; nameTs: Float64Array; nameId: string[] }
  | { key: string; kind: 'terms'; chunk: number; terms: string[] }
  /**
   * The member rows of one space that joined on one UTC day (their columns as in `tracks`), and the
   * reply row of each one's first message (as in `replies`; author0 -1 = none): what a report's
   * newcomer figures read.
   */
  | {
      key: string;
      kind: 'joins';
      space: string;
      day: number;
      member: Int32Array;
      joinedAt: Float64Array;
      firstTs: Float64Array;
      firstTie: Float64Array;
      firstKey: Float64Array;
      lastMessageAt: Float64Array;
      ts0: Float64Array;
      tie0: Float64Array;
      author0: Int32Array;
      ts1: Float64Array;
      tie1: Float64Array;
      author1: Int32Array;
    };

const DAY_HOURS = 24;
const BLOCKS_PER_DAY = DAY_HOURS / TERM_BLOCK_HOURS;

function dayRecord(space: SpaceAggregate, day: number): AggregateRecord {
  const hours: number[] = [];
  for (let h = day * DAY_HOURS; h < (day + 1) * DAY_HOURS; h++) if (space.hours.has(h)) hours.push(h);
  const counters = new Int32Array(hours.length * COUNTERS.length);
  const authorEnds = new Int32Array(hours.length);
  const parts: Int32Array[] = [];
  let end = 0;
  const modActions: [number, string, number][] = [];
  const reportTerms: [number, string, number][] = [];
  hours.forEach((h, i) => {
    const b = space.hours.get(h)!;
    COUNTERS.forEach((c, k) => (counters[i * COUNTERS.length + k] = b[c]));
    const pairs = trimmed(b.authors);
    parts.push(pairs);
    end += pairs.length;
    authorEnds[i] = end;
    for (const kind in b.modActions ?? {}) modActions.push([i, kind, b.modActions![kind]!]);
    for (const [term, n] of b.reportTerms ?? []) reportTerms.push([i, term, n]);
  });
  const blocks: number[] = [];
  for (let k = day * BLOCKS_PER_DAY; k < (day + 1) * BLOCKS_PER_DAY; k++) if (space.termBlocks.has(k)) blocks.push(k);
  const termEnds = new Int32Array(blocks.length);
  const termParts = blocks.map((k) => trimmed(space.termBlocks.get(k)!));
  let termEnd = 0;
  termParts.forEach((p, i) => (termEnds[i] = termEnd += p.length));
  return {
    key: `h|${day}|${space.key}`,
    kind: 'day',
    space: space.key,
    day,
    hours: Float64Array.from(hours),
    counters,
    authorEnds,
    authorPairs: concat(parts, end),
    modActions,
    reportTerms,
    blocks: Float64Array.from(blocks),
    termEnds,
    termPairs: concat(termParts, termEnd),
  };
}

function concat(parts: readonly Int32Array[], length: number): Int32Array {
  const out = new Int32Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function rowsOf(chunk: number, size: number): [number, number] {
  return [chunk * TABLE_CHUNK, Math.min(size, (chunk + 1) * TABLE_CHUNK)];
}

function tracksRecord(space: SpaceAggregate, chunk: number): AggregateRecord {
  const t = space.members;
  const [a, b] = rowsOf(chunk, t.size);
  return {
    key: `m|${chunk}|${space.key}`,
    kind: 'tracks',
    space: space.key,
    chunk,
    member: t.member.slice(a, b),
    joinedAt: t.joinedAt.slice(a, b),
    firstTs: t.firstTs.slice(a, b),
    firstTie: t.firstTie.slice(a, b),
    firstKey: t.firstKey.slice(a, b),
    lastMessageAt: t.lastMessageAt.slice(a, b),
  };
}

function repliesRecord(space: SpaceAggregate, chunk: number): AggregateRecord {
  const t = space.replies;
  const [a, b] = rowsOf(chunk, t.size);
  return {
    key: `r|${chunk}|${space.key}`,
    kind: 'replies',
    space: space.key,
    chunk,
    keys: t.key.slice(a, b),
    ts0: t.ts0.slice(a, b),
    tie0: t.tie0.slice(a, b),
    author0: t.author0.slice(a, b),
    ts1: t.ts1.slice(a, b),
    tie1: t.tie1.slice(a, b),
    author1: t.author1.slice(a, b),
  };
}

/** The joined rows of a space by the UTC day of their join (only the days asked for, when given). */
function joinedRowsByDay(space: SpaceAggregate, only?: ReadonlySet<number>): Map<number, number[]> {
  const t = space.members;
  const out = new Map<number, number[]>();
  for (let j = 0; j < t.joinedCount; j++) {
    const row = t.joined[j]!;
    const day = Math.floor(t.joinedAt[row]! / DAY_MS);
    if (only && !only.has(day)) continue;
    const list = out.get(day);
    if (list) list.push(row);
    else out.set(day, [row]);
  }
  return out;
}

function joinsRecord(space: SpaceAggregate, day: number, rows: readonly number[]): AggregateRecord {
  const t = space.members;
  const r = space.replies;
  const pick64 = (col: Float64Array) => Float64Array.from(rows, (row) => col[row]!);
  const reply = rows.map((row) => (Number.isNaN(t.firstKey[row]!) ? undefined : r.find(t.firstKey[row]!)));
  return {
    key: `j|${day}|${space.key}`,
    kind: 'joins',
    space: space.key,
    day,
    member: Int32Array.from(rows, (row) => t.member[row]!),
    joinedAt: pick64(t.joinedAt),
    firstTs: pick64(t.firstTs),
    firstTie: pick64(t.firstTie),
    firstKey: pick64(t.firstKey),
    lastMessageAt: pick64(t.lastMessageAt),
    ts0: Float64Array.from(reply, (x) => (x === undefined ? Number.NaN : r.ts0[x]!)),
    tie0: Float64Array.from(reply, (x) => (x === undefined ? Number.NaN : r.tie0[x]!)),
    author0: Int32Array.from(reply, (x) => (x === undefined ? -1 : r.author0[x]!)),
    ts1: Float64Array.from(reply, (x) => (x === undefined ? Number.NaN : r.ts1[x]!)),
    tie1: Float64Array.from(reply, (x) => (x === undefined ? Number.NaN : r.tie1[x]!)),
    author1: Int32Array.from(reply, (x) => (x === undefined ? -1 : r.author1[x]!)),
  };
}

/** The earliest hour a space has a bucket for, as stored (-1 when none). */
function storedFirstHour(space: SpaceAggregate): number {
  let first = Infinity;
  for (const h of space.hours.keys()) if (h < first) first = h;
  return first === Infinity ? -1 : first;
}

/** The records to write for what changed since the last call (takes the changes from the aggregator). */
export function changedRecords(agg: InsightsAggregator, changes: AggregateChanges = agg.takeChanges()): AggregateRecord[] {
  const out: AggregateRecord[] = [];
  for (const [key, c] of changes.spaces) {
    const space = agg.spaces.get(key);
    if (!space) continue;
    out.push({ key: `s|${key}`, kind: 'space', space: key, platform: space.platform, sourceId: space.sourceId, spaceId: space.spaceId, name: space.name, nameAt: space.nameAt, firstHour: storedFirstHour(space), chunks: [Math.ceil(space.members.size / TABLE_CHUNK), Math.ceil(space.replies.size / TABLE_CHUNK)] });
    for (const day of c.days) out.push(dayRecord(space, day));
    for (const chunk of c.members) out.push(tracksRecord(space, chunk));
    for (const chunk of c.replies) out.push(repliesRecord(space, chunk));
    if (c.joinDays.size > 0) {
      const byDay = joinedRowsByDay(space, c.joinDays);
      // A day none joined on any more (its only join moved earlier) is written empty: the store deletes it.
      for (const day of c.joinDays) out.push(joinsRecord(space, day, byDay.get(day) ?? []));
    }
  }
  for (const chunk of changes.memberChunks) {
    const [a, b] = rowsOf(chunk, agg.memberTable.size);
    const t = agg.memberTable;
    out.push({
      key: `members|${chunk}`,
      kind: 'members',
      chunk,
      platform: t.platform.slice(a, b),
      sourceId: t.sourceId.slice(a, b),
      authorId: t.authorId.slice(a, b),
      name: t.name.slice(a, b),
      nameTs: Float64Array.from(t.nameTs.slice(a, b)),
      nameId: t.nameId.slice(a, b),
    });
  }
  for (const chunk of changes.termChunks) {
    const [a, b] = rowsOf(chunk, agg.terms.length);
    out.push({ key: `terms|${chunk}`, kind: 'terms', chunk, terms: agg.terms.slice(a, b) });
  }
  out.push({ key: 'meta', kind: 'meta', format: SNAPSHOT_FORMAT, count: agg.count, latestTs: agg.latestTs, members: agg.memberTable.size, terms: agg.terms.length });
  return out;
}

/** Every record of the aggregator (a first build, a test). */
export function allRecords(agg: InsightsAggregator): AggregateRecord[] {
  agg.takeChanges();
  const spaces = new Map<string, SpaceChanges>();
  for (const space of agg.spaces.values()) {
    const days = new Set<number>();
    for (const h of space.hours.keys()) days.add(Math.floor(h / DAY_HOURS));
    for (const k of space.termBlocks.keys()) days.add(Math.floor(k / BLOCKS_PER_DAY));
    const chunks = (size: number) => new Set(Array.from({ length: Math.ceil(size / TABLE_CHUNK) }, (_, i) => i));
    spaces.set(space.key, { days, members: chunks(space.members.size), replies: chunks(space.replies.size), joinDays: new Set(joinedRowsByDay(space).keys()) });
  }
  const chunks = (size: number) => Array.from({ length: Math.ceil(size / TABLE_CHUNK) }, (_, i) => i);
  return changedRecords(agg, { spaces, memberChunks: chunks(agg.memberTable.size), termChunks: chunks(agg.terms.length) });
}

function groupBySpace<R extends { space: string }>(records: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of records) {
    const list = out.get(r.space);
    if (list) list.push(r);
    else out.set(r.space, [r]);
  }
  return out;
}

/** Fills typed-array columns from chunk records (rows at chunk × TABLE_CHUNK). */
function columns<R extends { chunk: number }>(records: readonly R[], pick: (r: R) => ArrayLike<number>, size: number, make: (n: number) => Float64Array | Int32Array): Float64Array | Int32Array {
  const out = make(size);
  for (const r of records) out.set(pick(r), r.chunk * TABLE_CHUNK);
  return out;
}

/**
 * The aggregator the records describe, or undefined when there is none (never built, or an older
 * format: then the caller builds again from the events).
 */
export function fromRecords(records: readonly AggregateRecord[]): InsightsAggregator | undefined {
  return restore(records, undefined);
}

/**
 * Reads the stored aggregates. A glance takes its member and reply rows from the `joins` records,
 * except in the spaces it read in full (`glance.full`: their `tracks` and `replies` records).
 */
function restore(records: readonly AggregateRecord[], glance: { full: ReadonlySet<string> } | undefined): InsightsAggregator | undefined {
  const meta = records.find((r) => r.kind === 'meta');
  if (!meta || meta.kind !== 'meta' || !(meta.format === SNAPSHOT_FORMAT || (!glance && meta.format === 1))) return undefined;
  const agg = new InsightsAggregator();
  const by = <K extends AggregateRecord['kind']>(kind: K) => records.filter((r): r is Extract<AggregateRecord, { kind: K }> => r.kind === kind);

  for (const m of by('members').sort((a, b) => a.chunk - b.chunk)) {
    if (agg.memberTable.size !== m.chunk * TABLE_CHUNK) throw new Error('insights: the stored member table has a gap');
    agg.memberTable.append(m);
  }
  for (const t of by('terms').sort((a, b) => a.chunk - b.chunk)) {
    t.terms.forEach((term, i) => {
      if (agg.restoreTerm(term) !== t.chunk * TABLE_CHUNK + i) throw new Error('insights: the stored term dictionary has a gap');
    });
  }
  if (agg.memberTable.size !== meta.members || agg.terms.length !== meta.terms) throw new Error('insights: stored tables are incomplete');

  const spaces = new Map<string, SpaceAggregate>();
  for (const s of by('space')) {
    spaces.set(s.space, {
      key: s.space,
      platform: s.platform,
      sourceId: s.sourceId,
      spaceId: s.spaceId,
      name: s.name,
      nameAt: s.nameAt,
      hours: new Map(),
      termBlocks: new Map(),
      members: new MemberTracks(),
      replies: new ReplyTable(),
      ...(glance && s.firstHour !== undefined && s.firstHour >= 0 ? { storedFirstHour: s.firstHour } : {}),
    });
  }
  const spaceOf = (key: string) => {
    const s = spaces.get(key);
    if (!s) throw new Error('insights: a stored record names an unknown space');
    return s;
  };
  for (const d of by('day')) {
    const space = spaceOf(d.space);
    let start = 0;
    const c = d.counters;
    for (let i = 0; i < d.hours.length; i++) {
      const o = i * COUNTERS.length;
      const end = d.authorEnds[i]!;
      // One literal of a fixed shape per hour (a hundred thousand of them load in a few ms). The authors are
      // a view into the record's array: counts grow in place, a new author moves the bucket to its own array.
      const bucket: HourBucket = {
        messages: c[o]!,
        replies: c[o + 1]!,
        joins: c[o + 2]!,
        leaves: c[o + 3]!,
        flagged: c[o + 4]!,
        scamRaid: c[o + 5]!,
        reports: c[o + 6]!,
        scored: c[o + 7]!,
        negative: c[o + 8]!,
        positive: c[o + 9]!,
        authors: { pairs: d.authorPairs.subarray(start, end), size: (end - start) / 2 },
      };
      start = end;
      space.hours.set(d.hours[i]!, bucket);
    }
    for (const [i, kind, n] of d.modActions) {
      const b = space.hours.get(d.hours[i]!)!;
      (b.modActions ??= {})[kind] = n;
    }
    for (const [i, term, n] of d.reportTerms) {
      const b = space.hours.get(d.hours[i]!)!;
      (b.reportTerms ??= new Map()).set(term, n);
    }
    let termStart = 0;
    d.blocks.forEach((k, i) => {
      const end = d.termEnds[i]!;
      space.termBlocks.set(k, { pairs: d.termPairs.subarray(termStart, end), size: (end - termStart) / 2 });
      termStart = end;
    });
  }
  const inFull = <R extends { space: string }>(recs: R[]) => (glance ? recs.filter((r) => glance.full.has(r.space)) : recs);
  if (glance) for (const [key, recs] of groupBySpace(by('joins'))) if (!glance.full.has(key)) restoreJoins(spaceOf(key), recs);
  const tracksBySpace = groupBySpace(inFull(by('tracks')));
  for (const [key, recs] of tracksBySpace) {
    const t = spaceOf(key).members;
    const size = Math.max(...recs.map((r) => r.chunk * TABLE_CHUNK + r.member.length));
    const f64 = (n: number) => new Float64Array(n);
    t.size = size;
    t.member = columns(recs, (r) => r.member, size, (n) => new Int32Array(n)) as Int32Array;
    t.joinedAt = columns(recs, (r) => r.joinedAt, size, f64) as Float64Array;
    t.firstTs = columns(recs, (r) => r.firstTs, size, f64) as Float64Array;
    t.firstTie = columns(recs, (r) => r.firstTie, size, f64) as Float64Array;
    t.firstKey = columns(recs, (r) => r.firstKey, size, f64) as Float64Array;
    t.lastMessageAt = columns(recs, (r) => r.lastMessageAt, size, f64) as Float64Array;
    t.reindexJoined();
  }
  const repliesBySpace = groupBySpace(inFull(by('replies')));
  for (const [key, recs] of repliesBySpace) {
    const t = spaceOf(key).replies;
    const size = Math.max(...recs.map((r) => r.chunk * TABLE_CHUNK + r.keys.length));
    const f64 = (n: number) => new Float64Array(n);
    const i32 = (n: number) => new Int32Array(n);
    t.size = size;
    t.key = columns(recs, (r) => r.keys, size, f64) as Float64Array;
    t.ts0 = columns(recs, (r) => r.ts0, size, f64) as Float64Array;
    t.tie0 = columns(recs, (r) => r.tie0, size, f64) as Float64Array;
    t.author0 = columns(recs, (r) => r.author0, size, i32) as Int32Array;
    t.ts1 = columns(recs, (r) => r.ts1, size, f64) as Float64Array;
    t.tie1 = columns(recs, (r) => r.tie1, size, f64) as Float64Array;
    t.author1 = columns(recs, (r) => r.author1, size, i32) as Int32Array;
  }
  for (const space of spaces.values()) agg.restoreSpace(space);
  agg.count = meta.count;
  agg.latestTs = meta.latestTs;
  agg.takeChanges();
  return agg;
}

/** A glance's member rows (the newcomers of its join days) and the reply rows of their first messages. */
function restoreJoins(space: SpaceAggregate, recs: readonly Extract<AggregateRecord, { kind: 'joins' }>[]): void {
  const t = space.members;
  const r = space.replies;
  const size = recs.reduce((n, x) => n + x.member.length, 0);
  t.size = size;
  t.member = new Int32Array(size);
  t.joinedAt = new Float64Array(size);
  t.firstTs = new Float64Array(size);
  t.firstTie = new Float64Array(size);
  t.firstKey = new Float64Array(size);
  t.lastMessageAt = new Float64Array(size);
  let at = 0;
  for (const x of recs) {
    t.member.set(x.member, at);
    t.joinedAt.set(x.joinedAt, at);
    t.firstTs.set(x.firstTs, at);
    t.firstTie.set(x.firstTie, at);
    t.firstKey.set(x.firstKey, at);
    t.lastMessageAt.set(x.lastMessageAt, at);
    at += x.member.length;
  }
  t.reindexJoined();
  for (const x of recs) {
    for (let i = 0; i < x.member.length; i++) {
      if (x.author0[i]! < 0) continue;
      const row = r.rowOf(x.firstKey[i]!);
      r.ts0[row] = x.ts0[i]!;
      r.tie0[row] = x.tie0[i]!;
      r.author0[row] = x.author0[i]!;
      r.ts1[row] = x.ts1[i]!;
      r.tie1[row] = x.tie1[i]!;
      r.author1[row] = x.author1[i]!;
    }
  }
}

/** The periods a glance can answer: their figures read only recent days. */
const GLANCE_PERIODS: ReadonlySet<PeriodId> = new Set(['24h', '7d']);

/**
 * What a glance at `now` must hold: the UTC days of hour buckets and term blocks the 7-day report (and
 * so the 24-hour one) and the crisis signal read, and the join days of the newcomers the report counts.
 */
export function glanceNeeds(now: number): { days: number[]; joinDays: number[] } {
  const length = PERIODS['7d'];
  const to = Math.ceil(now / 3_600_000) * 3_600_000;
  const from = to - length;
  const days = new Set(crisisDays(now));
  // Topic heat compares with the period before: its term blocks (whole blocks, each in one UTC day).
  const firstBlock = Math.floor((from - length) / (TERM_BLOCK_HOURS * 3_600_000));
  for (let d = Math.floor(firstBlock / BLOCKS_PER_DAY); d <= Math.floor((to - 1) / DAY_MS); d++) days.add(d);
  const joinDays: number[] = [];
  for (let d = Math.floor(from / DAY_MS); d <= Math.floor((to - 1) / DAY_MS); d++) joinDays.push(d);
  return { days: [...days].sort((a, b) => a - b), joinDays };
}

/** Keys (prefixes) of the records a glance at `now` reads. */
export function glancePrefixes(now: number): string[] {
  const { days, joinDays } = glanceNeeds(now);
  return ['meta', 's|', 'members|', 'terms|', ...days.map((d) => `h|${d}|`), ...joinDays.map((d) => `j|${d}|`)];
}

/**
 * The stored aggregates as far as the short periods and the crisis signal read them, before the rest
 * is read: their reports equal the full aggregates' (the property test holds it to that).
 */
export interface Glance {
  agg: InsightsAggregator;
  days: ReadonlySet<number>;
  joinDays: ReadonlySet<number>;
  /** Per stored space, how many member rows came from storage (later rows were made by folded events). */
  storedRows: ReadonlyMap<string, number>;
  /** Spaces whose member and reply tables were read in full (events fold into them exactly). */
  full: ReadonlySet<string>;
  storedMembers: number;
}

/**
 * A glance from the records `glancePrefixes(now)` selects, and the `tracks` and `replies` records of the
 * spaces in `full`; undefined when they are not of the current format.
 */
export function glanceFromRecords(records: readonly AggregateRecord[], now: number, full: ReadonlySet<string> = new Set()): Glance | undefined {
  const agg = restore(records, { full });
  if (!agg) return undefined;
  const { days, joinDays } = glanceNeeds(now);
  return {
    agg,
    days: new Set(days),
    joinDays: new Set(joinDays),
    storedRows: new Map([...agg.spaces.values()].filter((s) => !full.has(s.key)).map((s) => [s.key, s.members.size])),
    full,
    storedMembers: agg.memberTable.size,
  };
}

/** Whether the glance answers this question exactly (else the caller waits for the full aggregates). */
export function glanceAnswers(g: Glance, period: PeriodId, now: number, crisisOnly = false): boolean {
  if (!crisisOnly && !GLANCE_PERIODS.has(period)) return false;
  const need = glanceNeeds(now);
  return (crisisOnly ? crisisDays(now) : need.days).every((d) => g.days.has(d)) && (crisisOnly || need.joinDays.every((d) => g.joinDays.has(d)));
}

/**
 * The spaces whose member and reply tables a glance must read in full before these events fold into it:
 * where a stored member joins and the glance holds no row of theirs (they may have one it did not
 * read), or a newcomer it holds posts (a new first message: its replies are in the reply table).
 */
export function spacesToRead(g: Glance, rows: readonly InsightSource[]): string[] {
  const out = new Set<string>();
  for (const e of rows) {
    if (e.kind !== 'join' && e.kind !== 'message') continue;
    const key = spaceKeyOf(e);
    const stored = g.storedRows.get(key);
    if (stored === undefined || !e.author || e.author.bot) continue;
    const m = g.agg.findMember(e.platform, e.sourceId, e.author.id);
    if (m === undefined || m >= g.storedMembers) continue;
    const row = g.agg.spaces.get(key)!.members.index().get(m);
    const held = row !== undefined && row < stored;
    if (e.kind === 'join' ? !held : held) out.add(key);
  }
  return [...out];
}

/** Keys of a space's `tracks` and `replies` records, by the chunk counts its space record states (undefined: not stated). */
export function memberRecordKeys(records: readonly AggregateRecord[], spaces: readonly string[]): string[] | undefined {
  const keys: string[] = [];
  for (const key of spaces) {
    const s = records.find((r) => r.kind === 'space' && r.space === key);
    if (s?.kind !== 'space' || !s.chunks) return undefined;
    for (let c = 0; c < s.chunks[0]; c++) keys.push(`m|${c}|${key}`);
    for (let c = 0; c < s.chunks[1]; c++) keys.push(`r|${c}|${key}`);
  }
  return keys;
}

/**
 * Folds events stored after the glance's records (the journal) into it. True when every one could be
 * folded exactly; false when one touches a member row the glance does not hold (a join of a member
 * whose row was not read, or a new first message, whose replies are in the unread reply table):
 * then the glance is not to be used.
 */
export function foldIntoGlance(g: Glance, rows: readonly InsightSource[]): boolean {
  const agg = g.agg;
  for (const e of rows) {
    const space = agg.spaces.get(spaceKeyOf(e));
    const stored = space ? g.storedRows.get(space.key) : undefined;
    const m = e.author && !e.author.bot ? agg.findMember(e.platform, e.sourceId, e.author.id) : undefined;
    // Only a stored member in a stored space can have rows the glance did not read.
    if (space && stored !== undefined && m !== undefined && m < g.storedMembers && (e.kind === 'join' || e.kind === 'message')) {
      const row = space.members.index().get(m);
      const held = row !== undefined && row < stored;
      if (e.kind === 'join' && !held) return false;
      if (e.kind === 'message' && held) {
        const key = space.members.firstKey[row]!;
        agg.add(e);
        if (!Object.is(key, space.members.firstKey[row]!)) return false;
        continue;
      }
    }
    agg.add(e);
  }
  return true;
}
