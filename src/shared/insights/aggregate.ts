// Incremental aggregates of cached events for insights: per space, per UTC hour, plus per-member
// firsts/lasts and per-message first replies. Every field is a sum, a min or a max (with ties broken
// by event id, or its 53-bit hash in the columns), so adding events in any order and in any batches gives the same state as one full
// recompute — the property test holds the aggregator to that. Each event must be added once (the
// renderer's ingest already drops repeats, and the worker feeds only freshly stored rows).
import type { ChatEvent, Flag, Platform } from '../domain/model';
import { DIRECT_MESSAGE_SPACE } from '../domain/model';
import { analyze, terms } from './text';
import { bump, grow32, grow64, hash53, packedCounts, type PackedCounts } from './compact';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Topic terms are counted in blocks of this many hours (a per-hour term table would cost too much memory). */
export const TERM_BLOCK_HOURS = 6;
export const TERM_BLOCK_MS = TERM_BLOCK_HOURS * HOUR_MS;

/** The flag categories that make a message count toward the scam/raid rate. */
export const SCAM_RAID_CATEGORIES: ReadonlySet<string> = new Set(['scam', 'phishing', 'raid', 'flood', 'spam', 'mention-spam']);

/** What insights reads of a stored event (an EventRow is one). */
export type InsightSource = Pick<ChatEvent, 'id' | 'platform' | 'sourceId' | 'kind' | 'spaceId' | 'channelId' | 'ts'> &
  Partial<Pick<ChatEvent, 'spaceName' | 'messageId' | 'replyToMessageId' | 'text' | 'moderation'>> & {
    author?: { id: string; bot: boolean; name?: string | undefined; displayName?: string | undefined } | undefined;
    flags?: readonly Pick<Flag, 'category'>[] | undefined;
    /** The text before the first edit: a message is counted as it was first posted. */
    originalText?: string | undefined;
  };

export interface HourBucket {
  messages: number;
  /** Messages that reply to another message. */
  replies: number;
  joins: number;
  leaves: number;
  /** Messages triage flagged, and of them those in a scam/raid category. */
  flagged: number;
  scamRaid: number;
  reports: number;
  /** Native moderator actions by kind (delete, ban, …); absent until the first. */
  modActions?: Record<string, number>;
  /** Messages the sentiment lexicon had words for, and of them the negative and positive ones. */
  scored: number;
  negative: number;
  positive: number;
  /** Messages per member (by the aggregator's member number; bots left out), as sorted pairs. */
  authors: PackedCounts;
  /** Terms of member reports in this hour (what several reports are about). */
  reportTerms?: Map<string, number>;
}

/**
 * Each member's firsts and lasts in one space, one row per member, in columns (NaN = none yet). The
 * first message is the earliest ts, ties broken by the hash of the event id (`firstTie`); `firstKey`
 * is the hash of its channelId|messageId, which finds its replies.
 */
export class MemberTracks {
  size = 0;
  member: Int32Array = new Int32Array(0);
  joinedAt: Float64Array = new Float64Array(0);
  firstTs: Float64Array = new Float64Array(0);
  firstTie: Float64Array = new Float64Array(0);
  firstKey: Float64Array = new Float64Array(0);
  lastMessageAt: Float64Array = new Float64Array(0);
  /** Rows with a join (newcomer figures read only these), the first `joinedCount`; derived, not stored. */
  joined: Int32Array = new Int32Array(0);
  joinedCount = 0;
  /** member → row; built on the first lookup (a loaded snapshot needs none until an event comes). */
  private rows: Map<number, number> | undefined;
  /** firstKey → row, of the joined rows: a reply to a newcomer's first message changes its join day's record. */
  private answerRows: Map<number, number> | undefined;

  /** The joined row whose first message has this key, if any. */
  joinedByFirstKey(key: number): number | undefined {
    if (!this.answerRows) {
      this.answerRows = new Map();
      for (let j = 0; j < this.joinedCount; j++) {
        const r = this.joined[j]!;
        if (!Number.isNaN(this.firstKey[r]!)) this.answerRows.set(this.firstKey[r]!, r);
      }
    }
    return this.answerRows.get(key);
  }

  /** Sets a row's first message key, keeping the answer index of joined rows. */
  setFirstKey(row: number, key: number): void {
    const was = this.firstKey[row]!;
    this.firstKey[row] = key;
    if (!this.answerRows || Number.isNaN(this.joinedAt[row]!)) return;
    if (!Number.isNaN(was) && this.answerRows.get(was) === row) this.answerRows.delete(was);
    if (!Number.isNaN(key)) this.answerRows.set(key, row);
  }

