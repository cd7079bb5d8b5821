// The Telegram practice community: an in-process MTProto server on 127.0.0.1 that the real gramjs
// client logs in to (bot token or phone → code → 2FA), holding the supergroup "Practice Community Chat".
//
// API (startTelegramSimulator(options) → TelegramSimulator):
//   options: { port?: number (0 = random), host?: '127.0.0.1', seed?: number, botToken?: string,
//              memberCount?: number (seeded regulars, default 12), dhGenRetries?: number }
//   host, port                      where the server listens (connect with a networkSocket redirect)
//   rsaPublicKeyPem                 the server's RSA public key (register it with gramjs)
//   botToken, botUserId             the practice bot (admin in the supergroup with every right)
//   supergroupId, supergroupTitle   "Practice Community Chat", a forum supergroup (megagroup)
//   topics: { general: 1, help }    forum topic ids (general = Telegram's built-in topic 1)
//   userAccounts                    [{ phone, code, password?, userId }]: phone login (code is fixed)
//   postMessage({ authorId, text, topicId?, replyTo?, forwardedFrom? }) → SimTgMessage
//   postAlbum({ authorId, caption, photos, topicId? }) → SimTgMessage[]   an album: one message per photo, one grouped_id
//   editMessage(chatId, messageId, text) → SimTgMessage
//   deleteMessages(chatId, ids) → void                 (a native delete by an admin in the app)
//   addMember({ firstName?, username?, accountCreatedAt? }) → SimTgUser (joins: service message)
//   removeMember(userId) → void                         (leaves: service message)
//   setJoinMessages(chatId, 'messages' | 'hidden' | 'both') joins and leaves as service messages (default),
//                                      as updateChannelParticipant only (hidden join messages), or both
//   messages(chatId) → SimTgMessage[]   message(chatId, id)   users()   user(id)   memberIds()
//   member(chatId, userId) → SimTgMember { present, banned, bannedUntil, restrictedUntil, ... }
//   setChannelDifferenceLimit(updates | undefined) past this many updates behind, getChannelDifference
//                                      answers channelDifferenceTooLong (a fresh pts, the latest message only)
//   setDifferenceLimit(updates | undefined) the same for the account's getDifference: differenceTooLong (a fresh pts only)
//   channelBanned(chatId, title) → boolean   a channel members posted as (asChannel), banned by editBanned
//   slowModeSeconds(chatId) → number
//   setBotAdmin(admin: boolean)        false → the bot's moderation calls get CHAT_ADMIN_REQUIRED
//   setAdminAsOwner(userId, { admin, rank? }) the owner promotes (with a custom title), retitles or
//                                      demotes in the app: updateChannelParticipant, before and after
//   setBasicAdminAsOwner(userId, admin) the same in the basic group: updateChatParticipantAdmin
//   setAbout(userId, about)            the user's bio, answered by users.getFullUser (counted in callCounts)
//   react(chatId, messageId, userId, emojis) a member's reactions on a message (the set replaces theirs);
//                                      an admin bot gets updateBotMessageReaction (old and new, qts)
//   reactAnonymously(chatId, messageId, counts) anonymous reactions: updateBotMessageReactions, counts only
//   memberWritesToBot(userId, text) → SimTgPrivateMessage   (starts the bot; pushed as UpdateNewMessage)
//   directMessages(userId) → SimTgPrivateMessage[]         (the bot's private chat with that user)
//   blockBot(userId, blocked = true)   the member blocked the bot → its sends get USER_IS_BLOCKED
//   chatLocked(chatId) → boolean       default rights ban sending (messages.editChatDefaultBannedRights)
//   dropConnections()                  closes every client socket (gramjs reconnects by itself)
//   injectFloodWait(method, seconds, times = 1, { after? })   e.g. ('messages.SendMessage', 3); `after`:
//                                      that many calls of method go through first (a fault mid-flow)
//   injectError(method, code, message, times = 1, { after? })
//   injectSilence(method, times = 1, { after? })   the next calls of method get no answer at all
//   injectLostAnswer(method, times = 1) the next calls are carried out, then the connection drops unanswered
//   scheduleAnswers({ groups: [{ size, order }], waitMs }) regroup/reorder the answers that follow
//   (by default the answers to one client container go back in one msg_container, errors included)
//
// The server is split by concern: community.ts (the world and its TL objects), sessions.ts (TCP,
// auth-key handshake, encrypted sessions, containers), methods.ts (the RPCs), updates.ts (what is
// pushed), scenario.ts (the practice story). This file wires them and is the test's handle.
import { Api } from 'telegram';
import { createCommunity, first, now, randomId } from './community';
import { createMethods } from './methods';
import { tlBytes, toBig } from './mtproto';
import { createSessions, type CallHandler } from './sessions';
import type { LogEntry, SimTgMember, TelegramSimulator, TelegramSimulatorOptions } from './types';
import { createPushes } from './updates';

