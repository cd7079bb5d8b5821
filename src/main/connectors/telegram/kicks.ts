// Telegram has no kick: a kick is a ban, then lifting it. A console that dies between the two would
// leave the member banned for good, so the lifting still owed is written down before the ban (a file of
// main's own under TRIBE_HOME) and crossed out once done; the next start lifts what a crash left owed.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SerialQueue, writeFileAtomic } from '../../util/files';
import { logger } from '../../util/log';

const log = logger('telegram');

/** A ban a kick still has to lift: the kick's intent key, the group and the member with the access hashes to reach them after a restart. */
const OwedUnbanSchema = z.object({
  key: z.string().min(1).max(100),
  spaceId: z.string().min(1).max(100),
  accessHash: z.string().max(40),
  memberId: z.string().min(1).max(100),
  memberAccessHash: z.string().max(40),
  at: z.number().int().nonnegative(),
});
export type OwedUnban = z.infer<typeof OwedUnbanSchema>;
/** A kick's ban is lifted within seconds; more than this many owed is a file gone wrong. */
const MAX_OWED = 1_000;

/** The kicks whose ban is still to lift, rewritten whole and atomically on every change; none kept in memory only without a path. */
export class OwedUnbans {
  private readonly queue = new SerialQueue();
  private entries: OwedUnban[] | undefined;

  constructor(private readonly path?: string) {}

  load(): Promise<OwedUnban[]> {
    return this.queue.run(async () => [...(await this.read())]);
  }

  add(entry: OwedUnban): Promise<void> {
    return this.change((list) => [...list.filter((e) => e.key !== entry.key), entry].slice(-MAX_OWED));
  }

  remove(key: string): Promise<void> {
    return this.change((list) => list.filter((e) => e.key !== key));
  }

  private change(edit: (list: OwedUnban[]) => OwedUnban[]): Promise<void> {
    return this.queue.run(async () => {
      const next = edit(await this.read());
      if (this.path) {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.path, JSON.stringify(next));
      }
      this.entries = next;
    });
  }

  private async read(): Promise<OwedUnban[]> {
    if (this.entries) return this.entries;
    if (!this.path) return (this.entries = []);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return (this.entries = []);
    }
    try {
      const parsed = z.array(OwedUnbanSchema).max(MAX_OWED).safeParse(JSON.parse(text));
      if (parsed.success) return (this.entries = parsed.data);
    } catch {
      // Not JSON: as if empty.
    }
    log.warn('the file of kicks still to finish does not parse; starting without it');
    return (this.entries = []);
  }
}
