// WhatsApp actions, one function per kind, each answering with a Result. WhatsApp has no timeout and
// no ban: those answer `unsupported` with the advice (remove + reset the invite link) as data.
// Every send carries a message id derived from the action's idempotency key, so a replay after a
// crash sends the same id and recipients drop the repeat; deletes and removals look first.
import { createHash } from 'node:crypto';
import type { AnyMessageContent, GroupMetadata, MiscMessageGenerationOptions, WAMessage, WASocket } from 'baileys';
import type { ActionIntent, BulkBanAccount } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction } from '../../core/connector';
import { loadBaileys } from './lib';

/** What an action needs from the connector: the socket, and what it remembers of the groups. */
export interface WhatsAppActionContext {
  sock: WASocket;
  /** A recent message by id (for quoting and for the author a delete must name). */
  message(id: string): WAMessage | undefined;
  /** Whether a delete of this message was already seen (ours or another admin's). */
  revoked(id: string): boolean;
  /** Until when (ms) a message is pinned for everyone, as last seen (ours or another admin's pin); undefined: not pinned. */
  pinnedUntil(id: string): number | undefined;
  group(id: string): Promise<GroupMetadata | undefined>;
  /** The group as WhatsApp has it now (its participants read afresh), for a removal that must not go twice. */
  groupNow?(id: string): Promise<GroupMetadata>;
  selfJid(): string | undefined;
  /** The text the console last gave one of its own messages by an edit; undefined: never edited here. */
  editedText?(id: string): string | undefined;
  /** When (ms) the console sent a message under this id (known before its echo comes back); undefined: not sent here. */
  sentAt?(id: string): number | undefined;
  /** The messageSecret for a poll posted under this id (votes are encrypted with it); undefined: a random one. */
  pollSecret?(messageId: string): Uint8Array | undefined;
  /** Waits for the send pace (the built-in rate limiter). */
  pace(): Promise<void>;
  /**
   * WhatsApp's ack of the message sent under this id, asked for before it is sent: its error code when the
   * server refused it, undefined when it took it, 'lost' when the connection ended first.
   */
  ack?(messageId: string): Promise<ServerAck>;
  /**
   * A group message was refused: the sender key it handed the members never reached them, though Baileys
   * now counts them as having it. Forget that, so the next message hands it over again (else it is unreadable).
   */
  senderKeyUndelivered?(groupId: string): Promise<void>;
  /** The same account's other jid, as WhatsApp gave the pair somewhere: its LID for a number, its number for a LID (bare jids). */
  otherJidOf?(jid: string): string | undefined;
}

/** What WhatsApp answered to a message stanza: taken (no error), refused (its code), or no answer before the connection ended. */
export type ServerAck = { error?: string | undefined } | 'lost';

/** WhatsApp Web's id shape (3EB0 + hex), derived from the idempotency key: the same action, the same id. */
export function messageIdFor(key: string): string {
  return `3EB0${createHash('sha256').update(`tribekeeper:${key}`).digest('hex').slice(0, 36).toUpperCase()}`;
}

const memberJid = (memberId: string) => (memberId.includes('@') ? memberId : `${memberId.replace(/\D/g, '')}@s.whatsapp.net`);

/**
 * Whether the device is an admin of the group. In a LID-addressed group the listing names it by its LID
 * (`<lid>@lid`, its number beside it), so it is looked up by any of the jids WhatsApp gives a participant.
 */
const isAdmin = (group: GroupMetadata, ctx: WhatsAppActionContext): boolean => {
  const jid = ctx.selfJid();
  const me = jid ? participantNamed(group, jid, ctx) : undefined;
  return me?.admin === 'admin' || me?.admin === 'superadmin';
};

/**
 * The status WhatsApp answered with. An error node in an IQ answer (403 forbidden, 429 rate-overlimit…)
 * reaches us as a Boom whose code is in `data`, its statusCode left at Boom's default 500; a closed
 * connection or a stream error carries it in the statusCode.
 */
