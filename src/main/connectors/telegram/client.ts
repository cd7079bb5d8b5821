// The Telegram connector: one gramjs client per source (a bot token or a user account's session).
// gramjs never fetches what it missed, so this tracks pts per channel, fills every gap with
// updates.getChannelDifference, and catches up from stored positions. The session stays in here.
import { readFileSync } from 'node:fs';
import { Api, TelegramClient } from 'telegram';
import { Logger, PromisedNetSockets } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { returnBigInt } from 'telegram/Helpers';
import { UpdateConnectionState } from 'telegram/network';
import { computeCheck } from 'telegram/Password';
import { StringSession } from 'telegram/sessions';
import type { ActionIntent } from '@shared/domain/actions';
import type { ChannelInfo, ConnectionState, LinkTarget, SourceInfo, SpaceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { ErrorFields, Result } from '@shared/domain/result';
import { logger } from '../../util/log';
import type { ConfirmedAction, Connector, RawEvent, Reconciled, StaffList } from '../types';
import { isLoginGone, rpcMessageOf, toFailure } from './errors';
import { executeOnTelegram, reconcileOnTelegram, type TelegramActionContext } from './execute';
import { GENERAL_TOPIC, displayName, normalizeAdminRestriction, normalizeDelete, normalizeEdit, normalizeMessage, normalizePrivateMessage, normalizeReport, normalizeService } from './normalize';
import type { TgChatRef, TgMessageLike, TgUserLike } from './normalize';
import { registerServerKey } from './rsa';

export const TELEGRAM_PRODUCTION = 'mtproto://telegram (production DCs)';

export interface TelegramServer {
  host: string;
  port: number;
  rsaPublicKeyPem: string;
}

export interface TelegramSourceConfig {
  id: string;
  label: string;
  practice: boolean;
  apiId: number;
  apiHash: string;
  /** A compatible server instead of Telegram's production DCs (the practice community, a test DC). */
  server?: TelegramServer;
  botToken?: string;
  /** A user account's StringSession from an earlier login. */
  session?: string;
  /** How long each login step (connect, sign-in, profile, …) may wait for an answer (default 20 s). */
  readyTimeoutMs?: number;
  /** A failed start is tried again after this long (default 5 s). */
  retryDelayMs?: number;
  /** FLOOD_WAITs up to this long are slept through and the action tried once more (default 10 s). */
  floodRetryMaxSeconds?: number;
}

/** Reads TRIBE_TELEGRAM_SERVER / _RSA_KEY / _BOT_TOKEN / _SESSION for a headless start. */
export function telegramServerFromEnv(env: NodeJS.ProcessEnv): { server?: TelegramServer; botToken?: string; session?: string } {
  const out: { server?: TelegramServer; botToken?: string; session?: string } = {};
  const address = env.TRIBE_TELEGRAM_SERVER;
  const keyPath = env.TRIBE_TELEGRAM_RSA_KEY;
  if (address && keyPath) {
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
    if (!match) throw new Error('TRIBE_TELEGRAM_SERVER must be host:port');
    out.server = { host: match[1] as string, port: Number(match[2]), rsaPublicKeyPem: readFileSync(keyPath, 'utf8') };
  }
  if (env.TRIBE_TELEGRAM_BOT_TOKEN) out.botToken = env.TRIBE_TELEGRAM_BOT_TOKEN;
  if (env.TRIBE_TELEGRAM_SESSION) out.session = env.TRIBE_TELEGRAM_SESSION;
  return out;
}

/** gramjs dials its DC's fixed port; this socket dials the configured server instead. */
function socketTo(host: string, port: number): typeof PromisedNetSockets {
  return class RedirectedSocket extends PromisedNetSockets {
    override connect(_port: number, _ip: string) {
      return super.connect(port, host);
    }
  };
}

/** The full message a short-form update (updateShortMessage / updateShortChatMessage) stands for. */
function fromShortForm(
  update: Api.UpdateShortMessage | Api.UpdateShortChatMessage,
  peerId: Api.TypePeer,
  authorId: Api.UpdateShortMessage['userId'] | undefined,
): Api.Message {
  return new Api.Message({
    id: update.id,
    out: update.out,
    peerId,
    ...(authorId !== undefined ? { fromId: new Api.PeerUser({ userId: authorId }) } : {}),
    date: update.date,
    message: update.message,
    ...(update.fwdFrom ? { fwdFrom: update.fwdFrom } : {}),
    ...(update.replyTo ? { replyTo: update.replyTo } : {}),
    ...(update.entities ? { entities: update.entities } : {}),
  });
}

interface ChatState {
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
}

interface KnownUser {
  user: TgUserLike;
  accessHash?: string;
}

export type UserLoginStep = { status: 'signed_in'; session: string } | { status: 'password_needed'; hint?: string };

const log = logger('telegram');
const TOPIC_MEMORY = 50_000;
/** How many of its own latest messages per chat the connector remembers. */
const OWN_MEMORY = 50;


export class TelegramConnector implements Connector {
  readonly sourceId: string;
  private client: TelegramClient | undefined;
  private session: StringSession;
  private state: ConnectionState = 'disconnected';
  private stateDetail: string | undefined;
  private stateFields: ErrorFields | undefined;
  private self: { id: string; name: string; bot: boolean } | undefined;
  private readonly eventListeners: Array<(event: RawEvent) => void> = [];
  private readonly infoListeners: Array<(info: SourceInfo) => void> = [];
  private readonly chats = new Map<string, ChatState>();
  /** Each supergroup's admins (names scammers copy), loaded when triage first asks, dropped when admins change. */
  private readonly staffByChat = new Map<string, StaffList>();
  private readonly staffLoading = new Set<string>();
  private readonly users = new Map<string, KnownUser>();
  /** chatId:messageId → topic, so a delete (which names ids only) lands in its topic. */
  private readonly topicOfMessage = new Map<string, number>();
  /** The account's own latest messages per chat (id and text), to find a send whose answer was lost. */
  private readonly ownRecent = new Map<string, { id: number; text: string }[]>();
  private account = { pts: 0, qts: 0, date: 0 };
  /** Every update, gap fill and catch-up runs through this one chain, so pts checks never race. */
  private chain: Promise<void> = Promise.resolve();
  private ready = false;
  private stopped = false;
  private pendingLogin: { phone: string; phoneCodeHash: string } | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listening = new WeakSet<TelegramClient>();

  constructor(private readonly config: TelegramSourceConfig) {
    this.sourceId = config.id;
    this.session = new StringSession(config.session ?? '');
  }

  onEvent(listener: (event: RawEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onInfo(listener: (info: SourceInfo) => void): void {
    this.infoListeners.push(listener);
  }

  info(): SourceInfo {
    const spaces: SpaceInfo[] = [...this.chats.values()].map((chat) => {
      const channels: ChannelInfo[] = [{ id: chat.id, name: chat.topics.get(GENERAL_TOPIC) ?? chat.title ?? chat.id, kind: 'text' }];
      for (const [topic, name] of chat.topics) if (topic !== GENERAL_TOPIC) channels.push({ id: String(topic), name, kind: 'thread' });
      return { id: chat.id, name: chat.title ?? chat.id, channels };
    });
    const info: SourceInfo = {
      id: this.config.id,
      platform: 'telegram',
      label: this.config.label,
      practice: this.config.practice,
      apiBase: this.config.server ? `mtproto://${this.config.server.host}:${this.config.server.port}` : TELEGRAM_PRODUCTION,
      state: this.state,
      spaces,
    };
    if (this.stateDetail) info.stateDetail = this.stateDetail;
    if (this.stateFields) info.stateFields = this.stateFields;
    if (this.self) info.self = { id: this.self.id, name: this.self.name, bot: this.self.bot };
    return info;
  }

  /**
   * Where this connector stands, to persist beside the events (DESIGN §1): the account's
   * "pts:qts:date" under "@state" and each channel's "pts:accessHash" under "@channel:<id>".
   */
  positions(): Record<string, string> {
    const out: Record<string, string> = { '@state': `${this.account.pts}:${this.account.qts}:${this.account.date}` };
    for (const chat of this.chats.values()) {
      if (chat.pts !== undefined) out[`@channel:${chat.id}`] = `${chat.pts}:${chat.accessHash}`;
      for (const [topic, name] of chat.topics) if (topic !== GENERAL_TOPIC) out[topicKey(chat.id, topic)] = name.slice(0, 400);
    }
    return out;
  }

  private setState(state: ConnectionState, detail?: string, fields?: ErrorFields) {
    this.state = state;
    this.stateDetail = detail;
    this.stateFields = fields;
    const info = this.info();
    for (const l of this.infoListeners) l(info);
  }

  /**
   * Hands an event on with the one position it moves (DESIGN §1): its channel's pts, or for the
   * account's box (private chats, basic groups, qts updates) the account's state; never every chat's.
   */
  private emit(event: RawEvent, chat?: ChatState) {
    const cursor = this.cursorOf(chat, event.channelId);
    const out = cursor ? { ...event, cursor } : event;
    for (const l of this.eventListeners) l(out);
  }

  private cursorOf(chat: ChatState | undefined, channelId: string): Record<string, string> | undefined {
    if (!chat || chat.basic) return { '@state': `${this.account.pts}:${this.account.qts}:${this.account.date}` };
    const cursor: Record<string, string> = chat.pts === undefined ? {} : { [`@channel:${chat.id}`]: `${chat.pts}:${chat.accessHash}` };
    // A topic's name travels with its events, so it is stored and comes back at the next start
    // even when Telegram will not list the topics then.
    const topic = Number(channelId);
    const name = channelId !== chat.id && Number.isInteger(topic) ? chat.topics.get(topic) : undefined;
    if (name !== undefined) cursor[topicKey(chat.id, topic)] = name.slice(0, 400);
    return Object.keys(cursor).length > 0 ? cursor : undefined;
  }

  private createClient(): TelegramClient {
    const server = this.config.server;
    if (server) registerServerKey(server.rsaPublicKeyPem);
    const client = new TelegramClient(this.session, this.config.apiId, this.config.apiHash, {
      ...(server ? { networkSocket: socketTo(server.host, server.port) } : {}),
      baseLogger: new Logger(LogLevel.NONE),
      connectionRetries: Infinity,
      retryDelay: 500,
      autoReconnect: true,
      // Errors carry .seconds instead of gramjs sleeping silently: we decide, and show the wait.
      floodSleepThreshold: 0,
      deviceModel: 'Tribekeeper',
      appVersion: '0.1.0',
    });
    client.onError = async (error) => {
      // Before sign-in every call is "unregistered"; that is the login flow, not a lost login.
      if (this.ready && isLoginGone(error)) this.loginGone(error);
    };
    return client;
  }

  /**
   * Updates are listened to only once the login holds: gramjs answers the first update it dispatches
   * with a users.getUsers of its own, and before authorization that call would travel beside ours.
   */
  private listen(client: TelegramClient) {
    if (this.listening.has(client)) return;
    this.listening.add(client);
    client.addEventHandler((update: unknown) => this.onRawUpdate(client, update));
  }

  /** One login step: its answer, or a LoginTimeout after readyTimeoutMs (the server went silent). */
  private async step<T>(name: LoginStep, work: Promise<T>): Promise<T> {
    const timeoutMs = this.config.readyTimeoutMs ?? 20_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new LoginTimeout(name, timeoutMs)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The failure a silent step ends in: a code for the flows, fields the renderer words (which step, which server). */
  private noAnswer(timeout: LoginTimeout): { result: Result<never>; fields: ErrorFields } {
    const server = this.config.server;
    const seconds = Math.max(1, Math.ceil(timeout.timeoutMs / 1000));
    const fields: ErrorFields = server ? { reason: 'no_answer_at', step: timeout.step, seconds, server: `${server.host}:${server.port}` } : { reason: 'no_answer', step: timeout.step, seconds };
    return { result: fail('offline', timeout.message, { fields }), fields };
  }

  private async connectClient(): Promise<TelegramClient> {
    if (this.client) return this.client;
    const client = this.createClient();
    this.client = client;
    try {
      await this.step('connect', client.connect());
    } catch (error) {
      this.client = undefined;
      await destroyQuietly(client);
      throw error;
    }
    readWholeContainers(client);
    return client;
  }

  async start(): Promise<Result<SourceInfo>> {
    this.stopped = false;
    this.setState('connecting');
    try {
      const client = await this.connectClient();
      if (!(await this.isAuthorized(client))) {
        if (!this.config.botToken) {
          const detail = this.config.session ? 'Telegram ended this login. Log in again in Settings → Connections.' : 'Log in with a phone number in Settings → Connections.';
          this.setState('token_invalid', detail);
          return fail('token_invalid', detail);
        }
        await this.step(
          'sign_in',
          client.invoke(new Api.auth.ImportBotAuthorization({ flags: 0, apiId: this.config.apiId, apiHash: this.config.apiHash, botAuthToken: this.config.botToken })),
        );
      }
      await this.afterLogin(client);
      return ok(this.info());
    } catch (error) {
      if (error instanceof LoginTimeout) {
        // A fresh connection next time: whatever the old one was waiting for is not coming.
        const { result, fields } = this.noAnswer(error);
        log.warn(error.message);
        await this.dropClient();
        this.setState('error', error.message, fields);
        this.scheduleRetry();
        return result;
      }
      const failure = toFailure(error);
      if (failure.ok) return failure;
      if (failure.error.code === 'token_invalid' || rpcMessageOf(error)?.startsWith('ACCESS_TOKEN')) {
        const detail = this.config.botToken ? 'Telegram rejected the bot token. Update it in Settings → Connections.' : 'Telegram ended this login. Log in again in Settings → Connections.';
        await this.dropClient();
        this.setState('token_invalid', detail);
        return fail('token_invalid', detail);
      }
      await this.dropClient();
      this.setState('error', failure.error.message);
      this.scheduleRetry();
      return failure;
    }
  }

  private scheduleRetry() {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) void this.start();
    }, this.config.retryDelayMs ?? 5_000);
    this.retryTimer.unref?.();
  }

  private async isAuthorized(client: TelegramClient): Promise<boolean> {
    try {
      await this.step('check_login', client.invoke(new Api.updates.GetState()));
      return true;
    } catch (error) {
      if (isLoginGone(error)) return false;
      throw error;
    }
  }

  private async afterLogin(client: TelegramClient) {
    this.listen(client);
    const me = await this.step('profile', client.getMe());
    if (!(me instanceof Api.User)) throw new Error('getMe answered without a user');
    this.self = { id: me.id.toString(), name: me.username ?? displayName(me) ?? me.id.toString(), bot: me.bot ?? false };
    const state = await this.step('position', client.invoke(new Api.updates.GetState()));
    this.account = { pts: state.pts, qts: state.qts, date: state.date };
    if (!this.self.bot) await this.step('chats', this.loadDialogs(client));
    for (const chat of this.chats.values()) if (chat.forum) await this.step('chats', this.loadTopics(client, chat));
    this.ready = true;
    this.setState('ready');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.dropClient();
    this.setState('disconnected');
  }

  private async dropClient() {
    const client = this.client;
    this.client = undefined;
    this.ready = false;
    if (client) await destroyQuietly(client);
  }

  private loginGone(error: unknown) {
    if (this.state === 'token_invalid') return;
    log.warn(`login ended by Telegram (${rpcMessageOf(error) ?? 'unknown'})`);
    this.ready = false;
    this.setState('token_invalid', 'Telegram ended this login. Log in again in Settings → Connections.');
    // Stop gramjs from reconnecting with a key Telegram no longer accepts.
    void this.dropClient();
  }

  // ---- user-account login (phone → code → 2FA) ----

  /** Step 1: Telegram sends a code to the account's apps. */
  async beginUserLogin(phone: string): Promise<Result<{ phoneCodeHash: string }>> {
    try {
      const client = await this.connectClient();
      const sent = await this.step(
        'send_code',
        client.invoke(new Api.auth.SendCode({ phoneNumber: phone, apiId: this.config.apiId, apiHash: this.config.apiHash, settings: new Api.CodeSettings({}) })),
      );
      if (!(sent instanceof Api.auth.SentCode)) return fail('unsupported', 'Telegram signed this account in without a code; try again.');
      this.pendingLogin = { phone, phoneCodeHash: sent.phoneCodeHash };
      return ok({ phoneCodeHash: sent.phoneCodeHash });
    } catch (error) {
      if (error instanceof LoginTimeout) {
        await this.dropClient();
        return this.noAnswer(error).result;
      }
      return toFailure(error);
    }
  }

  /**
   * Step 2 (and 3): the code, then the cloud password when the account has one. On success the
   * session string comes back for main's secret store; it never goes anywhere else.
   */
  async completeUserLogin(code: string, password?: string): Promise<Result<UserLoginStep>> {
    const client = this.client;
    const pending = this.pendingLogin;
    if (!client || !pending) return fail('invalid_input', 'Start with the phone number first.');
    try {
      let authorized = false;
      if (code) {
        try {
          const result = await this.step('check_code', client.invoke(new Api.auth.SignIn({ phoneNumber: pending.phone, phoneCodeHash: pending.phoneCodeHash, phoneCode: code })));
          if (result instanceof Api.auth.AuthorizationSignUpRequired) return fail('unsupported', 'This phone number has no Telegram account yet.');
          authorized = true;
        } catch (error) {
          if (rpcMessageOf(error) !== 'SESSION_PASSWORD_NEEDED') throw error;
        }
      }
      if (!authorized) {
        const srp = await this.step('password', client.invoke(new Api.account.GetPassword()));
        if (!password) return ok(srp.hint ? { status: 'password_needed', hint: srp.hint } : { status: 'password_needed' });
        await this.step('password', client.invoke(new Api.auth.CheckPassword({ password: await computeCheck(srp, password) })));
      }
      this.pendingLogin = undefined;
      await this.afterLogin(client);
      return ok({ status: 'signed_in', session: this.session.save() });
    } catch (error) {
      if (error instanceof LoginTimeout) return this.noAnswer(error).result;
      const message = rpcMessageOf(error);
      if (message === 'PHONE_CODE_INVALID' || message === 'PHONE_CODE_EXPIRED') return fail('invalid_input', 'That code is not right or has expired.');
      if (message === 'PASSWORD_HASH_INVALID') return fail('invalid_input', 'That password is not right.');
      return toFailure(error);
    }
  }

  // ---- learning chats and users ----

  private learnEntity(entity: unknown): ChatState | undefined {
    if (entity instanceof Api.User) {
      const id = entity.id.toString();
      const user: TgUserLike = { id, bot: entity.bot ?? false };
      if (entity.firstName) user.firstName = entity.firstName;
      if (entity.lastName) user.lastName = entity.lastName;
      if (entity.username) user.username = entity.username;
      const known = this.users.get(id);
      // "min" users carry no usable access hash; keep the one we had.
      const accessHash = !entity.min && entity.accessHash ? entity.accessHash.toString() : known?.accessHash;
      this.users.set(id, accessHash ? { user, accessHash } : { user });
      return undefined;
    }
    if (entity instanceof Api.Chat && !entity.deactivated) {
      const id = entity.id.toString();
      let chat = this.chats.get(id);
      const isNew = !chat;
      if (!chat) this.chats.set(id, (chat = { id, basic: true, accessHash: '0', forum: false, topics: new Map() }));
      chat.title = entity.title;
      if (entity.defaultBannedRights instanceof Api.ChatBannedRights) chat.defaultRights = entity.defaultBannedRights;
      if (isNew && this.ready) this.setState(this.state, this.stateDetail, this.stateFields);
      return chat;
    }
    if (entity instanceof Api.Channel && !entity.broadcast) {
      const id = entity.id.toString();
      let chat = this.chats.get(id);
      const isNew = !chat;
      if (!chat) {
        chat = { id, accessHash: entity.accessHash?.toString() ?? '0', forum: entity.forum ?? false, topics: new Map() };
        this.chats.set(id, chat);
      }
      if (!entity.min && entity.accessHash) chat.accessHash = entity.accessHash.toString();
      chat.title = entity.title;
      chat.forum = entity.forum ?? false;
      if (entity.defaultBannedRights instanceof Api.ChatBannedRights) chat.defaultRights = entity.defaultBannedRights;
      if (isNew && this.ready) {
        this.setState(this.state, this.stateDetail, this.stateFields);
        const client = this.client;
        if (chat.forum && client) void this.enqueue(() => this.loadTopics(client, chat as ChatState));
      }
      return chat;
    }
    return undefined;
  }

  /**
   * The admins of a supergroup, for triage's impersonation check: undefined until loaded (the first
   * ask starts the load), then the same list object until an admin changes.
   */
  staff(spaceId: string): StaffList | undefined {
    const known = this.staffByChat.get(spaceId);
    if (known) return known;
    const chat = this.chats.get(spaceId);
    const client = this.client;
    if (chat && !chat.basic && client && this.ready && !this.staffLoading.has(spaceId)) {
      this.staffLoading.add(spaceId);
      void this.enqueue(() => this.loadStaff(client, chat)).finally(() => this.staffLoading.delete(spaceId));
    }
    return undefined;
  }

  private async loadStaff(client: TelegramClient, chat: ChatState) {
    try {
      const result = await client.invoke(
        new Api.channels.GetParticipants({ channel: this.inputChannelOf(chat), filter: new Api.ChannelParticipantsAdmins(), offset: 0, limit: 200, hash: returnZero() }),
      );
      if (!(result instanceof Api.channels.ChannelParticipants)) return;
      this.learnAll(result.users);
      const ids = new Set<string>();
      for (const p of result.participants) if (p instanceof Api.ChannelParticipantAdmin || p instanceof Api.ChannelParticipantCreator) ids.add(p.userId.toString());
      if (this.self) ids.add(this.self.id);
      const names = new Set<string>();
      for (const id of ids) {
        const user = this.users.get(id)?.user;
        if (!user) continue;
        for (const name of [displayName(user), user.username]) if (name) names.add(name);
      }
      this.staffByChat.set(chat.id, { names: [...names], ids: [...ids] });
    } catch (error) {
      log.warn(`could not list the admins of ${chat.id}`, rpcMessageOf(error) ?? error);
    }
  }

  private learnAll(list: readonly unknown[]) {
    for (const e of list) this.learnEntity(e);
  }

  private async loadDialogs(client: TelegramClient) {
    const dialogs = await client.invoke(
      new Api.messages.GetDialogs({ offsetDate: 0, offsetId: 0, offsetPeer: new Api.InputPeerEmpty(), limit: 100, hash: returnZero() }),
    );
    if (dialogs instanceof Api.messages.DialogsNotModified) return;
    this.learnAll(dialogs.users);
    this.learnAll(dialogs.chats);
    for (const d of dialogs.dialogs) {
      if (!(d instanceof Api.Dialog) || !(d.peer instanceof Api.PeerChannel)) continue;
      const chat = this.chats.get(d.peer.channelId.toString());
      if (chat && typeof d.pts === 'number' && chat.pts === undefined) chat.pts = d.pts;
    }
  }

  private async loadTopics(client: TelegramClient, chat: ChatState) {
    try {
      const result = await client.invoke(
        new Api.channels.GetForumTopics({ channel: this.inputChannelOf(chat), offsetDate: 0, offsetId: 0, offsetTopic: 0, limit: 100 }),
      );
      for (const t of result.topics) if (t instanceof Api.ForumTopic) chat.topics.set(t.id, t.title);
      this.setState(this.state, this.stateDetail, this.stateFields);
    } catch (error) {
      // Names then come from each topic's creation message (nameTopics) or from stored positions.
      log.warn(`could not list the topics of ${chat.id}`, rpcMessageOf(error) ?? error);
    }
  }

  /**
   * Names the topics of `messages` that have none yet from their service message: a topic's id is the
   * id of its messageActionTopicCreate, which channels.getMessages returns to bots and users alike.
   */
  private async nameTopics(client: TelegramClient, chat: ChatState, messages: readonly Api.TypeMessage[]) {
    if (!chat.forum) return;
    const asked = (chat.topicsAsked ??= new Set());
    const unnamed = new Set<number>();
    for (const m of messages) {
      const topic = this.topicIdOf(m);
      if (topic !== undefined && topic !== GENERAL_TOPIC && !chat.topics.has(topic) && !asked.has(topic)) unnamed.add(topic);
    }
    if (unnamed.size === 0) return;
    for (const id of unnamed) asked.add(id);
    try {
      const result = await client.invoke(new Api.channels.GetMessages({ channel: this.inputChannelOf(chat), id: [...unnamed].map((id) => new Api.InputMessageID({ id })) }));
      if (result instanceof Api.messages.MessagesNotModified) return;
      for (const m of result.messages) {
        if (m instanceof Api.MessageService && m.action instanceof Api.MessageActionTopicCreate && unnamed.has(m.id)) chat.topics.set(m.id, m.action.title);
      }
      this.setState(this.state, this.stateDetail, this.stateFields);
    } catch (error) {
      log.warn(`could not name the topics of ${chat.id}`, rpcMessageOf(error) ?? error);
    }
  }

  private topicIdOf(message: Api.TypeMessage): number | undefined {
    if (!(message instanceof Api.Message) && !(message instanceof Api.MessageService)) return undefined;
    const reply = message.replyTo instanceof Api.MessageReplyHeader ? message.replyTo : undefined;
    return reply?.forumTopic ? (reply.replyToTopId ?? reply.replyToMsgId) : undefined;
  }

  private inputChannelOf(chat: ChatState): Api.InputChannel {
    return new Api.InputChannel({ channelId: bigOf(chat.id), accessHash: bigOf(chat.accessHash) });
  }

  private ref(chat: ChatState): TgChatRef {
    return { sourceId: this.sourceId, chatId: chat.id, ...(chat.title ? { chatTitle: chat.title } : {}), topicTitles: chat.topics };
  }

  // ---- updates ----

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task).catch((error: unknown) => {
      if (isLoginGone(error)) this.loginGone(error);
      else log.warn('update processing failed', rpcMessageOf(error) ?? error);
    });
    this.chain = run;
    return run;
  }

  private onRawUpdate(client: TelegramClient, update: unknown) {
    if (client !== this.client) return;
    if (update instanceof UpdateConnectionState) {
      if (!this.ready || this.stopped) return;
      if (update.state === UpdateConnectionState.disconnected) this.setState('resuming', 'Reconnecting to Telegram…');
      else if (update.state === UpdateConnectionState.connected) {
        // Telegram pushed nothing while we were away: ask for what we missed.
        void this.enqueue(async () => {
          await this.fillAccount(client);
          await this.fillAll(client);
          if (this.ready && this.state !== 'token_invalid') this.setState('ready');
        });
      } else if (update.state === UpdateConnectionState.broken) this.loginGone({ errorMessage: 'AUTH_KEY_INVALID' });
      return;
    }
    const entities = (update as { _entities?: Map<string, unknown> } | null)?._entities;
    if (entities) this.learnAll([...entities.values()]);
    void this.enqueue(() => this.applyUpdate(client, update));
  }

  /** Applies one update in pts order; a gap is filled by the channel's difference (which includes it). */
  private async applyUpdate(client: TelegramClient, update: unknown): Promise<void> {
    if (update instanceof Api.UpdatesTooLong) {
      await this.fillAll(client);
      return;
    }
    if (update instanceof Api.Updates || update instanceof Api.UpdatesCombined) {
      this.learnAll(update.users);
      this.learnAll(update.chats);
      for (const u of update.updates) await this.applyUpdate(client, u);
      return;
    }
    if (update instanceof Api.UpdateNewMessage || update instanceof Api.UpdateEditMessage) {
      const message = update.message;
      const edit = update instanceof Api.UpdateEditMessage;
      await this.applyAccountPts(client, update.pts, update.ptsCount, () => this.accountEvents(message, edit).forEach((e) => this.emit(e)));
      return;
    }
    if (update instanceof Api.UpdateShortMessage) {
      // A private message in the short form (how Telegram pushes plain text): the other side by id only.
      if (!this.users.has(update.userId.toString())) {
        await this.fillAccount(client);
        return;
      }
      const message = fromShortForm(update, new Api.PeerUser({ userId: update.userId }), update.out ? undefined : update.userId);
      await this.applyAccountPts(client, update.pts, update.ptsCount, () => this.accountEvents(message, false).forEach((e) => this.emit(e)));
      return;
    }
    if (update instanceof Api.UpdateShortChatMessage) {
      // The short form names the group and the author by id only: unknown ones come with getDifference.
      const chat = this.chats.get(update.chatId.toString());
      if (!chat || !this.users.has(update.fromId.toString())) {
        await this.fillAccount(client);
        return;
      }
      const message = fromShortForm(update, new Api.PeerChat({ chatId: update.chatId }), update.fromId);
      await this.applyAccountPts(client, update.pts, update.ptsCount, () => this.accountEvents(message, false).forEach((e) => this.emit(e)));
      return;
    }
    if (update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateEditChannelMessage) {
      const message = update.message;
      if (!(message.peerId instanceof Api.PeerChannel)) return;
      const chat = this.chats.get(message.peerId.channelId.toString());
      if (!chat) return;
      const edit = update instanceof Api.UpdateEditChannelMessage;
      await this.nameTopics(client, chat, [message]);
      await this.applyPts(client, chat, update.pts, update.ptsCount, () => this.emitMessage(chat, message, edit));
      return;
    }
    if (update instanceof Api.UpdateDeleteChannelMessages) {
      const chat = this.chats.get(update.channelId.toString());
      if (!chat) return;
      await this.applyPts(client, chat, update.pts, update.ptsCount, () => this.emitDeletes(chat, update.messages));
      return;
    }
    if (update instanceof Api.UpdateChannelParticipant) {
      // qts-ordered; we keep the position so getDifference starts after it.
      if (update.qts > this.account.qts) this.account = { ...this.account, qts: update.qts };
      const chat = this.chats.get(update.channelId.toString());
      // Someone became or stopped being an admin: the staff triage compares names with is read again.
      if (chat && [update.prevParticipant, update.newParticipant].some((p) => p instanceof Api.ChannelParticipantAdmin || p instanceof Api.ChannelParticipantCreator)) this.staffByChat.delete(chat.id);
      const actorId = update.actorId.toString();
      const targetId = update.userId.toString();
      const now = update.newParticipant;
      // Only an admin acting on someone else in the app; our own actions come back as results.
      if (!chat || actorId === this.self?.id || actorId === targetId || !(now instanceof Api.ChannelParticipantBanned)) return;
      const actor = this.users.get(actorId)?.user ?? { id: actorId };
      this.emit(normalizeAdminRestriction(this.ref(chat), { actor, targetId, banned: now.bannedRights.viewMessages === true, date: update.date, qts: update.qts }));
      return;
    }
    if (update instanceof Api.UpdateChannelTooLong) {
      const chat = this.chats.get(update.channelId.toString());
      if (chat) await this.fillChannel(client, chat, (e) => this.emit(e, chat));
      return;
    }
    if (update instanceof Api.UpdateChannel) {
      const chat = this.chats.get(update.channelId.toString());
      if (chat?.forum) await this.loadTopics(client, chat);
    }
  }

  private async applyPts(client: TelegramClient, chat: ChatState, pts: number, ptsCount: number, apply: () => void) {
    if (chat.pts === undefined) chat.pts = pts - ptsCount;
    if (pts <= chat.pts) return; // already applied (a repeat, or covered by a difference)
    if (chat.pts + ptsCount < pts) {
      await this.fillChannel(client, chat, (e) => this.emit(e, chat));
      return;
    }
    // pts first: the positions sent with the emitted events must already cover them.
    chat.pts = pts;
    apply();
  }

  /** The account's common box (private chats) in pts order; a gap is filled by updates.getDifference. */
  private async applyAccountPts(client: TelegramClient, pts: number, ptsCount: number, apply: () => void) {
    if (pts <= this.account.pts) return;
    if (this.account.pts + ptsCount < pts) {
      await this.fillAccount(client);
      return;
    }
    this.account = { ...this.account, pts };
    apply();
  }

  private async fillAccount(client: TelegramClient) {
    const { pts, qts, date } = this.account;
    await this.accountDifference(client, [pts, qts, date], (e) => this.emit(e));
  }

  /** A message of the account's common box: a basic group's (any source), or a private one (bots). */
  private accountEvents(message: Api.TypeMessage, edit: boolean): RawEvent[] {
    if ((message instanceof Api.Message || message instanceof Api.MessageService) && message.peerId instanceof Api.PeerChat) {
      const chat = this.chats.get(message.peerId.chatId.toString());
      return chat ? this.messageEvents(chat, message, edit) : [];
    }
    return edit ? [] : this.privateEvents(message);
  }

  /**
   * A private message of a bot source → a '@dm' event. A person's own account keeps its private
   * chats private: only a bot's DMs are the team's business (members writing to the moderators).
   */
  private privateEvents(message: Api.TypeMessage): RawEvent[] {
    const self = this.self;
    if (!self?.bot || !(message instanceof Api.Message) || !(message.peerId instanceof Api.PeerUser)) return [];
    const peer = message.peerId.userId.toString();
    const authorId = message.out ? self.id : message.fromId instanceof Api.PeerUser ? message.fromId.userId.toString() : peer;
    const like: TgMessageLike = { id: message.id, date: message.date, text: message.message, fromId: authorId };
    const targets = linkTargetsOf(message);
    if (targets.length > 0) like.linkTargets = targets;
    const known = authorId === self.id ? { id: self.id, username: self.name, bot: true } : this.users.get(authorId)?.user;
    if (known) like.author = known;
    const reply = message.replyTo instanceof Api.MessageReplyHeader ? message.replyTo : undefined;
    if (typeof reply?.replyToMsgId === 'number') like.replyToMessageId = reply.replyToMsgId;
    return [normalizePrivateMessage(this.sourceId, peer, like)];
  }

  private async fillAll(client: TelegramClient) {
    for (const chat of this.chats.values()) if (chat.pts !== undefined && !chat.basic) await this.fillChannel(client, chat, (e) => this.emit(e, chat));
  }

  /** Applies the channel's difference from chat.pts until Telegram says it is final. */
  private async fillChannel(client: TelegramClient, chat: ChatState, sink: (event: RawEvent) => void) {
    if (chat.pts === undefined) return;
    chat.pts = await this.channelDifference(client, chat, chat.pts, sink);
  }

  /** Sends every event after `fromPts` to `sink`, oldest first; returns the pts reached. */
  private async channelDifference(client: TelegramClient, chat: ChatState, fromPts: number, sink: (event: RawEvent) => void): Promise<number> {
    let pts = fromPts;
    for (let page = 0; page < 10_000; page++) {
      const diff = await client.invoke(
        new Api.updates.GetChannelDifference({
          channel: this.inputChannelOf(chat),
          filter: new Api.ChannelMessagesFilterEmpty(),
          pts,
          limit: this.self?.bot ? 10_000 : 1_000,
          force: true,
        }),
      );
      if (diff instanceof Api.updates.ChannelDifferenceEmpty) return diff.pts;
      this.learnAll(diff.users);
      this.learnAll(diff.chats);
      if (diff instanceof Api.updates.ChannelDifferenceTooLong) {
        // Too far behind for a difference: Telegram gives the latest messages and a fresh pts.
        await this.nameTopics(client, chat, diff.messages);
        for (const m of diff.messages) this.messageEvents(chat, m, false).forEach(sink);
        return diff.dialog instanceof Api.Dialog && typeof diff.dialog.pts === 'number' ? diff.dialog.pts : pts;
      }
      await this.nameTopics(client, chat, [...diff.newMessages, ...diff.otherUpdates.flatMap((u) => (u instanceof Api.UpdateEditChannelMessage ? [u.message] : []))]);
      for (const m of diff.newMessages) this.messageEvents(chat, m, false).forEach(sink);
      for (const u of diff.otherUpdates) {
        if (u instanceof Api.UpdateEditChannelMessage) this.messageEvents(chat, u.message, true).forEach(sink);
        else if (u instanceof Api.UpdateDeleteChannelMessages) this.deleteEvents(chat, u.messages).forEach(sink);
      }
      pts = diff.pts;
      if (diff.final) return pts;
    }
    return pts;
  }

  private emitMessage(chat: ChatState, message: Api.TypeMessage, edit: boolean) {
    for (const e of this.messageEvents(chat, message, edit)) this.emit(e, chat);
  }

  private emitDeletes(chat: ChatState, ids: number[]) {
    for (const e of this.deleteEvents(chat, ids)) this.emit(e, chat);
  }

  private deleteEvents(chat: ChatState, ids: number[]): RawEvent[] {
    const now = Date.now();
    return ids.map((id) => normalizeDelete(this.ref(chat), id, this.topicOfMessage.get(`${chat.id}:${id}`), now));
  }

  private rememberOwn(chat: ChatState, message: Api.TypeMessage) {
    if (!(message instanceof Api.Message) || !message.out) return;
    const list = this.ownRecent.get(chat.id) ?? [];
    if (!list.some((m) => m.id === message.id)) list.push({ id: message.id, text: message.message });
    this.ownRecent.set(chat.id, list.slice(-OWN_MEMORY));
  }

  /**
   * Our own message with this text among the chat's latest, when a send's answer was lost (Telegram
   * answered the repeat RANDOM_ID_DUPLICATE): looked up in what the connector saw, else after
   * catching the channel up (bots may not read history).
   */
  private async findOwnMessage(client: TelegramClient, chatId: string, text: string): Promise<number | undefined> {
    const look = () => [...(this.ownRecent.get(chatId) ?? [])].reverse().find((m) => m.text === text)?.id;
    const seen = look();
    if (seen !== undefined) return seen;
    const chat = this.chats.get(chatId);
    if (!chat) return undefined;
    await this.enqueue(() => this.fillChannel(client, chat, (e) => this.emit(e, chat)));
    return look();
  }

  private messageEvents(chat: ChatState, message: Api.TypeMessage, edit: boolean): RawEvent[] {
    this.rememberOwn(chat, message);
    const like = this.messageLike(chat, message);
    if (!like) return [];
    if (like.topicId !== undefined) {
      this.topicOfMessage.set(`${chat.id}:${like.id}`, like.topicId);
      if (this.topicOfMessage.size > TOPIC_MEMORY) {
        const oldest = this.topicOfMessage.keys().next().value;
        if (oldest !== undefined) this.topicOfMessage.delete(oldest);
      }
    }
    if (like.service) {
      const users = new Map([...this.users].map(([id, k]) => [id, k.user] as const));
      return edit ? [] : normalizeService(this.ref(chat), like, users);
    }
    if (edit) return [normalizeEdit(this.ref(chat), like)];
    const event = normalizeMessage(this.ref(chat), like);
    // `/report` as a reply, or `@admin`: a member report besides the message itself.
    const report = normalizeReport(event);
    return report ? [event, report] : [event];
  }

  /** gramjs message → the plain record normalize reads. */
  private messageLike(chat: ChatState, message: Api.TypeMessage): TgMessageLike | undefined {
    if (!(message instanceof Api.Message) && !(message instanceof Api.MessageService)) return undefined;
    const fromId = message.fromId instanceof Api.PeerUser ? message.fromId.userId.toString() : message.fromId instanceof Api.PeerChannel ? message.fromId.channelId.toString() : undefined;
    const like: TgMessageLike = { id: message.id, date: message.date, text: message instanceof Api.Message ? message.message : '' };
    if (fromId) {
      like.fromId = fromId;
      const known = this.users.get(fromId);
      if (known) like.author = known.user;
    }
    const reply = message.replyTo instanceof Api.MessageReplyHeader ? message.replyTo : undefined;
    if (reply?.forumTopic) {
      like.topicId = reply.replyToTopId ?? reply.replyToMsgId ?? GENERAL_TOPIC;
      if (typeof reply.replyToTopId === 'number' && typeof reply.replyToMsgId === 'number') like.replyToMessageId = reply.replyToMsgId;
    } else {
      if (chat.forum) like.topicId = GENERAL_TOPIC;
      if (typeof reply?.replyToMsgId === 'number') like.replyToMessageId = reply.replyToMsgId;
    }
    if (message instanceof Api.MessageService) {
      const action = message.action;
      if (action instanceof Api.MessageActionChatAddUser) like.service = { kind: 'join', userIds: action.users.map((u) => u.toString()) };
      else if (action instanceof Api.MessageActionChatJoinedByLink || action instanceof Api.MessageActionChatJoinedByRequest) like.service = { kind: 'join', userIds: fromId ? [fromId] : [] };
      else if (action instanceof Api.MessageActionChatDeleteUser) like.service = { kind: 'leave', userIds: [action.userId.toString()] };
      else {
        if (action instanceof Api.MessageActionTopicCreate) {
          chat.topics.set(message.id, action.title);
          like.topicId = message.id;
        }
        like.service = { kind: 'other', userIds: [] };
      }
      return like;
    }
    if (message.editDate) like.editDate = message.editDate;
    const fwd = message.fwdFrom;
    if (fwd) {
      const fwdUser = fwd.fromId instanceof Api.PeerUser ? this.users.get(fwd.fromId.userId.toString())?.user : undefined;
      const name = fwd.fromName ?? (fwdUser ? displayName(fwdUser) ?? fwdUser.username : undefined) ?? (fwd.fromId ? 'another chat' : undefined);
      if (name) like.forwardedFrom = name;
    }
    const mentions = (message.entities ?? []).filter(
      (e) => e instanceof Api.MessageEntityMention || e instanceof Api.MessageEntityMentionName || e instanceof Api.InputMessageEntityMentionName,
    ).length;
    if (mentions > 0) like.mentions = mentions;
    const targets = linkTargetsOf(message);
    if (targets.length > 0) like.linkTargets = targets;
    const media = message.media;
    if (media instanceof Api.MessageMediaPhoto) like.attachments = [{ name: 'photo', contentType: 'image/jpeg' }];
    else if (media instanceof Api.MessageMediaDocument && media.document instanceof Api.Document) {
      const file = media.document.attributes.find((a): a is Api.DocumentAttributeFilename => a instanceof Api.DocumentAttributeFilename);
      like.attachments = [{ name: file?.fileName ?? 'document', contentType: media.document.mimeType }];
    }
    return like;
  }

  // ---- catch-up and context ----

  async catchUp(positions: Record<string, string>, backfill: number): Promise<RawEvent[]> {
    const client = this.client;
    if (!client || !this.ready) throw new Error('The Telegram connection is not ready.');
    const collected: RawEvent[] = [];
    await this.enqueue(async () => {
      this.rememberTopicNames(positions);
      const state = positions['@state']?.split(':').map(Number);
      if (state && state.length === 3 && state.every(Number.isFinite)) await this.accountDifference(client, state as [number, number, number], (e) => collected.push(e));
      const seen = new Set<string>();
      for (const [key, value] of Object.entries(positions)) {
        if (!key.startsWith('@channel:')) continue;
        const chatId = key.slice('@channel:'.length);
        const [ptsText, hash] = value.split(':');
        const fromPts = Number(ptsText);
        if (!Number.isInteger(fromPts) || fromPts <= 0) continue;
        let chat = this.chats.get(chatId);
        if (!chat) {
          chat = { id: chatId, accessHash: hash ?? '0', forum: false, topics: new Map() };
          this.chats.set(chatId, chat);
        }
        seen.add(chatId);
        const reached = await this.channelDifference(client, chat, fromPts, (e) => collected.push(e));
        // Live tracking continues from whichever is further along; both sides dedupe by event id.
        if (chat.pts === undefined || chat.pts < reached) chat.pts = reached;
        if (chat.forum && chat.topics.size === 0) await this.loadTopics(client, chat);
      }
      if (backfill > 0 && this.self && !this.self.bot) {
        for (const chat of this.chats.values()) if (!seen.has(chat.id) && !chat.basic) collected.push(...(await this.recent(client, chat, backfill)));
      }
    });
    this.setState(this.state, this.stateDetail, this.stateFields);
    return collected;
  }

  /** Topic names stored with earlier events ('@topic:<chat>:<topic>'), for topics not named since. */
  private rememberTopicNames(positions: Record<string, string>) {
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
    if (learnt) this.setState(this.state, this.stateDetail, this.stateFields);
  }

  private async accountDifference(client: TelegramClient, from: [number, number, number], sink: (event: RawEvent) => void) {
    let [pts, qts, date] = from;
    for (let page = 0; page < 1000; page++) {
      const diff = await client.invoke(new Api.updates.GetDifference({ pts, qts, date }));
      if (diff instanceof Api.updates.DifferenceEmpty) {
        this.account = { ...this.account, date: diff.date };
        return;
      }
      if (diff instanceof Api.updates.DifferenceTooLong) {
        this.account = { ...this.account, pts: diff.pts };
        return;
      }
      this.learnAll(diff.users);
      this.learnAll(diff.chats);
      const next = diff instanceof Api.updates.Difference ? diff.state : diff.intermediateState;
      // The account position moves before the events are handed on, as with a channel's pts.
      this.account = { pts: next.pts, qts: next.qts, date: next.date };
      for (const m of diff.newMessages) this.accountEvents(m, false).forEach(sink);
      for (const u of diff.otherUpdates) {
        if (u instanceof Api.UpdateEditMessage) this.accountEvents(u.message, true).forEach(sink);
        if (u instanceof Api.UpdateChannelTooLong) {
          const chat = this.chats.get(u.channelId.toString());
          if (chat?.pts !== undefined) chat.pts = await this.channelDifference(client, chat, chat.pts, sink);
        }
      }
      ({ pts, qts, date } = next);
      if (diff instanceof Api.updates.Difference) return;
    }
  }

  private async recent(client: TelegramClient, chat: ChatState, limit: number): Promise<RawEvent[]> {
    const result = await client.invoke(
      new Api.messages.GetHistory({ peer: new Api.InputPeerChannel({ channelId: bigOf(chat.id), accessHash: bigOf(chat.accessHash) }), offsetId: 0, offsetDate: 0, addOffset: 0, limit: Math.min(limit, 100), maxId: 0, minId: 0, hash: returnZero() }),
    );
    if (result instanceof Api.messages.MessagesNotModified) return [];
    this.learnAll(result.users);
    this.learnAll(result.chats);
    await this.nameTopics(client, chat, result.messages);
    return [...result.messages].reverse().flatMap((m) => this.messageEvents(chat, m, false));
  }

  async context(channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>> {
    const client = this.client;
    if (!client || !this.ready) return fail('offline', 'The Telegram connection is not ready.');
    const chat = this.chats.get(channelId) ?? [...this.chats.values()].find((c) => c.topics.has(Number(channelId)));
    if (!chat) return fail('not_found', 'That Telegram chat is not known to this account.');
    const around = Number(messageId);
    const half = Math.max(1, Math.floor(limit / 2));
    // Bots may not read history; channels.getMessages by id works for bots and users alike.
    const ids: Api.InputMessageID[] = [];
    for (let id = Math.max(1, around - half); id <= around + half; id++) ids.push(new Api.InputMessageID({ id }));
    try {
      // A basic group's messages are ids of the account's box: messages.getMessages, then keep the group's.
      const result = await client.invoke(chat.basic ? new Api.messages.GetMessages({ id: ids }) : new Api.channels.GetMessages({ channel: this.inputChannelOf(chat), id: ids }));
      if (result instanceof Api.messages.MessagesNotModified) return ok([]);
      this.learnAll(result.users);
      this.learnAll(result.chats);
      const ofChat = chat.basic ? result.messages.filter((m) => 'peerId' in m && m.peerId instanceof Api.PeerChat && m.peerId.chatId.toString() === chat.id) : result.messages;
      await this.nameTopics(client, chat, ofChat);
      const events = [...ofChat].sort((a, b) => a.id - b.id).flatMap((m) => this.messageEvents(chat, m, false));
      return ok(events.filter((e) => e.kind === 'message' && (e.channelId === channelId || chat.id === channelId)));
    } catch (error) {
      return toFailure(error);
    }
  }

  async execute(action: ActionIntent): Promise<Result<ConfirmedAction>> {
    const client = this.client;
    const ctx: TelegramActionContext | undefined =
      client && this.ready
        ? {
            client,
            inputChannel: (chatId) => {
              const chat = this.chats.get(chatId);
              // Basic groups take other calls (messages.deleteChatUser…); not supported by the actions yet.
              return chat && !chat.basic ? this.inputChannelOf(chat) : undefined;
            },
            defaultRights: (chatId) => this.chats.get(chatId)?.defaultRights,
            inputUser: (userId) => {
              const known = this.users.get(userId);
              return known?.accessHash ? new Api.InputPeerUser({ userId: bigOf(userId), accessHash: bigOf(known.accessHash) }) : undefined;
            },
            applyResult: (chatId, result, deletedIds) => {
              void this.enqueue(() => this.applyOwnResult(client, chatId, result, deletedIds ?? []));
            },
            findOwnMessage: (chatId, text) => this.findOwnMessage(client, chatId, text),
            floodRetryMaxSeconds: this.config.floodRetryMaxSeconds ?? 10,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          }
        : undefined;
    const result = await executeOnTelegram(ctx, action);
    if (!result.ok && result.error.code === 'token_invalid') this.loginGone({ errorMessage: 'AUTH_KEY_UNREGISTERED' });
    return result;
  }

  /** Asks Telegram whether an action started before a crash took effect (actions/executor.ts). */
  reconcile(action: ActionIntent, since: number): Promise<Result<Reconciled>> {
    const client = this.client;
    const chat = (id: string) => this.chats.get(id);
    return reconcileOnTelegram(
      client && this.ready
        ? {
            client,
            inputChannel: (chatId) => {
              const known = chat(chatId);
              return known ? this.inputChannelOf(known) : undefined;
            },
            inputUser: (userId) => {
              const known = this.users.get(userId);
              return known?.accessHash ? new Api.InputPeerUser({ userId: bigOf(userId), accessHash: bigOf(known.accessHash) }) : undefined;
            },
          }
        : undefined,
      action,
      since,
    );
  }

  private async applyOwnResult(client: TelegramClient, chatId: string, result: Api.TypeUpdates | Api.messages.AffectedMessages, deletedIds: number[]) {
    if (result instanceof Api.messages.AffectedMessages) {
      const chat = this.chats.get(chatId);
      if (chat) await this.applyPts(client, chat, result.pts, result.ptsCount, () => this.emitDeletes(chat, deletedIds));
      return;
    }
    await this.applyUpdate(client, result);
  }
}

