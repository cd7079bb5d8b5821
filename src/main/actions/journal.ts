// The action journal: main writes an action's intent before the platform call and its result after
// it, so a crash in between leaves the key "in doubt" (reconciled with the platform on the next try)
// instead of forgotten. Append-only and durable per line; compacted, so it stays small when loaded.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ActionIntentSchema, ActionReceiptSchema } from '@shared/domain/actions';
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { resultSchema } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';

/** Where the journal's text lives; tests wrap it to make the process "die" at any write. */
export interface JournalFile {
  /** The whole text, '' when there is none yet. */
  read(): Promise<string>;
  /** Resolves once the text is on disk. */
  append(text: string): Promise<void>;
  /** Replaces the whole text atomically: a crash leaves the old text or the new one. */
  replace(text: string): Promise<void>;
}

export function journalFile(path: string): JournalFile {
  async function writeSynced(target: string, text: string, flags: 'a' | 'w') {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(target, flags, 0o600);
    try {
      await handle.writeFile(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
  return {
    read: () =>
      readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      }),
    append: (text) => writeSynced(path, text, 'a'),
    replace: async (text) => {
      const tmp = `${path}.tmp`;
      await writeSynced(tmp, text, 'w');
      await rename(tmp, path);
    },
  };
}

const ExecuteResultSchema = resultSchema(ActionReceiptSchema);
const IntentLine = z.object({ t: z.literal('intent'), key: z.string(), at: z.number(), action: ActionIntentSchema });
const ResultLine = z.object({ t: z.literal('result'), key: z.string(), at: z.number(), result: ExecuteResultSchema });
/** Lines written before intents were journaled: a final result only. */
const LegacyLine = z.object({ key: z.string(), result: ExecuteResultSchema });

export interface JournalOptions {
  /** Results and unresolved intents older than this are dropped when compacting (a replay that late runs through the platform's own checks). */
  retentionMs?: number;
  /** At most this many results are kept (the newest). */
  maxResults?: number;
  /** Rewrite the file once this many of its lines are dead (and at least as many as are live). */
  compactAfter?: number;
  now?: () => number;
}

const DAY = 86_400_000;

export class ActionJournal {
  private readonly results = new Map<string, { at: number; result: Result<ActionReceipt> }>();
  private readonly intents = new Map<string, { at: number; action: ActionIntent }>();
  /** Lines in the file now; compaction runs when most of them are dead. */
  private lines = 0;
  /** Every write goes through this chain, so a compaction never races an append. */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly retentionMs: number;
  private readonly maxResults: number;
  private readonly compactAfter: number;
  private readonly now: () => number;

  constructor(
    private readonly file: JournalFile | undefined,
    options: JournalOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? 30 * DAY;
    this.maxResults = options.maxResults ?? 20_000;
    this.compactAfter = options.compactAfter ?? 1000;
    this.now = options.now ?? Date.now;
  }

  async load(): Promise<void> {
    if (!this.file) return;
    const text = await this.file.read();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      this.lines++;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        // A torn last line after a crash: that write never completed, so what it would have said did not count.
        continue;
      }
      this.apply(parsed);
    }
    // A torn tail would glue itself to the next appended line; compaction also drops dead lines.
    const torn = text.length > 0 && !text.endsWith('\n');
    if (torn || this.worthCompacting() || this.expired()) await this.compact();
  }

  private apply(parsed: unknown): void {
    const intent = IntentLine.safeParse(parsed);
    if (intent.success) {
      if (!this.results.has(intent.data.key)) this.intents.set(intent.data.key, { at: intent.data.at, action: intent.data.action });
      return;
    }
    const result = ResultLine.safeParse(parsed);
    if (result.success) {
      this.results.set(result.data.key, { at: result.data.at, result: result.data.result });
      this.intents.delete(result.data.key);
      return;
    }
    const legacy = LegacyLine.safeParse(parsed);
    if (legacy.success) {
      const at = legacy.data.result.ok ? legacy.data.result.value.confirmedAt : this.now();
      this.results.set(legacy.data.key, { at, result: legacy.data.result });
      this.intents.delete(legacy.data.key);
    }
  }

  /** The final answer for a key, if main has one. */
  result(key: string): Result<ActionReceipt> | undefined {
    return this.results.get(key)?.result;
  }

  /** The intent of a key whose platform call started but whose result was never written. */
  inDoubt(key: string): { at: number; action: ActionIntent } | undefined {
    return this.intents.get(key);
  }

  /** Written before the platform call; throws when the journal cannot be written (then nothing may run). */
  async recordIntent(action: ActionIntent, at: number): Promise<void> {
    await this.write({ t: 'intent', key: action.key, at, action });
    this.intents.set(action.key, { at, action });
  }

  /**
   * Written after a final answer. Remembered in memory even when the write fails, so this process
   * answers a replay with it; the caller reports the failed write.
   */
  async recordResult(key: string, result: Result<ActionReceipt>, at: number): Promise<void> {
    this.results.set(key, { at, result });
    this.intents.delete(key);
    await this.write({ t: 'result', key, at, result });
  }

  private write(line: object): Promise<void> {
    const next = this.writes.then(async () => {
      if (!this.file) return;
      await this.file.append(JSON.stringify(line) + '\n');
      this.lines++;
      // The line is on disk: a compaction that fails now only leaves the file longer, and is tried again later.
      if (this.worthCompacting()) await this.compactNow().catch(() => undefined);
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private live(): number {
    return this.results.size + this.intents.size;
  }

  /** Most lines are dead (an intent and its result are two lines for one key), or too many results are kept. */
  private worthCompacting(): boolean {
    const dead = this.lines - this.live();
    return (dead >= this.compactAfter && dead >= this.live()) || this.results.size > this.maxResults + Math.max(100, this.maxResults / 10);
  }

  private expired(): boolean {
    const cutoff = this.now() - this.retentionMs;
    for (const { at } of this.results.values()) if (at < cutoff) return true;
    for (const { at } of this.intents.values()) if (at < cutoff) return true;
    return this.results.size > this.maxResults;
  }

  /** Rewrites the file with what still counts: unresolved intents and the newest results within retention. */
  compact(): Promise<void> {
    const next = this.writes.then(() => this.compactNow());
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async compactNow(): Promise<void> {
    if (!this.file) return;
    const cutoff = this.now() - this.retentionMs;
    const kept = [...this.results].filter(([, r]) => r.at >= cutoff).sort((a, b) => a[1].at - b[1].at);
    const results = kept.slice(Math.max(0, kept.length - this.maxResults));
    this.results.clear();
    for (const [key, r] of results) this.results.set(key, r);
    for (const [key, i] of [...this.intents]) if (i.at < cutoff) this.intents.delete(key);
    const text = [
      ...results.map(([key, r]) => JSON.stringify({ t: 'result', key, at: r.at, result: r.result })),
      ...[...this.intents].map(([key, i]) => JSON.stringify({ t: 'intent', key, at: i.at, action: i.action })),
    ]
      .map((l) => l + '\n')
      .join('');
    await this.file.replace(text);
    this.lines = results.length + this.intents.size;
  }
}
