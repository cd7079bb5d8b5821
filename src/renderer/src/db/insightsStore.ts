// Keeps the insights aggregates in IndexedDB (schema v7): loads them, or builds them once from the
// cached events; folds in each stored batch exactly once; and checkpoints what changed together with
// deleting the folded batches from the journal, in one transaction. The insights worker runs it; tests
// run it on fake-indexeddb.
import { InsightsAggregator, type InsightSource } from '@shared/insights/aggregate';
import type { AggregateRecord } from '@shared/insights/snapshot';
import {
  allRecords,
  changedRecords,
  foldIntoGlance,
  fromRecords,
  glanceFromRecords,
  glancePrefixes,
  memberRecordKeys,
  SNAPSHOT_FORMAT,
  spacesToRead,
  type Glance,
} from '@shared/insights/snapshot';
import type { TribeDb } from './db';

const DAY_MS = 86_400_000;
/**
 * Hourly aggregates are kept this many days: the longest period (90 days) and the previous period its
 * topic heat compares with, and a day to spare. Older days leave memory and IndexedDB at a checkpoint.
 */
export const KEEP_DAYS = 181;
/** The first build reads these recent days first (the default 7-day report and its previous week). */
export const RECENT_DAYS = 14;

export interface OpenOptions {
  now?: number;
  /** The recent days are in (first build only): reports can be answered from here on. */
  onRecent?: () => void;
  onProgress?: (events: number) => void;
  /** Rows the page already forwarded for a journal batch (saves reading them back). */
  held?: (batch: number) => readonly InsightSource[] | undefined;
  /**
   * Stored aggregates only: first a glance (the recent days and the newcomers, a fraction of the bytes)
   * is read and handed here, when it answers exactly; then everything is read as before (after the
   * promise returned here, if any).
   */
  onGlance?: (glance: Glance) => unknown;
}

export class AggregateKeeper {
  agg = new InsightsAggregator();
  /** Batches folded into `agg` (a forwarded batch already read from the journal is skipped). */
  private readonly folded = new Set<number>();
  /** Folded batches whose journal rows the next checkpoint deletes. */
  private unsaved: number[] = [];
  private replaceAll = false;
  /** The journal batches folded into the glance handed out, if one was. */
  private glanceJournal: number[] | undefined;
  /**
   * After `open`: the full read folded exactly the journal batches the glance did (nothing was stored
   * or checkpointed between the two reads), so both hold the same events and the glance's answers
   * stand for the full aggregates' until the next batch.
   */
  sameAsGlance = false;

  constructor(private readonly db: TribeDb) {}

  /** Loads the stored aggregates and folds in the journal; builds from the events when none are stored. */
  async open(opts: OpenOptions = {}): Promise<'loaded' | 'built'> {
    const db = this.db;
    if (opts.onGlance) {
      const glance = await this.glance(opts.now ?? Date.now(), opts.held);
      if (glance) await opts.onGlance(glance);
    }
    // Both in one transaction: a checkpoint writes records and deletes journal rows together.
    const [records, journal] = await db.transaction('r', [db.insightAggregates, db.insightBatches], () => Promise.all([db.insightAggregates.toArray(), db.insightBatches.toArray()]));
    const stored = fromRecords(records);
    if (stored) {
      this.agg = stored;
      const read = journal.map((b) => b.id!);
      this.sameAsGlance = this.glanceJournal !== undefined && this.glanceJournal.length === read.length && read.every((id, i) => id === this.glanceJournal![i]);
      // An older format is written anew in the current one at the next checkpoint.
      if (records.some((r) => r.kind === 'meta' && r.format !== SNAPSHOT_FORMAT)) this.replaceAll = true;
      for (const batch of journal) await this.foldJournal(batch.id!, batch.eventIds, opts.held, () => true);
      return 'loaded';
    }
    await this.build(opts);
    return 'built';
  }

  /** Folds in a batch the page forwarded; false when it was already in (read from the journal). */
  add(batch: number | undefined, rows: readonly InsightSource[]): boolean {
    if (batch !== undefined) {
      if (this.folded.has(batch)) return false;
      this.folded.add(batch);
      this.unsaved.push(batch);
    }
    this.agg.addAll(rows);
    return true;
  }

  /**
   * Stores what changed and drops the folded batches from the journal, atomically. Returns the records
   * written. If the transaction fails, the next checkpoint writes every record again (the changes taken
   * for this one are not in IndexedDB) and drops the same batches then.
   */
  async checkpoint(now: number = Date.now()): Promise<number> {
    const replace = this.replaceAll;
    this.replaceAll = false;
    const cutoffHour = (Math.floor(now / DAY_MS) - KEEP_DAYS) * 24;
    const dropped = this.agg.trimBefore(cutoffHour);
    const gone = [...dropped].flatMap(([space, days]) => days.map((day) => `h|${day}|${space}`));
    // A day that changed and was then trimmed comes out empty: deleted, not written.
    const records = (replace ? allRecords(this.agg) : changedRecords(this.agg)).filter((r) => {
      const empty = (r.kind === 'day' && r.hours.length === 0 && r.blocks.length === 0) || (r.kind === 'joins' && r.member.length === 0);
      if (empty) gone.push(r.key);
      return !empty;
    });
    const done = this.unsaved;
    this.unsaved = [];
    try {
      await this.db.transaction('rw', [this.db.insightAggregates, this.db.insightBatches], async () => {
        if (replace) await this.db.insightAggregates.clear();
        await this.db.insightAggregates.bulkDelete(gone);
        await this.db.insightAggregates.bulkPut(records);
        await this.db.insightBatches.bulkDelete(done);
      });
    } catch (err) {
      this.unsaved = [...done, ...this.unsaved];
      this.replaceAll = true;
      throw err;
    }
    return records.length;
  }