export function statusOf(error: unknown): number | undefined {
  const data = (error as { data?: unknown } | undefined)?.data;
  if (typeof data === 'number' && Number.isFinite(data)) return data;
  return (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
}

function failureOf(error: unknown): Result<never> {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  // A connection that dies while a request waits for its answer: Baileys rejects the request with the
  // WebSocket's close code (a bare number, e.g. 1006). Whether the request landed is unknown; a replay looks first.
  if (typeof error === 'number') return fail('offline', 'The WhatsApp device lost its connection before WhatsApp answered', { retryable: true });
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
        return action.resetInvite ? await removeAndResetInvite(ctx, action) : await removeParticipant(ctx, action);
      case 'bulkRemove':
        return await bulkRemove(ctx, action);
      case 'promote':
      case 'demote':
        return await changeAdmin(ctx, action);
      case 'resetInvite':
        return await resetInvite(ctx, action);
      case 'pin':
        return await pin(ctx, action);
      case 'lock':
        return await announcementOnly(ctx, action);
      case 'announce':
        return await announce(ctx, action);
      case 'timeout':
        return fail('unsupported', 'WhatsApp has no timeout or mute for a group member', { fields: { reason: 'whatsapp_no_mute' } });
      case 'bulkBan':
      case 'ban':
      case 'unban':
        return fail('unsupported', 'WhatsApp has no ban: remove the member and reset the invite link instead', { fields: { reason: 'whatsapp_no_ban' } });
      case 'slowmode':
        return fail('unsupported', 'WhatsApp has no slow mode; announcement-only mode is the nearest', { fields: { reason: 'whatsapp_no_slowmode' } });
      case 'edit':
        return await edit(ctx, action);
      case 'event':
        return fail('unsupported', 'Scheduled events exist on Discord only', { fields: { reason: 'discord_only_events' } });
      case 'poll':
        return await poll(ctx, action);
    }
  } catch (error) {
    return failureOf(error);
  }
}

/** Announcement-only (or a Community's announcements group): only admins post; refused before sending. */
async function mayPost(ctx: WhatsAppActionContext, groupId: string): Promise<Result<never> | undefined> {
  const group = await ctx.group(groupId);
  if (group && (group.announce || group.isCommunityAnnounce) && !isAdmin(group, ctx)) {
    return fail('missing_permission', 'Only group admins may send messages in this announcement-only group', { fields: { reason: 'whatsapp_announce_only' } });
  }
  return undefined;
}

/**
 * Sends one message and waits for WhatsApp's ack of it. The server takes any stanza and may still refuse
 * the message in its ack (a non-admin in an announcement-only group, rate-overlimit); Baileys only logs
 * that, and the message reaches nobody. Unanswered because the connection ended: it may have landed, and a
 * replay sends the same id (phones keep one). Answers the refusal, or undefined when WhatsApp took it.
 */
async function sendAcked(ctx: WhatsAppActionContext, jid: string, content: AnyMessageContent, options: MiscMessageGenerationOptions & { messageId: string }): Promise<Result<never> | undefined> {
  const acked = ctx.ack?.(options.messageId);
  await ctx.sock.sendMessage(jid, content, options);
  const answer = acked ? await acked : {};
  if (answer === 'lost') return fail('offline', 'The WhatsApp device lost its connection before WhatsApp confirmed the message', { retryable: true });
  const code = answer.error;
  if (code === undefined) return undefined;
  if (jid.endsWith('@g.us')) await ctx.senderKeyUndelivered?.(jid);
  if (code === '429') return fail('rate_limited', 'WhatsApp is rate limiting this device', { retryable: true });
  if (code === '401' || code === '403') {
    const group = jid.endsWith('@g.us') ? await ctx.group(jid) : undefined;
    if (group?.announce || group?.isCommunityAnnounce) return fail('missing_permission', 'WhatsApp refused the message: only group admins may send messages in this group', { fields: { reason: 'whatsapp_announce_only' } });
    return fail('missing_permission', `WhatsApp refused the message (${code})`);
  }
  return fail('internal', `WhatsApp refused the message (${code})`);
}

