// A thank-you to a Telegram member who reports (issue 15): Telegram has no private answer to a group
// message, so the bot replies to the member's `/report` (or `@admin` call) in the group and deletes its
// reply after a while, so the chat is not left with the bot's notes. Once per report (the report's stable
// id), never for a report older than THANK_MAX_AGE_MS (a catch-up after a restart), and rate-limited: one
// thank-you per reporter per THANK_REPORTER_WINDOW_MS (a report flood gets one), at most
// THANK_CHAT_LIMIT per chat a minute. Only a bot thanks: a moderator's own user account never speaks on its own.
// A thank-you waiting to be taken down is written to a file (PendingTakedowns), so a console closed within
// the minute takes it down on its next start instead of leaving it in the group.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ActionIntent } from '@shared/domain/actions';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction, RawEvent } from '../../core/connector';
import { KeyedListFile } from '../../util/keyedList';
import { logger } from '../../util/log';

const log = logger('telegram');

/** What the reporter reads in the group. The community's members read it, so it is plain text. */
export const REPORT_THANKS_TELEGRAM = 'Thank you, the moderators have your report and will look at it.';
export const THANK_DELETE_AFTER_MS = 60_000;
export const THANK_MAX_AGE_MS = 2 * 60_000;
export const THANK_REPORTER_WINDOW_MS = 10 * 60_000;
export const THANK_CHAT_LIMIT = 6;
const MEMORY = 5_000;

/** A thank-you to take down: where it is, the group's access hash (the bot may not know the group yet after a restart), and when. */
const TakedownSchema = z.object({
  key: z.string().min(1).max(100),
  sourceId: z.string().min(1).max(200),
  spaceId: z.string().min(1).max(100),
  channelId: z.string().min(1).max(100),
  messageId: z.string().min(1).max(40),
  accessHash: z.string().max(40).optional(),
  dueAt: z.number().int().nonnegative(),
});
export type Takedown = z.infer<typeof TakedownSchema>;
/** More than this many pending is a file gone wrong (at most six thank-yous per chat a minute are sent). */
const MAX_PENDING = 1_000;

/** The thank-yous still to take down, in a file of main's own (under TRIBE_HOME), rewritten whole and atomically. */
export class PendingTakedowns extends KeyedListFile<Takedown> {
  constructor(path: string) {
    super({ path, schema: TakedownSchema, max: MAX_PENDING, onUnreadable: () => log.warn('the pending thank-you takedowns file does not parse; starting without it') });
  }
}

export interface ThanksOptions {
  /** Runs an action; a takedown after a restart passes the group's access hash it was sent with. */
  execute(action: ActionIntent, accessHash?: string): Promise<Result<ConfirmedAction>>;
  /** The access hash of a group the bot knows (kept with a pending takedown). */
  accessHashOf?: (chatId: string) => string | undefined;
  /** Where pending takedowns are kept across restarts (none: in memory only). */
  pending?: PendingTakedowns;
  deleteAfterMs?: number;
  now?: () => number;
}

export class ReportThanks {
  private readonly thanked = new Set<string>();
  private readonly byReporter = new Map<string, number>();
  private readonly byChat = new Map<string, number[]>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Takedowns running now, by key: a takedown is asked of Telegram once however it is reached. */
  private readonly running = new Set<string>();
  private stopped = false;
  private resumed = false;

  constructor(private readonly options: ThanksOptions) {}

  /** A report seen live, with the id of the member's own message that made it (the `/report` reply). */
  consider(report: RawEvent, commandMessageId: string): void {
    if (this.stopped || report.kind !== 'report' || !report.author || report.author.bot) return;
    const now = this.options.now?.() ?? Date.now();
    if (now - report.ts > THANK_MAX_AGE_MS || this.thanked.has(report.id)) return;
    this.remember(report.id);
    const reporter = `${report.spaceId}:${report.author.id}`;
    const last = this.byReporter.get(reporter);
    if (last !== undefined && now - last < THANK_REPORTER_WINDOW_MS) return;
    const chat = report.spaceId ?? report.channelId;
    const recent = (this.byChat.get(chat) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= THANK_CHAT_LIMIT) return;
    this.byReporter.set(reporter, now);
    this.byChat.set(chat, [...recent, now]);
    void this.send(report, commandMessageId);
  }

  /**
   * Takes down the thank-yous a previous run left (once per connector, when it is first ready): the overdue
   * ones now, the others when due. A takedown that could not reach Telegram stays for the next start.
   */
  async resume(): Promise<void> {
    if (this.resumed || this.stopped || !this.options.pending) return;
    this.resumed = true;
    const now = this.options.now?.() ?? Date.now();
    for (const entry of await this.options.pending.load()) this.schedule(entry, entry.dueAt - now);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private remember(id: string) {
    this.thanked.add(id);
    if (this.thanked.size > MEMORY) {
      const oldest = this.thanked.values().next().value;
      if (oldest !== undefined) this.thanked.delete(oldest);
    }
    if (this.byReporter.size > MEMORY) {
      const oldest = this.byReporter.keys().next().value;
      if (oldest !== undefined) this.byReporter.delete(oldest);
    }
  }

  private async send(report: RawEvent, commandMessageId: string): Promise<void> {
    const place = { sourceId: report.sourceId, platform: 'telegram' as const, spaceId: report.spaceId, channelId: report.channelId };
    const sent = await this.options.execute({ ...place, key: randomUUID(), kind: 'reply', text: REPORT_THANKS_TELEGRAM, replyToMessageId: commandMessageId });
    if (!sent.ok) {
      log.warn(`could not thank a reporter (${sent.error.code})`);
      return;
    }
    const messageId = sent.value.createdMessageId;
    if (!messageId || this.stopped) return;
    const after = this.options.deleteAfterMs ?? THANK_DELETE_AFTER_MS;
    const accessHash = this.options.accessHashOf?.(place.spaceId);
    const entry: Takedown = { ...place, key: randomUUID(), messageId, ...(accessHash ? { accessHash } : {}), dueAt: (this.options.now?.() ?? Date.now()) + after };
    // Written before the timer is set: a console that closes within the minute finds it on its next start.
    await this.options.pending?.add(entry).catch((error: unknown) => log.warn('could not keep a thank-you takedown for the next start', error));
    if (!this.stopped) this.schedule(entry, after);
  }

  private schedule(entry: Takedown, inMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.takeDown(entry);
    }, Math.max(0, inMs));
    timer.unref?.();
    this.timers.add(timer);
  }

  private async takeDown(entry: Takedown): Promise<void> {
    if (this.running.has(entry.key) || this.stopped) return;
    this.running.add(entry.key);
    try {
      const { sourceId, spaceId, channelId, messageId, accessHash } = entry;
      const r = await this.options.execute({ key: entry.key, sourceId, platform: 'telegram', spaceId, channelId, kind: 'delete', messageId }, accessHash);
      if (!r.ok) log.warn(`could not take down a thank-you (${r.error.code})`);
      // Done, already gone or refused for good: not tried again. Offline or rate limited: the next start tries.
      if (r.ok || !r.error.retryable) await this.options.pending?.remove(entry.key);
    } catch (error) {
      log.warn('could not take down a thank-you', error);
    } finally {
      this.running.delete(entry.key);
    }
  }
}
