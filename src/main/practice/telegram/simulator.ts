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
//   editMessage(chatId, messageId, text) → SimTgMessage
//   deleteMessages(chatId, ids) → void                 (a native delete by an admin in the app)
//   addMember({ firstName?, username?, accountCreatedAt? }) → SimTgUser (joins: service message)
//   removeMember(userId) → void                         (leaves: service message)
//   messages(chatId) → SimTgMessage[]   message(chatId, id)   users()   user(id)   memberIds()
//   member(chatId, userId) → SimTgMember { present, banned, bannedUntil, restrictedUntil, ... }
//   slowModeSeconds(chatId) → number
//   setBotAdmin(admin: boolean)        false → the bot's moderation calls get CHAT_ADMIN_REQUIRED
//   memberWritesToBot(userId, text) → SimTgPrivateMessage   (starts the bot; pushed as UpdateNewMessage)
//   directMessages(userId) → SimTgPrivateMessage[]         (the bot's private chat with that user)
//   blockBot(userId, blocked = true)   the member blocked the bot → its sends get USER_IS_BLOCKED
//   chatLocked(chatId) → boolean       default rights ban sending (messages.editChatDefaultBannedRights)
//   dropConnections()                  closes every client socket (gramjs reconnects by itself)
//   injectFloodWait(method, seconds, times = 1)   e.g. ('messages.SendMessage', 3)
//   injectError(method, code, message, times = 1)
//   injectSilence(method, times = 1)   the next calls of method get no answer at all
//   injectLostAnswer(method, times = 1) the next calls are carried out, then the connection drops unanswered
//   scheduleAnswers({ groups: [{ size, order }], waitMs }) regroup/reorder the answers that follow
//   (by default the answers to one client container go back in one msg_container, errors included)
//   revokeAuthKeys()                   every authorized key loses its login → 401 AUTH_KEY_UNREGISTERED
//   calls(method?) → number            RPCs served (per gramjs class name, e.g. 'channels.EditBanned')
//   stats → { authKeys, connections, dhGenRetries }
//   close() → Promise<void>
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { serverKeyFromPem } from '../../connectors/telegram/rsa';
import { createRng, type Rng } from '../discord/random';
import {
  AuthKeyExchange,
  FullFraming,
  MessageIds,
  authKeyIdOf,
  decryptFromClient,
  encryptForClient,
  fromBig,
  rpcError,
  rpcResult,
  tlBytes,
  toBig,
  type TlValue,
} from './mtproto';
import { containerBody, inOrder, type AnswerSchedule, type Outgoing } from './answers';
import { SRP_G, SRP_PRIME, makeChallenge, makeSrpSecret, verifyCheck, type SrpChallenge, type SrpSecret } from './srp';

export interface TelegramSimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  botToken?: string;
  memberCount?: number;
  /** The first N auth-key exchanges end in dh_gen_retry (as a key with a leading zero byte would). */
  dhGenRetries?: number;
  /**
   * Where message ids and pts start (default 1). A practice server started again for the same
   * console continues above the last run's numbers, as a real chat's would: a console that kept the
   * old ones neither takes new messages for known ones nor asks for a difference from a future pts.
   */
  counterBase?: number;
}

export interface SimTgUser {
  id: string;
  accessHash: string;
  firstName: string;
  lastName?: string;
  username?: string;
  bot: boolean;
  phone?: string;
  createdAt: number;
}

/**
 * What Telegram carries beside the visible text and clients show differently: text links
 * (messageEntityTextUrl: the words shown, the target hidden), URL buttons of an inline keyboard,
 * and a web-page preview.
 */
export interface SimTgLinks {
  textUrls?: Array<{ text: string; url: string }>;
  buttons?: Array<{ text: string; url: string }>;
  webPage?: { url: string; title?: string };
}

/** A message of the basic group: Telegram keeps it in every member's own message box (ids and pts per account). */
export interface SimTgChatMessage {
  id: number;
  chatId: string;
  fromId: string;
  text: string;
  date: number;
  replyTo?: number;
  links?: SimTgLinks;
}

export interface SimTgMessage {
  id: number;
  chatId: string;
  /** Forum topic; 1 is the built-in General topic. */
  topicId: number;
  fromId: string;
  text: string;
  date: number;
  editDate?: number;
  replyTo?: number;
  forwardedFrom?: string;
  links?: SimTgLinks;
  service?: 'join' | 'leave' | 'topic' | 'create';
  deleted: boolean;
  /** Formatting the sender gave (bold, italic, code, pre, text links), as gramjs objects. */
  entities?: Api.TypeMessageEntity[];
  pinned?: boolean;
}

/** A message in the bot's private chat with one user (the bot's message box). */
export interface SimTgPrivateMessage {
  id: number;
  /** The user on the other side of the bot's private chat. */
  userId: string;
  fromId: string;
  text: string;
  date: number;
}