  index(): Map<number, number> {
    if (!this.rows) {
      this.rows = new Map();
      for (let r = 0; r < this.size; r++) this.rows.set(this.member[r]!, r);
    }
    return this.rows;
  }

  rowOf(member: number): number {
    const index = this.index();
    let row = index.get(member);
    if (row === undefined) {
      row = this.size++;
      this.member = grow32(this.member, this.size);
      this.joinedAt = grow64(this.joinedAt, this.size);
      this.firstTs = grow64(this.firstTs, this.size);
      this.firstTie = grow64(this.firstTie, this.size);
      this.firstKey = grow64(this.firstKey, this.size);
      this.lastMessageAt = grow64(this.lastMessageAt, this.size);
      this.member[row] = member;
      index.set(member, row);
    }
    return row;
  }

  /** Sets the join time of a row (the earliest wins), listing the row among the joined on its first. */
  join(row: number, ts: number): void {
    const was = this.joinedAt[row]!;
    if (ts >= was) return;
    if (Number.isNaN(was)) {
      this.joined = grow32(this.joined, this.joinedCount + 1);
      this.joined[this.joinedCount++] = row;
      if (this.answerRows && !Number.isNaN(this.firstKey[row]!)) this.answerRows.set(this.firstKey[row]!, row);
    }
    this.joinedAt[row] = ts;
  }

  /** Lists the joined rows again from the columns (after loading them). */
  reindexJoined(): void {
    this.answerRows = undefined;
    this.joinedCount = 0;
    for (let r = 0; r < this.size; r++) {
      if (Number.isNaN(this.joinedAt[r]!)) continue;
      this.joined = grow32(this.joined, this.joinedCount + 1);
      this.joined[this.joinedCount++] = r;
    }
  }
}

/**
 * The earliest replies to each replied-to message from two different members (enough to find the first
 * by someone else), one row per message by the hash of its channelId|messageId; author -1 = empty slot.
 */
export class ReplyTable {
  size = 0;
  key: Float64Array = new Float64Array(0);
  ts0: Float64Array = new Float64Array(0);
  tie0: Float64Array = new Float64Array(0);
  author0: Int32Array = new Int32Array(0);
  ts1: Float64Array = new Float64Array(0);
  tie1: Float64Array = new Float64Array(0);
  author1: Int32Array = new Int32Array(0);
  private rows: Map<number, number> | undefined;

  index(): Map<number, number> {
    if (!this.rows) {
      this.rows = new Map();
      for (let r = 0; r < this.size; r++) this.rows.set(this.key[r]!, r);
    }
    return this.rows;
  }

  find(key: number): number | undefined {
    return this.index().get(key);
  }

  rowOf(key: number): number {
    let row = this.find(key);
    if (row === undefined) {
      row = this.size++;
      for (const col of ['key', 'ts0', 'tie0', 'ts1', 'tie1'] as const) this[col] = grow64(this[col], this.size);
      this.author0 = grow32(this.author0, this.size);
      this.author1 = grow32(this.author1, this.size);
      this.key[row] = key;
      this.author0[row] = -1;
      this.author1[row] = -1;
      this.index().set(key, row);
    }
    return row;
  }
}

export interface SpaceAggregate {
  key: string;
  platform: Platform;
  sourceId: string;
  spaceId: string;
  name: string;
  /** ts and id of the event the name was taken from (the latest named event wins). */
  nameAt: [number, string];
  hours: Map<number, HourBucket>;
  /** Term counts (by the aggregator's term number) per TERM_BLOCK_HOURS block (block index = floor(ts / TERM_BLOCK_MS)). */
  termBlocks: Map<number, PackedCounts>;
  members: MemberTracks;
  replies: ReplyTable;
  /**
   * The earliest hour with a bucket as stored, set only on a glance (snapshot.ts: it holds the recent
   * hours only, and the crisis signal asks how far back the space's history goes).
   */
  storedFirstHour?: number;
}

/** The earliest hour the space has a bucket for (Infinity when none). */
export function firstHourOf(space: SpaceAggregate): number {
  let first = space.storedFirstHour ?? Infinity;
  for (const h of space.hours.keys()) if (h < first) first = h;
  return first;
}

