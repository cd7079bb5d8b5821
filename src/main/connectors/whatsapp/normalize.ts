// Baileys' messages and group updates → the platform-neutral model. A WhatsApp group is one space
// with one channel (the group itself); ids are `whatsapp:<group>:<group>:<message id>`, so a message
// delivered twice (offline queue, history sync, a retry) is the same event.
import type { GroupMetadata, ParticipantAction, proto, WAMessage } from 'baileys';
import { eventId } from '@shared/domain/ids';
import type { Author, LinkTarget } from '@shared/domain/model';
import { messageMove, type RawEvent } from '../../core/connector';

/** Stub types Baileys gives group membership changes and undecryptable messages (proto.WebMessageInfo.StubType). */
export const STUB = { ciphertext: 2, add: 27, remove: 28, invite: 31, leave: 32, promote: 29, demote: 30, subject: 21, description: 24, announce: 26, restrict: 25, inviteLink: 23 } as const;
/** proto.Message.ProtocolMessage.Type values this normalizer reads. */
export const PROTOCOL = { revoke: 0, edit: 14 } as const;

export interface WaGroupRef {
  sourceId: string;
  groupId: string;
  subject?: string | undefined;
}

/** Digits of a jid's user part: `15550000002@s.whatsapp.net` / `…:3@s.whatsapp.net` → `15550000002`. */
export function numberOf(jid: string): string {
  return jid.split('@')[0]?.split(':')[0] ?? jid;
}

/** A group's admins by author id: WhatsApp has two ranks, the group's creator(s) being `superadmin`. */
export type WaAdmins = ReadonlyMap<string, 'admin' | 'superadmin'>;

/**
 * The longest message id taken as one: a phone makes ids of 16–32 characters, but the sender picks them,
 * and a longer one would make an event the contract refuses (and the renderer drop its whole batch).
 */
export const MAX_MESSAGE_ID = 128;

/** A message id as the sender gave it, when it is one the console can store and act on. */
export function messageIdOf(id: string | null | undefined): string | undefined {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_MESSAGE_ID ? id : undefined;
}

/** Whether a jid is a LID (`…@lid`): WhatsApp's per-account id that hides the phone number. */
export function isLid(jid: string): boolean {
  return jid.endsWith('@lid');
}

/**
 * The jid to name a member by, of the ones a message gives: in a LID-addressed group the sender is a LID
 * with their number beside it (Baileys' `participantAlt`) where the group shares numbers. The number is
 * the id the console knows members by (and acts on); a LID only when it is all there is.
 */
export function memberJid(...jids: Array<string | null | undefined>): string | undefined {
  const given = jids.filter((j): j is string => typeof j === 'string' && j.length > 0);
  return given.find((j) => !isLid(j)) ?? given[0];
}

/** WhatsApp shows a member as their push name; the number (or, hidden, the LID) is the stable id. */
export function authorOf(jid: string, pushName: string | null | undefined, admins?: WaAdmins): Author {
  const lid = isLid(jid);
  const id = lid ? `${numberOf(jid)}@lid` : `${numberOf(jid)}@s.whatsapp.net`;
  // A LID is no phone number: never shown with a '+' as if it were one.
  const author: Author = { id, name: pushName && pushName.trim() ? pushName : lid ? numberOf(jid) : `+${numberOf(jid)}`, bot: false };
  const rank = admins?.get(id);
  if (rank) author.roles = [rank];
  return author;
}

const base = (ref: WaGroupRef) => ({
  sourceId: ref.sourceId,
  platform: 'whatsapp' as const,
  spaceId: ref.groupId,
  ...(ref.subject ? { spaceName: ref.subject } : {}),
  channelId: ref.groupId,
  ...(ref.subject ? { channelName: ref.subject } : {}),
});