export interface SimTgMember {
  userId: string;
  present: boolean;
  banned: boolean;
  /** Unix seconds; 0 = forever (only meaningful when banned). */
  bannedUntil: number;
  /** Unix seconds until which the member cannot send messages; 0 = not restricted. */
  restrictedUntil: number;
  admin: boolean;
  joinedAt: number;
}

export interface SimUserAccount {
  phone: string;
  code: string;
  password?: string;
  userId: string;
}

export interface TelegramSimulator {
  readonly host: string;
  readonly port: number;
  readonly rsaPublicKeyPem: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly supergroupId: string;
  readonly supergroupTitle: string;
  readonly topics: { general: number; help: number };
  /** "Practice Newcomers Lounge": a basic group (Api.Chat), no channel pts of its own. */
  readonly basicGroupId: string;
  readonly basicGroupTitle: string;
  readonly userAccounts: SimUserAccount[];
  postMessage(input: { authorId: string; text: string; topicId?: number; replyTo?: number; forwardedFrom?: string; links?: SimTgLinks }): SimTgMessage;
  /** A message in the basic group: plain text is pushed as updateShortChatMessage, the rest as updateNewMessage. */
  postToBasicGroup(input: { authorId: string; text: string; replyTo?: number; links?: SimTgLinks }): SimTgChatMessage;
  basicGroupMemberIds(): string[];
  editMessage(chatId: string, messageId: number, text: string): SimTgMessage;
  deleteMessages(chatId: string, ids: number[]): void;
  /** An admin bans (or mutes, `ban: false`) a member in the Telegram app: updateChannelParticipant names them. */
  restrictAsAdmin(userId: string, byUserId: string, options: { ban: boolean; untilDate?: number }): void;
  addMember(input?: { firstName?: string; username?: string; accountCreatedAt?: Date }): SimTgUser;
  removeMember(userId: string): void;
  messages(chatId: string): SimTgMessage[];
  message(chatId: string, id: number): SimTgMessage | undefined;
  users(): SimTgUser[];
  user(id: string): SimTgUser | undefined;
  memberIds(): string[];
  member(chatId: string, userId: string): SimTgMember | undefined;
  slowModeSeconds(chatId: string): number;
  setBotAdmin(admin: boolean): void;
  memberWritesToBot(userId: string, text: string): SimTgPrivateMessage;
  directMessages(userId: string): SimTgPrivateMessage[];
  blockBot(userId: string, blocked?: boolean): void;
  chatLocked(chatId: string): boolean;
  dropConnections(): void;
  /** The highest message id and pts handed out so far (for `counterBase` of a later run). */
  counters(): { highest: number };
  injectFloodWait(method: string, seconds: number, times?: number): void;
  injectError(method: string, code: number, message: string, times?: number): void;
  /** The next `times` calls of `method` are never answered (a server that lost them). */
  injectSilence(method: string, times?: number): void;
  /** The next calls of method are carried out, then the connection drops before the answer. */
  injectLostAnswer(method: string, times?: number): void;
  /** Regroups and reorders the answers that follow (undefined: back to one container per client packet). */
  scheduleAnswers(schedule: AnswerSchedule | undefined): void;
  revokeAuthKeys(): void;
  calls(method?: string): number;
  readonly stats: { authKeys: number; connections: number; dhGenRetries: number };
  close(): Promise<void>;
}

/** A request the server leaves unanswered (injectSilence). */
class Silence extends Error {}

class RpcFailure extends Error {
  constructor(
    readonly code: number,
    readonly errorMessage: string,
  ) {
    super(errorMessage);
  }
}

interface AuthRecord {
  key: Buffer;
  userId?: string;
  /** Phone that passed the code step and still owes its cloud password. */
  pendingPasswordUserId?: string;
  srp?: SrpChallenge;
}

interface Connection {
  socket: Socket;
  framing: FullFraming;
  ids: MessageIds;
  auth?: AuthRecord;
  sessionId?: bigint;
  seq: number;
  handshake: AuthKeyExchange;
  queue: Promise<void>;
  /** What handling the current client packet sends, to go out together. */
  batch?: Outgoing[];
  /** Answers held for the current group of the answer schedule. */
  held: Outgoing[];
  holding?: AnswerSchedule['groups'][number];
  holdTimer?: ReturnType<typeof setTimeout>;
}

interface LogEntry {
  pts: number;
  ptsCount: number;
  kind: 'new' | 'edit' | 'delete';
  messageIds: number[];
  /** The message as it was at this point (new/edit). */
  snapshot?: SimTgMessage;
}