export function spaceKeyOf(e: Pick<InsightSource, 'platform' | 'sourceId' | 'spaceId'>): string {
  return `${e.platform}|${e.sourceId}|${e.spaceId}`;
}

function emptyBucket(): HourBucket {
  return { messages: 0, replies: 0, joins: 0, leaves: 0, flagged: 0, scamRaid: 0, reports: 0, scored: 0, negative: 0, positive: 0, authors: packedCounts() };
}

function inc<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function before(aTs: number, aId: string, bTs: number, bId: string): boolean {
  return aTs < bTs || (aTs === bTs && aId < bId);
}

/**
 * The accounts seen (member numbers are rows), in columns of plain strings: loading a stored table
 * appends its chunks' columns as they are, with no object or key string per member (20,000 members
 * cost a tenth of a second that way), and the account → number lookup waits for the first event.
 */
export class MemberTable {
  platform: string[] = [];
  sourceId: string[] = [];
  authorId: string[] = [];
  /** The name others saw on the member's latest event (its ts, then its event id, decide). */
  name: string[] = [];
  nameTs: number[] = [];
  nameId: string[] = [];

  get size(): number {
    return this.authorId.length;
  }

  /** `platform|sourceId|authorId`. */
  keyOf(m: number): string {
    return `${this.platform[m]}|${this.sourceId[m]}|${this.authorId[m]}`;
  }

  /** Appends stored rows (a chunk of the table, in order). */
  append(rows: { platform: readonly string[]; sourceId: readonly string[]; authorId: readonly string[]; name: readonly string[]; nameTs: ArrayLike<number>; nameId: readonly string[] }): void {
    for (let i = 0; i < rows.authorId.length; i++) {
      this.platform.push(rows.platform[i]!);
      this.sourceId.push(rows.sourceId[i]!);
      this.authorId.push(rows.authorId[i]!);
      this.name.push(rows.name[i]!);
      this.nameTs.push(rows.nameTs[i]!);
      this.nameId.push(rows.nameId[i]!);
    }
  }
}

/** Rows of the member table, the term dictionary and each space's member and reply columns are stored in chunks of this many (see snapshot.ts). */
export const TABLE_CHUNK = 4096;

/** What changed in one space since the last store: UTC days (hour / 24), member and reply row chunks. */
/** Told of each hour an event changed, and of hours dropped (the day roll-ups of rollup.ts). */
export interface HourWatcher {
  touched(spaceKey: string, hour: number): void;
  trimmed(beforeHour: number): void;
}

export interface SpaceChanges {
  days: Set<number>;
  members: Set<number>;
  replies: Set<number>;
  /** UTC days of join times whose newcomer rows changed (snapshot.ts: the `j|` records). */
  joinDays: Set<number>;
}

export interface AggregateChanges {
  spaces: Map<string, SpaceChanges>;
  memberChunks: number[];
  termChunks: number[];
}

export class InsightsAggregator {
  readonly spaces = new Map<string, SpaceAggregate>();
  /** Member numbers: one per account (platform → source → author id), shared by every space of the source. */
  private memberNumbers: Map<string, Map<string, Map<string, number>>> | undefined;
  /** Member number → the account it stands for, and the name others saw. */
  readonly memberTable = new MemberTable();
  /** Term number → term; topic terms are counted by number (one string per term, not one per block). */
  readonly terms: string[] = [];
  private readonly termNumbers = new Map<string, number>();
  /** Events added (all kinds, DMs left out). */
  count = 0;
  /** Newest event time seen: "now" for a dashboard over old cached data. */
  latestTs = 0;
  /** Grows with every change of the figures (an event added, old hours trimmed): a report cache's key. */
  version = 0;
  /** What changed since the last `takeChanges()`: space keys, member-table and term chunks (for storing). */
  private changedSpaces = new Map<string, SpaceChanges>();
  private changedMemberChunks = new Set<number>();
  private changedTermChunks = new Set<number>();

  /** Day roll-ups following this aggregator (rollup.ts): told which hour each event changed. */
  private hourWatchers: HourWatcher[] = [];

  watchHours(w: HourWatcher): void {
    this.hourWatchers.push(w);
  }

  unwatchHours(w: HourWatcher): void {
    this.hourWatchers = this.hourWatchers.filter((x) => x !== w);
  }

  addAll(events: Iterable<InsightSource>): void {
    for (const e of events) this.add(e);
  }