const MAX_LINK_TARGETS = 100;

/**
 * Where a message's links really go: text links (the entity's URL, not the words it covers), URL
 * buttons of its inline keyboard, and its web-page preview. Offsets count UTF-16 units, as JS does.
 */
function linkTargetsOf(message: Api.Message): LinkTarget[] {
  const out: LinkTarget[] = [];
  for (const e of message.entities ?? []) {
    if (e instanceof Api.MessageEntityTextUrl) out.push({ via: 'text_link', shown: message.message.slice(e.offset, e.offset + e.length), url: e.url });
  }
  if (message.replyMarkup instanceof Api.ReplyInlineMarkup) {
    for (const row of message.replyMarkup.rows) {
      for (const b of row.buttons) if (b instanceof Api.KeyboardButtonUrl || b instanceof Api.KeyboardButtonUrlAuth) out.push({ via: 'button', shown: b.text, url: b.url });
    }
  }
  const page = message.media instanceof Api.MessageMediaWebPage ? message.media.webpage : undefined;
  if (page instanceof Api.WebPage) out.push({ via: 'preview', shown: page.title ?? page.displayUrl, url: page.url });
  else if (page instanceof Api.WebPagePending && page.url) out.push({ via: 'preview', shown: page.url, url: page.url });
  return out.slice(0, MAX_LINK_TARGETS).map((l) => ({ ...l, shown: l.shown.slice(0, 4096), url: l.url.slice(0, 2048) }));
}

