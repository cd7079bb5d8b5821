// What one Telegram connection knows: its chats (access hash, title, topics, pts), the users it has
// seen, the account's position and itself. Learnt from every answer and update; its positions are the
// connector's cursors (stored beside the events by the renderer and handed back to catch-up).
import { Api } from 'telegram';
import type { TelegramClient } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import type { RawEvent } from '../../core/connector';
import { MembershipReports } from './membership';
import { GENERAL_TOPIC } from './normalize';
import type { TgChatRef, TgUserLike } from './normalize';

export interface ChatState {
  id: string;
  /** A basic group (Api.Chat): no access hash, no pts of its own; its messages are in the account's box. */
  basic?: boolean;
  accessHash: string;
  title?: string;
  forum: boolean;
  /** The channel's pts we have applied up to; undefined until we learn it. */
  pts?: number;
  topics: Map<number, string>;
  /** Topics whose creation message was already asked for (once per run: it may be gone). */
  topicsAsked?: Set<number>;
  /** The group's default member rights, as last seen (lock/unlock changes only the send bit). */
  defaultRights?: Api.ChatBannedRights;
  /**
   * The admins' ranks (user id → 'admin' or 'creator', and 'title:<custom title>'), from the admin list
   * and kept by participant updates; undefined until the list was read (then a member missing is no admin).
   */
  ranks?: Map<string, string[]>;
  /**
   * The highest message id seen in the channel: when Telegram answers a difference "too long", the
   * messages after it are read back by id (catchup.ts). Stored in the channel's position.
   */
  lastMessageId?: number;
  /** When that message was sent (ms): where a stretch that could not be read begins. */
  lastMessageAt?: number;
  /**
   * Stretches of the group's messages that could not be read back (a "too long" difference past the read-back,
   * the group turned private): between two times in ms, either end unknown. Shown to the moderator.
   */
  unread?: Array<{ after?: number; before?: number }>;
  /** A basic group upgraded to a supergroup: the supergroup's id (the old chat is history; actions go there). */
  movedTo?: string;
  /** The supergroup a basic group became: the basic group's id. */
  movedFrom?: string;
  /** Telegram no longer lets the account read the group (removed from it, or the group deleted): nothing is read from it. */
  lost?: boolean;
}

export interface KnownUser {
  user: TgUserLike;
  accessHash?: string;
}

/** What the code reading from Telegram (catch-up, live updates) needs of the connection. */
export interface TelegramLink {
  readonly client: TelegramClient;
  readonly known: Known;
  /** The chats or topics known changed: the source's info is sent again. */
  infoChanged(): void;
  /** How many messages a "too long" difference reads back by id at most (default 3,000; tests shorten it). */
  readonly readBackMax?: number;
}

/** At most this many unread stretches are kept per group (the latest). */
const UNREAD_MEMORY = 5;

/** Notes a stretch of the group's messages that could not be read, for the moderator to see (SpaceInfo.unread). */
export function noteUnread(link: TelegramLink, chat: ChatState, gap: { after?: number; before?: number }): void {
  chat.unread = [...(chat.unread ?? []), gap].slice(-UNREAD_MEMORY);
  link.infoChanged();
}

const TOPIC_MEMORY = 50_000;
/** How many of its own latest messages per chat the connection remembers. */
const OWN_MEMORY = 50;

export function bigOf(value: string | number) {
  return returnBigInt(value);
}

