// A space that continues under another id (a Telegram basic group upgraded to a supergroup): its earlier
// messages are history there, so nothing can be done to them; actions on their authors go to the new space.
import type { InboxItem } from '@shared/domain/inbox';
import type { SourceInfo } from '@shared/domain/model';

/** Whether the item's space has moved on to another id (SpaceInfo.movedTo). */
export function inMovedSpace(item: Pick<InboxItem, 'sourceId' | 'spaceId'>, sources: readonly SourceInfo[]): boolean {
  return sources.find((s) => s.id === item.sourceId)?.spaces.find((sp) => sp.id === item.spaceId)?.movedTo !== undefined;
}