async function reply(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'reply' }>): Promise<Result<ConfirmedAction>> {
  const quoted = action.replyToMessageId ? ctx.message(action.replyToMessageId) : undefined;
  const messageId = messageIdFor(action.key);
  const barred = await mayPost(ctx, action.channelId);
  if (barred) return barred;
  await ctx.pace();
  const refused = await sendAcked(ctx, action.channelId, { text: action.text }, { messageId, ...(quoted ? { quoted } : {}) });
  if (refused) return refused;
  return ok({ kind: 'reply', createdMessageId: messageId, ...(action.replyToMessageId && !quoted ? { detail: 'sent without the quote: the message is no longer known' } : {}) });
}

/** One part of an announcement, as a group message; the first part pinned for everyone when asked (7 days). */
async function announce(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'announce' }>): Promise<Result<ConfirmedAction>> {
  const messageId = messageIdFor(action.key);
  const barred = await mayPost(ctx, action.channelId);
  if (barred) return barred;
  await ctx.pace();
  const refused = await sendAcked(ctx, action.channelId, { text: action.text }, { messageId });
  if (refused) return refused;
  if (!action.pin) return ok({ kind: 'announce', createdMessageId: messageId });
  const group = await ctx.group(action.channelId);
  if (group?.restrict && !isAdmin(group, ctx)) return ok({ kind: 'announce', createdMessageId: messageId, detail: 'posted; not pinned: only admins may pin in this group' });
  const own = { remoteJid: action.channelId, id: messageId, fromMe: true, participant: selfUser(ctx) };
  await sendPin(ctx, own, PIN_SECONDS.week, `${action.key}:pin`);
  return ok({ kind: 'announce', createdMessageId: messageId, detail: 'posted and pinned for 7 days' });
}

/** WhatsApp offers to delete a message for everyone (also an admin's delete) for about 2 days and 12 hours; phones ignore later ones. */
export const DELETE_WINDOW_MS = 60 * 3600 * 1000;

/** WhatsApp offers to edit a message for 15 minutes after it was sent; phones ignore later edits. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

const sentAtMs = (msg: WAMessage | undefined): number | undefined => {
  // Seconds, as a number or a protobuf Long.
  const t = Number(msg?.messageTimestamp?.toString() ?? 0);
  return t > 0 ? t * 1000 : undefined;
};

const textOf = (msg: WAMessage | undefined): string | undefined => msg?.message?.conversation ?? msg?.message?.extendedTextMessage?.text ?? undefined;

/**
 * A new text for one of the console's own messages (a part of an announcement): a protocol message of
 * type MESSAGE_EDIT under a console-chosen id, so a replay is the same message and phones apply it once.
 * A message that already shows this text is left alone.
 */
async function edit(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'edit' }>): Promise<Result<ConfirmedAction>> {
  const messageId = messageIdFor(action.key);
  if (ctx.sentAt?.(messageId) !== undefined || ctx.message(messageId)) return ok({ kind: 'edit', alreadyDone: true, detail: 'the edit was already sent' });
  if (ctx.revoked(action.messageId)) return fail('not_found', 'This message was deleted for everyone; there is nothing to edit');
  const target = ctx.message(action.messageId);
  if (target && target.key.fromMe !== true) return fail('missing_permission', 'WhatsApp lets only a message’s author edit it');
  const current = ctx.editedText?.(action.messageId) ?? textOf(target);
  if (current === action.text) return ok({ kind: 'edit', alreadyDone: true, detail: 'the message already had this text' });
  const sent = ctx.sentAt?.(action.messageId) ?? sentAtMs(target);
  if (sent !== undefined && Date.now() - sent > EDIT_WINDOW_MS) {
    return fail('unsupported', 'WhatsApp lets a message be edited only in the first 15 minutes after it was sent', { fields: { reason: 'whatsapp_edit_window' } });
  }
  await ctx.pace();
  const refused = await sendAcked(ctx, action.channelId, { text: action.text, edit: { remoteJid: action.channelId, id: action.messageId, fromMe: true } }, { messageId });
  if (refused) return refused;
  return ok({ kind: 'edit' });
}

