// Messages between the Insights store and its worker. The worker holds the aggregates; the page sends
// new rows and questions, and gets reports back. Plain structured-clone data only.
import type { InsightSource } from '@shared/insights/aggregate';
import type { CrisisSignal } from '@shared/insights/crisis';
import type { InsightsReport, ReportQuery } from '@shared/insights/report';

export type ToWorker =
  | { type: 'load'; dbName: string }
  /** `batch`: the rows' batch in the insights journal (ingest's `insightBatch`). */
  | { type: 'events'; rows: InsightSource[]; batch?: number | undefined }
  /** `crisisOnly`: the view is closed, only the crisis signal is wanted. */
  | { type: 'query'; id: number; query: ReportQuery; openItems: [string, number[]][]; crisisOnly?: boolean };

export type FromWorker =
  | { type: 'progress'; loaded: number }
  /**
   * complete: false after a first build's recent weeks (reports answer from them), true once every event
   * is in; stored: the aggregates came from IndexedDB (no event was walked).
   */
  | { type: 'loaded'; events: number; ms: number; complete: boolean; stored: boolean }
  /** `spaces`: every space the worker knows (the scope picker lists them whatever the scope); `events`: how many are aggregated. */
  | { type: 'report'; id: number; report: InsightsReport | undefined; crisis: CrisisSignal[]; spaces: InsightsReport['spaces']; events: number; ms: number }
  | { type: 'failed'; id?: number; message: string };

/** What the page keeps of a row for the worker: the fields insights reads, nothing more. */
export function slim(row: InsightSource): InsightSource {
  return {
    id: row.id,
    platform: row.platform,
    sourceId: row.sourceId,
    kind: row.kind,
    spaceId: row.spaceId,
    channelId: row.channelId,
    ts: row.ts,
    ...(row.spaceName ? { spaceName: row.spaceName } : {}),
    ...(row.messageId ? { messageId: row.messageId } : {}),
    ...(row.replyToMessageId ? { replyToMessageId: row.replyToMessageId } : {}),
    ...(row.originalText ?? row.text ? { text: row.originalText ?? row.text } : {}),
    ...(row.moderation ? { moderation: row.moderation } : {}),
    ...(row.author ? { author: { id: row.author.id, bot: row.author.bot, name: row.author.name, ...(row.author.displayName ? { displayName: row.author.displayName } : {}) } } : {}),
    ...(row.flags && row.flags.length > 0 ? { flags: row.flags.map((f) => ({ category: f.category })) } : {}),
  };
}
