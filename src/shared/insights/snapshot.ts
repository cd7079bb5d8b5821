// The insights aggregates as stored records (IndexedDB rows in the renderer): typed arrays and short
// string lists, cut so that a batch of new events rewrites only what it touched — one record per space
// and UTC day (its hour buckets and term blocks), per 4,096 member or reply rows of a space, per 4,096
// entries of the member table and the term dictionary. Loading puts the columns back as they were
// (no Map per hour is rebuilt from entries; the row indexes are built on the first event), so opening
// Insights reads compact records instead of walking every cached event.
import type { Platform } from '../domain/model';
import {
  InsightsAggregator,
  MemberTracks,
  ReplyTable,
  TABLE_CHUNK,
  TERM_BLOCK_HOURS,
  type AggregateChanges,
  type HourBucket,
  type SpaceAggregate,
} from './aggregate';
import { trimmed } from './compact';

/** The counters of an hour bucket, in their stored order. */
const COUNTERS = ['messages', 'replies', 'joins', 'leaves', 'flagged', 'scamRaid', 'reports', 'scored', 'negative', 'positive'] as const;

export const SNAPSHOT_FORMAT = 1;

export type AggregateRecord =
  | { key: 'meta'; kind: 'meta'; format: number; count: number; latestTs: number; members: number; terms: number }
  | { key: string; kind: 'space'; space: string; platform: Platform; sourceId: string; spaceId: string; name: string; nameAt: [number, string] }
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
  | { key: string; kind: 'terms'; chunk: number; terms: string[] };

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

/** The records to write for what changed since the last call (takes the changes from the aggregator). */
export function changedRecords(agg: InsightsAggregator, changes: AggregateChanges = agg.takeChanges()): AggregateRecord[] {
  const out: AggregateRecord[] = [];
  for (const [key, c] of changes.spaces) {
    const space = agg.spaces.get(key);
    if (!space) continue;
    out.push({ key: `s|${key}`, kind: 'space', space: key, platform: space.platform, sourceId: space.sourceId, spaceId: space.spaceId, name: space.name, nameAt: space.nameAt });
    for (const day of c.days) out.push(dayRecord(space, day));
    for (const chunk of c.members) out.push(tracksRecord(space, chunk));
    for (const chunk of c.replies) out.push(repliesRecord(space, chunk));
  }
  for (const chunk of changes.memberChunks) {
    const [a, b] = rowsOf(chunk, agg.memberKeys.length);
    const accounts = agg.memberAccounts.slice(a, b);
    const names = agg.memberNames.slice(a, b);
    out.push({
      key: `members|${chunk}`,
      kind: 'members',
      chunk,
      platform: accounts.map((x) => x.platform),
      sourceId: accounts.map((x) => x.sourceId),
      authorId: accounts.map((x) => x.authorId),
      name: names.map((x) => x.name),
      nameTs: Float64Array.from(names, (x) => x.ts),
      nameId: names.map((x) => x.id),
    });
  }
  for (const chunk of changes.termChunks) {
    const [a, b] = rowsOf(chunk, agg.terms.length);
    out.push({ key: `terms|${chunk}`, kind: 'terms', chunk, terms: agg.terms.slice(a, b) });
  }
  out.push({ key: 'meta', kind: 'meta', format: SNAPSHOT_FORMAT, count: agg.count, latestTs: agg.latestTs, members: agg.memberKeys.length, terms: agg.terms.length });
  return out;
}

/** Every record of the aggregator (a first build, a test). */
export function allRecords(agg: InsightsAggregator): AggregateRecord[] {
  agg.takeChanges();
  const spaces = new Map<string, { days: Set<number>; members: Set<number>; replies: Set<number> }>();
  for (const space of agg.spaces.values()) {
    const days = new Set<number>();
    for (const h of space.hours.keys()) days.add(Math.floor(h / DAY_HOURS));
    for (const k of space.termBlocks.keys()) days.add(Math.floor(k / BLOCKS_PER_DAY));
    const chunks = (size: number) => new Set(Array.from({ length: Math.ceil(size / TABLE_CHUNK) }, (_, i) => i));
    spaces.set(space.key, { days, members: chunks(space.members.size), replies: chunks(space.replies.size) });
  }
  const chunks = (size: number) => Array.from({ length: Math.ceil(size / TABLE_CHUNK) }, (_, i) => i);
  return changedRecords(agg, { spaces, memberChunks: chunks(agg.memberKeys.length), termChunks: chunks(agg.terms.length) });
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
  const meta = records.find((r) => r.kind === 'meta');
  if (!meta || meta.kind !== 'meta' || meta.format !== SNAPSHOT_FORMAT) return undefined;
  const agg = new InsightsAggregator();
  const by = <K extends AggregateRecord['kind']>(kind: K) => records.filter((r): r is Extract<AggregateRecord, { kind: K }> => r.kind === kind);

  for (const m of by('members').sort((a, b) => a.chunk - b.chunk)) {
    m.authorId.forEach((authorId, i) => {
      const n = agg.restoreMember({ platform: m.platform[i]!, sourceId: m.sourceId[i]!, authorId }, { name: m.name[i]!, ts: m.nameTs[i]!, id: m.nameId[i]! });
      if (n !== m.chunk * TABLE_CHUNK + i) throw new Error('insights: the stored member table has a gap');
    });
  }
  for (const t of by('terms').sort((a, b) => a.chunk - b.chunk)) {
    t.terms.forEach((term, i) => {
      if (agg.restoreTerm(term) !== t.chunk * TABLE_CHUNK + i) throw new Error('insights: the stored term dictionary has a gap');
    });
  }
  if (agg.memberKeys.length !== meta.members || agg.terms.length !== meta.terms) throw new Error('insights: stored tables are incomplete');

  const spaces = new Map<string, SpaceAggregate>();
  for (const s of by('space')) {
    spaces.set(s.space, { key: s.space, platform: s.platform, sourceId: s.sourceId, spaceId: s.spaceId, name: s.name, nameAt: s.nameAt, hours: new Map(), termBlocks: new Map(), members: new MemberTracks(), replies: new ReplyTable() });
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
  const tracksBySpace = groupBySpace(by('tracks'));
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
  const repliesBySpace = groupBySpace(by('replies'));
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