export type { SimTgChatMessage, SimTgLinks, SimTgMember, SimTgMessage, SimTgPrivateMessage, SimTgUser, SimUserAccount, TelegramSimulator, TelegramSimulatorOptions } from './types';

export async function startTelegramSimulator(options: TelegramSimulatorOptions = {}): Promise<TelegramSimulator> {
  const community = createCommunity(options);
  // Calls arrive only once the server listens, when the methods exist.
  const calls: { handle?: CallHandler } = {};
  const sessions = createSessions(options, (conn, request) => (calls.handle as CallHandler)(conn, request));
  const pushes = createPushes(community, sessions);
  let port = 0;
  const methods = createMethods(community, sessions, pushes, () => ({ host: sessions.host, port }));
  calls.handle = methods.handleRequest;
  port = await sessions.listen();
  const { injected, callCounts, limits } = methods;
  const { rng, users, mkUser, botToken, bot, accounts, chatId, title, messages, members, state, boxes, boxOf, startedBot, blockedBot, addMemberRecord, basicId, basicTitle, basicMembers, record, createMessage, topics, findMessage } = community;
  const { broadcast, postInBasicGroup, sendPrivate } = pushes;
  const { host, authKeys, connections } = sessions;
  /** Per message, per member, the reactions they hold (Telegram keeps the set per member). */
  const reactions = new Map<number, Map<string, string[]>>();
  /** Reaction updates go to the bot's sessions only, and only while it is an admin of the group (as on Telegram). */
  const pushToBot = (update: Api.TypeUpdate, userIds: string[]) => {
    if (!members.get(bot.id)?.admin) return;
    const updates = new Api.Updates({ updates: [update], users: userIds.flatMap((id) => users.get(id) ?? []).map((u) => community.userTl(u)), chats: [community.channelTl()], date: now(), seq: 0 });
    for (const conn of connections) if (conn.auth?.userId === bot.id && conn.sessionId !== undefined) sessions.send(conn, tlBytes(updates), false);
  };
  const reactionTl = (emoji: string) => new Api.ReactionEmoji({ emoticon: emoji });
  /** Channels members post as (or the group's linked channel), by title: one id each. */
  const senderChannels = new Map<string, { id: string; title: string; accessHash: string }>();
  const senderChannel = (channelTitle: string) => {
    let known = senderChannels.get(channelTitle);
    if (!known) senderChannels.set(channelTitle, (known = { id: randomId(rng, 10), title: channelTitle, accessHash: randomId(rng, 18) }));
    return known;
  };

  /** How joins and leaves reach the clients (setJoinMessages). */
  let joinMessages: 'messages' | 'hidden' | 'both' = 'messages';
  /** With 'both': the report that Telegram sends later (held until releaseLateJoinReports), as when an admin's update lags. */
  let lateJoinReport: 'message' | 'update' | undefined;
  const heldJoinReports: Array<() => void> = [];
  /** A member joined or left by themselves: updateChannelParticipant (qts), as Telegram tells admins. */
  const participantUpdate = (userId: string, before: Api.TypeChannelParticipant | undefined, after: Api.TypeChannelParticipant | undefined): Api.TypeUpdate => {
    state.qts += 1;
    const update = new Api.UpdateChannelParticipant({
      channelId: toBig(chatId),
      date: now(),
      actorId: toBig(userId),
      userId: toBig(userId),
      ...(before ? { prevParticipant: before } : {}),
      ...(after ? { newParticipant: after } : {}),
      qts: state.qts,
    });
    community.qtsLog.push({ qts: state.qts, update, userIds: [userId] });
    return update;
  };
  /** A join or leave, told the way the group is set to tell it. */
  const membershipChange = (userId: string, service: 'join' | 'leave', before: Api.TypeChannelParticipant | undefined, after: Api.TypeChannelParticipant | undefined) => {
    if (joinMessages === 'both' && lateJoinReport) {
      // One report now, the other when released: its pts/qts and date are given when it is sent.
      const message = () => broadcast([createMessage({ topicId: 1, fromId: userId, text: '', service }).entry], undefined, [], [userId]);
      const update = () => broadcast([], undefined, [participantUpdate(userId, before, after)], [userId]);
      (lateJoinReport === 'message' ? update : message)();
      heldJoinReports.push(lateJoinReport === 'message' ? message : update);
      return;
    }
    const entries = joinMessages === 'hidden' ? [] : [createMessage({ topicId: 1, fromId: userId, text: '', service }).entry];
    const updates = joinMessages === 'messages' ? [] : [participantUpdate(userId, before, after)];
    broadcast(entries, undefined, updates, [userId]);
  };

  const sim: TelegramSimulator = {
    counters: () => ({ highest: Math.max(state.nextMessageId - 1, state.pts, ...[...boxes.values()].flatMap((b) => [b.pts, b.nextId - 1])) }),
    host,
    port,
    rsaPublicKeyPem: sessions.rsaPublicKeyPem,
    botToken,
    botUserId: bot.id,
    supergroupId: chatId,
    supergroupTitle: title,
    topics,
    basicGroupId: basicId,
    basicGroupTitle: basicTitle,
    userAccounts: accounts,
    renameTopic(topicId, newTitle) {
      if (!community.topicTitles.has(topicId) || topicId === 1) throw new Error(`no topic ${topicId}`);
      community.topicTitles.set(topicId, newTitle);
      const { message, entry } = createMessage({ topicId, fromId: community.owner.id, text: newTitle, service: 'topicEdit' });
      broadcast([entry]);
      return { ...message };
    },
    postMessage(input) {
      const author = members.get(input.authorId);
      if (!author?.present) throw new Error(`user ${input.authorId} is not in the group`);
      if (state.defaultBanned.sendMessages && !author.admin) throw new Error('the group is locked: only admins can post');
      const topicId = input.topicId ?? (input.replyTo ? findMessage(input.replyTo)?.topicId ?? 1 : 1);
      if (input.asGroup && !author.admin) throw new Error('only an admin posts anonymously');
      if (input.asChannel && community.bannedSenders.has(senderChannel(input.asChannel.title).id)) throw new Error(`the channel ${input.asChannel.title} is banned from the group`);
      const senderChat = input.asGroup
        ? { id: chatId, title, accessHash: community.chatAccessHash, ...(input.asGroup.signature ? { signature: input.asGroup.signature } : {}) }
        : input.asChannel
          ? { ...senderChannel(input.asChannel.title), ...(input.asChannel.linkedPost !== undefined ? { post: input.asChannel.linkedPost } : {}) }
          : undefined;
      const { message, entry } = createMessage({
        topicId,
        fromId: input.authorId,
        text: input.text,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
        ...(input.links ? { links: input.links } : {}),
        ...(input.poll ? { poll: input.poll } : {}),
        ...(input.card ? { card: input.card } : {}),
        ...(senderChat ? { senderChat } : {}),
      });
      broadcast([entry]);
      return { ...message };
    },
    postAlbum(input) {
      const author = members.get(input.authorId);
      if (!author?.present) throw new Error(`user ${input.authorId} is not in the group`);
      if (input.photos < 2 || input.photos > 10) throw new Error('an album holds 2 to 10 photos');
      const groupedId = randomId(rng, 18);
      const made = Array.from({ length: input.photos }, (_, i) =>
        createMessage({ topicId: input.topicId ?? 1, fromId: input.authorId, text: i === 0 ? input.caption : '', photo: true, groupedId }),
      );
      broadcast(made.map((m) => m.entry));
      return made.map((m) => ({ ...m.message }));
    },
    postToBasicGroup(input) {
      if (state.migrated) throw new Error('the basic group became a supergroup: post there');
      if (!basicMembers.has(input.authorId)) throw new Error(`user ${input.authorId} is not in the basic group`);
      return postInBasicGroup(input);
    },
    migrateBasicGroup(how = {}) {
      if (!options.basicGroupMigrates || state.migrated) throw new Error('start the server with basicGroupMigrates, and migrate once');
      state.migrated = true;
      state.title = basicTitle;
      state.forum = false;
      for (const m of members.values()) {
        m.present = basicMembers.has(m.userId);
        if (m.present) m.joinedAt = now();
        m.admin = m.userId === community.owner.id || community.basicAdmins.has(m.userId);
      }
      // The supergroup's first message names the chat it came from; from here on it is told with the channel's pts.
      const announce = () => broadcast([createMessage({ topicId: 1, fromId: community.owner.id, text: basicTitle, service: 'migrateFrom' }).entry]);
      if (how.channelFirst) announce();
      // The old chat's last word, in every member's box: it moved to the supergroup (with the deactivated chat pointing there).
      const at = now();
      const id = Math.max(...[...basicMembers].map((u) => boxOf(u).nextId));
      for (const holder of basicMembers) {
        const box = boxOf(holder);
        box.pts += 1;
        box.nextId = id + 1;
        const entry = { pts: box.pts, message: { id, chatId: basicId, peerId: basicId, fromId: community.owner.id, out: holder === community.owner.id, text: '', date: at, migratedTo: chatId } };
        box.log.push(entry);
        for (const conn of connections) if (conn.auth?.userId === holder && conn.sessionId !== undefined) sessions.send(conn, tlBytes(community.privateUpdates(holder, [entry])), false);
      }
      if (!how.channelFirst) announce();
    },
    basicGroupMemberIds: () => [...basicMembers].filter((id) => id !== bot.id && !members.get(id)?.admin),
    editMessage(chat, messageId, text) {
      const m = findMessage(messageId);
      if (chat !== chatId || !m || m.deleted) throw new Error(`no message ${messageId}`);
      m.text = text;
      m.editDate = now();
      const entry = record('edit', [m]);
      broadcast([entry]);
      return { ...m };
    },
    restrictAsAdmin(userId, byUserId, options) {
      const target = members.get(userId);
      const actor = members.get(byUserId);
      if (!target) throw new Error(`no member ${userId}`);
      if (!actor?.admin) throw new Error(`${byUserId} is not an admin of the group`);
      const until = options.untilDate ?? 0;
      const entries: LogEntry[] = [];
      // Telegram names the member's record before the change, as long as they were in the group.
      const before = target.present ? community.participantTl(target) : undefined;
      if (options.ban) {
        target.banned = true;
        target.bannedUntil = until;
        if (target.present) {
          target.present = false;
          entries.push(createMessage({ topicId: 1, fromId: userId, text: '', service: 'leave' }).entry);
        }
      } else {
        target.restrictedUntil = until || 2147483647;
      }
      state.qts += 1;
      const update = new Api.UpdateChannelParticipant({
        channelId: toBig(chatId),
        date: now(),
        actorId: toBig(byUserId),
        userId: toBig(userId),
        ...(before ? { prevParticipant: before } : {}),
        newParticipant: new Api.ChannelParticipantBanned({
          peer: new Api.PeerUser({ userId: toBig(userId) }),
          kickedBy: toBig(byUserId),
          date: now(),
          bannedRights: new Api.ChatBannedRights({ viewMessages: options.ban, sendMessages: true, untilDate: until }),
        }),
        qts: state.qts,
      });
      community.qtsLog.push({ qts: state.qts, update, userIds: [byUserId, userId] });
      broadcast(entries, undefined, [update], [byUserId, userId]);
      if (options.ban) {
        // An account removed from the group (the practice bot, a moderator's login) hears it too, as
        // Telegram tells it (a bot's my_chat_member): the participant update, then updateChannel, the
        // group now a channelForbidden. Every read of the group answers CHANNEL_PRIVATE from here on.
        target.admin = false;
        const forbidden = new Api.ChannelForbidden({ id: toBig(chatId), accessHash: toBig(community.chatAccessHash), title, megagroup: true });
        const told = new Api.Updates({
          updates: [update, new Api.UpdateChannel({ channelId: toBig(chatId) })],
          users: [byUserId, userId].flatMap((id) => users.get(id) ?? []).map((u) => community.userTl(u, u.id === userId)),
          chats: [forbidden],
          date: now(),
          seq: 0,
        });
        for (const conn of connections) if (conn.auth?.userId === userId && conn.sessionId !== undefined) sessions.send(conn, tlBytes(told), false);
      }
    },
    setAdminAsOwner(userId, change) {
      const target = members.get(userId);
      if (!target?.present) throw new Error(`no member ${userId}`);
      if (userId === community.owner.id) throw new Error('the owner stays the owner');
      const before = community.participantTl(target);
      target.admin = change.admin;
      // Telegram keeps a title only on an admin, and at most 16 characters of it.
      if (change.admin && change.rank) target.rank = [...change.rank].slice(0, 16).join('');
      else delete target.rank;
      state.qts += 1;
      const update = new Api.UpdateChannelParticipant({
        channelId: toBig(chatId),
        date: now(),
        actorId: toBig(community.owner.id),
        userId: toBig(userId),
        prevParticipant: before,
        newParticipant: community.participantTl(target),
        qts: state.qts,
      });
      community.qtsLog.push({ qts: state.qts, update, userIds: [community.owner.id, userId] });
      broadcast([], undefined, [update], [community.owner.id, userId]);
    },
    setBasicAdminAsOwner(userId, admin) {
      if (!basicMembers.has(userId) || userId === community.owner.id) throw new Error(`${userId} is not a member of the basic group the owner can change`);
      if (admin) community.basicAdmins.add(userId);
      else community.basicAdmins.delete(userId);
      community.basicState.version += 1;
      const update = new Api.UpdateChatParticipantAdmin({ chatId: toBig(basicId), userId: toBig(userId), isAdmin: admin, version: community.basicState.version });
      const pushed = new Api.Updates({ updates: [update], users: [community.owner.id, userId].flatMap((id) => users.get(id) ?? []).map((u) => community.userTl(u)), chats: [community.basicChatTl()], date: now(), seq: 0 });
      for (const conn of connections) if (conn.auth?.userId && basicMembers.has(conn.auth.userId) && conn.sessionId !== undefined) sessions.send(conn, tlBytes(pushed), false);
    },
    setAbout(userId, about) {
      const u = users.get(userId);
      if (!u) throw new Error(`no user ${userId}`);
      const text = [...about].slice(0, 70).join('');
      if (text) u.about = text;
      else delete u.about;
    },
    deleteMessages(chat, ids) {
      const targets = messages.filter((m) => chat === chatId && ids.includes(m.id) && !m.deleted);
      if (targets.length === 0) return;
      for (const m of targets) m.deleted = true;
      broadcast([record('delete', targets)]);
    },
    addMember(input = {}) {
      const name = input.firstName ?? first[Math.floor(rng.next() * first.length)] ?? 'Newcomer';
      const u = mkUser({
        firstName: name,
        username: input.username ?? `${name.toLowerCase()}_${randomId(rng, 4)}`,
        createdAt: Math.floor((input.accountCreatedAt?.getTime() ?? Date.now()) / 1000),
        ...(input.langCode ? { langCode: input.langCode } : {}),
      });
      addMemberRecord(u.id);
      membershipChange(u.id, 'join', undefined, community.participantTl(members.get(u.id) as SimTgMember));
      return { ...u };
    },
    removeMember(userId) {
      const m = members.get(userId);
      if (!m?.present) return;
      const before = community.participantTl(m);
      m.present = false;
      membershipChange(userId, 'leave', before, new Api.ChannelParticipantLeft({ peer: new Api.PeerUser({ userId: toBig(userId) }) }));
    },
    setJoinMessages(chat, mode, options = {}) {
      if (chat !== chatId) throw new Error(`no supergroup ${chat}`);
      joinMessages = mode;
      lateJoinReport = options.late;
    },
    releaseLateJoinReports() {
      for (const send of heldJoinReports.splice(0)) send();
    },
    messages: (chat) => (chat === chatId ? messages.map((m) => ({ ...m })) : []),
    message: (chat, id) => {
      const m = chat === chatId ? findMessage(id) : undefined;
      return m ? { ...m } : undefined;
    },
    users: () => [...users.values()].map((u) => ({ ...u })),
    user: (id) => {
      const u = users.get(id);
      return u ? { ...u } : undefined;
    },
    memberIds: () => [...members.values()].filter((m) => m.present && !m.admin).map((m) => m.userId),
    member: (chat, userId) => {
      const m = chat === chatId ? members.get(userId) : undefined;
      return m ? { ...m } : undefined;
    },
    setChannelDifferenceLimit(updates) {
      if (updates === undefined) delete limits.channelDifference;
      else limits.channelDifference = updates;
    },
    setDifferenceLimit(updates) {
      if (updates === undefined) delete limits.difference;
      else limits.difference = updates;
    },
    channelBanned: (chat, channelTitle) => chat === chatId && community.bannedSenders.has(senderChannel(channelTitle).id),
    slowModeSeconds: (chat) => (chat === chatId ? state.slowMode : 0),
    memberWritesToBot(userId, text) {
      if (!users.has(userId)) throw new Error(`no user ${userId}`);
      startedBot.add(userId);
      const { received } = sendPrivate(userId, bot.id, text);
      return { id: received.message.id, userId, fromId: userId, text, date: received.message.date };
    },
    directMessages: (userId) =>
      boxOf(bot.id)
        .log.filter((e) => e.message.peerId === userId)
        .map((e) => ({ id: e.message.id, userId, fromId: e.message.fromId, text: e.message.text, date: e.message.date })),
    blockBot(userId, blocked = true) {
      if (blocked) blockedBot.add(userId);
      else blockedBot.delete(userId);
    },
    chatLocked: (chat) => chat === chatId && state.defaultBanned.sendMessages,
    setBotAdmin(admin) {
      const m = members.get(bot.id);
      if (m) m.admin = admin;
    },
    react(chat, messageId, userId, emojis) {
      const m = findMessage(messageId);
      if (chat !== chatId || !m || m.deleted) throw new Error(`no message ${messageId}`);
      if (!members.get(userId)?.present) throw new Error(`user ${userId} is not in the group`);
      const held = reactions.get(messageId) ?? new Map<string, string[]>();
      reactions.set(messageId, held);
      const old = held.get(userId) ?? [];
      const next = [...new Set(emojis)];
      if (next.length > 0) held.set(userId, next);
      else held.delete(userId);
      state.qts += 1;
      pushToBot(
        new Api.UpdateBotMessageReaction({
          peer: new Api.PeerChannel({ channelId: toBig(chatId) }),
          msgId: messageId,
          date: now(),
          actor: new Api.PeerUser({ userId: toBig(userId) }),
          oldReactions: old.map(reactionTl),
          newReactions: next.map(reactionTl),
          qts: state.qts,
        }),
        [userId],
      );
    },
    reactAnonymously(chat, messageId, counts) {
      const m = findMessage(messageId);
      if (chat !== chatId || !m || m.deleted) throw new Error(`no message ${messageId}`);
      state.qts += 1;
      pushToBot(
        new Api.UpdateBotMessageReactions({
          peer: new Api.PeerChannel({ channelId: toBig(chatId) }),
          msgId: messageId,
          date: now(),
          reactions: Object.entries(counts).map(([emoji, count]) => new Api.ReactionCount({ reaction: reactionTl(emoji), count })),
          qts: state.qts,
        }),
        [],
      );
    },
    dropConnections() {
      for (const conn of connections) conn.socket.destroy();
    },
    injectFloodWait(method, seconds, times = 1, options = {}) {
      injected.push({ method, code: 420, message: `FLOOD_WAIT_${seconds}`, times, ...(options.after ? { passing: options.after } : {}) });
    },
    injectError(method, code, message, times = 1, options = {}) {
      injected.push({ method, code, message, times, ...(options.after ? { passing: options.after } : {}) });
    },
    injectSilence(method, times = 1, options = {}) {
      injected.push({ method, code: 0, message: '', times, ...(options.after ? { passing: options.after } : {}) });
    },
    injectLostAnswer(method, times = 1) {
      sessions.lostAnswers.push({ method, times });
    },
    scheduleAnswers(next) {
      sessions.setSchedule(next ? { groups: next.groups.map((g) => ({ ...g })), ...(next.waitMs !== undefined ? { waitMs: next.waitMs } : {}) } : undefined);
    },
    revokeAuthKeys() {
      for (const auth of authKeys.values()) delete auth.userId;
      // Telegram closes the sessions it terminates; the clients find out on their next call.
      for (const conn of connections) conn.socket.destroy();
    },
    calls: (method) => (method ? callCounts.get(method) ?? 0 : [...callCounts.values()].reduce((a, b) => a + b, 0)),
    get stats() {
      return sessions.stats();
    },
    close: () => sessions.close(),
  };
  return sim;
}
export type { AnswerSchedule, AnswerOrder } from './answers';
