// The practice server's methods: each RPC gramjs sends, answered as Telegram does (login by bot
// token or phone → code → 2FA, dialogs, history, differences, topics, participants, moderation), with
// the errors Telegram gives, and the faults a test injects (flood waits, errors, silence).
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import type { Community } from './community';
import { now } from './community';
import { fromBig, toBig, type TlValue } from './mtproto';
import type { AuthRecord, Connection, Sessions } from './sessions';
import { RpcFailure, Silence } from './sessions';
import { SRP_G, SRP_PRIME, makeChallenge, makeSrpSecret, verifyCheck } from './srp';
import type { Pushes } from './updates';
import type { LogEntry, SimTgMessage, SimTgUser } from './types';

const SLOW_MODE_STEPS = [0, 10, 30, 60, 300, 900, 3600];

/** The rights a restriction takes away short of a ban. */
const RESTRICTION_KEYS = ['sendMessages', 'sendMedia', 'sendStickers', 'sendGifs', 'sendPolls', 'sendPlain', 'embedLinks'] as const;

/** Telegram's cap on one text message, in UTF-16 units of the visible text. */
const MAX_MESSAGE_LENGTH = 4096;

/** The entity checks Telegram makes on a send: each inside the text, no empty ones. */
function checkEntities(text: string, entities: Api.TypeMessageEntity[] | undefined): void {
  for (const e of entities ?? []) {
    if (e.length <= 0 || e.offset < 0 || e.offset + e.length > text.length) throw new RpcFailure(400, 'ENTITY_BOUNDS_INVALID');
  }
}

