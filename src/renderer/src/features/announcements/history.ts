// Announcements as the moderator sent them, rebuilt from the outbox's 'announce' rows: one entry per
// announcement, one line per space with the state of its messages (all confirmed, some waiting, failed).
import type { ActionIntent } from '@shared/domain/actions';
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
      space = { sourceId: intent.sourceId, platform: intent.platform, spaceId: intent.spaceId, channelId: intent.channelId, rows: [], shown: row, pinned: false };
      entry.spaces.push(space);
    }
    space.rows.push(row);
    space.rows.sort((a, b) => (a.intent.kind === 'announce' && b.intent.kind === 'announce' ? a.intent.part - b.intent.part : 0));
    space.shown = space.rows.find((r) => r.status === 'failed') ?? space.rows.find((r) => r.status !== 'confirmed') ?? row;
    space.pinned = space.rows.some((r) => r.status === 'confirmed' && r.receipt?.detail === 'pinned');
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}
