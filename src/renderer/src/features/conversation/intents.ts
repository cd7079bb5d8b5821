// Builds action intents for an inbox item; one place decides which ids each action targets.
import type { ActionIntent } from '@shared/domain/actions';
import { capabilities, type Capability } from '@shared/domain/capabilities';
import type { InboxItem } from '@shared/domain/inbox';
import type { ActionKind } from '@shared/domain/actions';

function base(item: InboxItem) {
  return {
    key: crypto.randomUUID(),
    sourceId: item.sourceId,
    platform: item.platform,
    spaceId: item.spaceId,
    channelId: item.channelId,
    inboxItemId: item.id,
  };
}

export function deleteIntent(item: InboxItem): ActionIntent {
  return { ...base(item), kind: 'delete', messageId: item.messageId };
}

export function replyIntent(item: InboxItem, text: string): ActionIntent {
  return { ...base(item), kind: 'reply', text, ...(item.messageDeleted || !item.messageId ? {} : { replyToMessageId: item.messageId }) };
}

export function timeoutIntent(item: InboxItem, durationSeconds: number): ActionIntent {
  return { ...base(item), kind: 'timeout', memberId: item.authorId, durationSeconds };
}

export function capabilityOf(item: InboxItem, kind: ActionKind): Capability {
  return capabilities[item.platform][kind];
}