  add(e: InsightSource): void {
    if (e.spaceId === DIRECT_MESSAGE_SPACE) return;
    this.count++;
    this.version++;
    if (e.ts > this.latestTs) this.latestTs = e.ts;
    const space = this.space(e);
    const hour = Math.floor(e.ts / HOUR_MS);
    const changes = this.changesOf(space.key);
    changes.days.add(Math.floor(hour / 24));
    let bucket = space.hours.get(hour);
    if (!bucket) space.hours.set(hour, (bucket = emptyBucket()));
    for (let i = 0; i < this.hourWatchers.length; i++) this.hourWatchers[i]!.touched(space.key, hour);
    const member = e.author && !e.author.bot ? this.memberNumber(e.platform, e.sourceId, e.author.id) : undefined;
    if (member !== undefined) {
      const name = e.author!.displayName ?? e.author!.name;
      const t = this.memberTable;
      if (name && !before(e.ts, e.id, t.nameTs[member]!, t.nameId[member]!)) {
        t.name[member] = name;
        t.nameTs[member] = e.ts;
        t.nameId[member] = e.id;
        this.changedMemberChunks.add(Math.floor(member / TABLE_CHUNK));
      }
    }

    switch (e.kind) {
      case 'message': {
        bucket.messages++;
        if (e.replyToMessageId) bucket.replies++;
        const flags = e.flags ?? [];
        if (flags.length > 0) bucket.flagged++;
        if (flags.some((f) => SCAM_RAID_CATEGORIES.has(f.category))) bucket.scamRaid++;
        const text = e.originalText ?? e.text ?? '';
        const features = text ? analyze(text) : undefined;
        if (features && features.hits > 0) {
          bucket.scored++;
          if (features.score < 0) bucket.negative++;
          else if (features.score > 0) bucket.positive++;
        }
        if (member !== undefined) {
          bump(bucket.authors, member);
          if (features && features.terms.length > 0) {
            const blockIndex = Math.floor(e.ts / TERM_BLOCK_MS);
            let block = space.termBlocks.get(blockIndex);
            if (!block) space.termBlocks.set(blockIndex, (block = packedCounts()));
            for (const t of features.terms) bump(block, this.termNumber(t));
          }
          const tracks = space.members;
          const row = tracks.rowOf(member);
          changes.members.add(Math.floor(row / TABLE_CHUNK));
          const joinedAt = tracks.joinedAt[row]!;
          if (!Number.isNaN(joinedAt)) changes.joinDays.add(Math.floor(joinedAt / DAY_MS));
          const tie = hash53(e.id);
          const firstTs = tracks.firstTs[row]!;
          if (Number.isNaN(firstTs) || e.ts < firstTs || (e.ts === firstTs && tie < tracks.firstTie[row]!)) {
            tracks.firstTs[row] = e.ts;
            tracks.firstTie[row] = tie;
            tracks.setFirstKey(row, e.messageId ? hash53(`${e.channelId}|${e.messageId}`) : Number.NaN);
          }
          if (!(e.ts <= tracks.lastMessageAt[row]!)) tracks.lastMessageAt[row] = e.ts;
          if (e.replyToMessageId) {
            const key = hash53(`${e.channelId}|${e.replyToMessageId}`);
            changes.replies.add(Math.floor(noteReply(space.replies, key, e.ts, tie, member) / TABLE_CHUNK));
            // The first answer to a newcomer is part of the newcomer's row as stored.
            const answered = tracks.joinedByFirstKey(key);
            if (answered !== undefined) changes.joinDays.add(Math.floor(tracks.joinedAt[answered]! / DAY_MS));
          }
        }
        break;
      }
      case 'join':
        bucket.joins++;
        if (member !== undefined) {
          const tracks = space.members;
          const row = tracks.rowOf(member);
          changes.members.add(Math.floor(row / TABLE_CHUNK));
          const was = tracks.joinedAt[row]!;
          tracks.join(row, e.ts);
          // An earlier join moves the row from one join day's record to another's.
          if (tracks.joinedAt[row] !== was) {
            if (!Number.isNaN(was)) changes.joinDays.add(Math.floor(was / DAY_MS));
            changes.joinDays.add(Math.floor(e.ts / DAY_MS));
          }
        }
        break;
      case 'leave':
        bucket.leaves++;
        break;
      case 'report': {
        bucket.reports++;
        const text = e.originalText ?? e.text ?? '';
        if (text) {
          bucket.reportTerms ??= new Map();
          for (const t of terms(text)) inc(bucket.reportTerms, t);
        }
        break;
      }
      case 'modAction': {
        const kind = e.moderation?.action ?? 'other';
        bucket.modActions ??= {};
        bucket.modActions[kind] = (bucket.modActions[kind] ?? 0) + 1;
        break;
      }
      default:
        break;
    }
  }