/**
 * A WhatsApp poll in the group (one answer: pollCreationMessageV3; several: pollCreationMessage) under
 * a console-chosen id: a replay is the same message, which WhatsApp keeps once.
 */
async function poll(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'poll' }>): Promise<Result<ConfirmedAction>> {
  const messageId = messageIdFor(action.key);
  if (ctx.sentAt?.(messageId) !== undefined || ctx.message(messageId)) return ok({ kind: 'poll', alreadyDone: true, createdMessageId: messageId, detail: 'the poll was already posted' });
  const barred = await mayPost(ctx, action.channelId);
  if (barred) return barred;
  await ctx.pace();
  // selectableCount 0: as many answers as the voter likes; 1: one.
  const messageSecret = ctx.pollSecret?.(messageId);
  const refused = await sendAcked(ctx, action.channelId, { poll: { name: action.question, values: action.answers, selectableCount: action.multiple ? 0 : 1, ...(messageSecret ? { messageSecret } : {}) } }, { messageId });
  if (refused) return refused;
  return ok({ kind: 'poll', createdMessageId: messageId });
}

/** The durations WhatsApp offers for a pin. */
const PIN_SECONDS = { day: 24 * 3600, week: 7 * 24 * 3600, month: 30 * 24 * 3600 } as const;

/** The WhatsApp pin duration for a wish: the shortest offered one that covers it (default 7 days). */
export function pinDuration(seconds: number | undefined): number {
  if (seconds === undefined) return PIN_SECONDS.week;
  return seconds <= PIN_SECONDS.day ? PIN_SECONDS.day : seconds <= PIN_SECONDS.week ? PIN_SECONDS.week : PIN_SECONDS.month;
}

const selfUser = (ctx: WhatsAppActionContext) => {
  const me = ctx.selfJid();
  return me ? `${me.split('@')[0]?.split(':')[0]}@s.whatsapp.net` : undefined;
};

async function sendPin(ctx: WhatsAppActionContext, key: { remoteJid: string; id: string; fromMe: boolean; participant?: string | undefined }, seconds: number, idKey: string) {
  const B = await loadBaileys();
  await ctx.pace();
  // A pin is a message of its own (pinInChatMessage) under a console-chosen id: a replay is the same message.
  await ctx.sock.sendMessage(key.remoteJid, { pin: { ...key, participant: key.participant ?? null }, type: B.proto.PinInChat.Type.PIN_FOR_ALL, time: seconds as 86400 }, { messageId: messageIdFor(idKey) });
}

/** Pins a member's message for everyone (WhatsApp: 24 h, 7 days or 30 days); a pin still running is left alone. */
async function pin(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'pin' }>): Promise<Result<ConfirmedAction>> {
  const seconds = pinDuration(action.seconds);
  const until = ctx.pinnedUntil(action.messageId);
  if (until !== undefined && until > Date.now()) return ok({ kind: 'pin', alreadyDone: true, until, detail: 'the message is already pinned' });
  if (ctx.revoked(action.messageId)) return fail('not_found', 'This message was deleted for everyone; there is nothing to pin');
  const target = ctx.message(action.messageId);
  if (!target) return fail('not_found', 'WhatsApp needs the message’s author to pin it, and this message is no longer known');
  const group = await ctx.group(action.channelId);
  // In a group where only admins edit its info, only admins pin.
  if (group?.restrict && !isAdmin(group, ctx)) return fail('missing_permission', 'Only a group admin can pin in this group');
  await sendPin(ctx, { remoteJid: action.channelId, id: action.messageId, fromMe: target.key.fromMe === true, participant: target.key.participant ?? undefined }, seconds, action.key);
  return ok({ kind: 'pin', until: Date.now() + seconds * 1000 });
}

