// A short list of records by key in a file of main's own (under TRIBE_HOME), rewritten whole and atomically
// on every change, read once: work a crash must not lose (a thank-you to take down, a kick's ban to lift).
// A missing file holds nothing; one that does not parse is said once in the log and started over.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SerialQueue, writeFileAtomic } from './files';

export interface KeyedListOptions<T extends { key: string }> {
  /** Where the list is kept; none: in memory only (tests, a source without a home). */
  path?: string | undefined;
  schema: z.ZodType<T>;
  /** More than this many is a file gone wrong; a new entry past it pushes out the oldest. */
  max: number;
  /** Said when the file does not parse. */
  onUnreadable(): void;
}

export class KeyedListFile<T extends { key: string }> {
  private readonly queue = new SerialQueue();
  private entries: T[] | undefined;

  constructor(private readonly options: KeyedListOptions<T>) {}

  /** What the list holds (a copy). */
  load(): Promise<T[]> {
    return this.queue.run(async () => [...(await this.read())]);
  }

  /** Adds an entry, replacing one of the same key. */
  add(entry: T): Promise<void> {
    return this.change((list) => [...list.filter((e) => e.key !== entry.key), entry].slice(-this.options.max));
  }

  remove(key: string): Promise<void> {
    return this.change((list) => list.filter((e) => e.key !== key));
  }

  private change(edit: (list: T[]) => T[]): Promise<void> {
    return this.queue.run(async () => {
      const next = edit(await this.read());
      const path = this.options.path;
      if (path) {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        await writeFileAtomic(path, JSON.stringify(next));
      }
      this.entries = next;
    });
  }

  private async read(): Promise<T[]> {
    if (this.entries) return this.entries;
    const path = this.options.path;
    if (!path) return (this.entries = []);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return (this.entries = []);
    }
    try {
      const parsed = z.array(this.options.schema).max(this.options.max).safeParse(JSON.parse(text));
      if (parsed.success) return (this.entries = parsed.data);
    } catch {
      // Not JSON: as if empty.
    }
    this.options.onUnreadable();
    return (this.entries = []);
  }
}