  /** What changed since the last call, and forgets it (the store writes exactly those rows). */
  takeChanges(): AggregateChanges {
    const out = { spaces: this.changedSpaces, memberChunks: [...this.changedMemberChunks].sort((a, b) => a - b), termChunks: [...this.changedTermChunks].sort((a, b) => a - b) };
    this.changedSpaces = new Map();
    this.changedMemberChunks = new Set();
    this.changedTermChunks = new Set();
    return out;
  }

  /** The number of a member already seen, without numbering a new one. */
  findMember(platform: string, sourceId: string, authorId: string): number | undefined {
    return this.numbers().get(platform)?.get(sourceId)?.get(authorId);
  }

  restoreTerm(term: string): number {
    return this.termNumber(term);
  }

  /**
   * Forgets hour buckets and term blocks before `hour` (aggregates older than any period shown and its
   * previous period). Returns the UTC days dropped per space key, so the store deletes their records.
   * Member firsts/lasts and replies stay: there is one row per member or replied-to message, not per hour.
   */
  trimBefore(hour: number): Map<string, number[]> {
    const dropped = new Map<string, number[]>();
    const block = Math.floor((hour * HOUR_MS) / TERM_BLOCK_MS);
    let changed = false;
    for (const space of this.spaces.values()) {
      const days = new Set<number>();
      for (const h of space.hours.keys()) {
        if (h >= hour) continue;
        space.hours.delete(h);
        days.add(Math.floor(h / 24));
      }
      for (const k of space.termBlocks.keys()) {
        if (k >= block) continue;
        space.termBlocks.delete(k);
        days.add(Math.floor((k * TERM_BLOCK_MS) / HOUR_MS / 24));
      }
      changed ||= days.size > 0;
      // A day cut in two (the cut inside it) is written again, not dropped.
      const cutDay = Math.floor(hour / 24);
      if (days.delete(cutDay)) this.changesOf(space.key).days.add(cutDay);
      if (days.size > 0) {
        dropped.set(space.key, [...days]);
        // The space record states the earliest hour kept.
        this.changesOf(space.key);
      }
    }
    // Only a trim that dropped something changes the figures: every checkpoint trims, and a version
    // bump for nothing would throw away the reports built for the periods not shown.
    if (changed) {
      this.version++;
      for (const w of this.hourWatchers) w.trimmed(hour);
    }
    return dropped;
  }

  /** Builds the row indexes a loaded aggregator leaves for later, so the first batch after loading is as quick as the next. */
  prepare(): void {
    for (const step of this.prepareSteps()) void step;
  }

  /** `prepare` in short steps (the member numbers, then one space at a time): the worker answers questions between them. */
  *prepareSteps(): Generator<void, void> {
    this.numbers();
    yield;
    for (const space of [...this.spaces.values()]) {
      space.members.index();
      space.members.joinedByFirstKey(Number.NaN);
      space.replies.index();
      yield;
    }
  }

  restoreSpace(space: SpaceAggregate): void {
    this.spaces.set(space.key, space);
  }

  private changesOf(key: string): SpaceChanges {
    let c = this.changedSpaces.get(key);
    if (!c) this.changedSpaces.set(key, (c = { days: new Set(), members: new Set(), replies: new Set(), joinDays: new Set() }));
    return c;
  }

  private termNumber(term: string): number {
    let n = this.termNumbers.get(term);
    if (n === undefined) {
      n = this.terms.length;
      this.terms.push(term);
      this.termNumbers.set(term, n);
      this.changedTermChunks.add(Math.floor(n / TABLE_CHUNK));
    }
    return n;
  }

  private space(e: InsightSource): SpaceAggregate {
    const key = spaceKeyOf(e);
    let space = this.spaces.get(key);
    if (!space) {
      space = { key, platform: e.platform, sourceId: e.sourceId, spaceId: e.spaceId, name: e.spaceId, nameAt: [-Infinity, ''], hours: new Map(), termBlocks: new Map(), members: new MemberTracks(), replies: new ReplyTable() };
      this.spaces.set(key, space);
    }
    if (e.spaceName && !before(e.ts, e.id, space.nameAt[0], space.nameAt[1])) {
      space.name = e.spaceName;
      space.nameAt = [e.ts, e.id];
    }
    return space;
  }