/** Promote a member to group admin, or demote an admin; looks first whether they already are. */
async function changeAdmin(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'promote' | 'demote' }>): Promise<Result<ConfirmedAction>> {
  const group = await ctx.group(action.channelId);
  const member = group ? participantNamed(group, action.memberId, ctx) : undefined;
  if (group && !member) return fail('not_found', 'This member is no longer in the group');
  if (member) {
    if (action.kind === 'promote' && member.admin) return ok({ kind: 'promote', alreadyDone: true, detail: 'the member is already a group admin' });
    if (action.kind === 'demote' && !member.admin) return ok({ kind: 'demote', alreadyDone: true, detail: 'the member is not a group admin' });
    if (action.kind === 'demote' && member.admin === 'superadmin') return fail('missing_permission', 'The group’s creator cannot be demoted');
  }
  if (group && !isAdmin(group, ctx)) return fail('missing_permission', 'Only a group admin can promote or demote members');
  await ctx.pace();
  // Asked under the group's own jid for them (their LID in a LID-addressed group).
  const [answer] = await ctx.sock.groupParticipantsUpdate(action.channelId, [member?.id ?? memberJid(action.memberId)], action.kind);
  if (answer?.status === '404') return fail('not_found', 'This member is no longer in the group');
  if (answer?.status === '403' || answer?.status === '401' || answer?.status === '406') return fail('missing_permission', `WhatsApp refused to ${action.kind} the member`);
  if (answer && answer.status !== '200') return fail('internal', `WhatsApp answered ${answer.status} to the ${action.kind}`, { retryable: true });
  return ok({ kind: action.kind });
}

/**
 * Resets the group's invite link: the old one stops working and WhatsApp makes a new one. A reset
 * cannot be looked up afterwards; a repeat (main's journal prevents one) would only make a newer link.
 */
async function resetInvite(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'resetInvite' }>): Promise<Result<ConfirmedAction>> {
  const group = await ctx.group(action.channelId);
  if (group && !isAdmin(group, ctx)) return fail('missing_permission', 'Only a group admin can reset the invite link');
  await ctx.pace();
  const code = await ctx.sock.groupRevokeInvite(action.channelId);
  return ok({ kind: 'resetInvite', ...(code ? { inviteCode: code } : {}), detail: 'the old invite link no longer works' });
}

/** WhatsApp's stand-in for a ban: remove the member (unless gone already), then reset the invite link. */
async function removeAndResetInvite(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'kick' }>): Promise<Result<ConfirmedAction>> {
  const removed = await removeParticipant(ctx, action);
  if (!removed.ok) return removed;
  const reset = await resetInvite(ctx, { ...action, kind: 'resetInvite' });
  if (!reset.ok) return fail(reset.error.code, `${removed.value.alreadyDone ? 'The member was already gone' : 'Removed'}, but the invite link was not reset: ${reset.error.message}`, { retryable: reset.error.retryable, fields: { reason: 'whatsapp_removed_not_reset' } });
  return ok({
    kind: 'kick',
    ...(reset.value.inviteCode ? { inviteCode: reset.value.inviteCode } : {}),
    detail: removed.value.alreadyDone ? 'the member was already gone; the invite link is reset' : 'removed, and the invite link is reset',
  });
}

async function directMessage(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'dm' }>): Promise<Result<ConfirmedAction>> {
  const messageId = messageIdFor(action.key);
  await ctx.pace();
  const refused = await sendAcked(ctx, memberJid(action.memberId), { text: action.text }, { messageId });
  if (refused) return refused;
  return ok({ kind: 'dm', createdMessageId: messageId });
}