export function createMethods(community: Community, sessions: Sessions, pushes: Pushes, address: () => { host: string; port: number }) {
  const {
    users, botToken, bot, owner, accounts, srpSecrets, chatId, chatAccessHash, topicTitles, messages, log, members, randomIds, state, created, boxOf,
    startedBot, blockedBot, basicId, basicMembers, basicChatTl, userTl, channelTl, messageTl, usersOf, updateTl, updatesTl, privateTl, privateUpdates, record, createMessage, history,
  } = community;
  const { broadcast, sendPrivate } = pushes;
  /** Faults a test injects; `passing`: calls of the method that go through first (a fault in the middle of a flow). */
  const injected: Array<{ method: string; code: number; message: string; times: number; passing?: number }> = [];
  /** Past this many updates behind, getChannelDifference (`channelDifference`) or getDifference (`difference`) answers "too long". */
  const limits: { channelDifference?: number; difference?: number } = {};
  const callCounts = new Map<string, number>();

  const memberOrFail = (userId: string) => {
    const m = members.get(userId);
    if (!m?.present) throw new RpcFailure(400, 'CHANNEL_PRIVATE');
    return m;
  };

  const checkChannel = (input: unknown) => {
    if (!(input instanceof Api.InputChannel || input instanceof Api.InputPeerChannel)) throw new RpcFailure(400, 'CHANNEL_INVALID');
    if (String(input.channelId) !== chatId) throw new RpcFailure(400, 'CHANNEL_INVALID');
    const hash = String(input.accessHash);
    if (hash !== chatAccessHash) throw new RpcFailure(400, 'CHANNEL_INVALID');
  };

  const requireAdmin = (userId: string) => {
    const m = members.get(userId);
    // Removed from the group: Telegram no longer shows it to the account at all.
    if (m && !m.present && m.banned) throw new RpcFailure(400, 'CHANNEL_PRIVATE');
    if (!m?.admin) throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
  };

  const userIdOfPeer = (peer: unknown): string => {
    if (peer instanceof Api.InputPeerUser || peer instanceof Api.InputUser) {
      const u = users.get(String(peer.userId));
      if (!u) throw new RpcFailure(400, 'USER_ID_INVALID');
      if (String(peer.accessHash) !== u.accessHash) throw new RpcFailure(400, 'USER_ID_INVALID');
      return u.id;
    }
    throw new RpcFailure(400, 'PARTICIPANT_ID_INVALID');
  };

  const authorize = (auth: AuthRecord, userId: string) => {
    auth.userId = userId;
    delete auth.pendingPasswordUserId;
    delete auth.srp;
    const u = users.get(userId) as SimTgUser;
    return new Api.auth.Authorization({ user: userTl(u, true) });
  };

  const unauthenticated = new Set(['help.GetConfig', 'help.GetNearestDc', 'auth.ImportBotAuthorization', 'auth.SendCode', 'auth.SignIn', 'account.GetPassword', 'auth.CheckPassword']);

  async function handleRequest(conn: Connection, request: Api.AnyRequest): Promise<TlValue> {
    const auth = conn.auth as AuthRecord;
    const method = request.className;
    callCounts.set(method, (callCounts.get(method) ?? 0) + 1);
    const fault = injected.find((f) => f.method === method && f.times > 0);
    if (fault?.passing) fault.passing--;
    else if (fault) {
      fault.times--;
      if (fault.code === 0) throw new Silence();
      throw new RpcFailure(fault.code, fault.message);
    }
    if (!unauthenticated.has(method) && !auth.userId) throw new RpcFailure(401, 'AUTH_KEY_UNREGISTERED');
    const me = auth.userId ?? '';
    const isBot = users.get(me)?.bot ?? false;

    if (request instanceof Api.help.GetConfig) {
      return new Api.Config({
        date: now(),
        expires: now() + 3600,
        testMode: false,
        thisDc: 2,
        dcOptions: [new Api.DcOption({ id: 2, ipAddress: address().host, port: address().port })],
        dcTxtDomainName: 'practice.invalid',
        chatSizeMax: 200,
        megagroupSizeMax: 200000,
        forwardedCountMax: 100,
        onlineUpdatePeriodMs: 210000,
        offlineBlurTimeoutMs: 5000,
        offlineIdleTimeoutMs: 30000,
        onlineCloudTimeoutMs: 300000,
        notifyCloudDelayMs: 30000,
        notifyDefaultDelayMs: 1500,
        pushChatPeriodMs: 60000,
        pushChatLimit: 2,
        editTimeLimit: 172800,
        revokeTimeLimit: 2147483647,
        revokePmTimeLimit: 2147483647,
        ratingEDecay: 2419200,
        stickersRecentLimit: 200,
        channelsReadMediaPeriod: 604800,
        callReceiveTimeoutMs: 20000,
        callRingTimeoutMs: 90000,
        callConnectTimeoutMs: 30000,
        callPacketTimeoutMs: 10000,
        meUrlPrefix: 'https://t.me/',
        captionLengthMax: 1024,
        messageLengthMax: 4096,
        webfileDcId: 2,
      });
    }
    if (request instanceof Api.help.GetNearestDc) {
      return new Api.NearestDc({ country: 'ZZ', thisDc: 2, nearestDc: 2 });
    }
    if (request instanceof Api.auth.ImportBotAuthorization) {
      if (request.botAuthToken !== botToken) throw new RpcFailure(401, 'ACCESS_TOKEN_INVALID');
      return authorize(auth, bot.id);
    }
    if (request instanceof Api.auth.SendCode) {
      const account = accounts.find((a) => a.phone.replace(/\D/g, '') === request.phoneNumber.replace(/\D/g, ''));
      if (!account) throw new RpcFailure(400, 'PHONE_NUMBER_INVALID');
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeApp({ length: account.code.length }), phoneCodeHash: randomBytes(8).toString('hex') });
    }
    if (request instanceof Api.auth.SignIn) {
      const account = accounts.find((a) => a.phone.replace(/\D/g, '') === request.phoneNumber.replace(/\D/g, ''));
      if (!account) throw new RpcFailure(400, 'PHONE_NUMBER_INVALID');
      if (!request.phoneCodeHash) throw new RpcFailure(400, 'PHONE_CODE_HASH_EMPTY');
      if (request.phoneCode !== account.code) throw new RpcFailure(400, 'PHONE_CODE_INVALID');
      if (account.password) {
        auth.pendingPasswordUserId = account.userId;
        throw new RpcFailure(401, 'SESSION_PASSWORD_NEEDED');
      }
      return authorize(auth, account.userId);
    }
    if (request instanceof Api.account.GetPassword) {
      const userId = auth.pendingPasswordUserId ?? auth.userId;
      const account = accounts.find((a) => a.userId === userId);
      const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({ salt1: randomBytes(8), salt2: randomBytes(16), g: SRP_G, p: SRP_PRIME });
      const common = { newAlgo: algo, newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(), secureRandom: randomBytes(32) };
      if (!account?.password) return new Api.account.Password({ ...common, hasPassword: false });
      let secret = srpSecrets.get(account.userId);
      if (!secret) srpSecrets.set(account.userId, (secret = makeSrpSecret(account.password)));
      const challenge = makeChallenge(secret);
      auth.srp = challenge;
      return new Api.account.Password({
        ...common,
        hasPassword: true,
        hint: 'the practice password',
        currentAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({ salt1: secret.salt1, salt2: secret.salt2, g: SRP_G, p: SRP_PRIME }),
        srp_B: challenge.B,
        srpId: toBig(challenge.srpId),
      });
    }
    if (request instanceof Api.auth.CheckPassword) {
      const userId = auth.pendingPasswordUserId;
      const secret = userId ? srpSecrets.get(userId) : undefined;
      const challenge = auth.srp;
      const check = request.password;
      if (!userId || !secret || !challenge || !(check instanceof Api.InputCheckPasswordSRP)) throw new RpcFailure(400, 'SRP_ID_INVALID');
      if (fromBig(check.srpId) !== challenge.srpId) throw new RpcFailure(400, 'SRP_ID_INVALID');
      if (!verifyCheck(secret, challenge, check.A, check.M1)) {
        delete auth.srp;
        throw new RpcFailure(400, 'PASSWORD_HASH_INVALID');
      }
      return authorize(auth, userId);
    }
    if (request instanceof Api.auth.LogOut) {
      delete auth.userId;
      return new Api.auth.LoggedOut({});
    }
    if (request instanceof Api.users.GetUsers) {
      return request.id.map((input) => {
        if (input instanceof Api.InputUserSelf) return userTl(users.get(me) as SimTgUser, true);
        const u = users.get(userIdOfPeer(input));
        return userTl(u as SimTgUser, u?.id === me);
      });
    }
    if (request instanceof Api.messages.GetFullChat) {
      // A basic group's full info: its participants with who is creator and admin.
      if (String(request.chatId) !== basicId || !basicMembers.has(me)) throw new RpcFailure(400, 'CHAT_ID_INVALID');
      return new Api.messages.ChatFull({
        fullChat: new Api.ChatFull({ id: toBig(basicId), about: '', participants: community.basicParticipantsTl(), notifySettings: new Api.PeerNotifySettings({}) }),
        chats: [basicChatTl()],
        users: [...basicMembers].flatMap((id) => users.get(id) ?? []).map((u) => userTl(u, u.id === me)),
      });
    }
    if (request instanceof Api.users.GetFullUser) {
      // Anyone may read a user's bio whose access hash they hold (a bot: the members of its groups).
      const u = users.get(request.id instanceof Api.InputUserSelf ? me : userIdOfPeer(request.id)) as SimTgUser;
      return new Api.users.UserFull({
        fullUser: new Api.UserFull({
          id: toBig(u.id),
          ...(u.about ? { about: u.about } : {}),
          settings: new Api.PeerSettings({}),
          notifySettings: new Api.PeerNotifySettings({}),
          commonChatsCount: 1,
        }),
        chats: [],
        users: [userTl(u, u.id === me)],
      });
    }
    if (request instanceof Api.updates.GetState) {
      return new Api.updates.State({ pts: boxOf(me).pts, qts: state.qts, date: now(), seq: 0, unreadCount: 0 });
    }
    if (request instanceof Api.updates.GetDifference) {
      // The common box holds private chats; the supergroup's participant changes come by qts.
      const box = boxOf(me);
      const entries = box.log.filter((e) => e.pts > request.pts);
      const changes = members.get(me)?.present ? community.qtsLog.filter((e) => e.qts > request.qts) : [];
      if (entries.length === 0 && changes.length === 0) return new Api.updates.DifferenceEmpty({ date: now(), seq: 0 });
      // Too far behind: Telegram gives only a fresh pts (the client refetches what it needs).
      if (limits.difference !== undefined && entries.length + changes.length > limits.difference) return new Api.updates.DifferenceTooLong({ pts: box.pts });
      const wrapped = privateUpdates(me, entries);
      const changeUsers = [...new Set(changes.flatMap((c) => c.userIds))].flatMap((id) => users.get(id) ?? []).map((u) => userTl(u, u.id === me));
      return new Api.updates.Difference({
        newMessages: entries.map(privateTl),
        newEncryptedMessages: [],
        otherUpdates: changes.map((c) => c.update),
        chats: changes.length > 0 ? [...wrapped.chats, channelTl()] : wrapped.chats,
        users: [...wrapped.users, ...changeUsers],
        state: new Api.updates.State({ pts: box.pts, qts: state.qts, date: now(), seq: 0, unreadCount: 0 }),
      });
    }
    if (request instanceof Api.updates.GetChannelDifference) {
      checkChannel(request.channel);
      memberOrFail(me);
      const from = request.pts;
      if (from <= 0 || from > state.pts) throw new RpcFailure(400, 'PERSISTENT_TIMESTAMP_INVALID');
      const limit = Math.max(1, Math.min(request.limit || 100, isBot ? 100_000 : 1000));
      const behind = log.filter((e) => e.pts > from);
      const top = messages.filter((m) => !m.deleted).at(-1);
      if (limits.channelDifference !== undefined && behind.length > limits.channelDifference && top) {
        // Too far behind: Telegram gives a fresh pts in the dialog and only the latest message.
        return new Api.updates.ChannelDifferenceTooLong({
          final: true,
          timeout: 30,
          dialog: new Api.Dialog({
            peer: new Api.PeerChannel({ channelId: toBig(chatId) }),
            topMessage: top.id,
            readInboxMaxId: top.id,
            readOutboxMaxId: top.id,
            unreadCount: 0,
            unreadMentionsCount: 0,
            unreadReactionsCount: 0,
            notifySettings: new Api.PeerNotifySettings({}),
            pts: state.pts,
          }),
          messages: [messageTl(top, me)],
          chats: community.chatsOf([top]),
          users: usersOf([top]).map((u) => userTl(u, u.id === me)),
        });
      }
      const entries = behind.slice(0, limit);
      if (entries.length === 0) return new Api.updates.ChannelDifferenceEmpty({ final: true, pts: state.pts, timeout: 30 });
      const last = entries[entries.length - 1] as LogEntry;
      const snapshots = entries.flatMap((e) => (e.snapshot ? [e.snapshot] : []));
      return new Api.updates.ChannelDifference({
        final: last.pts === state.pts,
        pts: last.pts,
        timeout: 30,
        newMessages: entries.filter((e) => e.kind === 'new').map((e) => messageTl(e.snapshot as SimTgMessage, me)),
        otherUpdates: entries.filter((e) => e.kind !== 'new').map((e) => updateTl(e, me)),
        chats: community.chatsOf(snapshots),
        users: usersOf(snapshots).map((u) => userTl(u, u.id === me)),
      });
    }
    if (request instanceof Api.messages.GetDialogs) {
      if (isBot) throw new RpcFailure(400, 'BOT_METHOD_INVALID');
      const top = messages.filter((m) => !m.deleted).at(-1);
      const dialogs = members.get(me)?.present
        ? [
            new Api.Dialog({
              peer: new Api.PeerChannel({ channelId: toBig(chatId) }),
              topMessage: top?.id ?? 0,
              readInboxMaxId: top?.id ?? 0,
              readOutboxMaxId: top?.id ?? 0,
              unreadCount: 0,
              unreadMentionsCount: 0,
              unreadReactionsCount: 0,
              notifySettings: new Api.PeerNotifySettings({}),
              pts: state.pts,
            }),
          ]
        : [];
      const lounge = basicMembers.has(me) ? boxOf(me).log.filter((e) => e.message.chatId === basicId).at(-1) : undefined;
      if (basicMembers.has(me)) {
        dialogs.push(
          new Api.Dialog({
            peer: new Api.PeerChat({ chatId: toBig(basicId) }),
            topMessage: lounge?.message.id ?? 0,
            readInboxMaxId: lounge?.message.id ?? 0,
            readOutboxMaxId: lounge?.message.id ?? 0,
            unreadCount: 0,
            unreadMentionsCount: 0,
            unreadReactionsCount: 0,
            notifySettings: new Api.PeerNotifySettings({}),
          }),
        );
      }
      return new Api.messages.Dialogs({
        dialogs,
        messages: [...(top && members.get(me)?.present ? [messageTl(top, me)] : []), ...(lounge ? [privateTl(lounge)] : [])],
        chats: [...(members.get(me)?.present ? [channelTl()] : []), ...(basicMembers.has(me) ? [basicChatTl()] : [])],
        users: top ? usersOf([top]).map((u) => userTl(u, u.id === me)) : [],
      });
    }
    if (request instanceof Api.channels.GetForumTopics) {
      checkChannel(request.channel);
      memberOrFail(me);
      const list = [...topicTitles.entries()].map(
        ([id, topicTitle]) =>
          new Api.ForumTopic({
            id,
            date: created,
            title: topicTitle,
            iconColor: 0x6fb9f0,
            topMessage: messages.filter((m) => m.topicId === id).at(-1)?.id ?? id,
            readInboxMaxId: 0,
            readOutboxMaxId: 0,
            unreadCount: 0,
            unreadMentionsCount: 0,
            unreadReactionsCount: 0,
            fromId: new Api.PeerUser({ userId: toBig(owner.id) }),
            notifySettings: new Api.PeerNotifySettings({}),
          }),
      );
      return new Api.messages.ForumTopics({ count: list.length, topics: list, messages: [], chats: [channelTl()], users: [], pts: state.pts });
    }
    if (request instanceof Api.messages.GetMessages) {
      // Ids of the account's common box: private chats and basic groups.
      const wanted = new Set(request.id.map((i) => (i instanceof Api.InputMessageID ? i.id : -1)));
      const found = boxOf(me).log.filter((e) => wanted.has(e.message.id));
      const wrapped = privateUpdates(me, found);
      return new Api.messages.Messages({ messages: found.map(privateTl), chats: wrapped.chats, users: wrapped.users });
    }
    if (request instanceof Api.channels.GetMessages) {
      checkChannel(request.channel);
      memberOrFail(me);
      const wanted = new Set(request.id.map((i) => (i instanceof Api.InputMessageID ? i.id : -1)));
      return history((m) => wanted.has(m.id), me, wanted.size);
    }
    if (request instanceof Api.messages.GetHistory) {
      if (isBot) throw new RpcFailure(400, 'BOT_METHOD_INVALID');
      checkChannel(request.peer);
      memberOrFail(me);
      const { offsetId, minId, maxId, addOffset } = request;
      const limit = Math.min(request.limit || 100, 100);
      const list = messages
        .filter((m) => !m.deleted && (minId === 0 || m.id > minId) && (maxId === 0 || m.id < maxId))
        .sort((a, b) => b.id - a.id);
      const start = Math.max(0, (offsetId ? list.findIndex((m) => m.id < offsetId) : 0) + addOffset);
      const ids = new Set(list.slice(start, start + limit).map((m) => m.id));
      return history((m) => ids.has(m.id), me, limit);
    }
    if (request instanceof Api.messages.SendMessage && request.peer instanceof Api.InputPeerUser) {
      const target = users.get(String(request.peer.userId));
      if (!target || String(request.peer.accessHash) !== target.accessHash) throw new RpcFailure(400, 'PEER_ID_INVALID');
      // Telegram: a bot writes first to nobody; only to users who started it and did not block it.
      if (isBot && !startedBot.has(target.id)) throw new RpcFailure(400, 'PEER_ID_INVALID');
      if (isBot && blockedBot.has(target.id)) throw new RpcFailure(403, 'USER_IS_BLOCKED');
      if (request.message.trim() === '') throw new RpcFailure(400, 'MESSAGE_EMPTY');
      const rid = `${me}:${String(request.randomId)}`;
      if (randomIds.has(rid)) throw new RpcFailure(400, 'RANDOM_ID_DUPLICATE');
      if (request.message.length > MAX_MESSAGE_LENGTH) throw new RpcFailure(400, 'MESSAGE_TOO_LONG');
      if (request.message.trim() === '') throw new RpcFailure(400, 'MESSAGE_EMPTY');
      checkEntities(request.message, request.entities);
      const { sent } = sendPrivate(me, target.id, request.message, auth);
      randomIds.set(rid, sent.message.id);
      return privateUpdates(me, [sent], [new Api.UpdateMessageID({ id: sent.message.id, randomId: request.randomId })]);
    }
    if (request instanceof Api.messages.EditChatDefaultBannedRights) {
      checkChannel(request.peer);
      requireAdmin(me);
      const sendMessages = request.bannedRights.sendMessages ?? false;
      if (sendMessages === state.defaultBanned.sendMessages) throw new RpcFailure(400, 'CHAT_NOT_MODIFIED');
      state.defaultBanned = { sendMessages };
      return new Api.Updates({ updates: [new Api.UpdateChannel({ channelId: toBig(chatId) })], users: [], chats: [channelTl()], date: now(), seq: 0 });
    }
    if (request instanceof Api.messages.SendMessage) {
      checkChannel(request.peer);
      const member = memberOrFail(me);
      if (member.banned) throw new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN');
      if (member.restrictedUntil > now()) throw new RpcFailure(403, 'CHAT_SEND_PLAIN_FORBIDDEN');
      if (state.defaultBanned.sendMessages && !member.admin) throw new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN');
      const rid = `${me}:${String(request.randomId)}`;
      if (randomIds.has(rid)) throw new RpcFailure(400, 'RANDOM_ID_DUPLICATE');
      if (request.message.length > MAX_MESSAGE_LENGTH) throw new RpcFailure(400, 'MESSAGE_TOO_LONG');
      if (request.message.trim() === '') throw new RpcFailure(400, 'MESSAGE_EMPTY');
      checkEntities(request.message, request.entities);
      const reply = request.replyTo instanceof Api.InputReplyToMessage ? request.replyTo : undefined;
      let topicId = reply?.topMsgId ?? 1;
      const replyTo = reply?.replyToMsgId;
      if (replyTo !== undefined) {
        const target = messages.find((m) => m.id === replyTo);
        if (!target || target.deleted) throw new RpcFailure(400, 'REPLY_MESSAGE_ID_INVALID');
        if (!reply?.topMsgId) topicId = target.service === 'topic' ? target.id : target.topicId;
      }
      const { message, entry } = createMessage({
        topicId,
        fromId: me,
        text: request.message,
        ...(replyTo !== undefined && replyTo !== topicId ? { replyTo } : {}),
        ...(request.entities?.length ? { entities: request.entities } : {}),
      });
      randomIds.set(rid, message.id);
      broadcast([entry], auth);
      return updatesTl([entry], me, [new Api.UpdateMessageID({ id: message.id, randomId: request.randomId })]);
    }
    if (request instanceof Api.messages.SendMedia && request.media instanceof Api.InputMediaPoll) {
      // A poll in the group: Telegram's limits are 2–10 answers, a question of up to 255 characters,
      // answers of up to 100; a repeated random_id is RANDOM_ID_DUPLICATE like any send.
      checkChannel(request.peer);
      const member = memberOrFail(me);
      if (member.banned) throw new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN');
      if (state.defaultBanned.sendMessages && !member.admin) throw new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN');
      const rid = `${me}:${String(request.randomId)}`;
      if (randomIds.has(rid)) throw new RpcFailure(400, 'RANDOM_ID_DUPLICATE');
      const poll = request.media.poll as Api.Poll;
      const question = poll.question.text;
      const answers = poll.answers.map((a) => a.text.text);
      if (!question.trim() || question.length > 255) throw new RpcFailure(400, 'POLL_QUESTION_INVALID');
      if (answers.length < 2 || answers.length > 10) throw new RpcFailure(400, 'POLL_ANSWERS_INVALID');
      if (answers.some((a) => !a.trim() || a.length > 100)) throw new RpcFailure(400, 'POLL_ANSWER_INVALID');
      if (new Set(poll.answers.map((a) => Buffer.from(a.option).toString('hex'))).size !== answers.length) throw new RpcFailure(400, 'POLL_OPTION_DUPLICATE');
      const { message, entry } = createMessage({ topicId: 1, fromId: me, text: '', poll: { question, answers, multipleChoice: poll.multipleChoice === true } });
      randomIds.set(rid, message.id);
      broadcast([entry], auth);
      return updatesTl([entry], me, [new Api.UpdateMessageID({ id: message.id, randomId: request.randomId })]);
    }
    if (request instanceof Api.messages.EditMessage) {
      // Telegram: only the author edits a message's text (MESSAGE_AUTHOR_REQUIRED), and the same text
      // and entities again are MESSAGE_NOT_MODIFIED.
      checkChannel(request.peer);
      memberOrFail(me);
      const target = messages.find((m) => m.id === request.id && !m.deleted && !m.service);
      if (!target) throw new RpcFailure(400, 'MESSAGE_ID_INVALID');
      if (target.fromId !== me) throw new RpcFailure(403, 'MESSAGE_AUTHOR_REQUIRED');
      const text = request.message ?? target.text;
      if (text.length > MAX_MESSAGE_LENGTH) throw new RpcFailure(400, 'MESSAGE_TOO_LONG');
      if (text.trim() === '') throw new RpcFailure(400, 'MESSAGE_EMPTY');
      checkEntities(text, request.entities);
      const entities = request.entities?.length ? request.entities : undefined;
      const sameEntities = JSON.stringify((entities ?? []).map((e) => e.getBytes().toString('hex'))) === JSON.stringify((target.entities ?? []).map((e) => e.getBytes().toString('hex')));
      if (text === target.text && sameEntities) throw new RpcFailure(400, 'MESSAGE_NOT_MODIFIED');
      target.text = text;
      if (entities) target.entities = entities;
      else delete target.entities;
      target.editDate = now();
      const entry = record('edit', [target]);
      broadcast([entry], auth);
      return updatesTl([entry], me);
    }
    if (request instanceof Api.messages.UpdatePinnedMessage) {
      checkChannel(request.peer);
      requireAdmin(me);
      const target = messages.find((m) => m.id === request.id && !m.deleted && !m.service);
      if (!target) throw new RpcFailure(400, 'MESSAGE_ID_INVALID');
      target.pinned = !request.unpin;
      return new Api.Updates({ updates: [], users: [], chats: [channelTl()], date: now(), seq: 0 });
    }
    if (request instanceof Api.channels.DeleteMessages) {
      checkChannel(request.channel);
      memberOrFail(me);
      const targets = messages.filter((m) => request.id.includes(m.id) && !m.deleted);
      if (targets.some((m) => m.fromId !== me)) requireAdmin(me);
      if (targets.length === 0) {
        // Ids that were there and are gone affect nothing; ids that never were are invalid.
        if (messages.some((m) => request.id.includes(m.id))) return new Api.messages.AffectedMessages({ pts: state.pts, ptsCount: 0 });
        throw new RpcFailure(400, 'MESSAGE_ID_INVALID');
      }
      for (const m of targets) m.deleted = true;
      const entry = record('delete', targets);
      broadcast([entry], auth);
      return new Api.messages.AffectedMessages({ pts: entry.pts, ptsCount: entry.ptsCount });
    }
    if (request instanceof Api.channels.EditBanned && (request.participant instanceof Api.InputPeerChannel || request.participant instanceof Api.InputPeerChannelFromMessage)) {
      // A channel members post as: Telegram bans it from the group (no one may send as it there any more).
      // Its access hash, or (a "min" channel seen only in the group) the group's message it posted.
      checkChannel(request.channel);
      requireAdmin(me);
      const peer = request.participant;
      const senderId = String(peer.channelId);
      if (senderId === chatId) throw new RpcFailure(400, 'PARTICIPANT_ID_INVALID');
      const posted = peer instanceof Api.InputPeerChannelFromMessage ? messages.find((m) => m.id === peer.msgId) : messages.find((m) => m.senderChat?.id === senderId);
      if (peer instanceof Api.InputPeerChannelFromMessage) checkChannel(peer.peer);
      if (!posted || posted.senderChat?.id !== senderId) throw new RpcFailure(400, 'CHANNEL_INVALID');
      if (peer instanceof Api.InputPeerChannel && String(peer.accessHash) !== posted.senderChat.accessHash) throw new RpcFailure(400, 'CHANNEL_INVALID');
      const rights = request.bannedRights;
      const restricted = RESTRICTION_KEYS.some((k) => rights[k] === true);
      // A channel is banned or not: there is no muting one.
      if (restricted && !rights.viewMessages) throw new RpcFailure(400, 'PARTICIPANT_ID_INVALID');
      if (rights.viewMessages) community.bannedSenders.add(senderId);
      else community.bannedSenders.delete(senderId);
      return updatesTl([], me);
    }
    if (request instanceof Api.channels.EditBanned) {
      checkChannel(request.channel);
      requireAdmin(me);
      const target = userIdOfPeer(request.participant);
      const record_ = members.get(target);
      if (!record_) throw new RpcFailure(400, 'USER_NOT_PARTICIPANT');
      if (record_.admin) throw new RpcFailure(400, 'USER_ADMIN_INVALID');
      const rights = request.bannedRights;
      const entries: LogEntry[] = [];
      if (rights.viewMessages) {
        record_.banned = true;
        record_.bannedUntil = rights.untilDate;
        if (record_.present) {
          record_.present = false;
          entries.push(createMessage({ topicId: 1, fromId: target, text: '', service: 'leave' }).entry);
        }
      } else {
        record_.banned = false;
        record_.bannedUntil = 0;
        record_.restrictedUntil = rights.sendMessages || rights.sendPlain ? rights.untilDate || 2147483647 : 0;
      }
      broadcast(entries, auth);
      return updatesTl(entries, me);
    }
    if (request instanceof Api.channels.ToggleSlowMode) {
      checkChannel(request.channel);
      requireAdmin(me);
      if (!SLOW_MODE_STEPS.includes(request.seconds)) throw new RpcFailure(400, 'SECONDS_INVALID');
      if (request.seconds === state.slowMode) throw new RpcFailure(400, 'CHAT_NOT_MODIFIED');
      state.slowMode = request.seconds;
      return new Api.Updates({ updates: [new Api.UpdateChannel({ channelId: toBig(chatId) })], users: [], chats: [channelTl()], date: now(), seq: 0 });
    }
    if (request instanceof Api.channels.GetParticipants) {
      checkChannel(request.channel);
      // The admins list, as Telegram gives it to any member: the creator and every admin.
      if (!(request.filter instanceof Api.ChannelParticipantsAdmins)) throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
      const admins = [...members.values()].filter((m) => m.present && m.admin).slice(request.offset, request.offset + request.limit);
      const participants = admins.map((m) => community.participantTl(m));
      return new Api.channels.ChannelParticipants({ count: admins.length, participants, chats: [], users: admins.map((m) => userTl(users.get(m.userId) as SimTgUser)) });
    }
    if (request instanceof Api.channels.GetParticipant) {
      checkChannel(request.channel);
      const target = userIdOfPeer(request.participant);
      const m = members.get(target);
      if (!m || (!m.present && !m.banned)) throw new RpcFailure(400, 'USER_NOT_PARTICIPANT');
      // Like Telegram, a muted member is a "banned" participant whose rights take sending away until a date.
      const muted = !m.banned && m.restrictedUntil > now();
      const participant = m.banned
        ? new Api.ChannelParticipantBanned({ peer: new Api.PeerUser({ userId: toBig(target) }), kickedBy: toBig(bot.id), date: now(), bannedRights: new Api.ChatBannedRights({ viewMessages: true, untilDate: m.bannedUntil }) })
        : muted
          ? new Api.ChannelParticipantBanned({
              peer: new Api.PeerUser({ userId: toBig(target) }),
              kickedBy: toBig(bot.id),
              date: now(),
              bannedRights: new Api.ChatBannedRights({ sendMessages: true, sendPlain: true, untilDate: m.restrictedUntil === 2147483647 ? 0 : m.restrictedUntil }),
            })
          : new Api.ChannelParticipant({ userId: toBig(target), date: m.joinedAt });
      return new Api.channels.ChannelParticipant({ participant, chats: [channelTl()], users: [userTl(users.get(target) as SimTgUser)] });
    }
    throw new RpcFailure(400, `METHOD_NOT_IN_PRACTICE_${method.replace(/\W/g, '_').toUpperCase()}`);
  }

  return { handleRequest, injected, callCounts, limits };
}