  /** platform → source → author id → member number; built from the table on the first lookup (a loaded table needs none for reports). */
  private numbers(): Map<string, Map<string, Map<string, number>>> {
    if (!this.memberNumbers) {
      const all = new Map<string, Map<string, Map<string, number>>>();
      const t = this.memberTable;
      for (let m = 0; m < t.size; m++) {
        let byPlatform = all.get(t.platform[m]!);
        if (!byPlatform) all.set(t.platform[m]!, (byPlatform = new Map()));
        let numbers = byPlatform.get(t.sourceId[m]!);
        if (!numbers) byPlatform.set(t.sourceId[m]!, (numbers = new Map()));
        numbers.set(t.authorId[m]!, m);
      }
      this.memberNumbers = all;
    }
    return this.memberNumbers;
  }

  // The last source's numbering, kept in fields: consecutive events mostly share a source, and this
  // runs once per event (no key string, no object per call).
  private lastPlatform = '';
  private lastSourceId = '';
  private lastNumbers: Map<string, number> | undefined;

  private memberNumber(platform: string, sourceId: string, authorId: string): number {
    let numbers = platform === this.lastPlatform && sourceId === this.lastSourceId ? this.lastNumbers : undefined;
    if (!numbers) {
      const all = this.numbers();
      let byPlatform = all.get(platform);
      if (!byPlatform) all.set(platform, (byPlatform = new Map()));
      numbers = byPlatform.get(sourceId);
      if (!numbers) byPlatform.set(sourceId, (numbers = new Map()));
      this.lastPlatform = platform;
      this.lastSourceId = sourceId;
      this.lastNumbers = numbers;
    }
    let n = numbers.get(authorId);
    if (n === undefined) {
      n = this.memberTable.size;
      numbers.set(authorId, n);
      const t = this.memberTable;
      t.platform.push(platform);
      t.sourceId.push(sourceId);
      t.authorId.push(authorId);
      t.name.push(authorId);
      t.nameTs.push(-Infinity);
      t.nameId.push('');
      this.changedMemberChunks.add(Math.floor(n / TABLE_CHUNK));
    }
    return n;
  }
}

function earlier(aTs: number, aTie: number, bTs: number, bTie: number): boolean {
  return aTs < bTs || (aTs === bTs && aTie < bTie);
}

/**
 * Keeps the earliest reply per author among the two earliest authors: order-independent. The slots
 * are (ts, tie, author), slot 0 the earlier; a third candidate drops the latest of the three.
 */
function noteReply(t: ReplyTable, key: number, ts: number, tie: number, author: number): number {
  const r = t.rowOf(key);
  const slots: [number, number, number][] = [];
  if (t.author0[r]! >= 0) slots.push([t.ts0[r]!, t.tie0[r]!, t.author0[r]!]);
  if (t.author1[r]! >= 0) slots.push([t.ts1[r]!, t.tie1[r]!, t.author1[r]!]);
  const same = slots.findIndex((s) => s[2] === author);
  if (same >= 0) {
    if (earlier(ts, tie, slots[same]![0], slots[same]![1])) slots[same] = [ts, tie, author];
  } else slots.push([ts, tie, author]);
  slots.sort((a, b) => (earlier(a[0], a[1], b[0], b[1]) ? -1 : 1));
  const [a, b] = slots;
  t.ts0[r] = a![0];
  t.tie0[r] = a![1];
  t.author0[r] = a![2];
  if (b) {
    t.ts1[r] = b[0];
    t.tie1[r] = b[1];
    t.author1[r] = b[2];
  }
  return r;
}

/**
 * The first reply to a message (by the hash of its channelId|messageId) by someone other than its
 * author. The hash can mistake another message for this one with a chance near 2^-53 per pair of
 * replied-to messages in the space (compact.ts): negligible against the counts shown.
 */
export function firstAnswer(space: SpaceAggregate, messageKey: number, author: number): { ts: number; author: number } | undefined {
  if (Number.isNaN(messageKey)) return undefined;
  const t = space.replies;
  const r = t.find(messageKey);
  if (r === undefined) return undefined;
  if (t.author0[r]! >= 0 && t.author0[r] !== author) return { ts: t.ts0[r]!, author: t.author0[r]! };
  if (t.author1[r]! >= 0 && t.author1[r] !== author) return { ts: t.ts1[r]!, author: t.author1[r]! };
  return undefined;
}