const ms = (ts: WAMessage['messageTimestamp']): number => {
  if (ts === null || ts === undefined) return Date.now();
  const seconds = typeof ts === 'number' ? ts : Number(ts.toString());
  // A time a peer made up (past what a Date can hold, or infinite once in ms) is read as now.
  return Number.isFinite(seconds) && seconds > 0 && seconds * 1000 <= MAX_DATE_MS ? seconds * 1000 : Date.now();
};
/** The latest time a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/**
 * The message inside the wrappers WhatsApp puts around content (ephemeral, view-once, device-sent, and
 * the future-proof ones Baileys' normalizeMessageContent opens too: an edit as phones send it, wrapped in
 * `editedMessage`, an album's child, a status shared in a group).
 */
export function innerMessage(message: proto.IMessage | null | undefined): proto.IMessage | undefined {
  let m = message ?? undefined;
  for (let depth = 0; m && depth < 6; depth += 1) {
    const next =
      m.ephemeralMessage?.message ??
      m.viewOnceMessage?.message ??
      m.viewOnceMessageV2?.message ??
      m.viewOnceMessageV2Extension?.message ??
      m.documentWithCaptionMessage?.message ??
      m.deviceSentMessage?.message ??
      m.editedMessage?.message ??
      m.associatedChildMessage?.message ??
      m.groupStatusMessage?.message ??
      m.groupStatusMessageV2?.message;
    if (!next) break;
    m = next;
  }
  return m;
}

interface Content {
  text?: string;
  contextInfo?: proto.IContextInfo | null;
  attachments?: { name: string; contentType?: string }[];
  viewOnce?: boolean;
  poll?: boolean;
  /** Where a card's link goes (a group invite's chat.whatsapp.com link): triage reads it with the text. */
  links?: LinkTarget[];
}

const said = (...parts: Array<string | null | undefined>): string => parts.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).join('\n');

/**
 * Cards a member sends that carry no text field of their own: an invite to another group (the classic
 * WhatsApp spam, its link in `inviteCode`), contacts, a location, an event. Their words are what the
 * card shows; without this they were dropped as "no content".
 */
function cardContent(m: proto.IMessage): Content | undefined {
  const invite = m.groupInviteMessage;
  if (invite) {
    const out: Content = { text: said(invite.caption, invite.groupName), contextInfo: invite.contextInfo ?? null, attachments: [{ name: invite.groupName || 'group invite', contentType: 'application/vnd.whatsapp.group-invite' }] };
    if (invite.inviteCode) out.links = [{ via: 'button', shown: (invite.groupName ?? '').slice(0, 4096), url: `https://chat.whatsapp.com/${invite.inviteCode}`.slice(0, 2048) }];
    return out;
  }
  const contacts = m.contactMessage ? [m.contactMessage] : (m.contactsArrayMessage?.contacts ?? []);
  if (contacts.length > 0) {
    const names = contacts.map((c) => c.displayName ?? '');
    return { text: said(m.contactsArrayMessage?.displayName, ...names), contextInfo: m.contactMessage?.contextInfo ?? m.contactsArrayMessage?.contextInfo ?? null, attachments: contacts.map((c) => ({ name: c.displayName || 'contact', contentType: 'text/vcard' })) };
  }
  const location = m.locationMessage ?? m.liveLocationMessage;
  if (location) {
    const place = m.locationMessage;
    return { text: said(place?.name, place?.address, place?.comment, m.liveLocationMessage?.caption), contextInfo: location.contextInfo ?? null, attachments: [{ name: 'location' }] };
  }
  const event = m.eventMessage;
  if (event) return { text: said(event.name, event.description), contextInfo: event.contextInfo ?? null };
  return undefined;
}

