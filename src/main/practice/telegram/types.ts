// The practice Telegram server's records and options: what a test or the practice story reads and
// passes (SimTg*), and the two logs the server keeps (the supergroup's pts log, each account's box).
import type { Api } from 'telegram';
import type { AnswerSchedule } from './answers';

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
  /**
   * The supergroup is not there yet: it is what the basic group becomes on migrateBasicGroup() (Telegram's
   * upgrade), with the basic group's title and members. Until then no one is in it.
   */
  basicGroupMigrates?: boolean;
}

export interface SimTgUser {
  id: string;
  accessHash: string;
  firstName: string;
  lastName?: string;
  username?: string;
  bot: boolean;
  phone?: string;
  /** The language of the user's app; Telegram tells it to bots as `lang_code`. */
  langCode?: string;
  /** The user's bio (`about`, up to 70 characters), read with users.getFullUser. */
  about?: string;
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
  service?: 'join' | 'leave' | 'topic' | 'create' | 'topicEdit' | 'migrateFrom';
  deleted: boolean;
  /** Formatting the sender gave (bold, italic, code, pre, text links), as gramjs objects. */
  entities?: Api.TypeMessageEntity[];
  pinned?: boolean;
  /** A poll (messages.sendMedia with inputMediaPoll): question, answers, several choices allowed. */
  poll?: { question: string; answers: string[]; multipleChoice: boolean };
  /**
   * Sent in a chat's name, not the member's: the group itself (an anonymous admin, from_id = the group)
   * or a channel (a member posting as their channel; with `post`, the linked channel's post Telegram
   * forwards into its discussion group). `signature` is the admin's post_author, when the group shows it.
   */
  senderChat?: { id: string; title: string; accessHash: string; post?: number; signature?: string };
  /** A card instead of text: a shared contact (name, phone) or a venue (title, address). */
  card?: { contact: { firstName: string; lastName?: string; phone: string } } | { venue: { title: string; address: string } };
  /** A photo; with `groupedId`, one of an album (Telegram sends each photo as a message of its own, the caption on one). */
  photo?: true;
  groupedId?: string;
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
  /** An admin's custom title (Telegram's `rank`, at most 16 characters), shown next to their name. */
  rank?: string;
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
  /** An admin renames a forum topic in the app: a messageActionTopicEdit service message in that topic. */
  renameTopic(topicId: number, title: string): SimTgMessage;
  postMessage(input: {
    authorId: string;
    text: string;
    topicId?: number;
    replyTo?: number;
    forwardedFrom?: string;
    links?: SimTgLinks;
    poll?: SimTgMessage['poll'];
    card?: SimTgMessage['card'];
    /** An admin posting anonymously (as the group), with their signature when the group shows one. */
    asGroup?: { signature?: string };
    /** Posted as a channel: the member's own (send as), or the linked channel's post `linkedPost` forwarded in. */
    asChannel?: { title: string; linkedPost?: number };
  }): SimTgMessage;
  /** An album of `photos` photos (2–10), the caption on the first: one message each, one grouped_id, pushed in one update. */
  postAlbum(input: { authorId: string; caption: string; photos: number; topicId?: number }): SimTgMessage[];
  /** A message in the basic group: plain text is pushed as updateShortChatMessage, the rest as updateNewMessage. */
  postToBasicGroup(input: { authorId: string; text: string; replyTo?: number; links?: SimTgLinks }): SimTgChatMessage;
  /**
   * The owner upgrades the basic group (with `basicGroupMigrates`): Telegram makes it the supergroup (`supergroupId`,
   * a new id and access hash) with the same title and members, puts messageActionChatMigrateTo in the old chat
   * (each member's box) and messageActionChannelMigrateFrom first in the new one; the old chat is deactivated.
   * `channelFirst`: the new channel's message reaches the clients before the old chat's (two pushes, either order).
   */
  migrateBasicGroup(options?: { channelFirst?: boolean }): void;
  basicGroupMemberIds(): string[];
  editMessage(chatId: string, messageId: number, text: string): SimTgMessage;
  deleteMessages(chatId: string, ids: number[]): void;
  /** An admin bans (or mutes, `ban: false`) a member in the Telegram app: updateChannelParticipant names them. */
  restrictAsAdmin(userId: string, byUserId: string, options: { ban: boolean; untilDate?: number }): void;
  /**
   * The owner promotes a member to admin (with a custom title, `rank`), gives an admin another title, or
   * demotes one (`admin: false`) in the Telegram app: updateChannelParticipant with the participant before
   * and after, as Telegram sends it to the group's admin bots.
   */
  setAdminAsOwner(userId: string, change: { admin: boolean; rank?: string }): void;
  /**
   * The owner makes a member of the basic group an admin or takes it back in the app: every member's
   * sessions get updateChatParticipantAdmin (a basic group has no titles).
   */
  setBasicAdminAsOwner(userId: string, admin: boolean): void;
  /** A user writes their bio (Telegram cuts it at 70 characters); users.getFullUser answers it. */
  setAbout(userId: string, about: string): void;
  addMember(input?: { firstName?: string; username?: string; accountCreatedAt?: Date; langCode?: string }): SimTgUser;
  removeMember(userId: string): void;
  /**
   * How the supergroup tells joins and leaves: 'messages' (the default: join/leave service messages),
   * 'hidden' ("hide join messages" on, or a large group: updateChannelParticipant to admins only, no
   * service message), 'both' (the service message and the participant update). With 'both', `late`
   * names the report Telegram sends later: it is held until releaseLateJoinReports (a restart can fall between).
   */
  setJoinMessages(chatId: string, mode: 'messages' | 'hidden' | 'both', options?: { late?: 'message' | 'update' }): void;
  /** Sends the join/leave reports held by setJoinMessages(…, 'both', { late }), in order. */
  releaseLateJoinReports(): void;
  messages(chatId: string): SimTgMessage[];
  message(chatId: string, id: number): SimTgMessage | undefined;
  users(): SimTgUser[];
  user(id: string): SimTgUser | undefined;
  memberIds(): string[];
  member(chatId: string, userId: string): SimTgMember | undefined;
  /**
   * Past this many updates behind, getChannelDifference answers channelDifferenceTooLong (a fresh pts in
   * the dialog, the latest message only), as Telegram does for a client too far behind; undefined: never.
   */
  setChannelDifferenceLimit(updates: number | undefined): void;
  /** The same for the account's getDifference (private chats, basic groups): differenceTooLong, a fresh pts only. */
  setDifferenceLimit(updates: number | undefined): void;
  /** Whether the channel (by its title, as posted with `asChannel`) is banned from the group (channels.editBanned with its peer). */
  channelBanned(chatId: string, channelTitle: string): boolean;
  slowModeSeconds(chatId: string): number;
  setBotAdmin(admin: boolean): void;
  /**
   * A member sets their reactions on a message (Telegram: the whole set replaces the one they had; [] takes
   * them back). An admin bot gets updateBotMessageReaction (actor, old and new reactions, qts) as Telegram
   * sends one to bots; a bot that is no admin gets nothing.
   */
  react(chatId: string, messageId: number, userId: string, emojis: string[]): void;
  /** Anonymous reactions (an anonymous admin, a channel): an admin bot gets updateBotMessageReactions, counts only. */
  reactAnonymously(chatId: string, messageId: number, counts: Record<string, number>): void;
  memberWritesToBot(userId: string, text: string): SimTgPrivateMessage;
  directMessages(userId: string): SimTgPrivateMessage[];
  blockBot(userId: string, blocked?: boolean): void;
  chatLocked(chatId: string): boolean;
  dropConnections(): void;
  /** The highest message id and pts handed out so far (for `counterBase` of a later run). */
  counters(): { highest: number };
  /** The next `times` calls of `method` get FLOOD_WAIT_`seconds`; `after`: that many calls go through first. */
  injectFloodWait(method: string, seconds: number, times?: number, options?: { after?: number }): void;
  injectError(method: string, code: number, message: string, times?: number, options?: { after?: number }): void;
  /** The next `times` calls of `method` are never answered (a server that lost them); `after`: that many calls go through first. */
  injectSilence(method: string, times?: number, options?: { after?: number }): void;
  /** The next calls of method are carried out, then the connection drops before the answer. */
  injectLostAnswer(method: string, times?: number): void;
  /** Regroups and reorders the answers that follow (undefined: back to one container per client packet). */
  scheduleAnswers(schedule: AnswerSchedule | undefined): void;
  revokeAuthKeys(): void;
  calls(method?: string): number;
  readonly stats: { authKeys: number; connections: number; dhGenRetries: number };
  close(): Promise<void>;
}

export interface LogEntry {
  pts: number;
  ptsCount: number;
  kind: 'new' | 'edit' | 'delete';
  messageIds: number[];
  /** The message as it was at this point (new/edit). */
  snapshot?: SimTgMessage;
}

/**
 * Private chats live in per-account message boxes (Telegram's "common box"): own message ids and
 * own pts, read with updates.getState / getDifference. A bot may write only to users who started it.
 */
export interface BoxEntry {
  pts: number;
  /** peerId: the other user of a private chat; chatId: the basic group instead. */
  message: { id: number; peerId: string; fromId: string; out: boolean; text: string; date: number; chatId?: string; replyTo?: number; links?: SimTgLinks; migratedTo?: string };
}
