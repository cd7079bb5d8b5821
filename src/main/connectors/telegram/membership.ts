// One join (and one leave) per member per chat, however Telegram told it. A join or leave reaches
// the connection as a service message (in the chat's history), as updateChannelParticipant (to admins,
// and the only way when join messages are hidden or the group is large), or both: each report of one
// path absorbs one report of the same kind from the other path for the same member within WINDOW, so a
// raid is counted once per account. Two reports on the same path are two real joins (a rejoin).
// The memory holds only reports within WINDOW of the newest one seen, and outlives a restart in a small
// file of main's own (RecentJoinsFile), so a restart between the two reports of one join counts it once.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SerialQueue, writeFileAtomic } from '../../util/files';
import { logger } from '../../util/log';

const log = logger('telegram');

/** How far apart (Telegram's dates, seconds) the two reports of one join may be. */
export const MEMBERSHIP_WINDOW_SECONDS = 120;
/** Reports remembered per member and chat, and members remembered per connection. */
const PER_MEMBER = 8;
const MEMBERS = 20_000;

export type MembershipPath = 'service' | 'participant';

const ReportSchema = z.object({
  kind: z.enum(['join', 'leave']),
  path: z.enum(['service', 'participant']),
  date: z.number().int(),
  id: z.string().max(400),
  /** The other path's report this one absorbed. */
  partner: z.string().max(400).optional(),
});
type Report = z.infer<typeof ReportSchema>;

/** Reports by `chat:member`, least recently reported first: what the memory holds, and its file. */
export type MembershipEntries = Array<[string, Report[]]>;
const EntriesSchema = z.array(z.tuple([z.string().max(200), z.array(ReportSchema).max(PER_MEMBER)])).max(MEMBERS);

export class MembershipReports {
  private readonly byMember = new Map<string, Report[]>();
  /** The newest report's date: reports older than WINDOW before it can pair with no report still to come. */
  private newest = 0;

  /** `changed`: the memory changed (to keep it across a restart). */
  constructor(private readonly changed?: () => void) {}

  /** What the memory holds, least recently reported member first. */
  entries(): MembershipEntries {
    return [...this.byMember].map(([key, list]) => [key, list.map((r) => ({ ...r }))]);
  }

  /** Takes back what an earlier run held (before this run's first report), minus what has aged out since. */
  restore(entries: MembershipEntries): void {
    for (const [, list] of entries) for (const r of list) this.newest = Math.max(this.newest, r.date);
    const cutoff = this.newest - MEMBERSHIP_WINDOW_SECONDS;
    for (const [key, list] of entries) if (list.some((r) => r.date >= cutoff)) this.byMember.set(key, list.map((r) => ({ ...r })));
  }

  /** Drops members whose every report is older than the window; the map's order is by last report, so it stops at the first recent one. */
  private forgetOld(): void {
    const cutoff = this.newest - MEMBERSHIP_WINDOW_SECONDS;
    for (const [key, list] of this.byMember) {
      if (list.some((r) => r.date >= cutoff)) break;
      this.byMember.delete(key);
    }
  }

  /**
   * Whether to hand this report on: false when it is the other path's word for a join/leave already
   * handed on. A repeat of an event (the same id) gets the same answer as the first time.
   */
  admit(chatId: string, userId: string, report: Omit<Report, 'partner'>): boolean {
    const key = `${chatId}:${userId}`;
    const list = this.byMember.get(key) ?? [];
    if (list.some((r) => r.id === report.id)) return true;
    if (list.some((r) => r.partner === report.id)) return false;
    const twin = list.find((r) => r.kind === report.kind && r.path !== report.path && r.partner === undefined && Math.abs(r.date - report.date) <= MEMBERSHIP_WINDOW_SECONDS);
    if (twin) {
      twin.partner = report.id;
      this.changed?.();
      return false;
    }
    this.newest = Math.max(this.newest, report.date);
    const cutoff = this.newest - MEMBERSHIP_WINDOW_SECONDS;
    list.push({ ...report });
    this.byMember.delete(key);
    this.byMember.set(key, list.filter((r) => r.date >= cutoff || r === list[list.length - 1]).slice(-PER_MEMBER));
    if (this.byMember.size > MEMBERS) {
      const oldest = this.byMember.keys().next().value;
      if (oldest !== undefined) this.byMember.delete(oldest);
    }
    this.forgetOld();
    this.changed?.();
    return true;
  }
}

/**
 * The join/leave memory of one Telegram source, in a file of main's own (under TRIBE_HOME), rewritten
 * whole and atomically after each change: a write runs at a time, and changes made meanwhile go in the
 * one after it. Holds at most the reports of the last 120 s (MEMBERSHIP_WINDOW_SECONDS).
 */
export class RecentJoinsFile {
  private readonly queue = new SerialQueue();
  private queued: Promise<void> | undefined;
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  /** What the file holds; a missing or unreadable file holds nothing (it is rewritten on the next change). */
  async load(): Promise<MembershipEntries> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = EntriesSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: as if empty.
    }
    log.warn('the recent Telegram joins file does not parse; starting without it');
    return [];
  }

  /** Writes what `entries` answers when the write runs; a write already waiting takes this change along. */
  save(entries: () => MembershipEntries): Promise<void> {
    if (this.queued) return this.queued;
    const write = this.queue
      .run(async () => {
        this.queued = undefined;
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.path, JSON.stringify(entries()));
      })
      .catch((error: unknown) => log.warn(`the recent Telegram joins could not be kept: ${error instanceof Error ? error.message : String(error)}`));
    this.queued = write;
    this.last = write;
    return write;
  }

  /** Waits for the writes asked so far. */
  flush(): Promise<void> {
    return this.last;
  }
}
