// The practice community's world: the supergroup "Practice Community Chat" (a forum), the basic
// group next to it, users, members, messages and each account's private box, the pts log, and the
// TL objects gramjs reads them as. No sockets here: sessions.ts carries them, methods.ts answers
// calls, updates.ts pushes what changes, the scenario (scenario.ts) makes it live.
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { createRng, type Rng } from '../discord/random';
import { toBig } from './mtproto';
import type { SrpSecret } from './srp';
import type { BoxEntry, LogEntry, SimTgLinks, SimTgMember, SimTgMessage, SimTgUser, SimUserAccount, TelegramSimulatorOptions } from './types';

export const DAY = 24 * 3600;
export const first = ['Ana', 'Bao', 'Chidi', 'Dana', 'Eitan', 'Fatima', 'Goran', 'Hana', 'Ilya', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Olek', 'Priya', 'Quinn', 'Rafa', 'Sora', 'Tomas'];


export function now() {
  return Math.floor(Date.now() / 1000);
}

export function randomId(rng: Rng, digits: number): string {
  let s = String(1 + Math.floor(rng.next() * 9));
  while (s.length < digits) s += String(Math.floor(rng.next() * 10));
  return s;
}

/** A sent message's own formatting joined to the entities its links add. */
function withEntities<T extends { entities?: Api.TypeMessageEntity[] }>(parts: T, own: Api.TypeMessageEntity[] | undefined): T {
  if (!own?.length) return parts;
  return { ...parts, entities: [...own, ...(parts.entities ?? [])].sort((a, b) => a.offset - b.offset) };
}

/** The entities, inline keyboard and web-page preview that carry a message's links (offsets in UTF-16 units, as Telegram counts). */
function linkParts(text: string, links: SimTgLinks | undefined): { entities?: Api.TypeMessageEntity[]; replyMarkup?: Api.ReplyInlineMarkup; media?: Api.MessageMediaWebPage } {
  if (!links) return {};
  const out: { entities?: Api.TypeMessageEntity[]; replyMarkup?: Api.ReplyInlineMarkup; media?: Api.MessageMediaWebPage } = {};
  const entities = (links.textUrls ?? []).flatMap(({ text: shown, url }) => {
    const offset = text.indexOf(shown);
    return offset < 0 ? [] : [new Api.MessageEntityTextUrl({ offset, length: shown.length, url })];
  });
  if (entities.length > 0) out.entities = entities;
  if (links.buttons?.length) {
    out.replyMarkup = new Api.ReplyInlineMarkup({ rows: links.buttons.map((b) => new Api.KeyboardButtonRow({ buttons: [new Api.KeyboardButtonUrl({ text: b.text, url: b.url })] })) });
  }
  if (links.webPage) {
    const page = links.webPage;
    const host = new URL(page.url).host;
    out.media = new Api.MessageMediaWebPage({
      webpage: new Api.WebPage({ id: toBig(Math.abs(hashOf(page.url))), url: page.url, displayUrl: host, hash: 0, ...(page.title ? { title: page.title, siteName: host } : {}) }),
    });
  }
  return out;
}

function hashOf(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h || 1;
}

export function createCommunity(options: TelegramSimulatorOptions) {
  const rng = createRng(options.seed ?? 7);

  // ---- the world ----
  const users = new Map<string, SimTgUser>();
  const accessHashes = new Map<string, string>();
  const mkUser = (input: Partial<SimTgUser> & { firstName: string }): SimTgUser => {
    const id = input.id ?? randomId(rng, 10);
    const user: SimTgUser = { id, accessHash: randomId(rng, 18), bot: false, createdAt: now() - 400 * DAY, ...input };
    users.set(id, user);
    return user;
  };
  const botToken = options.botToken ?? `${randomId(rng, 10)}:AAPractice${randomBytes(12).toString('hex')}`;
  const bot = mkUser({ id: botToken.split(':')[0] ?? randomId(rng, 10), firstName: 'Tribekeeper Practice Bot', username: 'tribekeeper_practice_bot', bot: true });
  const owner = mkUser({ firstName: 'Mira', lastName: 'Okafor', username: 'mira_owner', phone: '15550100' });
  const moderator = mkUser({ firstName: 'Sam', lastName: 'Lindqvist', username: 'sam_mod', phone: '15550101' });
  const accounts: SimUserAccount[] = [
    { phone: '+15550100', code: '12345', userId: owner.id },
    { phone: '+15550101', code: '12345', password: 'practice-2fa', userId: moderator.id },
  ];
  const srpSecrets = new Map<string, SrpSecret>();

  const chatId = randomId(rng, 10);
  const chatAccessHash = randomId(rng, 18);
  accessHashes.set(chatId, chatAccessHash);
  const title = 'Practice Community Chat';
  const topicTitles = new Map<number, string>([[1, 'General']]);
  const messages: SimTgMessage[] = [];
  const log: LogEntry[] = [];
  const members = new Map<string, SimTgMember>();
  const randomIds = new Map<string, number>();
  /** Channels banned from the group (a member may no longer post as them), by channel id. */
  const bannedSenders = new Set<string>();
  const base = Math.max(1, Math.floor(options.counterBase ?? 1));
  /** What changes as the community lives: its counters and the group's settings. */
  const state = {
    nextMessageId: base,
    pts: base,
    /** Telegram's qts: the sequence of updateChannelParticipant and other "secret" updates. */
    qts: 0,
    slowMode: 0,
    /** Default rights of the group: sendMessages banned = the group is locked for non-admins. */
    defaultBanned: { sendMessages: false },
    /** The supergroup's title and kind: the basic group's, once it became the supergroup (basicGroupMigrates). */
    title,
    forum: true,
    /** The basic group was upgraded into the supergroup: it is deactivated, pointing there. */
    migrated: false,
  };
  /**
   * Participant changes of the supergroup by qts (updateChannelParticipant), for getDifference's
   * other_updates: a client that was away learns of bans and rank changes as Telegram tells them.
   */
  const qtsLog: { qts: number; update: Api.TypeUpdate; userIds: string[] }[] = [];
  const created = now() - 200 * DAY;
  const boxes = new Map<string, { pts: number; nextId: number; log: BoxEntry[] }>();
  const boxOf = (userId: string) => {
    let box = boxes.get(userId);
    if (!box) boxes.set(userId, (box = { pts: base, nextId: base, log: [] }));
    return box;
  };
  const startedBot = new Set<string>();
  const blockedBot = new Set<string>();

  const addMemberRecord = (userId: string, admin = false, joinedAt = now()) =>
    members.set(userId, { userId, present: true, banned: false, bannedUntil: 0, restrictedUntil: 0, admin, joinedAt });
  addMemberRecord(owner.id, true, created);
  addMemberRecord(moderator.id, true, created + DAY);
  // Admins may carry a custom title next to their name (Telegram's rank).
  (members.get(moderator.id) as SimTgMember).rank = 'Night shift';
  addMemberRecord(bot.id, true, created + DAY);
  for (let i = 0; i < (options.memberCount ?? 12); i++) {
    const name = first[i % first.length] ?? 'Member';
    const u = mkUser({ firstName: name, username: `${name.toLowerCase()}${i}`, createdAt: now() - (30 + Math.floor(rng.next() * 900)) * DAY });
    addMemberRecord(u.id, false, created + (2 + i) * DAY);
  }

  // The basic group next to the supergroup: the owner, the moderator, the bot and a few regulars.
  const basicId = randomId(rng, 9);
  const basicTitle = 'Practice Newcomers Lounge';
  const basicMembers = new Set<string>([owner.id, moderator.id, bot.id, ...[...members.values()].filter((m) => !m.admin).slice(0, 5).map((m) => m.userId)]);
  /** The basic group's admins besides its creator (the owner); a basic group has no custom titles. */
  const basicAdmins = new Set<string>([moderator.id, bot.id]);
  /** The basic group's participants list version (Telegram counts every change). */
  const basicState = { version: 1 };
  const basicParticipantsTl = () =>
    new Api.ChatParticipants({
      chatId: toBig(basicId),
      version: basicState.version,
      participants: [...basicMembers].map((id) =>
        id === owner.id
          ? new Api.ChatParticipantCreator({ userId: toBig(id) })
          : basicAdmins.has(id)
            ? new Api.ChatParticipantAdmin({ userId: toBig(id), inviterId: toBig(owner.id), date: created })
            : new Api.ChatParticipant({ userId: toBig(id), inviterId: toBig(owner.id), date: created }),
      ),
    });
  const basicChatTl = () =>
    new Api.Chat({
      id: toBig(basicId),
      title: basicTitle,
      photo: new Api.ChatPhotoEmpty(),
      participantsCount: basicMembers.size,
      date: created,
      version: 1,
      // Upgraded: Telegram names the chat deactivated, with the supergroup it became (and its access hash).
      ...(state.migrated ? { deactivated: true, migratedTo: new Api.InputChannel({ channelId: toBig(chatId), accessHash: toBig(chatAccessHash) }) } : {}),
    });

  const userTl = (u: SimTgUser, self = false) =>
    new Api.User({
      id: toBig(u.id),
      accessHash: toBig(u.accessHash),
      firstName: u.firstName,
      ...(u.lastName ? { lastName: u.lastName } : {}),
      ...(u.username ? { username: u.username } : {}),
      ...(u.langCode ? { langCode: u.langCode } : {}),
      bot: u.bot,
      self,
      ...(u.bot ? { botInfoVersion: 1 } : {}),
      status: new Api.UserStatusRecently({}),
    });

  const channelTl = () =>
    new Api.Channel({
      id: toBig(chatId),
      accessHash: toBig(chatAccessHash),
      title: state.title,
      photo: new Api.ChatPhotoEmpty(),
      date: created,
      megagroup: true,
      forum: state.forum,
      slowmodeEnabled: state.slowMode > 0,
      defaultBannedRights: new Api.ChatBannedRights({ untilDate: 0, sendMessages: state.defaultBanned.sendMessages }),
      participantsCount: [...members.values()].filter((m) => m.present).length,
    });

  const peerOf = (m: SimTgMessage) => new Api.PeerChannel({ channelId: toBig(m.chatId) });

  const replyHeader = (m: SimTgMessage): Api.MessageReplyHeader | undefined => {
    if (m.topicId === 1 && !m.replyTo) return undefined;
    if (m.topicId === 1) return new Api.MessageReplyHeader({ replyToMsgId: m.replyTo });
    if (!m.replyTo || m.replyTo === m.topicId) return new Api.MessageReplyHeader({ forumTopic: true, replyToMsgId: m.topicId });
    return new Api.MessageReplyHeader({ forumTopic: true, replyToMsgId: m.replyTo, replyToTopId: m.topicId });
  };

  /** The chats a list of messages names besides the group: channels they were sent as. */
  const chatsOf = (list: SimTgMessage[]): Api.TypeChat[] => {
    const senders = new Map(list.flatMap((m) => (m.senderChat && m.senderChat.id !== chatId ? [[m.senderChat.id, m.senderChat] as const] : [])));
    const extra = [...senders.values()].map((c) => new Api.Channel({ id: toBig(c.id), accessHash: toBig(c.accessHash), title: c.title, photo: new Api.ChatPhotoEmpty(), date: created, broadcast: true, min: true }));
    return [channelTl(), ...extra];
  };

  const messageTl = (m: SimTgMessage, viewer?: string): Api.TypeMessage => {
    const sender = m.senderChat;
    const fromId = sender ? new Api.PeerChannel({ channelId: toBig(sender.id) }) : new Api.PeerUser({ userId: toBig(m.fromId) });
    // A linked channel's post, forwarded by Telegram into its discussion group.
    const channelPost =
      sender?.post !== undefined
        ? new Api.MessageFwdHeader({ fromId: fromId, channelPost: sender.post, date: m.date, savedFromPeer: fromId, savedFromMsgId: sender.post })
        : undefined;
    const replyTo = replyHeader(m);
    if (m.service) {
      const action =
        m.service === 'join'
          ? new Api.MessageActionChatAddUser({ users: [toBig(m.fromId)] })
          : m.service === 'leave'
            ? new Api.MessageActionChatDeleteUser({ userId: toBig(m.fromId) })
            : m.service === 'topic'
              ? new Api.MessageActionTopicCreate({ title: m.text, iconColor: 0x6fb9f0 })
              : m.service === 'topicEdit'
                ? new Api.MessageActionTopicEdit({ title: m.text })
                : m.service === 'migrateFrom'
                  ? new Api.MessageActionChannelMigrateFrom({ title: m.text, chatId: toBig(basicId) })
                  : new Api.MessageActionChannelCreate({ title });
      return new Api.MessageService({ id: m.id, fromId, peerId: peerOf(m), date: m.date, action, ...(replyTo ? { replyTo } : {}) });
    }
    return new Api.Message({
      id: m.id,
      out: viewer === m.fromId,
      fromId,
      peerId: peerOf(m),
      date: m.date,
      message: m.text,
      ...(replyTo ? { replyTo } : {}),
      ...(m.editDate ? { editDate: m.editDate } : {}),
      ...(m.forwardedFrom ? { fwdFrom: new Api.MessageFwdHeader({ fromName: m.forwardedFrom, date: m.date - 60 }) } : {}),
      ...(channelPost ? { fwdFrom: channelPost } : {}),
      ...(sender?.signature ? { postAuthor: sender.signature } : {}),
      ...(m.pinned ? { pinned: true } : {}),
      ...(m.groupedId ? { groupedId: toBig(m.groupedId) } : {}),
      ...(m.photo
        ? {
            media: new Api.MessageMediaPhoto({
              photo: new Api.Photo({ id: toBig(String(m.id)), accessHash: toBig('1'), fileReference: Buffer.alloc(0), date: m.date, sizes: [new Api.PhotoSizeEmpty({ type: 'x' })], dcId: 2 }),
            }),
          }
        : {}),
      ...(m.card && 'contact' in m.card
        ? { media: new Api.MessageMediaContact({ phoneNumber: m.card.contact.phone, firstName: m.card.contact.firstName, lastName: m.card.contact.lastName ?? '', vcard: '', userId: toBig('0') }) }
        : {}),
      ...(m.card && 'venue' in m.card
        ? {
            media: new Api.MessageMediaVenue({ geo: new Api.GeoPoint({ long: 13.4, lat: 52.5, accessHash: toBig('0') }), title: m.card.venue.title, address: m.card.venue.address, provider: 'foursquare', venueId: '', venueType: '' }),
          }
        : {}),
      ...(m.poll
        ? {
            media: new Api.MessageMediaPoll({
              poll: new Api.Poll({
                id: toBig(String(m.id)),
                multipleChoice: m.poll.multipleChoice,
                question: new Api.TextWithEntities({ text: m.poll.question, entities: [] }),
                answers: m.poll.answers.map((text, i) => new Api.PollAnswer({ text: new Api.TextWithEntities({ text, entities: [] }), option: Buffer.from([i]) })),
              }),
              results: new Api.PollResults({}),
            }),
          }
        : {}),
      ...withEntities(linkParts(m.text, m.links), m.entities),
    });
  };

  const usersOf = (list: SimTgMessage[]) => {
    // A message sent as a chat does not name the member behind it.
    const ids = new Set(list.filter((m) => !m.senderChat).map((m) => m.fromId));
    return [...ids].map((id) => users.get(id)).filter((u): u is SimTgUser => !!u);
  };

  const updateTl = (entry: LogEntry, viewer?: string): Api.TypeUpdate => {
    if (entry.kind === 'delete') {
      return new Api.UpdateDeleteChannelMessages({ channelId: toBig(chatId), messages: entry.messageIds, pts: entry.pts, ptsCount: entry.ptsCount });
    }
    const snapshot = entry.snapshot as SimTgMessage;
    const Kind = entry.kind === 'new' ? Api.UpdateNewChannelMessage : Api.UpdateEditChannelMessage;
    return new Kind({ message: messageTl(snapshot, viewer), pts: entry.pts, ptsCount: entry.ptsCount });
  };

  /** A member as Telegram lists them: the owner (creator), an admin with their rights and title, or a plain member. */
  const participantTl = (m: SimTgMember): Api.TypeChannelParticipant => {
    const adminRights = new Api.ChatAdminRights({ deleteMessages: true, banUsers: true });
    const rank = m.rank ? { rank: m.rank } : {};
    if (m.admin && m.userId === owner.id) return new Api.ChannelParticipantCreator({ userId: toBig(m.userId), adminRights, ...rank });
    if (m.admin) return new Api.ChannelParticipantAdmin({ userId: toBig(m.userId), promotedBy: toBig(owner.id), date: m.joinedAt, adminRights, ...rank });
    return new Api.ChannelParticipant({ userId: toBig(m.userId), date: m.joinedAt });
  };

  const updatesTl = (entries: LogEntry[], viewer?: string, extra: Api.TypeUpdate[] = [], extraUsers: string[] = []) =>
    new Api.Updates({
      updates: [...extra, ...entries.map((e) => updateTl(e, viewer))],
      users: [
        ...new Set([...usersOf(entries.flatMap((e) => (e.snapshot ? [e.snapshot] : []))), ...extraUsers.flatMap((id) => users.get(id) ?? [])]),
      ].map((u) => userTl(u, u.id === viewer)),
      chats: chatsOf(entries.flatMap((e) => (e.snapshot ? [e.snapshot] : []))),
      date: now(),
      seq: 0,
    });

  /** A message of the account's common box: a private chat, or the basic group. */
  const privateTl = (entry: BoxEntry) => {
    const m = entry.message;
    if (m.migratedTo) {
      return new Api.MessageService({
        id: m.id,
        out: m.out,
        peerId: new Api.PeerChat({ chatId: toBig(basicId) }),
        fromId: new Api.PeerUser({ userId: toBig(m.fromId) }),
        date: m.date,
        action: new Api.MessageActionChatMigrateTo({ channelId: toBig(m.migratedTo) }),
      });
    }
    return new Api.Message({
      id: m.id,
      out: m.out,
      peerId: m.chatId ? new Api.PeerChat({ chatId: toBig(m.chatId) }) : new Api.PeerUser({ userId: toBig(m.peerId) }),
      ...(m.chatId ? { fromId: new Api.PeerUser({ userId: toBig(m.fromId) }) } : {}),
      date: m.date,
      message: m.text,
      ...(m.replyTo ? { replyTo: new Api.MessageReplyHeader({ replyToMsgId: m.replyTo }) } : {}),
      ...linkParts(m.text, m.links),
    });
  };

  const privateUpdates = (owner: string, entries: BoxEntry[], extra: Api.TypeUpdate[] = []) =>
    new Api.Updates({
      updates: [...extra, ...entries.map((e) => new Api.UpdateNewMessage({ message: privateTl(e), pts: e.pts, ptsCount: 1 }))],
      users: [...new Set([owner, ...entries.flatMap((e) => [e.message.peerId, e.message.fromId])])].flatMap((id) => {
        const u = users.get(id);
        return u ? [userTl(u, id === owner)] : [];
      }),
      chats: entries.some((e) => e.message.chatId) ? [basicChatTl(), ...(state.migrated ? [channelTl()] : [])] : [],
      date: now(),
      seq: 0,
    });

  const record = (kind: LogEntry['kind'], list: SimTgMessage[]): LogEntry => {
    const ptsCount = kind === 'delete' ? list.length : 1;
    state.pts += ptsCount;
    const entry: LogEntry = { pts: state.pts, ptsCount, kind, messageIds: list.map((m) => m.id) };
    if (kind !== 'delete' && list[0]) entry.snapshot = { ...list[0] };
    log.push(entry);
    return entry;
  };

  const createMessage = (input: Omit<SimTgMessage, 'id' | 'chatId' | 'date' | 'deleted'> & { date?: number }): { message: SimTgMessage; entry: LogEntry } => {
    const message: SimTgMessage = { id: state.nextMessageId++, chatId, date: input.date ?? now(), deleted: false, ...input };
    messages.push(message);
    return { message, entry: record('new', [message]) };
  };

  // The history a moderator finds: the group's creation and the Help topic.
  createMessage({ topicId: 1, fromId: owner.id, text: title, service: 'create', date: created });
  const helpTopic = createMessage({ topicId: 1, fromId: owner.id, text: 'Help & Support', service: 'topic', date: created + 60 }).message;
  helpTopic.topicId = helpTopic.id;
  topicTitles.set(helpTopic.id, 'Help & Support');
  const topics = { general: 1, help: helpTopic.id };

  const history = (filter: (m: SimTgMessage) => boolean, viewer: string, limit: number) => {
    const list = messages.filter((m) => !m.deleted && filter(m)).sort((a, b) => b.id - a.id).slice(0, limit);
    return new Api.messages.ChannelMessages({
      pts: state.pts,
      count: list.length,
      messages: list.map((m) => messageTl(m, viewer)),
      topics: [],
      chats: chatsOf(list),
      users: usersOf(list).map((u) => userTl(u, u.id === viewer)),
    });
  };
  const findMessage = (id: number) => messages.find((m) => m.id === id);
  // The supergroup the basic group will become: no one is in it until then.
  if (options.basicGroupMigrates) for (const m of members.values()) m.present = false;

  return {
    rng,
    users,
    accessHashes,
    mkUser,
    botToken,
    bot,
    owner,
    moderator,
    accounts,
    srpSecrets,
    chatId,
    chatAccessHash,
    title,
    topicTitles,
    messages,
    log,
    members,
    randomIds,
    bannedSenders,
    state,
    created,
    boxes,
    boxOf,
    startedBot,
    blockedBot,
    addMemberRecord,
    basicId,
    basicTitle,
    basicMembers,
    basicChatTl,
    basicAdmins,
    basicState,
    basicParticipantsTl,
    userTl,
    channelTl,
    chatsOf,
    messageTl,
    usersOf,
    updateTl,
    updatesTl,
    participantTl,
    qtsLog,
    privateTl,
    privateUpdates,
    record,
    createMessage,
    topics,
    history,
    findMessage,
  };
}

export type Community = ReturnType<typeof createCommunity>;
