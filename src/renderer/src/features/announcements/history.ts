// Announcements as the moderator sent them, rebuilt from the outbox's 'announce' rows: one entry per
// announcement, one line per space with the state of its messages (all confirmed, some waiting, failed),
// and what later edits and deletes of those messages did.
import type { ActionIntent } from '@shared/domain/actions';
import { PIN_REFUSED } from '@shared/domain/discordNeeds';
import type { ActionRow } from '../../db/schema';

type AnnounceIntent = Extract<ActionIntent, { kind: 'announce' }>;

export interface SentSpace {
  sourceId: string;
  platform: AnnounceIntent['platform'];
  spaceId: string;
  channelId: string;
  /** The rows of this space's messages, in part order. */
  rows: ActionRow[];
  /** The row that speaks for the space: the first failed one, else the first not yet confirmed, else the last. */
  shown: ActionRow;
  pinned: boolean;
  /** Posted, but Discord refused the pin (the bot lacks Pin Messages). */
  pinRefused: boolean;
  /** The draft the space's text came from, as last sent or edited (absent on rows written before it was kept). */
  draft?: string;
  /** The posted message of each part, once confirmed. */
  messageIds: Array<string | undefined>;
  /** The latest edit's rows (one per part); `edited` once all of them are confirmed. */
  edits: ActionRow[];
  edited: boolean;
  /** The delete rows of its messages; `deleted` once every posted part is confirmed gone. */
  deletes: ActionRow[];
  deleted: boolean;
}

export interface SentAnnouncement {
  id: string;
  createdAt: number;
  /** The first message as sent to the first space (what the list shows). */
  text: string;
  spaces: SentSpace[];
}

function isAnnounce(row: ActionRow): row is ActionRow & { intent: AnnounceIntent } {
  return row.intent.kind === 'announce';
}

export function sentAnnouncements(rows: readonly ActionRow[]): SentAnnouncement[] {
  const byId = new Map<string, SentAnnouncement>();
  for (const row of [...rows].filter(isAnnounce).sort((a, b) => a.createdAt - b.createdAt || a.intent.part - b.intent.part)) {
    const intent = row.intent;
    let entry = byId.get(intent.announcementId);
    if (!entry) {
      entry = { id: intent.announcementId, createdAt: row.createdAt, text: intent.text, spaces: [] };
      byId.set(intent.announcementId, entry);
    }
    let space = entry.spaces.find((s) => s.sourceId === intent.sourceId && s.spaceId === intent.spaceId && s.channelId === intent.channelId);
    if (!space) {
      space = {
        sourceId: intent.sourceId,
        platform: intent.platform,
        spaceId: intent.spaceId,
        channelId: intent.channelId,
        rows: [],
        shown: row,
        pinned: false,
        pinRefused: false,
        messageIds: [],
        edits: [],
        edited: false,
        deletes: [],
        deleted: false,
      };
      entry.spaces.push(space);
    }
    space.rows.push(row);
    space.rows.sort((a, b) => (a.intent.kind === 'announce' && b.intent.kind === 'announce' ? a.intent.part - b.intent.part : 0));
    space.shown = space.rows.find((r) => r.status === 'failed') ?? space.rows.find((r) => r.status !== 'confirmed') ?? row;
    space.pinned = space.rows.some((r) => r.status === 'confirmed' && r.receipt?.detail === 'pinned');
    space.pinRefused = space.rows.some((r) => r.status === 'confirmed' && r.receipt?.detail === PIN_REFUSED);
    if (intent.draft !== undefined) space.draft = intent.draft;
  }
  const spaces = [...byId.values()].flatMap((a) => a.spaces);
  for (const space of spaces) {
    space.messageIds = space.rows.map((r) => (r.status === 'confirmed' ? r.receipt?.createdMessageId : undefined));
    space.edits = [];
    space.deletes = [];
  }
  const owner = (row: ActionRow, messageId: string) => spaces.find((sp) => sp.sourceId === row.intent.sourceId && sp.channelId === row.intent.channelId && sp.messageIds.includes(messageId));
  // The latest edit of each space wins (its rows share an edit id).
  for (const row of [...rows].sort((a, b) => a.createdAt - b.createdAt)) {
    const intent = row.intent;
    if (intent.kind === 'edit') {
      const space = owner(row, intent.messageId);
      if (!space) continue;
      const latest = space.edits[0]?.intent;
      if (latest?.kind === 'edit' && latest.editId !== intent.editId) space.edits = [];
      space.edits.push(row);
      if (intent.draft !== undefined) space.draft = intent.draft;
    } else if (intent.kind === 'delete') {
      const space = owner(row, intent.messageId);
      if (space) space.deletes.push(row);
    }
  }
  for (const space of spaces) {
    space.edited = space.edits.length > 0 && space.edits.every((r) => r.status === 'confirmed');
    const gone = new Set(space.deletes.filter((r) => r.status === 'confirmed').map((r) => (r.intent.kind === 'delete' ? r.intent.messageId : '')));
    const posted = space.messageIds.filter((id): id is string => id !== undefined);
    space.deleted = posted.length > 0 && posted.every((id) => gone.has(id));
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}