/** The visible text of a message (text, caption, poll question and options) and what it carries. */
export function contentOf(raw: proto.IMessage | null | undefined): Content | undefined {
  const viewOnce = Boolean(raw?.viewOnceMessage || raw?.viewOnceMessageV2 || raw?.viewOnceMessageV2Extension);
  const m = innerMessage(raw);
  if (!m) return undefined;
  const out: Content = {};
  if (viewOnce) out.viewOnce = true;
  if (typeof m.conversation === 'string') out.text = m.conversation;
  else if (m.extendedTextMessage) {
    out.text = m.extendedTextMessage.text ?? '';
    out.contextInfo = m.extendedTextMessage.contextInfo;
  } else {
    const media: [proto.IMessage[keyof proto.IMessage], string][] = [
      [m.imageMessage, 'image'],
      [m.videoMessage, 'video'],
      [m.documentMessage, 'document'],
      [m.audioMessage, 'audio'],
      [m.stickerMessage, 'sticker'],
    ];
    for (const [item, kind] of media) {
      if (!item || typeof item !== 'object') continue;
      const media = item as { caption?: string | null; mimetype?: string | null; fileName?: string | null; contextInfo?: proto.IContextInfo | null };
      if (media.caption) out.text = media.caption;
      out.contextInfo = media.contextInfo ?? null;
      out.attachments = [{ name: media.fileName ?? kind, ...(media.mimetype ? { contentType: media.mimetype } : {}) }];
      break;
    }
    const poll = m.pollCreationMessage ?? m.pollCreationMessageV2 ?? m.pollCreationMessageV3;
    if (poll) {
      out.poll = true;
      out.text = [poll.name ?? '', ...(poll.options ?? []).map((o) => `• ${o.optionName ?? ''}`)].join('\n');
    }
    if (out.text === undefined && !out.attachments) {
      const card = cardContent(m);
      if (card) Object.assign(out, card);
    }
  }
  if (out.text === undefined && !out.attachments) return undefined;
  return out;
}

function linkTargetsOf(m: proto.IMessage | undefined): LinkTarget[] | undefined {
  const ext = m?.extendedTextMessage;
  // A link preview names the URL it previews (matchedText); it can differ from what the text shows.
  const url = ext?.matchedText ?? undefined;
  if (!ext || !url || (ext.text ?? '').includes(url)) return undefined;
  return [{ via: 'preview', shown: (ext.title ?? '').slice(0, 4096), url: url.slice(0, 2048) }];
}

/**
 * A group message as Baileys delivers it (`messages.upsert`). Returns undefined for what is not a
 * member's message (protocol messages, reactions, stubs: they have normalizers of their own).
 */
export function normalizeGroupMessage(ref: WaGroupRef, msg: WAMessage, admins?: WaAdmins): RawEvent | undefined {
  const key = { ...msg.key, id: messageIdOf(msg.key.id) };
  if (!key.id) return undefined;
  const author = memberJid(key.participant, key.participantAlt);
  if (!author) return undefined;
  // A message Baileys could not decrypt is shown as such, never dropped silently.
  // (A first message can carry a sender key that decrypted while its text did not.)
  const content = contentOf(msg.message);
  if (msg.messageStubType === STUB.ciphertext && !content) {
    return {
      ...base(ref),
      id: eventId('whatsapp', ref.groupId, ref.groupId, key.id),
      kind: 'message',
      messageId: key.id,
      ts: ms(msg.messageTimestamp),
      author: authorOf(author, msg.pushName, admins),
      text: '',
      detail: 'undecryptable',
      cursor: messageMove(ref.groupId, key.id),
    };
  }
  if (!content) return undefined;
  const event: RawEvent = {
    ...base(ref),
    id: eventId('whatsapp', ref.groupId, ref.groupId, key.id),
    kind: 'message',
    messageId: key.id,
    ts: ms(msg.messageTimestamp),
    author: authorOf(author, msg.pushName, admins),
    text: content.text ?? '',
    cursor: messageMove(ref.groupId, key.id),
  };
  const context = content.contextInfo;
  const quoted = messageIdOf(context?.stanzaId);
  if (quoted) event.replyToMessageId = quoted;
  if (context?.mentionedJid?.length) event.mentions = context.mentionedJid.length;
  if (context?.isForwarded) {
    // WhatsApp marks a message forwarded through many chats (score ≥ 5) "Forwarded many times".
    const many = (context.forwardingScore ?? 0) >= 5;
    // WhatsApp never says whose message it was: no forwardedFrom, the renderer words "forwarded".
    event.forwarded = many ? 'many' : 'once';
    event.detail = many ? 'forwarded many times' : 'forwarded';
  }
  if (content.viewOnce) event.detail = event.detail ? `${event.detail}; view once` : 'view once';
  if (content.poll) event.detail = event.detail ? `${event.detail}; poll` : 'poll';
  if (content.attachments) event.attachments = content.attachments;
  const targets = [...(linkTargetsOf(innerMessage(msg.message)) ?? []), ...(content.links ?? [])];
  if (targets.length > 0) event.linkTargets = targets;
  return event;
}