export class Known {
  readonly chats = new Map<string, ChatState>();
  readonly users = new Map<string, KnownUser>();
  /** chatId:messageId → its album's grouped_id ('' for none), and chatId:groupedId → the album's ids: an album is deleted whole. */
  private readonly albumOfMessage = new Map<string, string>();
  private readonly albumMessages = new Map<string, number[]>();
  /** chatId:messageId → topic, so a delete (which names ids only) lands in its topic. */
  private readonly topicOfMessage = new Map<string, number>();
  /** The account's own latest messages per chat (id and text), to find a send whose answer was lost. */
  private readonly ownRecent = new Map<string, { id: number; text: string }[]>();
  /** Channels messages are sent as (a member's own, a group's linked channel): their names, by id. */
  readonly senderChats = new Map<string, { title: string; username?: string; accessHash?: string }>();
  /**
   * The latest message each channel posted in each group ("chatId:channelId" → message id): a channel
   * Telegram names only in its "min" form has no usable access hash, and is addressed through it.
   */
  private readonly senderPosts = new Map<string, number>();
  account = { pts: 0, qts: 0, date: 0 };
  /**
   * The highest message id seen in the account's box (private chats, basic groups): when Telegram answers
   * a difference "too long", the box's messages after it are read back by id. Stored in "@state".
   */
  lastBoxMessageId: number | undefined;
  self: { id: string; name: string; bot: boolean } | undefined;

  /** `onNewChat`: a chat seen for the first time (to list it, and read a forum's topics). */
  constructor(
    readonly sourceId: string,
    private readonly onNewChat: (chat: ChatState) => void,
    /** Joins and leaves handed on, so the service message and the participant update count once. */
    readonly membership = new MembershipReports(),
  ) {}

  learnEntity(entity: unknown): ChatState | undefined {
    if (entity instanceof Api.User) {
      const id = entity.id.toString();
      const user: TgUserLike = { id, bot: entity.bot ?? false };
      if (entity.firstName) user.firstName = entity.firstName;
      if (entity.lastName) user.lastName = entity.lastName;
      if (entity.username) user.username = entity.username;
      // Telegram tells a bot the language of a user's app (lang_code): their welcome is written in it.
      if (entity.langCode) user.langCode = entity.langCode;
      const known = this.users.get(id);
      // "min" users carry no usable access hash; keep the one we had.
      const accessHash = !entity.min && entity.accessHash ? entity.accessHash.toString() : known?.accessHash;
      this.users.set(id, accessHash ? { user, accessHash } : { user });
      return undefined;
    }
    if (entity instanceof Api.Chat && entity.deactivated && entity.migratedTo instanceof Api.InputChannel) {
      // A basic group upgraded to a supergroup: the chat names the supergroup and its access hash.
      this.noteMove(entity.id.toString(), entity.migratedTo.channelId.toString(), entity.migratedTo.accessHash.toString(), entity.title);
      return this.chats.get(entity.id.toString());
    }
    if (entity instanceof Api.Chat && !entity.deactivated) {
      const id = entity.id.toString();
      let chat = this.chats.get(id);
      const isNew = !chat;
      if (!chat) this.chats.set(id, (chat = { id, basic: true, accessHash: '0', forum: false, topics: new Map() }));
      chat.title = entity.title;
      if (entity.defaultBannedRights instanceof Api.ChatBannedRights) chat.defaultRights = entity.defaultBannedRights;
      if (isNew) this.onNewChat(chat);
      return chat;
    }
    if (entity instanceof Api.Channel && entity.broadcast) {
      // Not a chat the console watches, only a name messages are sent under.
      const id = entity.id.toString();
      // "min" channels carry no usable access hash; keep the one we had.
      const accessHash = !entity.min && entity.accessHash ? entity.accessHash.toString() : this.senderChats.get(id)?.accessHash;
      this.senderChats.set(id, { title: entity.title, ...(entity.username ? { username: entity.username } : {}), ...(accessHash ? { accessHash } : {}) });
      return undefined;
    }
    if (entity instanceof Api.ChannelForbidden) {
      // The account was removed from the group (or banned from it): it stays listed, marked lost.
      const chat = this.chats.get(entity.id.toString());
      if (chat) chat.lost = true;
      return undefined;
    }
    if (entity instanceof Api.Channel && !entity.broadcast) {
      const id = entity.id.toString();
      let chat = this.chats.get(id);
      const isNew = !chat;
      // Telegram names the group whole again: the account is (back) in it.
      if (chat?.lost && !entity.left && !entity.min) delete chat.lost;
      if (!chat) {
        chat = { id, accessHash: entity.accessHash?.toString() ?? '0', forum: entity.forum ?? false, topics: new Map() };
        this.chats.set(id, chat);
      }
      if (!entity.min && entity.accessHash) chat.accessHash = entity.accessHash.toString();
      chat.title = entity.title;
      chat.forum = entity.forum ?? false;
      if (entity.defaultBannedRights instanceof Api.ChatBannedRights) chat.defaultRights = entity.defaultBannedRights;
      if (isNew) this.onNewChat(chat);
      return chat;
    }
    return undefined;
  }

