// The WhatsApp connector: a linked device on Baileys (WhatsApp Web multi-device). It links by QR,
// restarts its stream when the server asks after pairing (515), keeps its auth state in main's
// secret store, turns group traffic into neutral events and runs actions at a human pace. A logout
// from the phone stops it for good (nothing retries a device WhatsApp no longer knows).
import { createHmac } from 'node:crypto';
import type { BinaryNode, GroupMetadata, WAMessage, WASocket } from 'baileys';
import type { ActionIntent } from '@shared/domain/actions';
import type { ConnectionState, SourceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { ErrorFields, Result } from '@shared/domain/result';
import { logger } from '../../util/log';
import type { ConfirmedAction, Connector, PollVote, RawEvent, StaffList } from '../../core/connector';
import { admissible, admissibleOnly, deliver } from '../base';
import { BioReader } from '../bios';
import { openVaultedAuth, type AuthVault, type VaultedAuth } from './authState';
import { executeOnWhatsApp, statusOf, type ServerAck } from './execute';
import { loadBaileys, silentLogger, type Baileys } from './lib';
import { STUB, authorOf, isLid, contentOf, innerMessage, memberJid, messageIdOf, normalizeDecryptedLater, normalizeGroupChange, normalizeGroupMessage, normalizeParticipants, normalizeProtocolMessage, normalizeReaction, numberOf, spaceOfGroup, type WaAdmins, type WaGroupRef } from './normalize';

/** How long to stop reading abouts after WhatsApp answers 429 (rate-overlimit): it gives no retry time. */
const RATE_LIMIT_PAUSE_S = 300;

function rateLimitSecondsOf(error: unknown): number | undefined {
  return statusOf(error) === 429 ? RATE_LIMIT_PAUSE_S : undefined;
}

export const WHATSAPP_PRODUCTION = 'wss://web.whatsapp.com/ws/chat';

export interface WhatsAppServer {
  /** ws(s)://…/ws/chat of a WhatsApp-compatible server. */
  url: string;
  /** Hex of the 32-byte Curve25519 key the server's Noise certificate chain is rooted in. */
  noiseRootKey?: string;
}

export interface WhatsAppSourceConfig {
  id: string;
  label: string;
  practice: boolean;
  server?: WhatsAppServer;
  /** Where the device's auth state is kept (main's secret store). */
  vault: AuthVault;
  /** Called with each QR while linking (the headless start prints it in the terminal). */
  onQr?: (qr: string) => void;
  /**
   * Link by pairing code for this phone number (digits, with country code) instead of by QR: the
   * console shows an 8-character code to type on the phone (Linked devices → Link with phone number).
   */
  pairingPhone?: string;
  /** A dropped connection is tried again after this long, doubling up to a minute (default 2 s). */
  retryDelayMs?: number;
  /** How long each QR lives before the next (WhatsApp Web: 60 s for the first, 20 s after). */
  qrTimeoutMs?: number;
  /** The built-in rate limiter: at least this long between two sends (default 1,500 ms). */
  sendSpacingMs?: number;
  /** …and at most this many sends in any minute (default 20). */
  sendsPerMinute?: number;
  /**
   * How long a message that could not be decrypted waits for the sender's resend (Baileys asks for
   * it with a retry receipt) before it is shown as undecryptable (default 5 s).
   */
  undecryptableGraceMs?: number;
}

/** Reads TRIBE_WHATSAPP_SERVER / TRIBE_WHATSAPP_NOISE_ROOT_KEY for a headless start. */
export function whatsappServerFromEnv(env: NodeJS.ProcessEnv): WhatsAppServer | undefined {
  const url = env.TRIBE_WHATSAPP_SERVER?.trim();
  if (!url) return undefined;
  if (!/^wss?:\/\//.test(url)) throw new Error('TRIBE_WHATSAPP_SERVER must be a ws:// or wss:// URL');
  const root = env.TRIBE_WHATSAPP_NOISE_ROOT_KEY?.trim();
  if (root !== undefined && root !== '' && !/^[0-9a-fA-F]{64}$/.test(root)) throw new Error('TRIBE_WHATSAPP_NOISE_ROOT_KEY must be 64 hex digits (a 32-byte key)');
  return { url, ...(root ? { noiseRootKey: root.toLowerCase() } : {}) };
}

const log = logger('whatsapp');
/** Streams on which a pairing code was already asked for (Baileys shows a new QR every 20 s). */
const codeAsked = new WeakSet<object>();

/** The built-in rate limiter's defaults (the README quotes them): 1.5 s between sends, 20 a minute. */
export const WHATSAPP_PACE = { spacingMs: 1500, perMinute: 20 } as const;

/**
 * How long a send must wait (ms, ≤ 0: now), given the times of recent sends (oldest first): at least
 * `spacingMs` after the last one, and no more than `perMinute` in any 60 s.
 */
export function sendWait(sent: readonly number[], now: number, limits: { spacingMs: number; perMinute: number }): number {
  const last = sent[sent.length - 1];
  const spacing = last === undefined ? 0 : last + limits.spacingMs - now;
  const inWindow = sent.filter((t) => now - t < 60_000);
  const window = inWindow.length >= limits.perMinute ? inWindow[inWindow.length - limits.perMinute]! + 60_000 - now : 0;
  return Math.max(spacing, window);
}
/** How many messages of a group one on-demand history request asks the phone for (WhatsApp Web asks for 50). */
export const HISTORY_PAGE = 50;
/** At most this many pages per group per reconnect: a gap longer than that is left to the phone's own syncs. */
const HISTORY_PAGES_MAX = 20;
/**
 * How long a sent message waits for WhatsApp's ack before it counts as unanswered (the server acks at once;
 * this only ends a wait on a connection that hangs without closing).
 */
const ACK_WAIT_MS = 60_000;
/** How many recent messages are remembered (for quoting, for the author a delete names, for context). */
const MESSAGE_MEMORY = 20_000;

type Linking = { state: 'linked' } | { state: 'linking'; qr: string } | { state: 'linking'; pairingCode: string } | { state: 'none' };

export class WhatsAppConnector implements Connector {
  readonly sourceId: string;
  private sock: WASocket | undefined;
  private auth: VaultedAuth | undefined;
  private state: ConnectionState = 'disconnected';
  private stateDetail: string | undefined;
  private stateFields: ErrorFields | undefined;
  private linking: Linking = { state: 'none' };
  private readonly eventListeners: Array<(event: RawEvent) => void> = [];
  private readonly infoListeners: Array<(info: SourceInfo) => void> = [];
  private readonly pollVoteListeners: Array<(vote: PollVote) => void> = [];
  private baileys: Baileys | undefined;
  private readonly groups = new Map<string, GroupMetadata>();
  /** Names of Communities whose parent group the device is not in (looked up by id), by parent id. */
  private readonly communityNames = new Map<string, string>();
  private readonly messages = new Map<string, WAMessage>();
  private readonly revokedIds = new Set<string>();
  /** Undecryptable messages waiting for the sender's resend, by id. */
  private readonly held = new Map<string, { msg: WAMessage; timer: ReturnType<typeof setTimeout> }>();
  /** Pins seen (ours and other admins'): message id → until when (ms); an unpin removes it. */
  private readonly pins = new Map<string, number>();
  /** Texts the console gave its own messages by edits, by message id. */
  private readonly editedTexts = new Map<string, string>();
  /** Messages the console sent (polls, announcements, replies): id → when (ms), newest last. */
  private readonly sentIds = new Map<string, number>();
  private readonly staffByGroup = new Map<string, StaffList>();
  /** Members' abouts (USync `status`), read only when the console asks, spaced and cached. */
  private readonly bioReader = new BioReader((id) => this.readAbout(id), { waitOf: rateLimitSecondsOf });
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelayMs: number;
  private readonly sends: number[] = [];
  private paceChain: Promise<void> = Promise.resolve();
  /**
   * The number behind each LID WhatsApp named along with it anywhere (a group's listing, a sender with
   * `participant_pn`, a notification), and back: bare jids. A group that hides numbers names a member by
   * LID only; this keeps them the one member the console knows by number.
   */
  private readonly numberOfLid = new Map<string, string>();
  private readonly lidOfNumber = new Map<string, string>();
  /** Groups the device's account was removed from since it last listed its groups (by an admin, on their phone). */
  private readonly removedFrom = new Set<string>();
  /** Messages sent by the console waiting for WhatsApp's ack, by message id. */
  private readonly ackWaiters = new Map<string, { sock: WASocket; settle: (answer: ServerAck) => void }>();
  /** Resolves the pending start() on the first outcome: open, a QR to scan, or a final failure. */
  private settleStart: ((result: Result<SourceInfo>) => void) | undefined;

  constructor(private readonly config: WhatsAppSourceConfig) {
    this.sourceId = config.id;
    this.retryDelayMs = config.retryDelayMs ?? 2000;
    this.pairingPhone = config.pairingPhone;
  }

  private pairingPhone: string | undefined;

  /** How the next start links: by pairing code for this phone number, or (undefined) by QR. */
  linkWith(phone: string | undefined): void {
    this.pairingPhone = phone;
  }

  onEvent(listener: (event: RawEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onInfo(listener: (info: SourceInfo) => void): void {
    this.infoListeners.push(listener);
  }

  onPollVote(listener: (vote: PollVote) => void): void {
    this.pollVoteListeners.push(listener);
  }

  /**
   * The messageSecret of a poll this device posts under `messageId`: derived from the device's own
   * secret, so votes that arrive after a restart (or were queued while it was off) can still be read,
   * and a replay of the poll is byte-for-byte the same message. Every group member's phone gets it
   * with the poll, as WhatsApp's own clients send theirs.
   */
  private pollSecret(messageId: string): Uint8Array | undefined {
    const own = this.auth?.state.creds.advSecretKey;
    return own ? createHmac('sha256', own).update(`tribekeeper:poll:${messageId}`).digest() : undefined;
  }

  /**
   * A member's vote on one of the console's polls (a pollUpdateMessage): decrypted with the poll's
   * secret; answered as the SHA-256 of each chosen option's text (WhatsApp names options so). Votes on
   * other members' polls are not read. The voter is named as a message's author is: their number when
   * WhatsApp gives it (`participantAlt` in a LID-addressed group), else `<lid>@lid`. Which jids the
   * voter's phone put into the vote's key depends on the group's addressing (numbers, or LIDs for both
   * the poll's creator and the voter), so each pairing WhatsApp gave is tried; the AES-GCM tag tells
   * the right one.
   */
  private pollVote(groupId: string, msg: WAMessage, update: NonNullable<NonNullable<WAMessage['message']>['pollUpdateMessage']>): void {
    const B = this.baileys;
    const pollKey = update.pollCreationMessageKey;
    const me = this.sock?.user?.id;
    const voter = memberJid(msg.key.participant, msg.key.participantAlt);
    if (!B || !pollKey?.id || pollKey.fromMe !== true || !me || !voter || !update.vote?.encPayload || !update.vote.encIv) return;
    const secret = this.pollSecret(pollKey.id);
    if (!secret) return;
    const mine = [me, this.sock?.user?.lid].filter((j): j is string => typeof j === 'string' && j.length > 0).map((j) => B.jidNormalizedUser(j));
    const theirs = [msg.key.participant, msg.key.participantAlt].filter((j): j is string => typeof j === 'string' && j.length > 0).map((j) => B.jidNormalizedUser(j));
    let vote: ReturnType<Baileys['decryptPollVote']> | undefined;
    for (const pollCreatorJid of mine) {
      for (const voterJid of theirs) {
        try {
          vote ??= B.decryptPollVote(update.vote as { encPayload: Uint8Array; encIv: Uint8Array }, { pollCreatorJid, voterJid, pollMsgId: pollKey.id, pollEncKey: secret });
        } catch {
          // Not this pairing: the GCM tag did not match.
        }
      }
    }
    if (!vote) {
      // Not one of this device's polls as it knows them (an older link's secret), or a garbled vote.
      log.warn('a WhatsApp poll vote could not be read');
      return;
    }
    const ts = Number(update.senderTimestampMs?.toString() ?? 0) || Number(msg.messageTimestamp?.toString() ?? 0) * 1000 || Date.now();
    const out: PollVote = {
      sourceId: this.sourceId,
      channelId: groupId,
      pollMessageId: pollKey.id,
      voterId: authorOf(voter, undefined).id,
      optionSha256: (vote.selectedOptions ?? []).map((o) => Buffer.from(o).toString('hex')),
      ts,
    };
    for (const l of this.pollVoteListeners) l(out);
  }

  info(): SourceInfo {
    const info: SourceInfo = {
      id: this.config.id,
      platform: 'whatsapp',
      label: this.config.label,
      practice: this.config.practice,
      apiBase: this.config.server?.url ?? WHATSAPP_PRODUCTION,
      state: this.state,
      spaces: [...this.groups.values()].map((g) => spaceOfGroup(g, g.linkedParent ? (this.groups.get(g.linkedParent)?.subject ?? this.communityNames.get(g.linkedParent)) : undefined)),
    };
    if (this.stateDetail) info.stateDetail = this.stateDetail;
    if (this.stateFields) info.stateFields = this.stateFields;
    if (this.linking.state === 'linking') {
      if ('qr' in this.linking) info.link = { qr: this.linking.qr };
      else info.pairingCode = this.linking.pairingCode;
    }
    const me = this.sock?.user;
    if (me?.id) info.self = { id: `${numberOf(me.id)}@s.whatsapp.net`, name: me.name ?? `+${numberOf(me.id)}` };
    return info;
  }

  private setState(state: ConnectionState, detail?: string, fields?: ErrorFields) {
    this.state = state;
    this.stateDetail = detail;
    this.stateFields = fields;
    const info = this.info();
    for (const l of this.infoListeners) l(info);
  }

  async start(): Promise<Result<SourceInfo>> {
    this.stopped = false;
    const B = await loadBaileys();
    try {
      this.auth ??= await openVaultedAuth(B, this.config.vault);
    } catch (error) {
      this.setState('error', 'The saved WhatsApp device state cannot be read; link the device again.', { reason: 'auth_unreadable' });
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
    const outcome = new Promise<Result<SourceInfo>>((resolve) => (this.settleStart = resolve));
    this.connect(B);
    return outcome;
  }

  private settle(result: Result<SourceInfo>) {
    const settle = this.settleStart;
    this.settleStart = undefined;
    settle?.(result);
  }

  private connect(B: Baileys) {
    this.baileys = B;
    const auth = this.auth!;
    if (this.config.server?.noiseRootKey) {
      // Baileys checks the server's certificate chain against this root; a compatible server (the
      // practice community, a test server) presents its own. Process-wide: one root per process.
      (B.WA_CERT_DETAILS as { PUBLIC_KEY: Buffer }).PUBLIC_KEY = Buffer.from(this.config.server.noiseRootKey, 'hex');
    }
    this.setState(this.readyOnce ? 'resuming' : 'connecting');
    const sock = B.makeWASocket({
      auth: auth.state,
      logger: silentLogger as never,
      ...(this.config.server ? { waWebSocketUrl: new URL(this.config.server.url) } : {}),
      browser: B.Browsers.macOS('Tribekeeper'),
      markOnlineOnConnect: false,
      ...(this.config.qrTimeoutMs ? { qrTimeout: this.config.qrTimeoutMs } : {}),
      syncFullHistory: false,
      // The phone's history sync is read when it brings group messages the device may have missed:
      // the bootstrap at linking and the chunks it sends on demand (catch-up after downtime). Not
      // RECENT: accepting it makes Baileys hold every event up to 20 s after a connect, waiting for
      // a notification (the raid would show 20 s late).
      shouldSyncHistoryMessage: (n) => n.syncType === B.proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP || n.syncType === B.proto.HistorySync.HistorySyncType.ON_DEMAND,
      // The console never acts as a phone would on its own: no presence, no read receipts.
      getMessage: async (key) => (key.id ? this.messages.get(key.id)?.message ?? undefined : undefined),
      cachedGroupMetadata: async (jid) => this.groups.get(jid),
    });
    this.sock = sock;
    // A device that was linked before this stream may have missed messages while it was away (the
    // server's offline queue is bounded): it asks its phone for what came before the first one it got.
    // Not the stream right after pairing: the phone's initial history sync covers that one.
    const resumed = auth.linked() && !this.justLinked;
    this.justLinked = false;
    const historyPages = new Map<string, number>();
    const askHistory = (before: WAMessage) => {
      const groupId = before.key.remoteJid!;
      const pages = historyPages.get(groupId) ?? 0;
      if (pages >= HISTORY_PAGES_MAX || this.sock !== sock) return;
      historyPages.set(groupId, pages + 1);
      const at = Number(before.messageTimestamp?.toString() ?? 0) * 1000;
      sock.fetchMessageHistory(HISTORY_PAGE, before.key, at).catch((error: unknown) => log.warn('could not ask the phone for WhatsApp history', error));
    };
    // WhatsApp acks each message stanza, with an error code when it refuses the message; Baileys only logs that.
    sock.ws.on('CB:ack,class:message', (node: BinaryNode) => {
      const waiter = node.attrs.id ? this.ackWaiters.get(node.attrs.id) : undefined;
      if (waiter?.sock === sock) waiter.settle({ error: node.attrs.error });
    });
    sock.ev.on('creds.update', () => void auth.flush().catch((error: unknown) => log.warn('could not save the WhatsApp device state', error)));
    sock.ev.on('connection.update', (update) => {
      if (this.sock !== sock) return;
      if (update.qr && this.pairingPhone) {
        // The server is ready to pair: ask once per stream for a code instead of showing QRs.
        if (!codeAsked.has(sock)) {
          codeAsked.add(sock);
          void this.requestCode(sock, this.pairingPhone);
        }
      } else if (update.qr) {
        this.linking = { state: 'linking', qr: update.qr };
        this.config.onQr?.(update.qr);
        this.setState('connecting', 'Scan the QR code with WhatsApp on the phone (Settings → Linked devices).', { reason: 'link_qr' });
        this.settle(ok(this.info()));
      }
      if (update.isNewLogin) {
        this.justLinked = true;
        this.linking = { state: 'linked' };
        this.setState('connecting', 'Linked; WhatsApp restarts the connection.', { reason: 'linked' });
      }
      if (update.connection === 'open') void this.opened(sock);
      if (update.connection === 'close') {
        // Baileys holds events in a buffer while it works through a batch (the offline backlog) and
        // throws that buffer away when the socket ends; the messages in it were already confirmed
        // to the server, which will not send them again. Release them first.
        sock.ev.flush();
        void this.closed(B, sock, update.lastDisconnect?.error);
      }
    });
    sock.ev.on('messages.upsert', ({ messages }) => {
      for (const msg of messages) {
        // The first message of a group on this stream (the offline queue's oldest, or the first live
        // one): the history before it fills any gap. Not the upsert's type: Baileys' event buffer merges
        // queued and live messages into one 'notify'. Without a gap the answer is all known: one page.
        const groupId = msg.key.remoteJid;
        if (resumed && !msg.key.fromMe && groupId?.endsWith('@g.us') && !historyPages.has(groupId) && !msg.messageStubType) askHistory(msg);
        this.onMessage(msg);
      }
    });
    // Catch-up from the phone's history: the same path, deduped by message key against what the
    // server delivered (live or queued) and what earlier runs took in.
    sock.ev.on('messaging-history.set', ({ messages, syncType }) => {
      if (this.sock !== sock) return;
      const inOrder = [...messages].sort((a, b) => Number(a.messageTimestamp ?? 0) - Number(b.messageTimestamp ?? 0));
      // An answer to our request whose oldest message is new to the device: the gap may go back further.
      const oldestNew = new Map<string, WAMessage>();
      if (syncType === B.proto.HistorySync.HistorySyncType.ON_DEMAND) {
        for (const msg of inOrder) {
          const groupId = msg.key.remoteJid;
          if (!groupId || oldestNew.has(groupId) || !historyPages.has(groupId)) continue;
          oldestNew.set(groupId, msg);
        }
        for (const [groupId, msg] of oldestNew) if (this.known(groupId, msg)) oldestNew.delete(groupId);
      }
      for (const msg of inOrder) this.onMessage(msg);
      for (const msg of oldestNew.values()) askHistory(msg);
    });
    sock.ev.on('groups.update', (updates) => {
      for (const u of updates) {
        // A change an admin made arrives as a stub message too, and is applied from there (onMessage):
        // Baileys' event buffer keeps only the first groups.update per group in a batch, so a burst
        // of changes (announce on, then off) would leave the first, stale value here.
        if (u.author) continue;
        const known = u.id ? this.groups.get(u.id) : undefined;
        if (known) this.groups.set(known.id, { ...known, ...u } as GroupMetadata);
      }
      this.setState(this.state, this.stateDetail, this.stateFields);
    });
    sock.ev.on('group-participants.update', (u) => {
      const group = this.groups.get(u.id);
      const selfNamed = u.participants.some((p: string | { id: string; phoneNumber?: string | undefined }) => this.isSelf(typeof p === 'string' ? p : p.id) || (typeof p !== 'string' && this.isSelf(p.phoneNumber)));
      if (!group && u.action === 'add' && selfNamed) {
        // The device's account was added to a group (or added back): listed now, not at the next connection.
        void this.listGroup(sock, u.id);
        return;
      }
      if (!group) return;
      if (u.action === 'remove' && selfNamed) {
        // The device's own account was removed (another admin, from their phone): the group is no longer
        // the console's to moderate. Listed again when an admin adds it back (the next connection reads the list).
        this.groups.delete(u.id);
        this.staffByGroup.delete(u.id);
        this.removedFrom.add(u.id);
        this.setState(this.state, this.stateDetail, this.stateFields);
        return;
      }
      const named = u.participants.map((p: string | { id: string; phoneNumber?: string | undefined; lid?: string | undefined }) => (typeof p === 'string' ? { id: p } : p));
      const ids = named.map((p) => p.id);
      // In a LID-addressed group a newcomer comes as {id: LID, phoneNumber}: both kept, so the console's
      // id for them (the number) finds them for a removal, and names them so among the staff.
      for (const n of named) {
        this.learnNumber(n.id, n.phoneNumber);
        this.learnNumber(n.id, n.lid);
      }
      if (u.action === 'add') {
        const added = named.filter((n) => !group.participants.some((p) => p.id === n.id));
        group.participants.push(...added.map((n) => ({ id: n.id, ...(n.phoneNumber ? { phoneNumber: n.phoneNumber } : {}), ...(n.lid ? { lid: n.lid } : {}), admin: null })));
      }
      if (u.action === 'remove') group.participants = group.participants.filter((p) => !ids.includes(p.id));
      if (u.action === 'promote' || u.action === 'demote') {
        for (const p of group.participants) if (ids.includes(p.id)) p.admin = u.action === 'promote' ? 'admin' : null;
        this.staffByGroup.delete(u.id);
      }
    });
  }

  private readyOnce = false;
  /** Paired on this stream: the next one (after the 515 restart) is the device's first, not a resume. */
  private justLinked = false;

  private async requestCode(sock: WASocket, phone: string) {
    try {
      const code = await sock.requestPairingCode(phone.replace(/\D/g, ''));
      if (this.sock !== sock) return;
      this.linking = { state: 'linking', pairingCode: code };
      this.setState('connecting', 'Type this code on the phone: WhatsApp → Linked devices → Link a device → Link with phone number instead.', { reason: 'link_code' });
      this.settle(ok(this.info()));
    } catch (error) {
      log.warn('WhatsApp did not give a pairing code', error);
      if (this.sock !== sock) return;
      this.linking = { state: 'none' };
      this.setState('error', 'WhatsApp did not give a pairing code for this number.', { reason: 'link_code_failed' });
      this.settle(fail('invalid_input', 'no pairing code for this number'));
      this.stopped = true;
      this.sock = undefined;
      sock.end(undefined);
    }
  }

  /** Reads a group the device's account just joined and lists it. */
  private async listGroup(sock: WASocket, groupId: string) {
    try {
      const group = await sock.groupMetadata(groupId);
      if (this.sock !== sock) return;
      this.groups.set(group.id, group);
      this.learnGroup(group);
      this.removedFrom.delete(group.id);
      this.staffByGroup.delete(group.id);
      await this.lookUpCommunities(sock);
      this.setState(this.state, this.stateDetail, this.stateFields);
    } catch (error) {
      log.warn('could not read a WhatsApp group the account was added to', error);
    }
  }

  /** Whether a jid is the device's own account (its number or its LID, any device). */
  private isSelf(jid: string | null | undefined): boolean {
    const me = this.sock?.user;
    if (!jid || !me) return false;
    const bare = `${numberOf(jid)}@${isLid(jid) ? 'lid' : 's.whatsapp.net'}`;
    return [me.id, me.lid].some((own) => typeof own === 'string' && `${numberOf(own)}@${isLid(own) ? 'lid' : 's.whatsapp.net'}` === bare);
  }

  /** Notes a LID and the number WhatsApp gave beside it (in either order; anything else is ignored). */
  private learnNumber(a: string | null | undefined, b: string | null | undefined) {
    const lid = [a, b].find((j): j is string => typeof j === 'string' && isLid(j));
    const pn = [a, b].find((j): j is string => typeof j === 'string' && j.endsWith('@s.whatsapp.net'));
    if (!lid || !pn) return;
    const [bareLid, barePn] = [`${numberOf(lid)}@lid`, `${numberOf(pn)}@s.whatsapp.net`];
    this.numberOfLid.set(bareLid, barePn);
    this.lidOfNumber.set(barePn, bareLid);
  }

  private learnGroup(group: GroupMetadata) {
    for (const p of group.participants) {
      this.learnNumber(p.id, p.phoneNumber);
      this.learnNumber(p.id, p.lid);
    }
  }

  /** The number for a LID-only sender, and for LID-only members of a stub, where WhatsApp gave it elsewhere. */
  private withNumbers(msg: WAMessage) {
    const key = msg.key;
    this.learnNumber(key.participant, key.participantAlt);
    if (key.participant && isLid(key.participant) && !key.participantAlt) {
      const number = this.numberOfLid.get(`${numberOf(key.participant)}@lid`);
      if (number) key.participantAlt = number;
    }
    if (!msg.messageStubParameters?.length || msg.messageStubType === STUB.ciphertext) return;
    msg.messageStubParameters = msg.messageStubParameters.map((p: string) => {
      try {
        const named = JSON.parse(p) as { id?: unknown; phoneNumber?: unknown };
        if (typeof named.id !== 'string' || !isLid(named.id)) return p;
        if (typeof named.phoneNumber === 'string') {
          this.learnNumber(named.id, named.phoneNumber);
          return p;
        }
        const number = this.numberOfLid.get(`${numberOf(named.id)}@lid`);
        return number ? JSON.stringify({ ...named, phoneNumber: number }) : p;
      } catch {
        return p;
      }
    });
  }

  private async opened(sock: WASocket) {
    this.linking = { state: 'linked' };
    this.learnNumber(sock.user?.lid, sock.user?.id);
    try {
      const groups = await sock.groupFetchAllParticipating();
      this.groups.clear();
      this.staffByGroup.clear();
      for (const g of Object.values(groups)) this.groups.set(g.id, g);
      for (const g of this.groups.values()) this.learnGroup(g);
      for (const id of this.groups.keys()) this.removedFrom.delete(id);
    } catch (error) {
      log.warn('could not fetch the WhatsApp groups', error);
    }
    await this.lookUpCommunities(sock);
    this.readyOnce = true;
    this.retryDelayMs = this.config.retryDelayMs ?? 2000;
    this.setState('ready');
    this.settle(ok(this.info()));
  }

  /**
   * A group's Community is known by its parent group's id; the device lists the parent only when its
   * number is in it (a moderator of one group of a Community often is not). Its name is asked for once.
   */
  private async lookUpCommunities(sock: WASocket) {
    const missing = new Set([...this.groups.values()].map((g) => g.linkedParent).filter((id): id is string => !!id && !this.groups.has(id) && !this.communityNames.has(id)));
    for (const id of missing) {
      try {
        const parent = await sock.groupMetadata(id);
        if (parent.subject) this.communityNames.set(id, parent.subject);
      } catch (error) {
        // Not allowed to read it, or gone: the Community stays shown by its group's place only.
        log.warn('could not look up a WhatsApp Community', error);
      }
    }
  }

  /** Waits for WhatsApp's ack of the message about to be sent under `id` on `sock`. */
  private awaitAck(sock: WASocket, id: string): Promise<ServerAck> {
    this.ackWaiters.get(id)?.settle('lost');
    return new Promise((resolve) => {
      const settle = (answer: ServerAck) => {
        clearTimeout(timer);
        if (this.ackWaiters.get(id)?.settle === settle) this.ackWaiters.delete(id);
        resolve(answer);
      };
      const timer = setTimeout(() => settle('lost'), ACK_WAIT_MS);
      // A send that threw leaves its wait behind; it must not keep the process alive on its own.
      timer.unref?.();
      this.ackWaiters.set(id, { sock, settle });
    });
  }

  /** The connection of `sock` ended (or the connector stops): no ack will come for what it sent. */
  private ackLost(sock?: WASocket) {
    for (const waiter of [...this.ackWaiters.values()]) if (!sock || waiter.sock === sock) waiter.settle('lost');
  }

  private async closed(B: Baileys, sock: WASocket, error: Error | undefined) {
    if (this.sock === sock) this.sock = undefined;
    this.ackLost(sock);
    if (this.stopped) return;
    const status = (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    if (status === B.DisconnectReason.restartRequired) {
      // After pairing WhatsApp ends the stream with 515 and expects a new one at once.
      this.connect(B);
      return;
    }
    if (status === B.DisconnectReason.loggedOut) {
      const wasLinking = this.linking.state === 'linking';
      this.linking = { state: 'none' };
      await this.auth?.clear().catch((e: unknown) => log.warn('could not forget the WhatsApp device state', e));
      this.auth = undefined;
      this.setState('token_invalid', wasLinking ? 'WhatsApp refused to link the device.' : 'The phone logged this device out. Link it again from Settings → Connections.', { reason: wasLinking ? 'link_refused' : 'logged_out' });
      this.settle(fail('token_invalid', 'WhatsApp logged the device out'));
      return;
    }
    if (this.linking.state === 'linking' && status === B.DisconnectReason.timedOut) {
      this.linking = { state: 'none' };
      this.setState('error', 'The QR code expired before it was scanned. Link again to get a new one.', { reason: 'link_expired' });
      this.settle(fail('offline', 'the QR code expired'));
      return;
    }
    if (status === 402 || status === B.DisconnectReason.forbidden || status === 406) {
      // WhatsApp refuses a banned account at login (403 locked, 406 banned; 402 a ban with an end): every
      // retry would be refused the same, and each looks like the behaviour the ban punishes. The device
      // stays linked (a ban can be appealed and lifted): the moderator starts it again then.
      const temporary = status === 402;
      this.setState('error', temporary ? 'WhatsApp has banned this account for a while; try again later.' : 'WhatsApp has banned this account.', { reason: temporary ? 'account_banned_temporarily' : 'account_banned', status });
      this.settle(fail('missing_permission', 'WhatsApp banned the account'));
      return;
    }
    if (status === B.DisconnectReason.connectionReplaced) {
      this.setState('error', 'Another session of this device took over the connection.', { reason: 'replaced' });
      this.settle(fail('conflict', 'connection replaced'));
      return;
    }
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 60_000);
    this.setState('disconnected', `WhatsApp connection lost (${status ?? 'no status'}); retrying in ${Math.round(delay / 1000)} s.`, { reason: 'retrying', status: status ?? 0 });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.connect(B);
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.held.keys()]) this.release(id);
    this.ackLost();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const sock = this.sock;
    this.sock = undefined;
    sock?.end(undefined);
    await this.auth?.flush().catch((error: unknown) => log.warn('could not save the WhatsApp device state', error));
    this.settle(fail('offline', 'stopped'));
    this.setState('disconnected');
  }

  /** Keeps the group's metadata current from an admin's change (subject, description, settings, admins). */
  private applyGroupChange(groupId: string, msg: WAMessage) {
    const group = this.groups.get(groupId);
    const value = msg.messageStubParameters?.[0];
    if (!group) return;
    switch (msg.messageStubType) {
      case STUB.subject:
        if (value) group.subject = value;
        break;
      case STUB.description:
        group.desc = value;
        break;
      case STUB.announce:
        group.announce = value === 'on' || value === 'true';
        break;
      case STUB.restrict:
        group.restrict = value === 'on' || value === 'true';
        break;
      default:
        return;
    }
    this.setState(this.state, this.stateDetail, this.stateFields);
  }

  private refOf(groupId: string): WaGroupRef {
    return { sourceId: this.sourceId, groupId, subject: this.groups.get(groupId)?.subject };
  }

  private admins(groupId: string): WaAdmins {
    const group = this.groups.get(groupId);
    return new Map((group?.participants ?? []).filter((p) => p.admin).map((p) => [authorOf(this.jidToName(p), undefined).id, p.admin === 'superadmin' ? 'superadmin' : 'admin'] as const));
  }

  /** The jid to name a group participant by: their number, where WhatsApp gave it here or elsewhere; else their LID. */
  private jidToName(p: GroupMetadata['participants'][number]): string {
    const jid = memberJid(p.phoneNumber, p.id, p.lid) ?? p.id;
    return isLid(jid) ? (this.numberOfLid.get(`${numberOf(jid)}@lid`) ?? jid) : jid;
  }

  private remember(msg: WAMessage) {
    if (!msg.key.id) return;
    this.messages.set(msg.key.id, msg);
    if (this.messages.size > MESSAGE_MEMORY) this.messages.delete(this.messages.keys().next().value!);
  }

  private emit(event: RawEvent | undefined) {
    if (event && admissible(event)) deliver(this.eventListeners, event);
  }

  private onMessage(msg: WAMessage) {
    const groupId = msg.key.remoteJid;
    if (!groupId?.endsWith('@g.us')) return;
    const id = msg.key.id;
    if (id && msg.messageStubType === STUB.ciphertext && !contentOf(msg.message) && !msg.key.fromMe) {
      // Keys spent or a sender's session out of step (a drop between decrypting and acking does
      // that): Baileys asked the sender to send it again. It is shown as undecryptable only if the
      // resend does not come in time; the resend, when it comes, takes its place.
      if (this.held.has(id) || this.messages.has(id) || this.auth?.seen.has(`${groupId}|${id}`)) return;
      const timer = setTimeout(() => this.release(id), this.config.undecryptableGraceMs ?? 5000);
      this.held.set(id, { msg, timer });
      return;
    }
    const waiting = id ? this.held.get(id) : undefined;
    if (waiting) {
      clearTimeout(waiting.timer);
      this.held.delete(id!);
    }
    this.take(msg);
  }

  /** Shows a held message as undecryptable now (its grace ran out, or the connector stops). */
  private release(id: string) {
    const waiting = this.held.get(id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.held.delete(id);
    this.take(waiting.msg);
  }

  private take(msg: WAMessage) {
    const groupId = msg.key.remoteJid!;
    this.withNumbers(msg);
    if (msg.key.id && !messageIdOf(msg.key.id)) {
      // The sender picks the id; one no phone makes cannot be stored or acted on.
      log.debug(`skipped a message in ${groupId} whose id is ${msg.key.id.length} characters long`);
      return;
    }
    if (msg.key.id && this.readableAtLast(groupId, msg)) return;
    // A stanza WhatsApp sends again (unacked when the connection dropped), or a message a history
    // sync brings that the server delivered too, is one this device has: dropped by its key.
    if (msg.key.id && (this.messages.has(msg.key.id) || this.auth?.seen.add(`${groupId}|${msg.key.id}`) === false)) return;
    const ref = this.refOf(groupId);
    const stub = msg.messageStubType;
    if (stub === STUB.add || stub === STUB.invite || stub === STUB.remove || stub === STUB.leave) {
      // In a LID-addressed group each member comes as {id: LID, phoneNumber}: the number names them.
      const participants = (msg.messageStubParameters ?? []).map((p: string) => {
        try {
          const named = JSON.parse(p) as { id?: unknown; phoneNumber?: unknown };
          return memberJid(typeof named.phoneNumber === 'string' ? named.phoneNumber : undefined, typeof named.id === 'string' ? named.id : undefined) ?? p;
        } catch {
          return p;
        }
      });
      const action = stub === STUB.add || stub === STUB.invite ? 'add' : 'remove';
      const author = memberJid(msg.key.participant, msg.key.participantAlt) ?? participants[0] ?? '';
      const ts = typeof msg.messageTimestamp === 'number' && msg.messageTimestamp > 0 ? msg.messageTimestamp * 1000 : Date.now();
      for (const event of normalizeParticipants(ref, { id: groupId, author, participants, action }, msg.key.id ?? String(ts), ts)) this.emit(event);
      return;
    }
    if (stub && stub !== STUB.ciphertext) {
      // Promotions and setting changes by an admin; other stubs (group created, number changed) say nothing to moderate.
      this.applyGroupChange(groupId, msg);
      for (const event of normalizeGroupChange(ref, msg)) this.emit(event);
      return;
    }
    this.remember(msg);
    // Shown as undecryptable: marked (in the store that outlives a restart), so a readable copy found
    // later — a late resend, the phone's answer to Baileys' placeholder request, its history — takes its place.
    if (stub === STUB.ciphertext && !contentOf(msg.message) && msg.key.id) this.auth?.seen.add(`${groupId}|${msg.key.id}|unreadable`);
    const pinned = innerMessage(msg.message)?.pinInChatMessage;
    if (pinned?.key?.id) {
      const seconds = Number(msg.message?.messageContextInfo?.messageAddOnDurationInSecs ?? 0) || 7 * 24 * 3600;
      const at = pinned.senderTimestampMs ? Number(pinned.senderTimestampMs) : Date.now();
      if (pinned.type === 2) this.pins.delete(pinned.key.id);
      else this.pins.set(pinned.key.id, at + seconds * 1000);
      return;
    }
    const pollUpdate = innerMessage(msg.message)?.pollUpdateMessage;
    if (pollUpdate) return this.pollVote(groupId, msg, pollUpdate);
    const protocol = normalizeProtocolMessage(ref, msg);
    if (protocol) {
      if (protocol.kind === 'delete' && protocol.messageId) this.revokedIds.add(protocol.messageId);
      this.emit(protocol);
      return;
    }
    const reaction = normalizeReaction(ref, msg);
    if (reaction) return this.emit(reaction);
    // The console's own sends come back as 'append' upserts; they are not members' messages.
    if (msg.key.fromMe) return;
    const event = normalizeGroupMessage(ref, msg, this.admins(groupId));
    // A shape with nothing to show (a key handover, a kind not read yet): named by its fields, never its text.
    if (!event) log.debug(`passed over a message in ${groupId} with nothing to show (${Object.keys(innerMessage(msg.message) ?? {}).join(', ').slice(0, 200) || 'empty'})`);
    this.emit(event);
  }

  /** Whether the device already took this message in (this run, or an earlier one). */
  private known(groupId: string, msg: WAMessage): boolean {
    return !!msg.key.id && (this.messages.has(msg.key.id) || !!this.auth?.seen.has(`${groupId}|${msg.key.id}`));
  }

  /** A readable copy of a message shown as undecryptable: it replaces the placeholder, once. */
  private readableAtLast(groupId: string, msg: WAMessage): boolean {
    const key = `${groupId}|${msg.key.id}`;
    if (!contentOf(msg.message) || !this.auth?.seen.has(`${key}|unreadable`) || this.auth.seen.has(`${key}|readable`)) return false;
    const event = normalizeDecryptedLater(this.refOf(groupId), msg, this.admins(groupId));
    if (!event) return false;
    this.auth.seen.add(`${key}|readable`);
    this.messages.delete(msg.key.id!);
    this.remember(msg);
    this.emit(event);
    return true;
  }

  /** WhatsApp delivers what was queued while the device was offline on reconnect; nothing to fetch. */
  async catchUp(): Promise<RawEvent[]> {
    return [];
  }

  async context(channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>> {
    const inGroup = [...this.messages.values()].filter((m) => m.key.remoteJid === channelId && !m.key.fromMe);
    const index = inGroup.findIndex((m) => m.key.id === messageId);
    if (index < 0) return fail('not_found', 'This message is no longer in the device’s recent memory');
    const ref = this.refOf(channelId);
    const admins = this.admins(channelId);
    const around = inGroup.slice(Math.max(0, index - limit), index + limit + 1);
    return ok(admissibleOnly(around.map((m) => normalizeGroupMessage(ref, m, admins)).filter((e): e is RawEvent => e !== undefined)));
  }

  staff(spaceId: string): StaffList | undefined {
    const group = this.groups.get(spaceId);
    if (!group) return undefined;
    let staff = this.staffByGroup.get(spaceId);
    if (!staff) {
      const admins = group.participants.filter((p) => p.admin);
      staff = { ids: admins.map((p) => authorOf(this.jidToName(p), undefined).id), names: admins.map((p) => p.notify ?? p.name ?? '').filter((n) => n.length > 0) };
      this.staffByGroup.set(spaceId, staff);
    }
    return staff;
  }

  // ---- bios (link-in-bio suggestions) ----

  bios(memberIds: readonly string[]): Promise<Map<string, string | null>> {
    return this.bioReader.bios(memberIds);
  }

  /**
   * One member's about (`sock.fetchStatus`: a USync query with the `status` protocol); null when they have
   * none or their privacy hides it from this account; undefined while offline or for an id that is neither
   * a participant of a group this device is in nor the author of a message it holds (no probing strangers).
   */
  private async readAbout(memberId: string): Promise<string | null | undefined> {
    const sock = this.sock;
    if (!sock || this.state !== 'ready') return undefined;
    const jid = this.memberJidOf(memberId);
    if (!jid) return undefined;
    const list = (await sock.fetchStatus(jid)) as { id: string; status?: { status?: unknown } | null }[] | undefined;
    const entry = list?.find((e) => numberOf(e.id) === numberOf(jid)) ?? list?.[0];
    if (!entry || !('status' in entry)) return undefined;
    const about = entry.status?.status;
    return typeof about === 'string' && about.length > 0 ? about : null;
  }

  /** The jid to ask about a member by: theirs as a group participant (number or LID) in a group this device is in. */
  private memberJidOf(memberId: string): string | undefined {
    for (const group of this.groups.values()) {
      for (const p of group.participants) {
        const jids = [p.id, p.phoneNumber, p.lid].filter((j): j is string => typeof j === 'string' && j.length > 0);
        const match = jids.find((j) => authorOf(j, undefined).id === memberId);
        if (match) return `${numberOf(match)}@${match.endsWith('@lid') ? 'lid' : 's.whatsapp.net'}`;
      }
    }
    // A member known only by the LID their group messages came from (a LID-addressed group hiding numbers).
    for (const m of this.messages.values()) {
      const match = [m.key.participant, m.key.participantAlt].find((j): j is string => typeof j === 'string' && j.length > 0 && authorOf(j, undefined).id === memberId);
      if (match) return `${numberOf(match)}@${match.endsWith('@lid') ? 'lid' : 's.whatsapp.net'}`;
    }
    return undefined;
  }

  /** The built-in rate limiter: spacing between sends and a per-minute ceiling, both human. */
  private pace(): Promise<void> {
    const limits = { spacingMs: this.config.sendSpacingMs ?? WHATSAPP_PACE.spacingMs, perMinute: this.config.sendsPerMinute ?? WHATSAPP_PACE.perMinute };
    const turn = this.paceChain.then(async () => {
      for (;;) {
        const wait = sendWait(this.sends, Date.now(), limits);
        if (wait <= 0) break;
        await new Promise((r) => setTimeout(r, wait));
      }
      this.sends.push(Date.now());
      while (this.sends.length > limits.perMinute) this.sends.shift();
    });
    this.paceChain = turn.catch(() => undefined);
    return turn;
  }

  async execute(action: ActionIntent): Promise<Result<ConfirmedAction>> {
    const sock = this.sock;
    if (!sock || this.state !== 'ready') return fail('offline', 'The WhatsApp device is not connected');
    if (action.kind !== 'dm' && this.removedFrom.has(action.channelId)) {
      return fail('missing_permission', 'The linked WhatsApp account was removed from this group', { fields: { reason: 'whatsapp_not_in_group' } });
    }
    const result = await executeOnWhatsApp(
      {
        sock,
        message: (id) => this.messages.get(id),
        revoked: (id) => this.revokedIds.has(id),
        pinnedUntil: (id) => this.pins.get(id),
        editedText: (id) => this.editedTexts.get(id),
        sentAt: (id) => this.sentIds.get(id),
        pollSecret: (id) => this.pollSecret(id),
        group: async (id) => this.groups.get(id),
        groupNow: (id) => sock.groupMetadata(id),
        selfJid: () => sock.user?.id,
        pace: () => this.pace(),
        ack: (id) => this.awaitAck(sock, id),
        otherJidOf: (jid) => (isLid(jid) ? this.numberOfLid.get(jid) : this.lidOfNumber.get(jid)),
        senderKeyUndelivered: async (groupId) => {
          await this.auth?.state.keys.set({ 'sender-key-memory': { [groupId]: null } });
        },
      },
      action,
    );
    // A pin is known at once (its echo from Baileys may come later, batched): a second pin finds it.
    if (result.ok && action.kind === 'pin' && result.value.until) this.pins.set(action.messageId, result.value.until);
    // What the console sent is known at once (its echo from Baileys comes later): a replay finds it.
    if (result.ok && result.value.createdMessageId) {
      this.sentIds.set(result.value.createdMessageId, Date.now());
      if (this.sentIds.size > MESSAGE_MEMORY) this.sentIds.delete(this.sentIds.keys().next().value!);
    }
    // The text an edit gave the console's own message: an edit to the same text finds it done.
    if (result.ok && action.kind === 'edit') {
      this.editedTexts.set(action.messageId, action.text);
      if (this.editedTexts.size > MESSAGE_MEMORY) this.editedTexts.delete(this.editedTexts.keys().next().value!);
    }
    return result;
  }
}