/** What the pipeline is told when a message shown as undecryptable is found readable after all. */
export const DECRYPTED_LATER = 'decrypted later';

/**
 * The readable copy of a message shown as undecryptable (a late resend, the phone's answer, its history):
 * an edit of that message, under an id of its own, so the stored placeholder takes its text and triage
 * reads it once. Undefined when the copy has nothing to read either.
 */
export function normalizeDecryptedLater(ref: WaGroupRef, msg: WAMessage, admins?: WaAdmins): RawEvent | undefined {
  const event = normalizeGroupMessage(ref, msg, admins);
  if (!event || event.detail === 'undecryptable' || !event.messageId) return undefined;
  const { cursor: _cursor, ...rest } = event;
  return { ...rest, id: eventId('whatsapp', ref.groupId, ref.groupId, event.messageId, 'readable'), kind: 'edit', detail: event.detail ? `${DECRYPTED_LATER}; ${event.detail}` : DECRYPTED_LATER };
}

/** A revoke (delete for everyone) or an edit carried by a protocol message. */
export function normalizeProtocolMessage(ref: WaGroupRef, msg: WAMessage): RawEvent | undefined {
  const protocol = innerMessage(msg.message)?.protocolMessage;
  const target = messageIdOf(protocol?.key?.id);
  if (!protocol || !target) return undefined;
  const actor = memberJid(msg.key.participant, msg.key.participantAlt);
  if (protocol.type === PROTOCOL.revoke) {
    return {
      ...base(ref),
      id: eventId('whatsapp', ref.groupId, ref.groupId, target, 'delete'),
      kind: 'delete',
      messageId: target,
      ts: ms(msg.messageTimestamp),
      ...(actor ? { author: authorOf(actor, msg.pushName) } : {}),
    };
  }
  if (protocol.type === PROTOCOL.edit && protocol.editedMessage && messageIdOf(msg.key.id)) {
    const content = contentOf(protocol.editedMessage);
    return {
      ...base(ref),
      id: eventId('whatsapp', ref.groupId, ref.groupId, target, `edit:${msg.key.id ?? ''}`),
      kind: 'edit',
      messageId: target,
      ts: ms(msg.messageTimestamp),
      ...(actor ? { author: authorOf(actor, msg.pushName) } : {}),
      text: content?.text ?? '',
    };
  }
  return undefined;
}

/** A reaction to a message. */
export function normalizeReaction(ref: WaGroupRef, msg: WAMessage): RawEvent | undefined {
  const reaction = innerMessage(msg.message)?.reactionMessage;
  const target = messageIdOf(reaction?.key?.id);
  const actor = memberJid(msg.key.participant, msg.key.participantAlt);
  if (!reaction || !target || !actor || !messageIdOf(msg.key.id)) return undefined;
  return {
    ...base(ref),
    id: eventId('whatsapp', ref.groupId, ref.groupId, target, `reaction:${msg.key.id}`),
    kind: 'reaction',
    messageId: target,
    ts: ms(msg.messageTimestamp),
    author: authorOf(actor, msg.pushName),
    text: reaction.text ?? '',
  };
}

/**
 * `group-participants.update` → one join/leave per member. WhatsApp says `add` for a join through the
 * invite link and for an admin adding someone; `remove` for a leave and for a removal by an admin.
 * `key` is what makes the update unique (the notification id), so a redelivery is the same event.
 */