  /**
   * A basic group became a supergroup (Telegram's migration): the old chat points to the new one, the new
   * one back (with the old title until Telegram names it). Told by the deactivated chat (with the access
   * hash) or by either service message; only a change is passed on.
   */
  noteMove(oldId: string, newId: string, accessHash?: string, title?: string): void {
    const old = this.chats.get(oldId);
    let next = this.chats.get(newId);
    let changed = false;
    if (old && old.movedTo !== newId) {
      old.movedTo = newId;
      changed = true;
    }
    if (!next && accessHash !== undefined) {
      next = { id: newId, accessHash, forum: false, topics: new Map() };
      const name = title ?? old?.title;
      if (name !== undefined) next.title = name;
      this.chats.set(newId, next);
      next.movedFrom = oldId;
      this.onNewChat(next);
      return;
    }
    if (next && next.movedFrom !== oldId) {
      next.movedFrom = oldId;
      changed = true;
    }
    if (changed) this.onMoved?.();
  }

  /** Set by the connector: a move was learnt (the spaces it lists changed). */
  onMoved: (() => void) | undefined;

  learnAll(list: readonly unknown[]): void {
    for (const e of list) this.learnEntity(e);
  }

  /** A chat by its own id, or by the id of one of its topics (a forum's channel ids are topic ids). */
  chatOf(channelId: string): ChatState | undefined {
    return this.chats.get(channelId) ?? [...this.chats.values()].find((c) => c.topics.has(Number(channelId)));
  }

  ref(chat: ChatState): TgChatRef {
    return { sourceId: this.sourceId, chatId: chat.id, ...(chat.title ? { chatTitle: chat.title } : {}), topicTitles: chat.topics };
  }

  inputChannelOf(chat: ChatState): Api.InputChannel {
    return new Api.InputChannel({ channelId: bigOf(chat.id), accessHash: bigOf(chat.accessHash) });
  }

  /** A user the account may address: only one whose access hash it has seen. */
  inputUserOf(userId: string): Api.InputPeerUser | undefined {
    const known = this.users.get(userId);
    return known?.accessHash ? new Api.InputPeerUser({ userId: bigOf(userId), accessHash: bigOf(known.accessHash) }) : undefined;
  }

  /** A message a channel posted in a group (sent as it, or its linked post). */
  noteSenderPost(chatId: string, senderId: string, messageId: number): void {
    const key = `${chatId}:${senderId}`;
    if ((this.senderPosts.get(key) ?? 0) < messageId) this.senderPosts.set(key, messageId);
    if (this.senderPosts.size > TOPIC_MEMORY) {
      const oldest = this.senderPosts.keys().next().value;
      if (oldest !== undefined) this.senderPosts.delete(oldest);
    }
  }

  /**
   * Who an author id names in a group when it is no user: the group itself (an admin posting
   * anonymously), or a channel members posted as, with the input peer Telegram bans it by (its access
   * hash, else a message it posted there). Undefined: the id is a user's, or a chat never seen posting.
   */
  senderOf(chatId: string, authorId: string): { kind: 'group' } | { kind: 'channel'; peer: Api.TypeInputPeer } | undefined {
    const chat = this.chats.get(chatId);
    if (!chat) return undefined;
    if (authorId === chat.id) return { kind: 'group' };
    const sender = this.senderChats.get(authorId);
    const post = this.senderPosts.get(`${chatId}:${authorId}`);
    if (sender?.accessHash) return { kind: 'channel', peer: new Api.InputPeerChannel({ channelId: bigOf(authorId), accessHash: bigOf(sender.accessHash) }) };
    if (post === undefined) return undefined;
    const group = new Api.InputPeerChannel({ channelId: bigOf(chat.id), accessHash: bigOf(chat.accessHash) });
    return { kind: 'channel', peer: new Api.InputPeerChannelFromMessage({ peer: group, msgId: post, channelId: bigOf(authorId) }) };
  }