function topicKey(chatId: string, topic: number): string {
  return `@topic:${chatId}:${topic}`;
}

/** A login step that got no answer in time. */
/** The steps of a login, named so the renderer can say where it stopped (errors.loginStep.*). */
type LoginStep = 'connect' | 'check_login' | 'sign_in' | 'profile' | 'position' | 'chats' | 'send_code' | 'check_code' | 'password';

class LoginTimeout extends Error {
  constructor(
    readonly step: LoginStep,
    readonly timeoutMs: number,
  ) {
    super(`Telegram did not answer in ${Math.ceil(timeoutMs / 1000)} s (login step: ${step})`);
  }
}

/** gramjs's destroy can wait on a connection that is already wedged; never let it hold a stop. */
async function destroyQuietly(client: TelegramClient) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([client.destroy().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
}

interface SenderInternals {
  _handlers?: Record<string, (message: { obj: { messages?: unknown[] } }) => Promise<void>>;
  _processMessage?: (message: unknown) => Promise<void>;
}

/**
 * gramjs 2.26.22 stops reading a msg_container at its first RPC error (_handleRPCResult rethrows
 * after rejecting that call), so every other answer in the container is lost and its call never
 * settles. Telegram groups answers routinely, so the main sender reads every inner message and only
 * then passes the first error on, as gramjs would have. Checked against the pinned version.
 */
function readWholeContainers(client: TelegramClient) {
  const sender = (client as unknown as { _sender?: SenderInternals })._sender;
  const handlers = sender?._handlers;
  const processMessage = sender?._processMessage;
  const key = String(0x73f1f8dc);
  if (!sender || !handlers || typeof handlers[key] !== 'function' || typeof processMessage !== 'function') {
    log.warn('gramjs internals changed: containers with an RPC error may lose answers');
    return;
  }
  handlers[key] = async (message) => {
    let first: unknown;
    for (const inner of message.obj.messages ?? []) {
      try {
        await processMessage.call(sender, inner);
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== undefined) throw first;
  };
}

function bigOf(value: string) {
  return returnBigInt(value);
}

function returnZero() {
  return returnBigInt(0);
}