async function deleteForEveryone(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'delete' }>): Promise<Result<ConfirmedAction>> {
  if (ctx.revoked(action.messageId)) return ok({ kind: 'delete', alreadyDone: true, detail: 'the message was already deleted for everyone' });
  const target = ctx.message(action.messageId);
  if (!target && !action.authorId) return fail('not_found', 'WhatsApp needs the message’s author to delete it, and this message is no longer known');
  // Phones apply a delete for everyone only within WhatsApp's window; later, it would read "deleted" and change nothing.
  const sent = sentAtMs(target) ?? action.sentAt;
  if (sent !== undefined && Date.now() - sent > DELETE_WINDOW_MS) {
    return fail('unsupported', 'WhatsApp lets a message be deleted for everyone only in the first 2 days and 12 hours after it was sent', { fields: { reason: 'whatsapp_delete_window' } });
  }
  const group = await ctx.group(action.channelId);
  // A message main no longer remembers (the console restarted since): its author as the console stored it,
  // named the way the group lists them (a LID-addressed group by LID).
  const author = target ? undefined : authorKey(action.authorId!, group, ctx);
  const own = target ? target.key.fromMe === true : author!.fromMe;
  const participant = target ? (target.key.participant ?? null) : own ? null : author!.participant;
  if (!own && group && !isAdmin(group, ctx)) return fail('missing_permission', 'Only a group admin can delete a member’s message for everyone');
  await ctx.pace();
  const refused = await sendAcked(ctx, action.channelId, { delete: { remoteJid: action.channelId, id: action.messageId, participant, fromMe: own } }, { messageId: messageIdFor(action.key) });
  if (refused) return refused;
  return ok({ kind: 'delete' });
}

async function removeParticipant(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'kick' }>): Promise<Result<ConfirmedAction>> {
  const group = await ctx.group(action.channelId);
  // Looked up by any jid the group gives them: a LID-addressed group lists `<lid>@lid` with the number beside it.
  const member = group ? participantNamed(group, action.memberId, ctx) : undefined;
  if (group && !member) return ok({ kind: 'kick', alreadyDone: true, detail: 'the member is no longer in the group' });
  if (group && !isAdmin(group, ctx)) return fail('missing_permission', 'Only a group admin can remove a member');
  await ctx.pace();
  const [answer] = await ctx.sock.groupParticipantsUpdate(action.channelId, [member?.id ?? memberJid(action.memberId)], 'remove');
  if (answer?.status === '404') return ok({ kind: 'kick', alreadyDone: true, detail: 'the member is no longer in the group' });
  if (answer?.status === '403' || answer?.status === '401') return fail('missing_permission', 'WhatsApp refused to remove the member');
  if (answer && answer.status !== '200') return fail('internal', `WhatsApp answered ${answer.status} to the removal`, { retryable: true });
  return ok({ kind: 'kick', detail: 'removed; reset the invite link so they cannot rejoin' });
}

/** The delete key's author of a message known only by its author's id: the device itself, or the participant as the group names them. */
function authorKey(authorId: string, group: GroupMetadata | undefined, ctx: WhatsAppActionContext): { fromMe: boolean; participant: string } {
  const asked = bareJid(memberJid(authorId));
  const self = ctx.selfJid();
  const selves = self ? [bareJid(self), ctx.otherJidOf?.(bareJid(self))] : [];
  if (selves.includes(asked)) return { fromMe: true, participant: asked };
  const listed = group ? participantNamed(group, authorId, ctx) : undefined;
  return { fromMe: false, participant: listed?.id ?? asked };
}

