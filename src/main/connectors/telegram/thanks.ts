// A thank-you to a Telegram member who reports (issue 15): Telegram has no private answer to a group
// message, so the bot replies to the member's `/report` (or `@admin` call) in the group and deletes its
// reply after a while, so the chat is not left with the bot's notes. Once per report (the report's stable
// id), never for a report older than THANK_MAX_AGE_MS (a catch-up after a restart), and rate-limited: one
// thank-you per reporter per THANK_REPORTER_WINDOW_MS (a report flood gets one), at most
// THANK_CHAT_LIMIT per chat a minute. Only a bot thanks: a moderator's own user account never speaks on its own.
import { randomUUID } from 'node:crypto';
import type { ActionIntent } from '@shared/domain/actions';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction, RawEvent } from '../../core/connector';
import { logger } from '../../util/log';

const log = logger('telegram');

/** What the reporter reads in the group. The community's members read it, so it is plain text. */
export const REPORT_THANKS_TELEGRAM = 'Thank you, the moderators have your report and will look at it.';
export const THANK_DELETE_AFTER_MS = 60_000;
export const THANK_MAX_AGE_MS = 2 * 60_000;
export const THANK_REPORTER_WINDOW_MS = 10 * 60_000;
export const THANK_CHAT_LIMIT = 6;
const MEMORY = 5_000;

export interface ThanksOptions {
  execute(action: ActionIntent): Promise<Result<ConfirmedAction>>;
  deleteAfterMs?: number;
  now?: () => number;
}

export class ReportThanks {
  private readonly thanked = new Set<string>();
  private readonly byReporter = new Map<string, number>();
  private readonly byChat = new Map<string, number[]>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

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
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.options.execute({ ...place, key: randomUUID(), kind: 'delete', messageId }).then((r) => {
        if (!r.ok) log.warn(`could not take down a thank-you (${r.error.code})`);
      });
    }, this.options.deleteAfterMs ?? THANK_DELETE_AFTER_MS);
    timer.unref?.();
    this.timers.add(timer);
  }
}