const SLOW_MODE_STEPS = [0, 10, 30, 60, 300, 900, 3600];
const DAY = 24 * 3600;
const first = ['Ana', 'Bao', 'Chidi', 'Dana', 'Eitan', 'Fatima', 'Goran', 'Hana', 'Ilya', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Olek', 'Priya', 'Quinn', 'Rafa', 'Sora', 'Tomas'];

let cachedKeyPair: { publicKey: string; privateKey: string } | undefined;
function serverKeyPair() {
  // One key per process: generating RSA-2048 takes a noticeable moment and tests start many servers.
  cachedKeyPair ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return cachedKeyPair;
}

function now() {
  return Math.floor(Date.now() / 1000);
}

function randomId(rng: Rng, digits: number): string {
  let s = String(1 + Math.floor(rng.next() * 9));
  while (s.length < digits) s += String(Math.floor(rng.next() * 10));
  return s;
}

/** A sent message's own formatting joined to the entities its links add. */
function withEntities<T extends { entities?: Api.TypeMessageEntity[] }>(parts: T, own: Api.TypeMessageEntity[] | undefined): T {
  if (!own?.length) return parts;
  return { ...parts, entities: [...own, ...(parts.entities ?? [])].sort((a, b) => a.offset - b.offset) };
}

/** Telegram's cap on one text message, in UTF-16 units of the visible text. */
const MAX_MESSAGE_LENGTH = 4096;

/** The entity checks Telegram makes on a send: each inside the text, no empty ones. */
function checkEntities(text: string, entities: Api.TypeMessageEntity[] | undefined): void {
  for (const e of entities ?? []) {
    if (e.length <= 0 || e.offset < 0 || e.offset + e.length > text.length) throw new RpcFailure(400, 'ENTITY_BOUNDS_INVALID');
  }
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

export async function startTelegramSimulator(options: TelegramSimulatorOptions = {}): Promise<TelegramSimulator> {
  const rng = createRng(options.seed ?? 7);
  const keys = serverKeyPair();
  const serverKey = { privateKeyPem: keys.privateKey, fingerprint: serverKeyFromPem(keys.publicKey).fingerprint };
  const host = options.host ?? '127.0.0.1';

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
  const base = Math.max(1, Math.floor(options.counterBase ?? 1));
  let nextMessageId = base;
  let pts = base;
  let slowMode = 0;
  /** Default rights of the group: sendMessages banned = the group is locked for non-admins. */
  let defaultBanned = { sendMessages: false };
  const created = now() - 200 * DAY;
  /**
   * Private chats live in per-account message boxes (Telegram's "common box"): own message ids and
   * own pts, read with updates.getState / getDifference. A bot may write only to users who started it.
   */
  interface BoxEntry {
    pts: number;
    /** peerId: the other user of a private chat; chatId: the basic group instead. */
    message: { id: number; peerId: string; fromId: string; out: boolean; text: string; date: number; chatId?: string; replyTo?: number; links?: SimTgLinks };
  }
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
  const basicChatTl = () =>
    new Api.Chat({ id: toBig(basicId), title: basicTitle, photo: new Api.ChatPhotoEmpty(), participantsCount: basicMembers.size, date: created, version: 1 });

  // ---- sessions ----
  const authKeys = new Map<bigint, AuthRecord>();
  const connections = new Set<Connection>();
  const injected: Array<{ method: string; code: number; message: string; times: number }> = [];
  const lostAnswers: Array<{ method: string; times: number }> = [];
  const callCounts = new Map<string, number>();
  let schedule: AnswerSchedule | undefined;
  let forcedRetries = options.dhGenRetries ?? 0;
  let retriesAnswered = 0;

  const userTl = (u: SimTgUser, self = false) =>
    new Api.User({
      id: toBig(u.id),
      accessHash: toBig(u.accessHash),
      firstName: u.firstName,
      ...(u.lastName ? { lastName: u.lastName } : {}),
      ...(u.username ? { username: u.username } : {}),
      bot: u.bot,
      self,
      ...(u.bot ? { botInfoVersion: 1 } : {}),
      status: new Api.UserStatusRecently({}),
    });

  const channelTl = () =>
    new Api.Channel({
      id: toBig(chatId),
      accessHash: toBig(chatAccessHash),
      title,
      photo: new Api.ChatPhotoEmpty(),
      date: created,
      megagroup: true,
      forum: true,
      slowmodeEnabled: slowMode > 0,
      defaultBannedRights: new Api.ChatBannedRights({ untilDate: 0, sendMessages: defaultBanned.sendMessages }),
      participantsCount: [...members.values()].filter((m) => m.present).length,
    });

  const peerOf = (m: SimTgMessage) => new Api.PeerChannel({ channelId: toBig(m.chatId) });

  const replyHeader = (m: SimTgMessage): Api.MessageReplyHeader | undefined => {
    if (m.topicId === 1 && !m.replyTo) return undefined;
    if (m.topicId === 1) return new Api.MessageReplyHeader({ replyToMsgId: m.replyTo });
    if (!m.replyTo || m.replyTo === m.topicId) return new Api.MessageReplyHeader({ forumTopic: true, replyToMsgId: m.topicId });
    return new Api.MessageReplyHeader({ forumTopic: true, replyToMsgId: m.replyTo, replyToTopId: m.topicId });
  };

  const messageTl = (m: SimTgMessage, viewer?: string): Api.TypeMessage => {
    const fromId = new Api.PeerUser({ userId: toBig(m.fromId) });
    const replyTo = replyHeader(m);
    if (m.service) {
      const action =
        m.service === 'join'
          ? new Api.MessageActionChatAddUser({ users: [toBig(m.fromId)] })
          : m.service === 'leave'
            ? new Api.MessageActionChatDeleteUser({ userId: toBig(m.fromId) })
            : m.service === 'topic'
              ? new Api.MessageActionTopicCreate({ title: m.text, iconColor: 0x6fb9f0 })
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
      ...(m.pinned ? { pinned: true } : {}),
      ...withEntities(linkParts(m.text, m.links), m.entities),
    });
  };

  const usersOf = (list: SimTgMessage[]) => {
    const ids = new Set(list.map((m) => m.fromId));
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

  const updatesTl = (entries: LogEntry[], viewer?: string, extra: Api.TypeUpdate[] = [], extraUsers: string[] = []) =>
    new Api.Updates({
      updates: [...extra, ...entries.map((e) => updateTl(e, viewer))],
      users: [
        ...new Set([...usersOf(entries.flatMap((e) => (e.snapshot ? [e.snapshot] : []))), ...extraUsers.flatMap((id) => users.get(id) ?? [])]),
      ].map((u) => userTl(u, u.id === viewer)),
      chats: [channelTl()],
      date: now(),
      seq: 0,
    });

  /** Pushes to every logged-in member session except the one whose call caused it (that one gets the result). */
  const broadcast = (entries: LogEntry[], except?: AuthRecord, extra: Api.TypeUpdate[] = [], extraUsers: string[] = []) => {
    if (entries.length === 0 && extra.length === 0) return;
    for (const conn of connections) {
      const auth = conn.auth;
      if (!auth?.userId || auth === except || conn.sessionId === undefined) continue;
      const member = members.get(auth.userId);
      if (!member?.present) continue;
      send(conn, tlBytes(updatesTl(entries, auth.userId, extra, extraUsers)), false);
    }
  };
  /** Telegram's qts: the sequence of updateChannelParticipant and other "secret" updates. */
  let qts = 0;

  /** A message of the account's common box: a private chat, or the basic group. */
  const privateTl = (entry: BoxEntry) => {
    const m = entry.message;
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
      chats: entries.some((e) => e.message.chatId) ? [basicChatTl()] : [],
      date: now(),
      seq: 0,
    });

  /**
   * One message in the basic group: a copy in every member's box (one id for all, still growing in
   * each box), pushed to every member's sessions. Telegram sends plain text in the short form,
   * updateShortChatMessage, which names the chat and the author by id only.
   */
  const postInBasicGroup = (input: { authorId: string; text: string; replyTo?: number; links?: SimTgLinks }): SimTgChatMessage => {
    const at = now();
    const holders = [...basicMembers];
    const id = Math.max(...holders.map((u) => boxOf(u).nextId));
    const message: SimTgChatMessage = { id, chatId: basicId, fromId: input.authorId, text: input.text, date: at, ...(input.replyTo ? { replyTo: input.replyTo } : {}), ...(input.links ? { links: input.links } : {}) };
    const entries = new Map<string, BoxEntry>();
    for (const owner of holders) {
      const box = boxOf(owner);
      box.pts += 1;
      box.nextId = id + 1;
      const entry: BoxEntry = { pts: box.pts, message: { ...message, peerId: basicId, out: owner === input.authorId } };
      box.log.push(entry);
      entries.set(owner, entry);
    }
    const plain = !input.links && !input.replyTo;
    for (const conn of connections) {
      const owner = conn.auth?.userId;
      const entry = owner ? entries.get(owner) : undefined;
      if (!owner || !entry || conn.sessionId === undefined) continue;
      const update = plain
        ? new Api.UpdateShortChatMessage({ out: entry.message.out, id, fromId: toBig(input.authorId), chatId: toBig(basicId), message: input.text, pts: entry.pts, ptsCount: 1, date: at })
        : privateUpdates(owner, [entry]);
      send(conn, tlBytes(update), false);
    }
    return message;
  };

  /** One private message from → to: a copy in each box; pushed to both sides' sessions except the caller's. */
  const sendPrivate = (fromId: string, toId: string, text: string, except?: AuthRecord): { sent: BoxEntry; received: BoxEntry } => {
    const at = now();
    const put = (owner: string, peerId: string, out: boolean): BoxEntry => {
      const box = boxOf(owner);
      box.pts += 1;
      const entry: BoxEntry = { pts: box.pts, message: { id: box.nextId++, peerId, fromId, out, text, date: at } };
      box.log.push(entry);
      return entry;
    };
    const sent = put(fromId, toId, true);
    const received = put(toId, fromId, false);
    // Telegram pushes a plain private message in the short form, updateShortMessage: the other
    // side by id only (a client that does not know them asks getDifference).
    const short = (entry: BoxEntry, peerId: string) =>
      new Api.UpdateShortMessage({ out: entry.message.out, id: entry.message.id, userId: toBig(peerId), message: text, pts: entry.pts, ptsCount: 1, date: at });
    for (const conn of connections) {
      const owner = conn.auth?.userId;
      if (!owner || conn.auth === except || conn.sessionId === undefined) continue;
      if (owner === toId) send(conn, tlBytes(short(received, fromId)), false);
      else if (owner === fromId) send(conn, tlBytes(short(sent, toId)), false);
    }
    return { sent, received };
  };

  const record = (kind: LogEntry['kind'], list: SimTgMessage[]): LogEntry => {
    const ptsCount = kind === 'delete' ? list.length : 1;
    pts += ptsCount;
    const entry: LogEntry = { pts, ptsCount, kind, messageIds: list.map((m) => m.id) };
    if (kind !== 'delete' && list[0]) entry.snapshot = { ...list[0] };
    log.push(entry);
    return entry;
  };

  const createMessage = (input: Omit<SimTgMessage, 'id' | 'chatId' | 'date' | 'deleted'> & { date?: number }): { message: SimTgMessage; entry: LogEntry } => {
    const message: SimTgMessage = { id: nextMessageId++, chatId, date: input.date ?? now(), deleted: false, ...input };
    messages.push(message);
    return { message, entry: record('new', [message]) };
  };

  // The history a moderator finds: the group's creation and the Help topic.
  createMessage({ topicId: 1, fromId: owner.id, text: title, service: 'create', date: created });
  const helpTopic = createMessage({ topicId: 1, fromId: owner.id, text: 'Help & Support', service: 'topic', date: created + 60 }).message;
  helpTopic.topicId = helpTopic.id;
  topicTitles.set(helpTopic.id, 'Help & Support');
  const topics = { general: 1, help: helpTopic.id };

  // ---- transport ----
  /** One encrypted packet: a single message, or several in one msg_container (Telegram's habit). */
  const transmit = (conn: Connection, list: Outgoing[]) => {
    const auth = conn.auth;
    if (list.length === 0 || !auth || conn.sessionId === undefined || conn.socket.destroyed) return;
    const seqOf = (o: Outgoing) => (o.answer ? conn.seq++ * 2 + 1 : conn.seq * 2);
    if (list.length === 1) {
      const only = list[0] as Outgoing;
      conn.framing.send(encryptForClient(auth.key, 0n, conn.sessionId, conn.ids.next(only.answer), seqOf(only), only.body));
      return;
    }
    const inner = list.map((o) => ({ msgId: conn.ids.next(o.answer), seqNo: seqOf(o), body: o.body }));
    conn.framing.send(encryptForClient(auth.key, 0n, conn.sessionId, conn.ids.next(false), conn.seq * 2, containerBody(inner)));
  };

  /** Answers held for the test's answer schedule go out as one group once it is full (or waited long enough). */
  const releaseHeld = (conn: Connection) => {
    if (conn.holdTimer) clearTimeout(conn.holdTimer);
    conn.holdTimer = undefined;
    const group = conn.holding;
    const held = conn.held.splice(0);
    conn.holding = undefined;
    if (group) transmit(conn, inOrder(held, group.order));
  };

  const hold = (conn: Connection, answers: Outgoing[]) => {
    for (const a of answers) {
      if (!conn.holding) {
        const group = schedule?.groups.shift();
        if (!group) {
          transmit(conn, [a]);
          continue;
        }
        conn.holding = group;
        conn.holdTimer = setTimeout(() => releaseHeld(conn), schedule?.waitMs ?? 50);
      }
      conn.held.push(a);
      if (conn.held.length >= conn.holding.size) releaseHeld(conn);
    }
  };

  /**
   * Everything sent while one client packet is handled goes back in one container (the answers to
   * a client container together, results and errors side by side); anything else goes at once.
   */
  const send = (conn: Connection, body: Buffer, answer: boolean, error = false) => {
    const out: Outgoing = { body, answer, error };
    if (conn.batch) conn.batch.push(out);
    else transmit(conn, [out]);
  };

  const flushBatch = (conn: Connection) => {
    const batch = conn.batch ?? [];
    conn.batch = undefined;
    if (!schedule || (schedule.groups.length === 0 && !conn.holding)) {
      transmit(conn, batch);
      return;
    }
    transmit(conn, batch.filter((o) => !o.answer));
    hold(conn, batch.filter((o) => o.answer));
  };

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
    if (!members.get(userId)?.admin) throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
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

  const history = (filter: (m: SimTgMessage) => boolean, viewer: string, limit: number) => {
    const list = messages.filter((m) => !m.deleted && filter(m)).sort((a, b) => b.id - a.id).slice(0, limit);
    return new Api.messages.ChannelMessages({
      pts,
      count: list.length,
      messages: list.map((m) => messageTl(m, viewer)),
      topics: [],
      chats: [channelTl()],
      users: usersOf(list).map((u) => userTl(u, u.id === viewer)),
    });
  };

  const unauthenticated = new Set(['help.GetConfig', 'help.GetNearestDc', 'auth.ImportBotAuthorization', 'auth.SendCode', 'auth.SignIn', 'account.GetPassword', 'auth.CheckPassword']);

  async function handleRequest(conn: Connection, request: Api.AnyRequest): Promise<TlValue> {
    const auth = conn.auth as AuthRecord;
    const method = request.className;
    callCounts.set(method, (callCounts.get(method) ?? 0) + 1);
    const fault = injected.find((f) => f.method === method && f.times > 0);
    if (fault) {
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
        dcOptions: [new Api.DcOption({ id: 2, ipAddress: host, port: server.port })],
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
    if (request instanceof Api.updates.GetState) {
      return new Api.updates.State({ pts: boxOf(me).pts, qts: 0, date: now(), seq: 0, unreadCount: 0 });
    }
    if (request instanceof Api.updates.GetDifference) {
      // The common box holds private chats only; everything else happens in the supergroup.
      const box = boxOf(me);
      const entries = box.log.filter((e) => e.pts > request.pts);
      if (entries.length === 0) return new Api.updates.DifferenceEmpty({ date: now(), seq: 0 });
      const wrapped = privateUpdates(me, entries);
      return new Api.updates.Difference({
        newMessages: entries.map(privateTl),
        newEncryptedMessages: [],
        otherUpdates: [],
        chats: wrapped.chats,
        users: wrapped.users,
        state: new Api.updates.State({ pts: box.pts, qts: 0, date: now(), seq: 0, unreadCount: 0 }),
      });
    }
    if (request instanceof Api.updates.GetChannelDifference) {
      checkChannel(request.channel);
      memberOrFail(me);
      const from = request.pts;
      if (from <= 0 || from > pts) throw new RpcFailure(400, 'PERSISTENT_TIMESTAMP_INVALID');
      const limit = Math.max(1, Math.min(request.limit || 100, isBot ? 100_000 : 1000));
      const entries = log.filter((e) => e.pts > from).slice(0, limit);
      if (entries.length === 0) return new Api.updates.ChannelDifferenceEmpty({ final: true, pts, timeout: 30 });
      const last = entries[entries.length - 1] as LogEntry;
      const snapshots = entries.flatMap((e) => (e.snapshot ? [e.snapshot] : []));
      return new Api.updates.ChannelDifference({
        final: last.pts === pts,
        pts: last.pts,
        timeout: 30,
        newMessages: entries.filter((e) => e.kind === 'new').map((e) => messageTl(e.snapshot as SimTgMessage, me)),
        otherUpdates: entries.filter((e) => e.kind !== 'new').map((e) => updateTl(e, me)),
        chats: [channelTl()],
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
              pts,
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
      return new Api.messages.ForumTopics({ count: list.length, topics: list, messages: [], chats: [channelTl()], users: [], pts });
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
      const { sent } = sendPrivate(me, target.id, request.message, auth);
      randomIds.set(rid, sent.message.id);
      return privateUpdates(me, [sent], [new Api.UpdateMessageID({ id: sent.message.id, randomId: request.randomId })]);
    }
    if (request instanceof Api.messages.EditChatDefaultBannedRights) {
      checkChannel(request.peer);
      requireAdmin(me);
      const sendMessages = request.bannedRights.sendMessages ?? false;
      if (sendMessages === defaultBanned.sendMessages) throw new RpcFailure(400, 'CHAT_NOT_MODIFIED');
      defaultBanned = { sendMessages };
      return new Api.Updates({ updates: [new Api.UpdateChannel({ channelId: toBig(chatId) })], users: [], chats: [channelTl()], date: now(), seq: 0 });
    }
    if (request instanceof Api.messages.SendMessage) {
      checkChannel(request.peer);
      const member = memberOrFail(me);
      if (member.banned) throw new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN');
      if (member.restrictedUntil > now()) throw new RpcFailure(403, 'CHAT_SEND_PLAIN_FORBIDDEN');
      if (defaultBanned.sendMessages && !member.admin) throw new RpcFailure(403, 'CHAT_WRITE_FORBIDDEN');
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
        if (messages.some((m) => request.id.includes(m.id))) return new Api.messages.AffectedMessages({ pts, ptsCount: 0 });
        throw new RpcFailure(400, 'MESSAGE_ID_INVALID');
      }
      for (const m of targets) m.deleted = true;
      const entry = record('delete', targets);
      broadcast([entry], auth);
      return new Api.messages.AffectedMessages({ pts: entry.pts, ptsCount: entry.ptsCount });
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
      if (request.seconds === slowMode) throw new RpcFailure(400, 'CHAT_NOT_MODIFIED');
      slowMode = request.seconds;
      return new Api.Updates({ updates: [new Api.UpdateChannel({ channelId: toBig(chatId) })], users: [], chats: [channelTl()], date: now(), seq: 0 });
    }
    if (request instanceof Api.channels.GetParticipants) {
      checkChannel(request.channel);
      // The admins list, as Telegram gives it to any member: the creator and every admin.
      if (!(request.filter instanceof Api.ChannelParticipantsAdmins)) throw new RpcFailure(400, 'CHAT_ADMIN_REQUIRED');
      const admins = [...members.values()].filter((m) => m.present && m.admin).slice(request.offset, request.offset + request.limit);
      const participants = admins.map((m) =>
        m.userId === owner.id
          ? new Api.ChannelParticipantCreator({ userId: toBig(m.userId), adminRights: new Api.ChatAdminRights({ deleteMessages: true, banUsers: true }) })
          : new Api.ChannelParticipantAdmin({ userId: toBig(m.userId), promotedBy: toBig(owner.id), date: m.joinedAt, adminRights: new Api.ChatAdminRights({ deleteMessages: true, banUsers: true }) }),
      );
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

  // Wrappers gramjs puts around the first call of a connection (and InvokeAfterMsg on ordered sends).
  const unwrap = (request: Api.AnyRequest): Api.AnyRequest => {
    let r: unknown = request;
    for (;;) {
      if (r instanceof Api.InvokeWithLayer || r instanceof Api.InitConnection || r instanceof Api.InvokeAfterMsg || r instanceof Api.InvokeWithoutUpdates) r = r.query;
      else return r as Api.AnyRequest;
    }
  };

  async function handleMessage(conn: Connection, msgId: bigint, obj: unknown): Promise<void> {
    const o = (await obj) as { CONSTRUCTOR_ID?: number; className?: string; classType?: string };
    if (o && typeof o === 'object' && 'messages' in o && o.CONSTRUCTOR_ID === 0x73f1f8dc) {
      for (const inner of (o as unknown as { messages: Array<{ msgId: ReturnType<typeof toBig>; obj: unknown }> }).messages) {
        await handleMessage(conn, fromBig(inner.msgId), inner.obj);
      }
      return;
    }
    if (o && typeof o === 'object' && 'data' in o && o.CONSTRUCTOR_ID === 0x3072cfa1) {
      await handleMessage(conn, msgId, new BinaryReader((o as unknown as { data: Buffer }).data).tgReadObject());
      return;
    }
    if (o instanceof Api.MsgsAck) return;
    if (o instanceof Api.PingDelayDisconnect || o instanceof Api.Ping) {
      send(conn, new Api.Pong({ msgId: toBig(msgId), pingId: o.pingId }).getBytes(), false);
      return;
    }
    if (!o || o.classType !== 'request') return;
    const request = unwrap(o as Api.AnyRequest);
    try {
      const result = await handleRequest(conn, request);
      const lost = lostAnswers.find((l) => l.method === request.className && l.times > 0);
      if (lost) {
        // Done, and the line drops before the answer leaves: the client cannot tell whether it landed.
        lost.times--;
        conn.socket.destroy();
        return;
      }
      send(conn, rpcResult(msgId, tlBytes(result)), true);
    } catch (error) {
      if (error instanceof Silence) return;
      if (error instanceof RpcFailure) send(conn, rpcError(msgId, error.code, error.errorMessage), true, true);
      else send(conn, rpcError(msgId, 500, 'INTERNAL_SERVER_ERROR'), true, true);
    }
  }

  async function onPacket(conn: Connection, packet: Buffer) {
    if (packet.length < 8) return;
    const keyId = packet.readBigInt64LE(0);
    if (keyId === 0n) {
      const key = await conn.handshake.handle(packet);
      if (key) authKeys.set(authKeyIdOf(key), { key });
      return;
    }
    const auth = authKeys.get(keyId);
    if (!auth) {
      conn.framing.sendTransportError(404);
      return;
    }
    const message = decryptFromClient(auth.key, packet);
    if (!message) return;
    conn.auth = auth;
    if (conn.sessionId !== message.sessionId) {
      conn.sessionId = message.sessionId;
      conn.seq = 0;
      const salt = randomBytes(8).readBigInt64LE();
      send(conn, new Api.NewSessionCreated({ firstMsgId: toBig(message.msgId), uniqueId: toBig(randomBytes(8).readBigInt64LE()), serverSalt: toBig(salt) }).getBytes(), false);
    }
    conn.batch = [];
    try {
      await handleMessage(conn, message.msgId, new BinaryReader(message.body).tgReadObject());
    } finally {
      flushBatch(conn);
    }
  }

  const tcp: Server = createServer((socket) => {
    socket.setNoDelay(true);
    const ids = new MessageIds();
    const conn: Connection = {
      socket,
      ids,
      seq: 0,
      queue: Promise.resolve(),
      held: [],
      framing: undefined as unknown as FullFraming,
      handshake: undefined as unknown as AuthKeyExchange,
    };
    conn.framing = new FullFraming(socket, (packet) => {
      // One packet at a time per connection keeps answers in request order.
      conn.queue = conn.queue
        .then(() => onPacket(conn, packet))
        .catch(() => {
          socket.destroy();
        });
    });
    conn.handshake = new AuthKeyExchange(
      serverKey,
      ids,
      (payload) => conn.framing.send(payload),
      () => {
        if (forcedRetries <= 0) return false;
        forcedRetries--;
        retriesAnswered++;
        return true;
      },
    );
    connections.add(conn);
    socket.on('close', () => {
      connections.delete(conn);
      if (conn.holdTimer) clearTimeout(conn.holdTimer);
    });
    socket.on('error', () => socket.destroy());
  });

  const server = await new Promise<{ port: number }>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port ?? 0, host, () => resolve({ port: (tcp.address() as AddressInfo).port }));
  });
  const findMessage = (id: number) => messages.find((m) => m.id === id);

  const sim: TelegramSimulator = {
    counters: () => ({ highest: Math.max(nextMessageId - 1, pts, ...[...boxes.values()].flatMap((b) => [b.pts, b.nextId - 1])) }),
    host,
    port: server.port,
    rsaPublicKeyPem: keys.publicKey,
    botToken,
    botUserId: bot.id,
    supergroupId: chatId,
    supergroupTitle: title,
    topics,
    basicGroupId: basicId,
    basicGroupTitle: basicTitle,
    userAccounts: accounts,
    postMessage(input) {
      const author = members.get(input.authorId);
      if (!author?.present) throw new Error(`user ${input.authorId} is not in the group`);
      if (defaultBanned.sendMessages && !author.admin) throw new Error('the group is locked: only admins can post');
      const topicId = input.topicId ?? (input.replyTo ? findMessage(input.replyTo)?.topicId ?? 1 : 1);
      const { message, entry } = createMessage({
        topicId,
        fromId: input.authorId,
        text: input.text,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
        ...(input.links ? { links: input.links } : {}),
      });
      broadcast([entry]);
      return { ...message };
    },
    postToBasicGroup(input) {
      if (!basicMembers.has(input.authorId)) throw new Error(`user ${input.authorId} is not in the basic group`);
      return postInBasicGroup(input);
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
      qts += 1;
      const update = new Api.UpdateChannelParticipant({
        channelId: toBig(chatId),
        date: now(),
        actorId: toBig(byUserId),
        userId: toBig(userId),
        newParticipant: new Api.ChannelParticipantBanned({
          peer: new Api.PeerUser({ userId: toBig(userId) }),
          kickedBy: toBig(byUserId),
          date: now(),
          bannedRights: new Api.ChatBannedRights({ viewMessages: options.ban, sendMessages: true, untilDate: until }),
        }),
        qts,
      });
      broadcast(entries, undefined, [update], [byUserId, userId]);
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
      });
      addMemberRecord(u.id);
      broadcast([createMessage({ topicId: 1, fromId: u.id, text: '', service: 'join' }).entry]);
      return { ...u };
    },
    removeMember(userId) {
      const m = members.get(userId);
      if (!m?.present) return;
      m.present = false;
      broadcast([createMessage({ topicId: 1, fromId: userId, text: '', service: 'leave' }).entry]);
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
    slowModeSeconds: (chat) => (chat === chatId ? slowMode : 0),
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
    chatLocked: (chat) => chat === chatId && defaultBanned.sendMessages,
    setBotAdmin(admin) {
      const m = members.get(bot.id);
      if (m) m.admin = admin;
    },
    dropConnections() {
      for (const conn of connections) conn.socket.destroy();
    },
    injectFloodWait(method, seconds, times = 1) {
      injected.push({ method, code: 420, message: `FLOOD_WAIT_${seconds}`, times });
    },
    injectError(method, code, message, times = 1) {
      injected.push({ method, code, message, times });
    },
    injectSilence(method, times = 1) {
      injected.push({ method, code: 0, message: '', times });
    },
    injectLostAnswer(method, times = 1) {
      lostAnswers.push({ method, times });
    },
    scheduleAnswers(next) {
      schedule = next ? { groups: next.groups.map((g) => ({ ...g })), ...(next.waitMs !== undefined ? { waitMs: next.waitMs } : {}) } : undefined;
    },
    revokeAuthKeys() {
      for (const auth of authKeys.values()) delete auth.userId;
      // Telegram closes the sessions it terminates; the clients find out on their next call.
      for (const conn of connections) conn.socket.destroy();
    },
    calls: (method) => (method ? callCounts.get(method) ?? 0 : [...callCounts.values()].reduce((a, b) => a + b, 0)),
    get stats() {
      return { authKeys: authKeys.size, connections: connections.size, dhGenRetries: retriesAnswered };
    },
    async close() {
      for (const conn of connections) conn.socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
  return sim;
}
export type { AnswerSchedule, AnswerOrder } from './answers';
