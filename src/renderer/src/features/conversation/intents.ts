// Builds action intents for an inbox item; one place decides which ids each action targets.
import type { ActionIntent, ActionKind } from '@shared/domain/actions';
import { capabilities, type Capability } from '@shared/domain/capabilities';
import type { InboxItem } from '@shared/domain/inbox';

/** Where an action happens: the item's source, space and channel. */
export interface ActionPlace {
  sourceId: string;
  platform: InboxItem['platform'];
  spaceId: string;
  channelId: string;
}

function base(item: InboxItem, reason?: string) {
  return {
    key: crypto.randomUUID(),
    sourceId: item.sourceId,
    platform: item.platform,
    spaceId: item.spaceId,
    channelId: item.channelId,
    inboxItemId: item.id,
    ...(reason ? { reason: reason.slice(0, 512) } : {}),
  };
}

/** An action on a place (bulk targets, the mod-log entry); a bulk target names its group item. */
function loose(place: ActionPlace, reason?: string, inboxItemId?: string) {
  return {
    key: crypto.randomUUID(),
    sourceId: place.sourceId,
    platform: place.platform,
    spaceId: place.spaceId,
    channelId: place.channelId,
    ...(inboxItemId ? { inboxItemId } : {}),
    ...(reason ? { reason: reason.slice(0, 512) } : {}),
  };
}

export function deleteIntent(item: InboxItem, reason?: string): ActionIntent {
  return { ...base(item, reason), kind: 'delete', messageId: item.messageId, ...writtenBy(item.authorId, item.createdAt) };
}

/** Who wrote a message and when, for a delete (WhatsApp names the author; main may no longer remember the message). */
function writtenBy(authorId: string | undefined, sentAt: number | undefined): { authorId?: string; sentAt?: number } {
  return { ...(authorId ? { authorId } : {}), ...(sentAt !== undefined && Number.isInteger(sentAt) && sentAt >= 0 ? { sentAt } : {}) };
}

export function replyIntent(item: InboxItem, text: string): ActionIntent {
  return { ...base(item), kind: 'reply', text, ...(item.messageDeleted || !item.messageId ? {} : { replyToMessageId: item.messageId }) };
}

export function dmIntent(item: InboxItem, text: string): ActionIntent {
  return { ...base(item), kind: 'dm', memberId: item.authorId, text };
}

export function timeoutIntent(item: InboxItem, durationSeconds: number, reason?: string): ActionIntent {
  return { ...base(item, reason), kind: 'timeout', memberId: item.authorId, durationSeconds };
}

export function kickIntent(item: InboxItem, reason?: string): ActionIntent {
  return { ...base(item, reason), kind: 'kick', memberId: item.authorId };
}

/** Pin the item's message for everyone (WhatsApp: for 7 days, its default). */
export function pinIntent(item: InboxItem): ActionIntent {
  return { ...base(item), kind: 'pin', messageId: item.messageId };
}

/** Reset the invite link of the item's group: the old link stops working. */
export function resetInviteIntent(item: InboxItem): ActionIntent {
  return { ...base(item), kind: 'resetInvite' };
}

/** Make the item's author a group admin, or take it back. */
export function adminIntent(item: InboxItem, kind: 'promote' | 'demote'): ActionIntent {
  return { ...base(item), kind, memberId: item.authorId };
}

/** Remove the member and reset the group's invite link in one action (WhatsApp's stand-in for a ban). */
export function kickResetInviteIntent(item: InboxItem, reason?: string): ActionIntent {
  return { ...base(item, reason), kind: 'kick', memberId: item.authorId, resetInvite: true };
}

/**
 * What "ban" does on this item's platform: a ban where there is one; where there is not but the
 * platform offers a stand-in (WhatsApp), the stand-in, recorded as the case it is (a kick).
 */
export function banPlan(item: InboxItem, reason?: string, deleteMessageSeconds?: number): { intents: ActionIntent[]; caseAction: 'ban' | 'kick'; standIn: boolean } {
  const cap = capabilities[item.platform].ban;
  if (!cap.supported && cap.instead === 'kickResetInvite') return { intents: [kickResetInviteIntent(item, reason)], caseAction: 'kick', standIn: true };
  return { intents: [banIntent(item, reason, deleteMessageSeconds)], caseAction: 'ban', standIn: false };
}

export function banIntent(item: InboxItem, reason?: string, deleteMessageSeconds?: number): ActionIntent {
  return { ...base(item, reason), kind: 'ban', memberId: item.authorId, ...(deleteMessageSeconds ? { deleteMessageSeconds } : {}) };
}

export function unbanIntent(item: InboxItem, reason?: string): ActionIntent {
  return { ...base(item, reason), kind: 'unban', memberId: item.authorId };
}

export function slowmodeIntent(item: InboxItem, seconds: number): ActionIntent {
  return { ...base(item), kind: 'slowmode', seconds };
}

export function lockIntent(item: InboxItem, locked: boolean): ActionIntent {
  return { ...base(item), kind: 'lock', locked };
}

export function memberBanIntent(place: ActionPlace, memberId: string, reason: string, deleteMessageSeconds?: number, inboxItemId?: string): ActionIntent {
  return { ...loose(place, reason, inboxItemId), kind: 'ban', memberId, ...(deleteMessageSeconds ? { deleteMessageSeconds } : {}) };
}

/** Ban up to 200 members of a Discord server in one request, with their messages of `deleteMessageSeconds`. */
export function memberBulkBanIntent(place: ActionPlace, memberIds: string[], reason: string, deleteMessageSeconds?: number, inboxItemId?: string): ActionIntent {
  return { ...loose(place, reason, inboxItemId), kind: 'bulkBan', memberIds, ...(deleteMessageSeconds ? { deleteMessageSeconds } : {}) };
}

/** Remove up to 50 members of one WhatsApp group in one request (a raid there, where removal stands in for a ban). */
export function memberBulkRemoveIntent(place: ActionPlace, memberIds: string[], reason: string, inboxItemId?: string): ActionIntent {
  return { ...loose(place, reason, inboxItemId), kind: 'bulkRemove', memberIds };
}

/** Reset the invite link of a place's group (once for a whole bulk removal). */
export function inviteResetIntent(place: ActionPlace, reason?: string): ActionIntent {
  return { ...loose(place, reason), kind: 'resetInvite' };
}

export function messageDeleteIntent(place: ActionPlace, channelId: string, messageId: string, reason?: string, inboxItemId?: string, by?: { authorId?: string | undefined; sentAt?: number | undefined }): ActionIntent {
  return { ...loose({ ...place, channelId }, reason, inboxItemId), kind: 'delete', messageId, ...writtenBy(by?.authorId, by?.sentAt) };
}

export function channelPostIntent(place: ActionPlace, channelId: string, text: string): ActionIntent {
  return { ...loose({ ...place, channelId }), kind: 'reply', text };
}

/** Slowmode on a channel that is not an item's (the crisis playbook acts on a space's channel). */
export function channelSlowmodeIntent(place: ActionPlace, seconds: number): ActionIntent {
  return { ...loose(place), kind: 'slowmode', seconds };
}

export function channelLockIntent(place: ActionPlace, locked: boolean): ActionIntent {
  return { ...loose(place), kind: 'lock', locked };
}

export function capabilityOf(item: Pick<InboxItem, 'platform'>, kind: ActionKind): Capability {
  return capabilities[item.platform][kind];
}

/** Whether a ban can also remove the member's recent messages (Discord: up to 7 days). */
export function banDeletesHistory(platform: InboxItem['platform']): boolean {
  return platform === 'discord';
}