  /** The glance and the journal folded into it, read in one transaction; undefined when it would not be exact. */
  private async glance(now: number, held: OpenOptions['held']): Promise<Glance | undefined> {
    const db = this.db;
    return db.transaction('r', [db.insightAggregates, db.insightBatches, db.events], async () => {
      // One range per prefix: a plain range is read with getAll, where startsWithAnyOf walks a cursor record by record.
      const records = (await Promise.all(glancePrefixes(now).map((p) => db.insightAggregates.where('key').between(p, `${p}\uffff`, true, true).toArray()))).flat();
      let glance = glanceFromRecords(records, now);
      if (!glance) return undefined;
      const journal: (readonly InsightSource[])[] = [];
      const batches = await db.insightBatches.toArray();
      for (const batch of batches) {
        journal.push(held?.(batch.id!) ?? (await db.events.bulkGet([...batch.eventIds])).filter((r): r is NonNullable<typeof r> => r !== undefined));
      }
      // Where the journal touches member rows the glance lacks, those spaces' member and reply tables are read too.
      const full = spacesToRead(glance, journal.flat());
      if (full.length > 0) {
        const keys = memberRecordKeys(records, full);
        if (!keys) return undefined;
        const more = await db.insightAggregates.bulkGet(keys);
        if (more.some((r) => r === undefined)) return undefined;
        glance = glanceFromRecords([...records, ...(more as AggregateRecord[])], now, new Set(full));
        if (!glance) return undefined;
      }
      for (const rows of journal) if (!foldIntoGlance(glance, rows)) return undefined;
      this.glanceJournal = batches.map((b) => b.id!);
      return glance;
    });
  }

  private async foldJournal(batch: number, eventIds: readonly string[], held: OpenOptions['held'], missing: (row: InsightSource) => boolean): Promise<void> {
    if (this.folded.has(batch)) return;
    // A row pruned since (the journal outlived 30 days) is gone from the events too: nothing to add.
    const rows = held?.(batch) ?? (await this.db.events.bulkGet([...eventIds])).filter((r): r is NonNullable<typeof r> => r !== undefined);
    this.folded.add(batch);
    this.unsaved.push(batch);
    for (const row of rows) if (missing(row)) this.agg.add(row);
  }

  /**
   * The first build: the events in windows of one day, each read in its own transaction together with
   * the journal's batch ids at that moment (ingest writes both in one transaction, so exactly the
   * batches listed then are in the window's rows). After all windows, each journal batch's events are
   * added where their window had not listed the batch. The recent days come first; short transactions
   * let ingest go on between them.
   */
  private async build(opts: OpenOptions): Promise<void> {
    const db = this.db;
    const now = opts.now ?? Date.now();
    this.agg = new InsightsAggregator();
    this.replaceAll = true;
    const recentStart = Math.floor(now / DAY_MS) * DAY_MS - (RECENT_DAYS - 1) * DAY_MS;
    const oldest = (await db.events.orderBy('ts').first())?.ts ?? recentStart;
    /** Window starts, ascending; window i is [starts[i], starts[i+1]) and the last runs to +∞. */
    const starts: number[] = [-Infinity];
    for (let t = Math.floor(oldest / DAY_MS) * DAY_MS + DAY_MS; t < recentStart; t += DAY_MS) starts.push(t);
    const firstRecent = starts.length;
    for (let k = 0; k < RECENT_DAYS; k++) starts.push(recentStart + k * DAY_MS);
    const listed: Set<number>[] = new Array<Set<number>>(starts.length);
    let counted = 0;
    const readWindow = (i: number) =>
      db.transaction('r', [db.events, db.insightBatches], async () => {
        listed[i] = new Set(await db.insightBatches.toCollection().primaryKeys());
        await db.events
          .where('ts')
          .between(starts[i]!, starts[i + 1] ?? Infinity, true, false)
          .each((row) => {
            this.agg.add(row);
            if (++counted % 50_000 === 0) opts.onProgress?.(counted);
          });
      });
    for (let i = firstRecent; i < starts.length; i++) await readWindow(i);
    opts.onRecent?.();
    for (let i = 0; i < firstRecent; i++) await readWindow(i);
    const windowOf = (ts: number) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= ts) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const journal = await db.insightBatches.toArray();
    for (const batch of journal) await this.foldJournal(batch.id!, batch.eventIds, opts.held, (row) => !listed[windowOf(row.ts)]!.has(batch.id!));
  }
}