  /** A group message seen, with its album (grouped_id) if it is one of an album's photos or files. */
  noteMessage(chatId: string, messageId: number, groupedId: string | undefined): void {
    const key = `${chatId}:${messageId}`;
    this.albumOfMessage.set(key, groupedId ?? '');
    if (groupedId) {
      const album = `${chatId}:${groupedId}`;
      const ids = this.albumMessages.get(album) ?? [];
      if (!ids.includes(messageId)) this.albumMessages.set(album, [...ids, messageId].sort((a, b) => a - b));
    }
    if (this.albumOfMessage.size > TOPIC_MEMORY) {
      const oldest = this.albumOfMessage.keys().next().value;
      if (oldest !== undefined) this.albumOfMessage.delete(oldest);
    }
    if (this.albumMessages.size > TOPIC_MEMORY) {
      const oldest = this.albumMessages.keys().next().value;
      if (oldest !== undefined) this.albumMessages.delete(oldest);
    }
  }

  /** The ids of the album a message is in (itself included), [messageId] for one in none; undefined when this run never saw it. */
  albumOf(chatId: string, messageId: number): number[] | undefined {
    const groupedId = this.albumOfMessage.get(`${chatId}:${messageId}`);
    if (groupedId === undefined) return undefined;
    return groupedId ? (this.albumMessages.get(`${chatId}:${groupedId}`) ?? [messageId]) : [messageId];
  }

  noteTopic(chatId: string, messageId: number, topicId: number): void {
    this.topicOfMessage.set(`${chatId}:${messageId}`, topicId);
    if (this.topicOfMessage.size > TOPIC_MEMORY) {
      const oldest = this.topicOfMessage.keys().next().value;
      if (oldest !== undefined) this.topicOfMessage.delete(oldest);
    }
  }

  topicOf(chatId: string, messageId: number): number | undefined {
    return this.topicOfMessage.get(`${chatId}:${messageId}`);
  }

  /** One of the account's own messages, seen in a chat. */
  noteOwn(chatId: string, messageId: number, text: string): void {
    const list = this.ownRecent.get(chatId) ?? [];
    if (!list.some((m) => m.id === messageId)) list.push({ id: messageId, text });
    this.ownRecent.set(chatId, list.slice(-OWN_MEMORY));
  }

  /** The latest of the account's own messages with this text in a chat, among those seen. */
  ownMessageWith(chatId: string, text: string): number | undefined {
    return [...(this.ownRecent.get(chatId) ?? [])].reverse().find((m) => m.text === text)?.id;
  }

  /**
   * Where this connection stands, to persist beside the events (DESIGN §1): the account's
   * "pts:qts:date[:lastBoxMessageId]" under "@state" and each channel's "pts:accessHash[:lastMessageId]" under "@channel:<id>".
   */
  positions(): Record<string, string> {
    const out: Record<string, string> = { '@state': this.accountPosition() };
    for (const chat of this.chats.values()) {
      if (chat.pts !== undefined) out[`@channel:${chat.id}`] = channelPosition(chat, chat.pts);
      if (chat.movedFrom !== undefined) out[movedKey(chat.movedFrom)] = chat.title ? `${chat.id}:${chat.title.slice(0, 200)}` : chat.id;
      for (const [topic, name] of chat.topics) if (topic !== GENERAL_TOPIC) out[topicKey(chat.id, topic)] = name.slice(0, 400);
    }
    return out;
  }

