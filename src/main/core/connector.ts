// The port every platform connector implements (connectors/<platform>/client.ts), owned by the core:
// the core never sees a platform library. A connector emits normalized events; the pipeline
// (pipeline/pipeline.ts) dedupes and flags them.
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import type { ChatEvent, CursorMove, SourceInfo } from '@shared/domain/model';
import type { Result } from '@shared/domain/result';

/** An event as a connector emits it, before the pipeline wraps it in an envelope with its flags. */
export type RawEvent = ChatEvent;

/**
 * Cursors, in one form for every connector. Each event a connector emits or returns from catch-up
 * carries the move it makes to its source's cursor (`event.cursor`, a CursorMove): a message moves its
 * channel's position forward to its id (`after`, build it with `messageMove`); a connector's own state
 * (Telegram's pts, Discord's newest join) travels in `at`, the latest holding. The renderer stores the
 * positions beside the events, without knowing the platform (`applyCursorMove`), and hands them back to
 * `catchUp` as `positions`.
 */
export type { CursorMove };
export { messageMove } from '@shared/domain/cursor';

/** A community's staff as the platform knows them: names scammers copy, ids that may use them. */
export interface StaffList {
  names: readonly string[];
  ids: readonly string[];
}

export type ConfirmedAction = Omit<ActionReceipt, 'key' | 'duplicate' | 'confirmedAt'>;

/**
 * What the platform says about an action main started before a crash and never heard back from:
 * it took effect (landed), it did not, or the platform cannot tell (then the send carries the
 * idempotency key as Discord's nonce / Telegram's random_id, and the platform drops a repeat).
 */
export type Reconciled = { state: 'landed'; confirmed: ConfirmedAction } | { state: 'not_landed' } | { state: 'unknown'; why: string };

/**
 * A member's vote on a poll the console posted, as a connector read it (WhatsApp: decrypted from the
 * poll update). A member's newer vote replaces the older; no options is a vote taken back.
 */
export interface PollVote {
  sourceId: string;
  channelId: string;
  /** The poll's platform message id. */
  pollMessageId: string;
  voterId: string;
  /** The chosen options, each as the hex SHA-256 of its text (how WhatsApp names an option). */
  optionSha256: string[];
  /** When the member voted (ms). */
  ts: number;
}

export interface Connector {
  readonly sourceId: string;
  /** Logs in; resolves when ready, or with the failure (token_invalid, offline…). */
  start(): Promise<Result<SourceInfo>>;
  stop(): Promise<void>;
  info(): SourceInfo;
  onEvent(listener: (event: RawEvent) => void): void;
  onInfo(listener: (info: SourceInfo) => void): void;
  /**
   * Who holds a reaction on one message now, asked of the platform (member id → emojis as reaction
   * events name them; bots left out): reactions added or taken back while the console was closed.
   */
  reactionHolders?(channelId: string, messageId: string): Promise<Result<Record<string, string[]>>>;
  /** Members' votes on the console's polls, where the connector can read them (WhatsApp). */
  onPollVote?(listener: (vote: PollVote) => void): void;
  /**
   * Messages newer than `positions` (per channel, the newest message id the caller holds), oldest
   * first; channels absent from `positions` get their most recent `backfill` messages.
   */
  catchUp(positions: Record<string, string>, backfill: number): Promise<RawEvent[]>;
  context(channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>>;
  execute(action: ActionIntent): Promise<Result<ConfirmedAction>>;
  /** Asks the platform whether `action`, started at `since` (ms), took effect (see Reconciled). */
  reconcile?(action: ActionIntent, since: number): Promise<Result<Reconciled>>;
  /**
   * Where the connector stands beyond message ids (the `at` positions: Telegram's pts/qts, Discord's
   * joins), reported once a catch-up is sent; handed back to catchUp.
   */
  positions?(): Record<string, string>;
  /**
   * The staff of one space (moderators, admins), for triage's impersonation check. The same object
   * while nothing changed, so triage can keep what it derived from it.
   */
  staff?(spaceId: string): StaffList | undefined;
  /**
   * Members' bios where the platform lets the connection read them (Telegram's and WhatsApp's `about`), for link-in-bio
   * suggestions: read lazily, spaced and cached (connectors/bios.ts); id → text, or null for no bio.
   * Ids not read (yet) are absent.
   */
  bios?(memberIds: readonly string[]): Promise<Map<string, string | null>>;
}
