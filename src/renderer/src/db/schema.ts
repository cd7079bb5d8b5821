// Row shapes of the renderer's IndexedDB store: the offline cache of events, the inbox, the outbox
// of action intents and the per-source cursors that say how far the cache reaches.
import type { ActionIntent, ActionReceipt, ActionStatus } from '@shared/domain/actions';
import type { AutomaticAction, ChatEvent, DroppedFlag, Flag, SourceCursor } from '@shared/domain/model';
import type { ActionError } from '@shared/domain/result';
import type { InboxItem } from '@shared/domain/inbox';

/** A stored event with the flags triage raised on it, and what later events did to its message. */
export interface EventRow extends ChatEvent {
  flags: Flag[];
  /** Set on a message once a delete event for it arrives. */
  deleted?: boolean;
  deletedAt?: number;
  /** The text before the first edit; `text` always holds the latest. */
  originalText?: string;
  editedAt?: number;
  /** What the matched rules' automatic actions did (or, in dry run, would have done) to this message. */
  automatic?: AutomaticAction[];
  /** The flags triage dropped on context, and why (issue 14): what the console shows as "not flagged as …". */
  dropped?: DroppedFlag[];
}

/** One entry of the outbox: an action intent and how far it got. */
export interface ActionRow {
  key: string;
  intent: ActionIntent;
  inboxItemId?: string;
  status: ActionStatus;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  receipt?: ActionReceipt;
  error?: ActionError;
}

export type CursorRow = SourceCursor;
export type InboxItemRow = InboxItem;

/** A moderator's note on a member, kept on this computer. */
export interface MemberNoteRow {
  id: string;
  sourceId: string;
  memberId: string;
  text: string;
  author: string;
  createdAt: number;
}

/** One local setting by key; values are parsed with their schema when read. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** One ingest batch in the insights journal: the ids of the events it stored, until insights folds them in. */
export interface InsightBatchRow {
  id?: number;
  eventIds: string[];
}

/** A draft a moderator is writing, kept as they type (v9): the value is the box's own state, by key. */
export interface DraftRow {
  /** What it belongs to: `reply:<item id>`, `form:warn:<item id>`, `announce:compose`, … */
  key: string;
  value: unknown;
  /** When it was last written (ms); drafts untouched for DRAFT_DAYS are pruned. */
  savedAt: number;
}