  /**
   * The one position an event moves (DESIGN §1): its channel's pts, or for the account's box (private
   * chats, basic groups, qts updates) the account's state; never every chat's.
   */
  cursorOf(chat: ChatState | undefined, channelId: string): Record<string, string> | undefined {
    if (!chat || chat.basic) return { '@state': this.accountPosition() };
    const cursor: Record<string, string> = chat.pts === undefined ? {} : { [`@channel:${chat.id}`]: channelPosition(chat, chat.pts) };
    // A topic's name travels with its events, so it is stored and comes back at the next start
    // even when Telegram will not list the topics then.
    const topic = Number(channelId);
    const name = channelId !== chat.id && Number.isInteger(topic) ? chat.topics.get(topic) : undefined;
    if (name !== undefined) cursor[topicKey(chat.id, topic)] = name.slice(0, 400);
    // A supergroup a basic group became says so with its events: after a restart, the old chat's items still reach it.
    if (chat.movedFrom !== undefined) cursor[movedKey(chat.movedFrom)] = chat.title ? `${chat.id}:${chat.title.slice(0, 200)}` : chat.id;
    return Object.keys(cursor).length > 0 ? cursor : undefined;
  }

  /** Basic groups that became supergroups, as stored with earlier events ('@moved:<old>' = '<new>[:title]'); true when one was new. */
  rememberMoves(positions: Record<string, string>): boolean {
    let learnt = false;
    for (const [key, value] of Object.entries(positions)) {
      const match = /^@moved:(\d+)$/.exec(key);
      const [, newId, title] = /^(\d+)(?::([\s\S]*))?$/.exec(value) ?? [];
      const hash = newId === undefined ? undefined : positions[`@channel:${newId}`]?.split(':')[1];
      if (!match || newId === undefined || hash === undefined) continue;
      const oldId = match[1] as string;
      if (this.chats.get(oldId)?.movedTo === newId && this.chats.get(newId)?.movedFrom === oldId) continue;
      // The old chat is listed again (its items name it), pointing to where it went.
      if (!this.chats.has(oldId)) this.chats.set(oldId, { id: oldId, basic: true, accessHash: '0', forum: false, topics: new Map(), ...(title ? { title } : {}) });
      this.noteMove(oldId, newId, hash, title || undefined);
      learnt = true;
    }
    return learnt;
  }

  /** An event with the position it moves, ready to hand on. */
  withCursor(event: RawEvent, chat?: ChatState): RawEvent {
    const at = this.cursorOf(chat, event.channelId);
    return at ? { ...event, cursor: { ...event.cursor, at } } : event;
  }

  /** Topic names stored with earlier events ('@topic:<chat>:<topic>'), for topics not named since; true when one was new. */
  rememberTopicNames(positions: Record<string, string>): boolean {
    let learnt = false;
    for (const [key, name] of Object.entries(positions)) {
      const match = /^@topic:([^:]+):(\d+)$/.exec(key);
      if (!match || name.length === 0) continue;
      const chatId = match[1] as string;
      const topic = Number(match[2]);
      let chat = this.chats.get(chatId);
      if (!chat) {
        const stored = positions[`@channel:${chatId}`]?.split(':')[1];
        if (stored === undefined) continue;
        this.chats.set(chatId, (chat = { id: chatId, accessHash: stored, forum: true, topics: new Map() }));
      }
      if (!chat.topics.has(topic)) {
        chat.topics.set(topic, name);
        learnt = true;
      }
    }
    return learnt;
  }

  private accountPosition(): string {
    const at = `${this.account.pts}:${this.account.qts}:${this.account.date}`;
    return this.lastBoxMessageId === undefined ? at : `${at}:${this.lastBoxMessageId}`;
  }
}

const movedKey = (oldId: string) => `@moved:${oldId}`;

/** A channel's stored position: "pts:accessHash", and ":lastMessageId" once a message was seen. */
function channelPosition(chat: ChatState, pts: number): string {
  return chat.lastMessageId === undefined ? `${pts}:${chat.accessHash}` : `${pts}:${chat.accessHash}:${chat.lastMessageId}`;
}

function topicKey(chatId: string, topic: number): string {
  return `@topic:${chatId}:${topic}`;
}