export function normalizeParticipants(
  ref: WaGroupRef,
  update: { id: string; author: string; participants: ({ id: string; phoneNumber?: string | undefined } | string)[]; action: ParticipantAction },
  key: string,
  ts: number,
): RawEvent[] {
  if (update.action !== 'add' && update.action !== 'remove') return [];
  const unique = messageIdOf(key) ?? String(ts);
  return update.participants.map((p): RawEvent => {
    const jid = typeof p === 'string' ? p : (memberJid(p.phoneNumber, p.id) ?? p.id);
    const number = numberOf(jid);
    const removedByAdmin = update.action === 'remove' && numberOf(update.author) !== number;
    const target = authorOf(jid, undefined);
    const event: RawEvent = {
      ...base(ref),
      // Membership belongs to the group; the pseudo-channel keeps ids stable (as for Telegram).
      channelId: 'members',
      id: eventId('whatsapp', ref.groupId, 'members', number, `${update.action}:${unique}`),
      kind: update.action === 'add' ? 'join' : 'leave',
      ts,
      author: target,
    };
    if (removedByAdmin) {
      event.kind = 'modAction';
      event.moderation = { action: 'kick', targetId: target.id };
      event.author = authorOf(update.author, undefined);
    }
    return event;
  });
}

/**
 * What an admin did to the group in WhatsApp (a stub Baileys made from the w:gp2 notification): a
 * promote/demote per member, or a setting with its new value, as a `modAction` event. The invite
 * link's new code is not kept (it is a key to the group); only that it was reset.
 */
export function normalizeGroupChange(ref: WaGroupRef, msg: WAMessage): RawEvent[] {
  const stub = msg.messageStubType;
  const actor = memberJid(msg.key.participant, msg.key.participantAlt);
  const key = messageIdOf(msg.key.id);
  if (!stub || !key) return [];
  const params = msg.messageStubParameters ?? [];
  const at = {
    ...base(ref),
    channelId: 'members',
    kind: 'modAction' as const,
    ts: ms(msg.messageTimestamp),
    ...(actor ? { author: authorOf(actor, msg.pushName) } : {}),
  };
  if (stub === STUB.promote || stub === STUB.demote) {
    const action = stub === STUB.promote ? 'promote' : 'demote';
    return params.map((p: string): RawEvent => {
      let jid = p;
      try {
        const named = JSON.parse(p) as { id?: unknown; phoneNumber?: unknown };
        jid = memberJid(typeof named.phoneNumber === 'string' ? named.phoneNumber : undefined, typeof named.id === 'string' ? named.id : undefined) ?? p;
      } catch {
        // a bare jid
      }
      const number = numberOf(jid);
      return { ...at, id: eventId('whatsapp', ref.groupId, 'members', number, `${action}:${key}`), moderation: { action, targetId: authorOf(jid, undefined).id } };
    });
  }
  const settings: Partial<Record<number, 'announce' | 'locked' | 'subject' | 'description' | 'inviteLink'>> = {
    [STUB.announce]: 'announce',
    [STUB.restrict]: 'locked',
    [STUB.subject]: 'subject',
    [STUB.description]: 'description',
    [STUB.inviteLink]: 'inviteLink',
  };
  const setting = settings[stub];
  if (!setting) return [];
  const raw = params[0];
  const value = setting === 'inviteLink' ? undefined : setting === 'announce' || setting === 'locked' ? (raw === 'on' || raw === 'true' ? 'on' : 'off') : (raw ?? '').slice(0, 2048);
  return [{ ...at, id: eventId('whatsapp', ref.groupId, 'members', setting, key), moderation: { action: 'setting', setting, ...(value !== undefined ? { value } : {}) } }];
}

/** The group as a space of the neutral model, with its place in a Community when it has one (and the Community's name, when known). */
export function spaceOfGroup(group: Pick<GroupMetadata, 'id' | 'subject' | 'participants' | 'announce'> & Partial<Pick<GroupMetadata, 'linkedParent' | 'isCommunity' | 'isCommunityAnnounce'>>, parentName?: string) {
  const role = group.isCommunity ? ('community' as const) : group.isCommunityAnnounce ? ('announcements' as const) : group.linkedParent ? ('group' as const) : undefined;
  return {
    id: group.id,
    name: group.subject,
    memberCount: group.participants.length,
    channels: [{ id: group.id, name: group.subject, kind: group.announce || group.isCommunityAnnounce ? ('announcement' as const) : ('text' as const) }],
    ...(role ? { community: { role, ...(group.linkedParent ? { parentId: group.linkedParent } : {}), ...(group.linkedParent && parentName ? { parentName } : {}) } } : {}),
  };
}
