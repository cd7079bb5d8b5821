// WhatsApp actions, one function per kind, each answering with a Result. WhatsApp has no timeout and
// no ban: those answer `unsupported` with the advice (remove + reset the invite link) as data.
// Every send carries a message id derived from the action's idempotency key, so a replay after a
// crash sends the same id and recipients drop the repeat; deletes and removals look first.
import { createHash } from 'node:crypto';
import type { GroupMetadata, WAMessage, WASocket } from 'baileys';
import type { ActionIntent } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction } from '../../core/connector';

/** What an action needs from the connector: the socket, and what it remembers of the groups. */
export interface WhatsAppActionContext {
  sock: WASocket;
  /** A recent message by id (for quoting and for the author a delete must name). */
  message(id: string): WAMessage | undefined;
  /** Whether a delete of this message was already seen (ours or another admin's). */
  revoked(id: string): boolean;
  group(id: string): Promise<GroupMetadata | undefined>;
  selfJid(): string | undefined;
  /** Waits for the send pace (the built-in rate limiter). */
  pace(): Promise<void>;
}

/** WhatsApp Web's id shape (3EB0 + hex), derived from the idempotency key: the same action, the same id. */
export function messageIdFor(key: string): string {
  return `3EB0${createHash('sha256').update(`tribekeeper:${key}`).digest('hex').slice(0, 36).toUpperCase()}`;
}

const memberJid = (memberId: string) => (memberId.includes('@') ? memberId : `${memberId.replace(/\D/g, '')}@s.whatsapp.net`);

const isAdmin = (group: GroupMetadata, jid: string | undefined): boolean => {
  if (!jid) return false;
  const user = jid.split('@')[0]?.split(':')[0];
  return group.participants.some((p) => p.id.split('@')[0]?.split(':')[0] === user && (p.admin === 'admin' || p.admin === 'superadmin'));
};

function failureOf(error: unknown): Result<never> {
  const status = (error as { output?: { statusCode?: number } })?.output?.statusCode ?? (error as { data?: number })?.data;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 403 || status === 401) return fail('missing_permission', `WhatsApp refused: ${message}`);
  if (status === 404) return fail('not_found', `WhatsApp: ${message}`);
  if (status === 429) return fail('rate_limited', 'WhatsApp is rate limiting this device', { retryable: true });
  if (status === 428 || status === 408 || /Connection (Closed|Terminated)/.test(message)) return fail('offline', 'The WhatsApp device is not connected', { retryable: true });
  return fail('internal', `WhatsApp: ${message}`, { retryable: true });
}

export async function executeOnWhatsApp(ctx: WhatsAppActionContext, action: ActionIntent): Promise<Result<ConfirmedAction>> {
  try {
    switch (action.kind) {
      case 'reply':
        return await reply(ctx, action);
      case 'dm':
        return await directMessage(ctx, action);
      case 'delete':
        return await deleteForEveryone(ctx, action);
      case 'kick':
        return await removeParticipant(ctx, action);
      case 'lock':
        return await announcementOnly(ctx, action);
      case 'announce':
        return await announce(ctx, action);
      case 'timeout':
        return fail('unsupported', 'WhatsApp has no timeout or mute for a group member', { fields: { reason: 'whatsapp_no_mute' } });
      case 'ban':
      case 'unban':
        return fail('unsupported', 'WhatsApp has no ban: remove the member and reset the invite link instead', { fields: { reason: 'whatsapp_no_ban' } });
      case 'slowmode':
        return fail('unsupported', 'WhatsApp has no slow mode; announcement-only mode is the nearest', { fields: { reason: 'whatsapp_no_slowmode' } });
    }
  } catch (error) {
    return failureOf(error);
  }
}

async function reply(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'reply' }>): Promise<Result<ConfirmedAction>> {
  const quoted = action.replyToMessageId ? ctx.message(action.replyToMessageId) : undefined;
  const messageId = messageIdFor(action.key);
  await ctx.pace();
  await ctx.sock.sendMessage(action.channelId, { text: action.text }, { messageId, ...(quoted ? { quoted } : {}) });
  return ok({ kind: 'reply', createdMessageId: messageId, ...(action.replyToMessageId && !quoted ? { detail: 'sent without the quote: the message is no longer known' } : {}) });
}

/** One part of an announcement, as a plain group message (pinning is not done on WhatsApp yet: it says so). */
async function announce(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'announce' }>): Promise<Result<ConfirmedAction>> {
  const messageId = messageIdFor(action.key);
  await ctx.pace();
  await ctx.sock.sendMessage(action.channelId, { text: action.text }, { messageId });
  return ok({ kind: 'announce', createdMessageId: messageId, ...(action.pin ? { detail: 'posted; not pinned (pinning on WhatsApp is not done yet)' } : {}) });
}

async function directMessage(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'dm' }>): Promise<Result<ConfirmedAction>> {
  const messageId = messageIdFor(action.key);
  await ctx.pace();
  await ctx.sock.sendMessage(memberJid(action.memberId), { text: action.text }, { messageId });
  return ok({ kind: 'dm', createdMessageId: messageId });
}

async function deleteForEveryone(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'delete' }>): Promise<Result<ConfirmedAction>> {
  if (ctx.revoked(action.messageId)) return ok({ kind: 'delete', alreadyDone: true, detail: 'the message was already deleted for everyone' });
  const target = ctx.message(action.messageId);
  if (!target) return fail('not_found', 'WhatsApp needs the message’s author to delete it, and this message is no longer known');
  const group = await ctx.group(action.channelId);
  const own = target.key.fromMe === true;
  if (!own && group && !isAdmin(group, ctx.selfJid())) return fail('missing_permission', 'Only a group admin can delete a member’s message for everyone');
  await ctx.pace();
  await ctx.sock.sendMessage(action.channelId, { delete: { remoteJid: action.channelId, id: action.messageId, participant: target.key.participant ?? null, fromMe: own } }, { messageId: messageIdFor(action.key) });
  return ok({ kind: 'delete' });
}

async function removeParticipant(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'kick' }>): Promise<Result<ConfirmedAction>> {
  const group = await ctx.group(action.channelId);
  const jid = memberJid(action.memberId);
  const user = jid.split('@')[0];
  if (group && !group.participants.some((p) => p.id.split('@')[0]?.split(':')[0] === user)) {
    return ok({ kind: 'kick', alreadyDone: true, detail: 'the member is no longer in the group' });
  }
  if (group && !isAdmin(group, ctx.selfJid())) return fail('missing_permission', 'Only a group admin can remove a member');
  await ctx.pace();
  const [answer] = await ctx.sock.groupParticipantsUpdate(action.channelId, [jid], 'remove');
  if (answer?.status === '404') return ok({ kind: 'kick', alreadyDone: true, detail: 'the member is no longer in the group' });
  if (answer?.status === '403' || answer?.status === '401') return fail('missing_permission', 'WhatsApp refused to remove the member');
  if (answer && answer.status !== '200') return fail('internal', `WhatsApp answered ${answer.status} to the removal`, { retryable: true });
  return ok({ kind: 'kick', detail: 'removed; reset the invite link so they cannot rejoin' });
}

async function announcementOnly(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'lock' }>): Promise<Result<ConfirmedAction>> {
  const group = await ctx.group(action.channelId);
  if (group && group.announce === action.locked) return ok({ kind: 'lock', alreadyDone: true });
  await ctx.pace();
  await ctx.sock.groupSettingUpdate(action.channelId, action.locked ? 'announcement' : 'not_announcement');
  return ok({ kind: 'lock' });
}
