// The Telegram connector: one gramjs client per source (a bot token or a user account's session).
// This file is its life cycle and wiring; the work is in login.ts (client, sign-in, phone login),
// updates.ts (live updates in pts order, gaps filled), catchup.ts (differences, history, topics),
// events.ts (gramjs objects → events), capabilities.ts (staff) and execute.ts (actions).
// Every update, gap fill and catch-up runs on one chain, so pts checks never race.
import { Api } from 'telegram';
import type { TelegramClient } from 'telegram';
import { UpdateConnectionState } from 'telegram/network';
import { StringSession } from 'telegram/sessions';
import type { ActionIntent } from '@shared/domain/actions';
import type { ChannelInfo, SourceInfo, SpaceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import { logger } from '../../util/log';
import type { ConfirmedAction, Connector, RawEvent, Reconciled, StaffList } from '../../core/connector';
import { ConnectorBase, admissibleOnly } from '../base';
import { ChatStaff } from './capabilities';
import { catchUpFrom, contextAround, loadDialogs, loadTopics } from './catchup';
import { isLoginGone, readTroubleOf, rpcMessageOf, toFailure, waitSecondsOf } from './errors';
import { BioReader } from '../bios';
import { executeOnTelegram, reconcileOnTelegram, type TelegramActionContext } from './execute';
import { bigOf, Known, noteUnread } from './known';
import type { ChatState } from './known';
import { OwedUnbans } from './kicks';
import type { OwedUnban } from './kicks';
import { MembershipReports, RecentJoinsFile } from './membership';
import {
  LoginTimeout,
  TELEGRAM_PRODUCTION,
  checkLoginCode,
  createTelegramClient,
  destroyQuietly,
  isAuthorized,
  loginFailure,
  loginStep,
  noAnswer,
  readWholeContainers,
  sendLoginCode,
  signInBot,
} from './login';
import type { LoginStep, PendingLogin, TelegramSourceConfig, UserLoginStep } from './login';
import { GENERAL_TOPIC, displayName } from './normalize';
import { applyOwnResult, applyUpdate, fillAccount, fillAll, fillChannel } from './updates';
import { PendingTakedowns, ReportThanks } from './thanks';
import type { UpdateLink } from './updates';

export { TELEGRAM_PRODUCTION, telegramServerFromEnv } from './login';
export type { TelegramServer, TelegramSourceConfig, UserLoginStep } from './login';

const log = logger('telegram');
/** How long actions wait at most for the bans a crashed run's kicks left to be lifted. */
const LIFTING_WAIT_MS = 20_000;

export class TelegramConnector extends ConnectorBase implements Connector {
  readonly sourceId: string;
  private client: TelegramClient | undefined;
  private session: StringSession;
  private readonly known: Known;
  /** Each supergroup's admins (names scammers copy), loaded when triage first asks, dropped when admins change. */
  private readonly chatStaff = new ChatStaff();
  /** Every update, gap fill and catch-up runs through this one chain, so pts checks never race. */
  private chain: Promise<void> = Promise.resolve();
  private ready = false;
  private pendingLogin: PendingLogin | undefined;
  private readonly listening = new WeakSet<TelegramClient>();
  /** Members' bios (users.getFullUser), read only when the console asks, spaced and cached. */
  private readonly bioReader = new BioReader((id) => this.readBio(id), { waitOf: waitSecondsOf });
  /** A reporter's thank-you (bots only); `lastMessage`: the message a report that follows it came from. */
  private readonly thanks: ReportThanks;
  private lastMessage: RawEvent | undefined;
  /** The joins and leaves of the last 120 s, kept across restarts (membership.ts). */
  private readonly joinsFile: RecentJoinsFile | undefined;
  private joinsLoaded = false;
  /** Kicks whose ban is still to lift (kicks.ts): kept across retries of the same intent and, in a file, across a crash. */
  private readonly owedUnbans: OwedUnbans;
  private readonly owedKeys = new Set<string>();
  /** The lifting of bans a crashed run's kicks left (once per start); actions wait for it, so none is lifted twice. */
  private lifting: Promise<void> = Promise.resolve();
  /** Groups (by id, '@account' for the account's box) Telegram asked to read again later, with their timers. */
  private readonly rereads = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly config: TelegramSourceConfig) {
    super();
    this.sourceId = config.id;
    this.session = new StringSession(config.session ?? '');
    const joinsFile = config.recentJoinsFile ? new RecentJoinsFile(config.recentJoinsFile) : undefined;
    this.joinsFile = joinsFile;
    this.owedUnbans = new OwedUnbans(config.owedUnbansFile);
    const membership = new MembershipReports(joinsFile ? () => void joinsFile.save(() => membership.entries()) : undefined);
    this.known = new Known(config.id, (chat) => this.chatLearnt(chat), membership);
    this.known.onMoved = () => {
      if (this.ready) this.infoChanged();
    };
    this.thanks = new ReportThanks({
      execute: (action, accessHash) => this.execute(action, accessHash),
      accessHashOf: (chatId) => this.known.chats.get(chatId)?.accessHash,
      ...(config.pendingThanksFile ? { pending: new PendingTakedowns(config.pendingThanksFile) } : {}),
      ...(config.reportThanksDeleteAfterMs ? { deleteAfterMs: config.reportThanksDeleteAfterMs } : {}),
      ...(config.clock ? { now: config.clock } : {}),
    });
  }

  info(): SourceInfo {
    const spaces: SpaceInfo[] = [...this.known.chats.values()].map((chat) => {
      const channels: ChannelInfo[] = [{ id: chat.id, name: chat.topics.get(GENERAL_TOPIC) ?? chat.title ?? chat.id, kind: 'text' }];
      for (const [topic, name] of chat.topics) if (topic !== GENERAL_TOPIC) channels.push({ id: String(topic), name, kind: 'thread' });
      return { id: chat.id, name: chat.title ?? chat.id, channels, ...(chat.lost ? { removed: true as const } : {}), ...(chat.movedTo ? { movedTo: chat.movedTo } : {}), ...(chat.movedFrom ? { movedFrom: chat.movedFrom } : {}), ...(chat.unread?.length ? { unread: chat.unread.map((gap) => ({ ...gap })) } : {}) };
    });
    const info = this.withState({
      id: this.config.id,
      platform: 'telegram',
      label: this.config.label,
      practice: this.config.practice,
      apiBase: this.config.server ? `mtproto://${this.config.server.host}:${this.config.server.port}` : TELEGRAM_PRODUCTION,
      spaces,
    });
    const self = this.known.self;
    if (self) info.self = { id: self.id, name: self.name, bot: self.bot };
    return info;
  }

  /** Where this connector stands (the account's and each channel's position, topic names): see Known.positions. */
  positions(): Record<string, string> {
    return this.known.positions();
  }

  /** Hands an event on with the one position it moves (DESIGN §1). */
  private emit(event: RawEvent, chat?: ChatState) {
    this.publish(this.known.withCursor(event, chat));
    // A report comes right after the member's message that made it (events.ts: [message, report]).
    if (event.kind === 'message') this.lastMessage = event;
    else if (event.kind === 'report') {
      const from = this.lastMessage;
      this.lastMessage = undefined;
      if (this.known.self?.bot && from?.messageId && from.author?.id === event.author?.id && from.channelId === event.channelId && from.ts === event.ts) this.thanks.consider(event, from.messageId);
    }
  }

  /**
   * A chat seen for the first time once ready: the spaces change, a forum's topics are read, and its
   * admin list (the staff triage compares names with, and the ranks events carry as roles). Chats known
   * at login get theirs when triage first asks (their first event), not all at once.
   */
  private chatLearnt(chat: ChatState) {
    if (!this.ready) return;
    this.infoChanged();
    const client = this.client;
    if (!chat.basic && chat.forum && client) void this.enqueue(() => loadTopics(this.link(client), chat));
    this.staff(chat.id);
  }

  private link(client: TelegramClient): UpdateLink {
    return {
      client,
      known: this.known,
      infoChanged: () => this.infoChanged(),
      emit: (event, chat) => this.emit(event, chat),
      staffChanged: (chatId) => this.chatStaff.forget(chatId),
      readFailed: (chat, error) => this.readFailed(client, chat, error),
      ...(this.config.readBackMax !== undefined ? { readBackMax: this.config.readBackMax } : {}),
    };
  }

  /**
   * Reading what a group (or, without `chat`, the account's box) missed failed; its position stayed.
   * A group the account lost is marked and read no more; otherwise it is read again once, after the
   * wait Telegram asked for: rescheduled, never slept through on the update chain, never spun.
   */
  private readFailed(client: TelegramClient, chat: ChatState | undefined, error: unknown) {
    const trouble = readTroubleOf(error);
    if (trouble.lost) {
      if (chat && !chat.lost) {
        chat.lost = true;
        log.warn(`the account can no longer read ${chat.id} (${rpcMessageOf(error) ?? 'refused'})`);
        // What the group said after the last message seen stays unread: the moderator is told from when.
        noteUnread(this.link(client), chat, chat.lastMessageAt === undefined ? {} : { after: chat.lastMessageAt });
      }
      if (chat) return;
    }
    const key = chat?.id ?? '@account';
    if (this.stopped || this.rereads.has(key)) return;
    const seconds = trouble.lost ? 120 : trouble.retryAfterSeconds;
    log.info(`reading ${chat ? 'a group' : 'the account'} again in ${seconds} s (${rpcMessageOf(error) ?? 'no answer'})`);
    const timer = setTimeout(() => {
      this.rereads.delete(key);
      if (this.client !== client || !this.ready) return;
      const link = this.link(client);
      void this.enqueue(() => (chat ? fillChannel(link, chat, (e) => this.emit(e, chat)) : fillAccount(link)));
    }, seconds * 1000);
    timer.unref?.();
    this.rereads.set(key, timer);
  }

  // ---- life cycle ----

  private step<T>(name: LoginStep, work: Promise<T>): Promise<T> {
    return loginStep(this.config, name, work);
  }

  private async connectClient(): Promise<TelegramClient> {
    if (this.client) return this.client;
    const client = createTelegramClient(this.config, this.session, (error) => {
      // Before sign-in every call is "unregistered"; that is the login flow, not a lost login.
      if (this.ready && isLoginGone(error)) this.loginGone(error);
    });
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

  /**
   * Updates are listened to only once the login holds: gramjs answers the first update it dispatches
   * with a users.getUsers of its own, and before authorization that call would travel beside ours.
   */
  private listen(client: TelegramClient) {
    if (this.listening.has(client)) return;
    this.listening.add(client);
    client.addEventHandler((update: unknown) => this.onRawUpdate(client, update));
  }

  async start(): Promise<Result<SourceInfo>> {
    this.stopped = false;
    this.setState('connecting');
    try {
      const client = await this.connectClient();
      if (!(await isAuthorized(this.config, client))) {
        if (!this.config.botToken) {
          const detail = this.config.session ? 'Telegram ended this login. Log in again in Settings → Connections.' : 'Log in with a phone number in Settings → Connections.';
          this.setState('token_invalid', detail);
          return fail('token_invalid', detail);
        }
        await signInBot(this.config, client, this.config.botToken);
      }
      await this.afterLogin(client);
      return ok(this.info());
    } catch (error) {
      if (error instanceof LoginTimeout) {
        // A fresh connection next time: whatever the old one was waiting for is not coming.
        const { result, fields } = noAnswer(this.config, error);
        log.warn(error.message);
        await this.dropClient();
        this.setState('error', error.message, fields);
        this.scheduleRetry(() => this.config.retryDelayMs ?? 5_000, true);
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
      this.scheduleRetry(() => this.config.retryDelayMs ?? 5_000, true);
      return failure;
    }
  }

  private async afterLogin(client: TelegramClient) {
    // The last run's recent joins first: a report coming now may be the second word on one of them.
    if (this.joinsFile && !this.joinsLoaded) {
      this.known.membership.restore(await this.joinsFile.load());
      this.joinsLoaded = true;
    }
    this.listen(client);
    const me = await this.step('profile', client.getMe());
    if (!(me instanceof Api.User)) throw new Error('getMe answered without a user');
    const self = { id: me.id.toString(), name: me.username ?? displayName(me) ?? me.id.toString(), bot: me.bot ?? false };
    this.known.self = self;
    const state = await this.step('position', client.invoke(new Api.updates.GetState()));
    this.known.account = { pts: state.pts, qts: state.qts, date: state.date };
    const link = this.link(client);
    if (!self.bot) await this.step('chats', loadDialogs(link));
    for (const chat of this.known.chats.values()) if (chat.forum) await this.step('chats', loadTopics(link, chat));
    this.ready = true;
    this.lifting = this.liftOwedUnbans(client);
    this.setState('ready');
    // The thank-yous a previous run left in groups (bots only).
    if (self.bot) void this.thanks.resume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.thanks.stop();
    for (const timer of this.rereads.values()) clearTimeout(timer);
    this.rereads.clear();
    this.ready = false;
    this.cancelRetry();
    await this.dropClient();
    await this.joinsFile?.flush();
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

  // ---- user-account login (phone → code → 2FA), login.ts ----

  /** Step 1: Telegram sends a code to the account's apps. */
  async beginUserLogin(phone: string): Promise<Result<{ phoneCodeHash: string }>> {
    try {
      const client = await this.connectClient();
      const sent = await sendLoginCode(this.config, client, phone);
      if (!sent.ok) return sent;
      this.pendingLogin = sent.value;
      return ok({ phoneCodeHash: sent.value.phoneCodeHash });
    } catch (error) {
      if (error instanceof LoginTimeout) {
        await this.dropClient();
        return noAnswer(this.config, error).result;
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
    const checked = await checkLoginCode(this.config, client, pending, code, password);
    if (!checked.ok) return checked;
    if (checked.value.status === 'password_needed') return ok(checked.value);
    try {
      this.pendingLogin = undefined;
      await this.afterLogin(client);
      return ok({ status: 'signed_in', session: this.session.save() });
    } catch (error) {
      return loginFailure(this.config, error);
    }
  }

  // ---- staff (capabilities.ts) ----

  /**
   * The admins of a supergroup, for triage's impersonation check: undefined until loaded (the first
   * ask starts the load), then the same list object until an admin changes.
   */
  staff(spaceId: string): StaffList | undefined {
    const known = this.chatStaff.of(spaceId);
    if (known) return known;
    const chat = this.known.chats.get(spaceId);
    const client = this.client;
    if (chat && !chat.basic && client && this.ready) this.chatStaff.load(this.link(client), chat, (task) => this.enqueue(task));
    else if (chat?.basic && client && this.ready) this.chatStaff.loadBasicRanks(this.link(client), chat, (task) => this.enqueue(task));
    return undefined;
  }

  // ---- bios (link-in-bio suggestions) ----

  bios(memberIds: readonly string[]): Promise<Map<string, string | null>> {
    return this.bioReader.bios(memberIds);
  }

  /** One user's bio; undefined while offline or for a user whose access hash this connection has not seen. */
  private async readBio(userId: string): Promise<string | null | undefined> {
    const client = this.client;
    const input = this.known.inputUserOf(userId);
    if (!client || !this.ready || !input) return undefined;
    const full = await client.invoke(new Api.users.GetFullUser({ id: new Api.InputUser({ userId: input.userId, accessHash: input.accessHash }) }));
    this.known.learnAll(full.users);
    return full.fullUser.about ?? null;
  }

  // ---- updates (updates.ts) ----

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
    const link = this.link(client);
    if (update instanceof UpdateConnectionState) {
      if (!this.ready || this.stopped) return;
      if (update.state === UpdateConnectionState.disconnected) this.setState('resuming', 'Reconnecting to Telegram…');
      else if (update.state === UpdateConnectionState.connected) {
        // Telegram pushed nothing while we were away: ask for what we missed.
        void this.enqueue(async () => {
          await fillAccount(link);
          await fillAll(link);
          if (this.ready && this.state !== 'token_invalid') this.setState('ready');
        });
      } else if (update.state === UpdateConnectionState.broken) this.loginGone({ errorMessage: 'AUTH_KEY_INVALID' });
      return;
    }
    const entities = (update as { _entities?: Map<string, unknown> } | null)?._entities;
    if (entities) this.known.learnAll([...entities.values()]);
    void this.enqueue(() => applyUpdate(link, update));
  }

  // ---- catch-up and context (catchup.ts) ----

  async catchUp(positions: Record<string, string>, backfill: number): Promise<RawEvent[]> {
    const client = this.client;
    if (!client || !this.ready) throw new Error('The Telegram connection is not ready.');
    const collected: RawEvent[] = [];
    await this.enqueue(() => catchUpFrom(this.link(client), positions, backfill, (e) => collected.push(e)));
    this.infoChanged();
    return admissibleOnly(collected);
  }

  async context(channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>> {
    const client = this.client;
    if (!client || !this.ready) return fail('offline', 'The Telegram connection is not ready.');
    const around = await contextAround(this.link(client), channelId, messageId, limit);
    return around.ok ? { ok: true, value: admissibleOnly(around.value) } : around;
  }

  // ---- actions (execute.ts) ----

  /**
   * Lifts the bans of kicks a previous run was cut off in (kicks.ts), once: a member still banned is let
   * back, one who is not any more is left alone. One that cannot be lifted now stays owed: a retry of its
   * kick, or the next start, lifts it.
   */
  private async liftOwedUnbans(client: TelegramClient): Promise<void> {
    for (const owed of await this.owedUnbans.load()) {
      this.owedKeys.add(owed.key);
      try {
        await this.liftOwed(client, owed);
        this.owedKeys.delete(owed.key);
        await this.owedUnbans.remove(owed.key);
      } catch (error) {
        log.warn('could not finish a kick a restart cut off; it stays owed', rpcMessageOf(error) ?? error);
      }
    }
  }

  private async liftOwed(client: TelegramClient, owed: OwedUnban): Promise<void> {
    const channel = new Api.InputChannel({ channelId: bigOf(owed.spaceId), accessHash: bigOf(owed.accessHash) });
    const participant = new Api.InputPeerUser({ userId: bigOf(owed.memberId), accessHash: bigOf(owed.memberAccessHash) });
    let banned: boolean;
    try {
      const found = await client.invoke(new Api.channels.GetParticipant({ channel, participant }));
      // The member becomes known to this run, so the kick's own check after the restart can look at them.
      this.known.learnAll(found.users);
      const p = found.participant;
      banned = p instanceof Api.ChannelParticipantBanned && p.bannedRights.viewMessages === true;
    } catch (error) {
      if (rpcMessageOf(error) !== 'USER_NOT_PARTICIPANT') throw error;
      banned = false;
    }
    if (!banned) return;
    const result = await client.invoke(new Api.channels.EditBanned({ channel, participant, bannedRights: new Api.ChatBannedRights({ untilDate: 0 }) }));
    void this.enqueue(() => applyOwnResult(this.link(client), owed.spaceId, result, []));
    log.info('lifted the ban of a kick a restart cut off');
  }

  /**
   * Actions wait for the lifting at start, so a replayed kick finds its member let back rather than lifting
   * twice; a Telegram that never answers it holds them up at most this long (the kick's own check then runs).
   */
  private async liftingDone(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LIFTING_WAIT_MS);
      timer.unref?.();
    });
    await Promise.race([this.lifting, bound]);
    clearTimeout(timer);
  }

  private readonly kicks = {
    owes: (key: string) => this.owedKeys.has(key),
    owe: async (key: string, channel: Api.InputChannel, spaceId: string, member: Api.InputPeerUser) => {
      this.owedKeys.add(key);
      await this.owedUnbans.add({ key, spaceId, accessHash: channel.accessHash.toString(), memberId: member.userId.toString(), memberAccessHash: member.accessHash.toString(), at: Date.now() });
    },
    paid: async (key: string) => {
      this.owedKeys.delete(key);
      await this.owedUnbans.remove(key);
    },
  };

  /** `accessHash`: the group's, for a group this run has not seen yet (a thank-you taken down after a restart). */
  async execute(action: ActionIntent, accessHash?: string): Promise<Result<ConfirmedAction>> {
    await this.liftingDone();
    const client = this.client;
    const known = this.known;
    const ctx: TelegramActionContext | undefined =
      client && this.ready
        ? {
            client,
            inputChannel: (chatId) => {
              const chat = known.chats.get(chatId);
              if (!chat && accessHash !== undefined) return new Api.InputChannel({ channelId: bigOf(chatId), accessHash: bigOf(accessHash) });
              // Basic groups take other calls (messages.deleteChatUser…); not supported by the actions yet.
              return chat && !chat.basic ? known.inputChannelOf(chat) : undefined;
            },
            defaultRights: (chatId) => known.chats.get(chatId)?.defaultRights,
            movedTo: (chatId) => known.chats.get(chatId)?.movedTo,
            inputUser: (userId) => known.inputUserOf(userId),
            senderOf: (chatId, authorId) => known.senderOf(chatId, authorId),
            albumOf: (chatId, messageId) => known.albumOf(chatId, messageId),
            applyResult: (chatId, result, deletedIds) => {
              void this.enqueue(() => applyOwnResult(this.link(client), chatId, result, deletedIds ?? []));
            },
            findOwnMessage: (chatId, text) => this.findOwnMessage(client, chatId, text),
            kicks: this.kicks,
            floodRetryMaxSeconds: this.config.floodRetryMaxSeconds ?? 10,
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          }
        : undefined;
    const result = await executeOnTelegram(ctx, action);
    if (!result.ok && result.error.code === 'token_invalid') this.loginGone({ errorMessage: 'AUTH_KEY_UNREGISTERED' });
    return result;
  }

  /**
   * Our own message with this text among the chat's latest, when a send's answer was lost (Telegram
   * answered the repeat RANDOM_ID_DUPLICATE): looked up in what the connector saw, else after
   * catching the channel up (bots may not read history).
   */
  private async findOwnMessage(client: TelegramClient, chatId: string, text: string): Promise<number | undefined> {
    const seen = this.known.ownMessageWith(chatId, text);
    if (seen !== undefined) return seen;
    const chat = this.known.chats.get(chatId);
    if (!chat) return undefined;
    await this.enqueue(() => fillChannel(this.link(client), chat, (e) => this.emit(e, chat)));
    return this.known.ownMessageWith(chatId, text);
  }

  /** Asks Telegram whether an action started before a crash took effect (actions/executor.ts). */
  async reconcile(action: ActionIntent, since: number): Promise<Result<Reconciled>> {
    await this.liftingDone();
    const client = this.client;
    const known = this.known;
    return reconcileOnTelegram(
      client && this.ready
        ? {
            client,
            inputChannel: (chatId) => {
              const chat = known.chats.get(chatId);
              return chat ? known.inputChannelOf(chat) : undefined;
            },
            inputUser: (userId) => known.inputUserOf(userId),
            senderOf: (chatId, authorId) => known.senderOf(chatId, authorId),
            movedTo: (chatId) => known.chats.get(chatId)?.movedTo,
          }
        : undefined,
      action,
      since,
    );
  }
}