/** The participant a member id names (a number, `<number>@s.whatsapp.net` or `<lid>@lid`), by any of the jids WhatsApp gives them. */
function participantNamed(group: GroupMetadata, memberId: string, ctx: Pick<WhatsAppActionContext, 'otherJidOf'>): GroupMetadata['participants'][number] | undefined {
  const asked = bareJid(memberJid(memberId));
  // A group that hides numbers lists members by LID only: the LID WhatsApp gave the same number elsewhere finds them.
  const wanted = new Set([asked, ctx.otherJidOf?.(asked)].filter((j): j is string => !!j));
  return group.participants.find((p) => [p.id, p.phoneNumber, p.lid].some((j) => typeof j === 'string' && wanted.has(bareJid(j))));
}

/** A jid without its device part (`n:3@s.whatsapp.net` → `n@s.whatsapp.net`): a number and a LID never match each other. */
const bareJid = (jid: string) => `${jid.split('@')[0]?.split(':')[0] ?? ''}@${jid.endsWith('@lid') ? 'lid' : 's.whatsapp.net'}`;

/**
 * A raid's accounts removed from one group in ONE request (≤ 50, MAX_BULK_REMOVE), each answered on its
 * own by WhatsApp (200 removed; 404 not a participant; 403/406/409… refused). Reads the group's
 * participants afresh first, so a replay after a lost answer removes nobody twice: whoever is gone by
 * then (this request's earlier try, another admin, or they left) reads "no longer in the group".
 */
async function bulkRemove(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'bulkRemove' }>): Promise<Result<ConfirmedAction>> {
  const group = ctx.groupNow ? await ctx.groupNow(action.channelId) : await ctx.group(action.channelId);
  if (!group) return fail('not_found', 'This device is not in that group');
  const ids = [...new Set(action.memberIds)];
  const state = new Map<string, BulkBanAccount['state']>();
  /** The jid each present account is asked under: the group's own for them (its LID in a LID-addressed group). */
  const asked = new Map<string, string>();
  // A member known only by a LID that the group's listing does not carry (it names members by number)
  // cannot be looked up: WhatsApp is asked, and answers 404 for one who is gone.
  const listsLids = group.participants.some((p) => p.id.endsWith('@lid') || typeof p.lid === 'string');
  for (const memberId of ids) {
    const p = participantNamed(group, memberId, ctx);
    if (p) asked.set(p.id, memberId);
    else if (memberId.endsWith('@lid') && !listsLids) asked.set(memberId, memberId);
    else state.set(memberId, 'alreadyGone');
  }
  if (asked.size > 0) {
    if (!isAdmin(group, ctx)) return fail('missing_permission', 'Only a group admin can remove a member');
    await ctx.pace();
    const answers = await ctx.sock.groupParticipantsUpdate(action.channelId, [...asked.keys()], 'remove');
    for (const a of answers) {
      const memberId = a.jid ? asked.get(a.jid) : undefined;
      if (memberId === undefined) continue;
      state.set(memberId, a.status === '200' ? 'removed' : a.status === '404' ? 'alreadyGone' : 'failed');
    }
  }
  // An account WhatsApp did not answer for is not claimed as removed.
  const accounts = ids.map((memberId) => ({ memberId, state: state.get(memberId) ?? ('failed' as const) }));
  if (accounts.every((a) => a.state === 'failed')) {
    return fail('missing_permission', 'WhatsApp removed none of these accounts', { fields: { reason: 'bulk_remove_none' } });
  }
  if (accounts.every((a) => a.state === 'alreadyGone')) return ok({ kind: 'bulkRemove', alreadyDone: true, detail: 'every account was already out of the group', accounts });
  return ok({ kind: 'bulkRemove', accounts });
}

async function announcementOnly(ctx: WhatsAppActionContext, action: Extract<ActionIntent, { kind: 'lock' }>): Promise<Result<ConfirmedAction>> {
  const group = await ctx.group(action.channelId);
  if (group && group.announce === action.locked) return ok({ kind: 'lock', alreadyDone: true });
  await ctx.pace();
  await ctx.sock.groupSettingUpdate(action.channelId, action.locked ? 'announcement' : 'not_announcement');
  return ok({ kind: 'lock' });
}
