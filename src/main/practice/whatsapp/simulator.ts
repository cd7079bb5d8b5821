// The practice WhatsApp server: a WebSocket endpoint speaking WhatsApp Web's multi-device protocol to
// the real Baileys client — Noise XX with its own certificate root, binary nodes, QR pairing with a
// signed device identity (ADV), the 515 restart after pairing, login of the paired device, pre-key
// upload, group metadata, and logout from the phone. Built from Baileys' own exported encoders.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BinaryNode, proto as ProtoTypes } from 'baileys';
import { WebSocketServer, type WebSocket } from 'ws';
import { companionFinish, phoneAnswer, readCompanionHello, type CodeExchange, type CodeRequest } from './pairingCode';
import { LidDirectory, readDirect, type DirectMessage } from './direct';
import { applyGroupChange, groupAdminIq, groupSettingNodes, type GroupAdminHost, type PracticeGroupSettings } from './groupAdmin';
import { loadRepositoryMaker, SimulatedUser } from './members';
import { FrameReader, frame, generateKeyPair, loadBaileys, makeNoiseIdentity, NoiseResponder, type Baileys, type KeyPair, type NoiseIdentity, type NoiseTransport } from './noise';

export interface PracticeGroupMember {
  /** Phone number, digits only. */
  phone: string;
  name: string;
  admin?: 'admin' | 'superadmin';
}

export interface PracticeGroup extends PracticeGroupSettings {
  id: string;
  subject: string;
  description?: string;
  members: PracticeGroupMember[];
  /**
   * How WhatsApp names the group's members: by phone number (`pn`, the default) or by LID (`lid`, what
   * WhatsApp moves groups to): then its metadata lists each participant as `<lid>@lid` with the number
   * beside it (`phone_number`), its notifications name actor and members so, and members post as their LID.
   */
  addressing?: 'pn' | 'lid';
  /** A LID-addressed group that does not share members' numbers: no `phone_number` beside a LID, anywhere. */
  phonesHidden?: boolean;
  /** A number-addressed group whose metadata lists each member's LID beside their number (`lid`), as WhatsApp does once it knows both. */
  lidsListed?: boolean;
}

/** What the phone's linked device (the console) uploaded and was given when it paired. */
interface LinkedDevice {
  jid: string;
  lid: string;
  noiseKey: Buffer;
  identityKey: Buffer;
  registrationId: number;
  signedPreKey: { id: number; public: Buffer; signature: Buffer };
  preKeys: Map<number, Buffer>;
}

/** A QR the server handed out and the connection waiting on it. */
interface PendingPairing {
  conn: Connection;
  noiseKey: Buffer;
  identityKey: Buffer;
  registrationId: number;
  signedPreKey: { id: number; public: Buffer; signature: Buffer };
}

export interface WhatsAppSimulatorOptions {
  port?: number;
  /** The phone that links the console's device: its number and display name. */
  phone?: { number: string; name: string };
  groups?: PracticeGroup[];
  /** Refs per QR session (each lives ~20 s on the client); WhatsApp sends six. */
  qrRefs?: number;
  /**
   * How many stanzas the server keeps for the device while it is offline (oldest dropped first;
   * default: all), silently: the device asks its phone for that stretch of history (see phoneAnswers).
   */
  offlineLimit?: number;
  /**
   * Whether the phone answers the device's peer data requests: a message the device could not decrypt
   * (placeholder resend) and older history of a group (on demand). Default false: the phone is offline.
   */
  phoneAnswers?: boolean;
}

export interface WhatsAppSimulator {
  /** ws://127.0.0.1:PORT/ws/chat, for TRIBE_WHATSAPP_SERVER. */
  readonly url: string;
  /** Hex of the certificate root's public key, for TRIBE_WHATSAPP_NOISE_ROOT_KEY. */
  readonly noiseRootKey: string;
  readonly phone: { number: string; name: string };
  groups(): PracticeGroup[];
  /** The phone scans `qr` (what Baileys shows): links the device that offered it; false when no such QR is live. */
  scan(qr: string): Promise<boolean>;
  /**
   * Someone types `code` on the phone (Linked devices → Link with phone number instead): the phone
   * answers the device that asked for a pairing code for this phone's number. False when no device
   * is waiting for one. A wrong code fails at the device's check, as on WhatsApp.
   */
  enterCode(code: string): Promise<boolean>;
  /**
   * The phone refuses to link the device that offered `qr` (WhatsApp: "Couldn't link device", e.g.
   * the account already has its maximum of linked devices): the server ends that linking stream with
   * failure 401. False when no such QR is live.
   */
  refuse(qr: string): boolean;
  /** Whether a device is linked to the phone. */
  linked(): boolean;
  /** Logs the linked device out from the phone: the server says so and forgets the device. */
  logOutDevice(): Promise<void>;
  /**
   * WhatsApp bans the phone's account (reason 403 locked or 406 banned; 402 for a temporary ban): the
   * device's stream ends with that failure, and so does every login after, until `lift` (undefined).
   */
  banAccount(reason: 402 | 403 | 406 | undefined): void;
  /** The network drops the linked device's connection (no stream error: the socket just dies). */
  dropConnections(): void;
  /**
   * A member's phone drops its Signal session with the linked device (as after a reinstall): its next
   * message starts a new session with a fresh pre-key, and the device closes the old one.
   */
  newSession(phone: string): void;
  /**
   * A member writes their "about" (WhatsApp keeps 139 characters); `hidden`: their privacy setting
   * hides it from this account (WhatsApp answers code 401). The device reads it with a USync `status` query.
   */
  setAbout(phone: string, about: string, options?: { hidden?: boolean }): void;
  /** Numbers whose about the device asked for (USync `status`), in order, repeats included. */
  statusReads(): readonly string[];
  /** Connections opened so far (for tests that check a client does not retry forever). */
  connectionCount(): number;
  /** Stanzas kept for the linked device that it has not acked yet (sent again at its next login). */
  pendingForDevice(): number;
  /** Whether the linked device has a connection open (logged in). */
  deviceOnline(): boolean;
  /**
   * A member posts `message` in a group: Signal-encrypted (pkmsg with the sender key, then skmsg) to
   * the linked device, delivered now or, while it is offline, when it next logs in. Returns the id.
   */
  post(groupId: string, phone: string, message: ProtoTypes.IMessage, options?: { id?: string; undecryptable?: boolean; garbled?: boolean; lid?: 'with-phone' | 'only'; at?: number }): Promise<string>;
  /**
   * A member votes on a poll in a group, as their phone does: a pollUpdateMessage whose vote (the
   * SHA-256 of each chosen option's text) is AES-GCM-encrypted with a key derived from the poll's
   * messageSecret, the poll's id and both jids; sent like any group message. A new vote replaces the
   * member's earlier one, and no options takes the vote back. Returns the update's message id.
   * `lid`: the group is LID-addressed (see post): the phone names the poll's creator and itself by
   * their LIDs, in the vote's key derivation as on the wire.
   */
  vote(groupId: string, phone: string, pollId: string, options: readonly string[], voteOptions?: { lid?: 'with-phone' | 'only' }): Promise<string>;
  /**
   * An admin (`actorPhone`) adds someone to a group from their phone — the phone's own number too (the
   * console's account is added, or added back): the group's devices get the w:gp2 `add` notification.
   */
  addMember(groupId: string, actorPhone: string, member: PracticeGroupMember): void;
  /** A member joins a group (through the invite link) or leaves it; the device gets the w:gp2 notification. */
  join(groupId: string, member: PracticeGroupMember): Promise<void>;
  leave(groupId: string, phone: string): Promise<void>;
  /** History sync notifications the phone sent the device: their type and the message ids they carried. */
  historySyncs(): readonly { syncType: string; ids: string[] }[];
  /** The phone comes online (answers the device's peer data requests) or goes offline. */
  setPhoneAnswers(on: boolean): void;
  /** Peer data requests the phone received from the device, in order: their type and the message ids they name. */
  peerRequests(): readonly { type: 'placeholder' | 'history'; ids: string[] }[];
  /** Revokes the device asked for, as (group, message id) in arrival order, repeats included. */
  revokes(): readonly { group: string; id: string; admin: boolean }[];
  /** Edits (MESSAGE_EDIT protocol messages) the group's phones received from the device, once per id: the edit's id, the edited message's id, its new text. */
  edits(): readonly { group: string; id: string; target: string; text: string; applied: boolean }[];
  /** Removals the device asked for (one entry per participant named), repeats included. */
  removals(): readonly { group: string; phone: string }[];
  /** The next removal request is carried out, but the device's connection dies before the answer reaches it. */
  loseNextRemovalAnswer(): void;
  /**
   * The next `count` group changes the device asks for (w:g2 set: remove, promote, settings, invite reset)
   * are refused with 429 rate-overlimit, as WhatsApp answers a device that changes groups too fast; nothing is done.
   */
  overLimit(count: number): void;
  /** Messages the device sent that WhatsApp refused in its ack (a non-admin posting in an announcement-only group). */
  refusedSends(): readonly { group: string; id: string }[];
  /**
   * Another admin (or member) of the group changes something from their phone — a promote, a setting,
   * the subject — as `change` would (a w:g2 child: promote, announcement, subject…). Throws the
   * error WhatsApp would answer.
   */
  changeGroup(groupId: string, actorPhone: string, change: BinaryNode): void;
  /** Direct messages the device sent to members, by id, as each member's phone read them (a repeat kept once). */
  directs(): ReadonlyMap<string, DirectMessage>;
  /** Messages posted in the groups, by id (what the server holds, with revokes applied). */
  messages(): ReadonlyMap<string, PostedMessage>;
  /** Nodes received from the device, newest last (for tests and the practice log). */
  received(): readonly BinaryNode[];
  close(): Promise<void>;
}

export interface PostedMessage {
  id: string;
  group: string;
  /** Author's phone number. */
  author: string;
  message: ProtoTypes.IMessage;
  t: number;
  revoked: boolean;
  /** How many edits (MESSAGE_EDIT) the group's phones applied; `message` is then the latest text. */
  edits?: number;
}

const GROUP_SERVER = 'g.us';
/** How long after sending a message can be deleted for everyone (WhatsApp: about 2 days and 12 hours); later, phones keep it. */
export const DELETE_FOR_EVERYONE_S = 60 * 3600;
/** The ack error a non-admin's message to an announcement-only group gets (the group's "only admins can send"). */
export const ANNOUNCE_ONLY_ERROR = '403';
const USER_SERVER = 's.whatsapp.net';

class Connection {
  private readonly reader: FrameReader;
  private readonly noise: NoiseResponder;
  private transport: NoiseTransport | undefined;
  /** The device this connection logged in as. */
  device: LinkedDevice | undefined;
  private inbound: Promise<void> = Promise.resolve();

  constructor(
    private readonly B: Baileys,
    readonly socket: WebSocket,
    identity: NoiseIdentity,
    private readonly onPayload: (conn: Connection, payload: ProtoTypes.ClientPayload, noiseKey: Buffer) => void,
    private readonly onNode: (conn: Connection, node: BinaryNode) => Promise<void>,
  ) {
    this.reader = new FrameReader(B.NOISE_WA_HEADER);
    this.noise = new NoiseResponder(B, identity);
    socket.on('message', (data: Buffer) => {
      // Frames are handled one after another: node decoding is async and order matters.
      this.inbound = this.inbound.then(() => this.receive(data)).catch(() => this.socket.terminate());
    });
  }

  private stage: 'hello' | 'finish' | 'transport' = 'hello';

  private async receive(data: Buffer): Promise<void> {
    for (const bytes of this.reader.push(data)) {
      if (this.stage === 'hello') {
        this.socket.send(frame(this.noise.serverHello(bytes)));
        this.stage = 'finish';
      } else if (this.stage === 'finish') {
        const { payload, transport } = this.noise.clientFinish(bytes);
        this.transport = transport;
        this.stage = 'transport';
        this.onPayload(this, payload, this.noise.clientStatic!);
      } else {
        const node = await this.B.decodeBinaryNode(this.transport!.decrypt(bytes));
        await this.onNode(this, node);
      }
    }
  }

  send(node: BinaryNode): void {
    if (!this.transport || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame(this.transport.encrypt(this.B.encodeBinaryNode(node))));
  }

  /** A stream error the way WhatsApp ends a stream: the error node, then the socket closes. */
  streamError(code: string): void {
    this.send({ tag: 'stream:error', attrs: { code } });
    this.socket.close();
  }
}

const unixNow = () => String(Math.floor(Date.now() / 1000));

export async function startWhatsAppSimulator(options: WhatsAppSimulatorOptions = {}): Promise<WhatsAppSimulator> {
  const B = await loadBaileys();
  const { Curve, getBinaryNodeChild, getBinaryNodeChildren, hmacSign, proto, WA_ADV_ACCOUNT_SIG_PREFIX, WA_ADV_DEVICE_SIG_PREFIX } = B;
  const identity = makeNoiseIdentity(B);
  const phone = options.phone ?? { number: '15550000001', name: 'Tribe Mod Phone' };
  const phoneIdentity: KeyPair = generateKeyPair(B);
  const groups: PracticeGroup[] = options.groups ?? [];
  const qrRefs = options.qrRefs ?? 6;
  const pendingByRef = new Map<string, PendingPairing>();
  const connections = new Set<Connection>();
  const received: BinaryNode[] = [];
  let device: LinkedDevice | undefined;
  const makeRepository = await loadRepositoryMaker();
  const users = new Map<string, SimulatedUser>();
  // The phone itself is device 0 of the console's account; everyone else has one phone too.
  users.set(phone.number, new SimulatedUser(B, makeRepository, phone.number, phone.name));
  for (const g of groups) for (const m of g.members) if (!users.has(m.phone)) users.set(m.phone, new SimulatedUser(B, makeRepository, m.phone, m.name));
  const posted = new Map<string, PostedMessage>();
  const directs = new Map<string, DirectMessage>();
  /** Stanzas for the linked device not acked yet, in order (Signal state already advanced). */
  const unacked = new Map<string, BinaryNode>();
  let sending: Promise<unknown> = Promise.resolve();
  const revokes: { group: string; id: string; admin: boolean }[] = [];
  const edits: { group: string; id: string; target: string; text: string; applied: boolean }[] = [];
  const editIds = new Set<string>();
  const removals: { group: string; phone: string }[] = [];
  /** The next removal is applied, then the connection dies before its answer leaves (a lost answer). */
  let loseRemovalAnswer = false;
  let overLimitLeft = 0;
  let banned: 402 | 403 | 406 | undefined;
  const refusedSends: { group: string; id: string }[] = [];
  let nextNotification = 1;
  const offlineLimit = options.offlineLimit ?? Infinity;
  /** The phone shares the groups' recent history with a newly linked device at its first login. */
  let bootstrapPending = false;
  const historySyncs: { syncType: string; ids: string[] }[] = [];
  let phoneAnswers = options.phoneAnswers ?? false;
  const peerRequests: { type: 'placeholder' | 'history'; ids: string[] }[] = [];
  /** Sends to the linked device now, or keeps for its next login. */
  const deliver = (stanza: BinaryNode) => {
    if (!device) return;
    // Kept until the device acks it, as WhatsApp does: a stanza sent to a dying connection is sent
    // again at the next login (the client drops what it already has by message key).
    unacked.set(`${stanza.tag}:${stanza.attrs.id}`, stanza);
    const live = liveConnection();
    if (live) return live.send(stanza);
    // An offline queue has a bound: the oldest go, silently. The device fills that gap by asking its
    // phone for the history before the first message it gets (the phone cannot know what it lacks).
    while (unacked.size > offlineLimit) unacked.delete(unacked.keys().next().value!);
  };
  /** Messages posted as undecryptable: their sender's session stays broken, a resend does not help. */
  const broken = new Set<string>();
  const resent = new Map<string, number>();
  /**
   * A retry receipt: the device could not decrypt a group message (keys spent, a session out of
   * step). The sender's phone sends it again, 1:1-encrypted to that device under the same id, as
   * WhatsApp clients answer retries; a few times at most.
   */
  const resend = (receipt: BinaryNode) => {
    const id = receipt.attrs.id ?? '';
    const original = posted.get(id);
    const target = device;
    if (!original || !target || broken.has(id) || original.group !== receipt.attrs.to || original.revoked) return;
    const tries = (resent.get(id) ?? 0) + 1;
    if (tries > 3) return;
    resent.set(id, tries);
    const author = users.get(original.author);
    const member = groups.find((g) => g.id === original.group)?.members.find((m) => m.phone === original.author);
    if (!author) return;
    const run = async () => {
      const enc = await author.encryptForDevice(target, original.message);
      deliver({ tag: 'message', attrs: { from: original.group, participant: author.jid, id, t: String(original.t), type: 'text', notify: member?.name ?? author.name, addressing_mode: 'pn' }, content: [enc] });
    };
    sending = sending.then(run, run).catch(() => undefined);
  };
  /**
   * The phone sends the linked device a history sync notification, 1:1 Signal-encrypted as a peer
   * message, with the history inline (zlib-deflated HistorySync, as WhatsApp's initial bootstrap
   * carries it): each group's messages among `ids`, in order.
   */
  const sendHistorySync = (syncType: 'INITIAL_BOOTSTRAP' | 'ON_DEMAND', ids: string[]) => {
    const target = device;
    const phoneUser = users.get(phone.number)!;
    if (!target) return;
    historySyncs.push({ syncType, ids });
    const messages = ids.map((id) => posted.get(id)!).filter((m) => m && !m.revoked);
    const nameOf = (number: string) => groups.flatMap((g) => g.members).find((m) => m.phone === number)?.name ?? users.get(number)?.name;
    const history = proto.HistorySync.encode({
      syncType: proto.HistorySync.HistorySyncType[syncType],
      chunkOrder: 1,
      progress: 100,
      conversations: groups
        .map((g) => ({
          id: g.id,
          name: g.subject,
          messages: messages
            .filter((m) => m.group === g.id)
            .map((m, i) => ({
              msgOrderId: i + 1,
              message: { key: { remoteJid: g.id, fromMe: m.author === phone.number, id: m.id, participant: `${m.author}@${USER_SERVER}` }, message: m.message, messageTimestamp: m.t, pushName: nameOf(m.author) ?? null },
            })),
        }))
        .filter((c) => c.messages.length > 0),
    }).finish();
    const notification: ProtoTypes.IMessage = {
      protocolMessage: {
        type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
        historySyncNotification: { syncType: proto.HistorySync.HistorySyncType[syncType], chunkOrder: 1, progress: 100, fileLength: history.length, initialHistBootstrapInlinePayload: deflateSync(history) },
      },
    };
    const run = async () => {
      const enc = await phoneUser.encryptForDevice(target, notification);
      deliver({ tag: 'message', attrs: { from: `${phone.number}@${USER_SERVER}`, id: B.generateMessageID(), t: unixNow(), type: 'text', category: 'peer' }, content: [enc] });
    };
    sending = sending.then(run, run).catch(() => undefined);
  };
  /** A peer message from the phone to its linked device (1:1 Signal-encrypted, category peer). */
  const sendPeer = (message: ProtoTypes.IMessage) => {
    const target = device;
    const phoneUser = users.get(phone.number)!;
    if (!target) return;
    const run = async () => {
      const enc = await phoneUser.encryptForDevice(target, message);
      deliver({ tag: 'message', attrs: { from: `${phone.number}@${USER_SERVER}`, id: B.generateMessageID(), t: unixNow(), type: 'text', category: 'peer' }, content: [enc] });
    };
    sending = sending.then(run, run).catch(() => undefined);
  };
  /**
   * The phone answers a peer data operation request from its device, as WhatsApp's phone app does: a
   * placeholder resend gives back the messages it holds (it decrypted them itself); an on-demand history
   * request gives up to `count` messages of the group older than the one named, as a history sync.
   */
  const answerPeerRequest = (stanzaId: string, request: ProtoTypes.Message.IPeerDataOperationRequestMessage) => {
    const Type = proto.Message.PeerDataOperationRequestType;
    if (request.peerDataOperationRequestType === Type.PLACEHOLDER_MESSAGE_RESEND) {
      const ids = (request.placeholderMessageResendRequest ?? []).map((r) => r.messageKey?.id ?? '');
      peerRequests.push({ type: 'placeholder', ids });
      if (!phoneAnswers) return;
      const found = ids.map((id) => posted.get(id)).filter((m): m is PostedMessage => !!m && !m.revoked);
      const nameOf = (number: string) => groups.flatMap((g) => g.members).find((m) => m.phone === number)?.name ?? null;
      sendPeer({
        protocolMessage: {
          type: proto.Message.ProtocolMessage.Type.PEER_DATA_OPERATION_REQUEST_RESPONSE_MESSAGE,
          peerDataOperationRequestResponseMessage: {
            peerDataOperationRequestType: Type.PLACEHOLDER_MESSAGE_RESEND,
            stanzaId,
            peerDataOperationResult: found.map((m) => ({
              placeholderMessageResendResponse: {
                webMessageInfoBytes: proto.WebMessageInfo.encode({ key: { remoteJid: m.group, fromMe: m.author === phone.number, id: m.id, participant: `${m.author}@${USER_SERVER}` }, message: m.message, messageTimestamp: m.t, pushName: nameOf(m.author) }).finish(),
              },
            })),
          },
        },
      });
      return;
    }
    if (request.peerDataOperationRequestType === Type.HISTORY_SYNC_ON_DEMAND && request.historySyncOnDemandRequest) {
      const { chatJid, oldestMsgId, onDemandMsgCount } = request.historySyncOnDemandRequest;
      peerRequests.push({ type: 'history', ids: oldestMsgId ? [oldestMsgId] : [] });
      if (!phoneAnswers) return;
      const inGroup = [...posted.values()].filter((m) => m.group === chatJid);
      const at = inGroup.findIndex((m) => m.id === oldestMsgId);
      const before = at < 0 ? inGroup : inGroup.slice(0, at);
      sendHistorySync('ON_DEMAND', before.slice(-Math.max(1, Math.min(onDemandMsgCount ?? 50, 500))).map((m) => m.id));
    }
  };
  /** The LID (`<user>@lid`, no device) WhatsApp names a phone's account by; the console's own is its device's. */
  const lidJidOf = (number: string) => `${number === phone.number && device ? device.lid.split(':')[0] : lids.lidOf(number)}@lid`;
  const lidGroup = (groupId: string) => groups.find((g) => g.id === groupId)?.addressing === 'lid';
  /** A participant's attrs as the group names them: the number, or in a LID-addressed group the LID with the number beside it. */
  const participantAttrs = (groupId: string, number: string): Record<string, string> => {
    const group = groups.find((g) => g.id === groupId);
    if (group?.addressing === 'lid') return { jid: lidJidOf(number), ...(group.phonesHidden ? {} : { phone_number: `${number}@${USER_SERVER}` }) };
    return { jid: `${number}@${USER_SERVER}`, ...(group?.lidsListed ? { lid: lidJidOf(number) } : {}) };
  };
  const groupNotification = (groupId: string, actor: string, change: BinaryNode) => {
    // Callers name members by number; a LID-addressed group's notification names them as its metadata does.
    const named = lidGroup(groupId) && Array.isArray(change.content)
      ? { ...change, content: change.content.map((c) => (c.tag === 'participant' ? { ...c, attrs: { ...c.attrs, ...participantAttrs(groupId, phoneOf(c.attrs.jid)) } } : c)) }
      : change;
    const hidden = groups.find((g) => g.id === groupId)?.phonesHidden;
    const by: Record<string, string> = lidGroup(groupId) ? { participant: lidJidOf(actor), ...(hidden ? {} : { participant_pn: `${actor}@${USER_SERVER}` }) } : { participant: `${actor}@${USER_SERVER}` };
    deliver({ tag: 'notification', attrs: { from: groupId, type: 'w:gp2', id: `n${nextNotification++}`, ...by, t: unixNow() }, content: [named] });
  };
  /** The phone number behind a jid (`n:d@s.whatsapp.net`, or the account's own `lid`). */
  const phoneOf = (jid: string | undefined): string => {
    const [user = '', server] = (jid ?? '').split('@');
    const bare = user.split(':')[0] ?? '';
    if (server === 'lid') return device && device.lid.split(':')[0] === bare ? phone.number : (lids.phoneOfLid(bare) ?? '');
    return bare;
  };
  /** Every account's LID; the console's own is the one its device was given at pairing. */
  const lids = new LidDirectory();
  const adminHost: GroupAdminHost = { groups: () => groups, notify: (groupId, actor, change) => groupNotification(groupId, actor, change), phoneOf: (jid) => phoneOf(jid) };
  const liveConnection = () => [...connections].find((c) => c.device && c.device === device);
  let nextDeviceId = 1;
  let connectionCount = 0;
  let nextTag = 1;
  const tag = () => `sim.${nextTag++}`;

  const http: Server = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server: http, path: '/ws/chat' });

  const result = (node: BinaryNode, content?: BinaryNode[]): BinaryNode => ({
    tag: 'iq',
    attrs: { id: node.attrs.id!, type: 'result', from: node.attrs.to ?? `@${USER_SERVER}` },
    ...(content ? { content } : {}),
  });
  const iqError = (node: BinaryNode, code: number, text: string): BinaryNode => ({
    tag: 'iq',
    attrs: { id: node.attrs.id!, type: 'error', from: node.attrs.to ?? `@${USER_SERVER}` },
    content: [{ tag: 'error', attrs: { code: String(code), text } }],
  });

  const groupNode = (g: PracticeGroup): BinaryNode => {
    const creator = participantAttrs(g.id, g.members[0]!.phone);
    return {
    tag: 'group',
    attrs: { id: g.id.split('@')[0]!, subject: g.subject, s_t: '1700000000', creation: '1700000000', creator: creator.jid!, ...(creator.phone_number ? { creator_pn: creator.phone_number } : {}), addressing_mode: g.addressing ?? 'pn' },
    content: [
      ...(g.description ? [{ tag: 'description', attrs: { id: 'desc1', t: '1700000000' }, content: [{ tag: 'body', attrs: {}, content: Buffer.from(g.description) }] }] : []),
      ...g.members.map((m) => ({ tag: 'participant', attrs: { ...participantAttrs(g.id, m.phone), ...(m.admin ? { type: m.admin } : {}) } })),
      ...groupSettingNodes(g),
    ],
    };
  };

  const onPayload = (conn: Connection, payload: ProtoTypes.ClientPayload, noiseKey: Buffer) => {
    const pairing = payload.devicePairingData;
    if (pairing) {
      if (!pairing.eIdent || !pairing.eSkeyVal || !pairing.eSkeySig || !pairing.eSkeyId || !pairing.eRegid) return conn.streamError('400');
      const signedPreKey = { id: Buffer.from(pairing.eSkeyId).readUIntBE(0, pairing.eSkeyId.length), public: Buffer.from(pairing.eSkeyVal), signature: Buffer.from(pairing.eSkeySig) };
      // The registration must carry a signed pre-key that its identity key really signed.
      if (!Curve.verify(Buffer.from(pairing.eIdent), Buffer.concat([Buffer.from([5]), signedPreKey.public]), signedPreKey.signature)) return conn.streamError('401');
      const pending: PendingPairing = { conn, noiseKey, identityKey: Buffer.from(pairing.eIdent), registrationId: Buffer.from(pairing.eRegid).readUInt32BE(0), signedPreKey };
      const refs = Array.from({ length: qrRefs }, () => `2@${randomBytes(18).toString('base64')}`);
      for (const ref of refs) pendingByRef.set(ref, pending);
      conn.socket.once('close', () => refs.forEach((ref) => pendingByRef.delete(ref)));
      conn.send({
        tag: 'iq',
        attrs: { from: USER_SERVER, type: 'set', id: tag(), xmlns: 'md' },
        content: [{ tag: 'pair-device', attrs: {}, content: refs.map((ref) => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) })) }],
      });
      return;
    }
    if (banned) {
      // A banned account's devices are refused at login with the ban's reason (and never told more).
      conn.send({ tag: 'failure', attrs: { reason: String(banned), location: 'practice' } });
      conn.socket.close();
      return;
    }
    const username = payload.username ? String(payload.username) : '';
    if (!device || username !== phone.number || payload.device !== Number(device.jid.split(':')[1]?.split('@')[0]) || !device.noiseKey.equals(noiseKey)) {
      // An unknown or logged-out device: WhatsApp answers a login it does not know with failure 401.
      conn.send({ tag: 'failure', attrs: { reason: '401', location: 'practice' } });
      conn.socket.close();
      return;
    }
    // One stream per device: a new login ends the older one, as WhatsApp does ("replaced"), so
    // nothing meant for the device goes down a connection its client already left.
    for (const other of connections) {
      if (other === conn || other.device !== device) continue;
      other.device = undefined;
      other.send({ tag: 'stream:error', attrs: {}, content: [{ tag: 'conflict', attrs: { type: 'replaced' } }] });
      other.socket.close();
    }
    conn.device = device;
    conn.send({ tag: 'success', attrs: { t: unixNow(), lid: device.lid, props: '1', abprops: '1', location: 'practice', creation: unixNow() } });
    const pending = [...unacked.values()];
    for (const stanza of pending) conn.send({ ...stanza, attrs: { ...stanza.attrs, offline: '1' } });
    conn.send({ tag: 'ib', attrs: { from: USER_SERVER }, content: [{ tag: 'offline', attrs: { count: String(pending.length) } }] });
    if (bootstrapPending) {
      // Right after linking: each group's recent history (WhatsApp's initial bootstrap).
      bootstrapPending = false;
      const recent = groups.flatMap((g) => [...posted.values()].filter((m) => m.group === g.id).slice(-20));
      sendHistorySync('INITIAL_BOOTSTRAP', recent.map((m) => m.id));
    }
  };

  const onIq = async (conn: Connection, node: BinaryNode) => {
    const xmlns = node.attrs.xmlns;
    const type = node.attrs.type;
    const child = Array.isArray(node.content) ? node.content[0] : undefined;
    if (type === 'result' || type === 'error') {
      const signed = getBinaryNodeChild(node, 'pair-device-sign');
      if (signed) return completePairing(conn, signed);
      return;
    }
    if (xmlns === 'w:p' || xmlns === 'passive' || xmlns === 'urn:xmpp:ping') return conn.send(result(node));
    if (xmlns === 'encrypt' && child?.tag === 'count') return conn.send(result(node, [{ tag: 'count', attrs: { value: String(conn.device?.preKeys.size ?? 0) } }]));
    if (xmlns === 'encrypt' && type === 'set' && conn.device) {
      const list = getBinaryNodeChild(node, 'list');
      for (const key of getBinaryNodeChildren(list, 'key')) {
        const id = getBinaryNodeChild(key, 'id')?.content;
        const value = getBinaryNodeChild(key, 'value')?.content;
        if (id instanceof Uint8Array && value instanceof Uint8Array) conn.device.preKeys.set(Buffer.from(id).readUIntBE(0, id.length), Buffer.from(value));
      }
      return conn.send(result(node));
    }
    if (xmlns === 'usync' && child?.tag === 'usync') return conn.send(result(node, [usyncAnswer(child)]));
    if (xmlns === 'encrypt' && type === 'get' && child?.tag === 'key') {
      const list: BinaryNode[] = [];
      for (const u of getBinaryNodeChildren(child, 'user')) {
        const user = users.get(phoneOf(u.attrs.jid));
        if (!user) {
          list.push({ tag: 'user', attrs: { jid: u.attrs.jid! }, content: [{ tag: 'error', attrs: { code: '404', text: 'item-not-found' } }] });
          continue;
        }
        const bundle = await user.bundle();
        const [preKeyId, preKey] = [...bundle.preKeys][0]!;
        list.push({
          tag: 'user',
          attrs: { jid: u.attrs.jid! },
          content: [
            { tag: 'registration', attrs: {}, content: B.encodeBigEndian(bundle.registrationId) },
            { tag: 'type', attrs: {}, content: B.KEY_BUNDLE_TYPE },
            { tag: 'identity', attrs: {}, content: bundle.identityKey },
            { tag: 'skey', attrs: {}, content: [
              { tag: 'id', attrs: {}, content: B.encodeBigEndian(bundle.signedPreKey.id, 3) },
              { tag: 'value', attrs: {}, content: bundle.signedPreKey.public },
              { tag: 'signature', attrs: {}, content: bundle.signedPreKey.signature },
            ] },
            { tag: 'key', attrs: {}, content: [
              { tag: 'id', attrs: {}, content: B.encodeBigEndian(preKeyId, 3) },
              { tag: 'value', attrs: {}, content: preKey },
            ] },
          ],
        });
      }
      return conn.send(result(node, [{ tag: 'list', attrs: {}, content: list }]));
    }
    if (xmlns === 'w:g2' && type === 'get' && child?.tag === 'participating') {
      // Only the groups this number is in: a Community's parent is listed to its members, not to a moderator of one of its groups.
      return conn.send(result(node, [{ tag: 'groups', attrs: {}, content: groups.filter((g) => g.members.some((m) => m.phone === phone.number)).map(groupNode) }]));
    }
    if (xmlns === 'w:g2' && type === 'get' && child?.tag === 'query') {
      const group = groups.find((g) => g.id === node.attrs.to);
      if (!group) return conn.send(iqError(node, 404, 'item-not-found'));
      // A group's members may read it, and so may the members of a Community's groups read the Community.
      const isIn = (g: PracticeGroup) => g.members.some((m) => m.phone === phone.number);
      const readable = isIn(group) || groups.some((g) => g.parent === group.id && isIn(g));
      return conn.send(readable ? result(node, [groupNode(group)]) : iqError(node, 403, 'forbidden'));
    }
    if (xmlns === 'w:g2' && type === 'set' && overLimitLeft > 0) {
      overLimitLeft -= 1;
      return conn.send(iqError(node, 429, 'rate-overlimit'));
    }
    if (xmlns === 'w:g2' && type === 'set' && child?.tag === 'remove') {
      const group = groups.find((g) => g.id === node.attrs.to);
      if (!group) return conn.send(iqError(node, 404, 'item-not-found'));
      const self = group.members.find((m) => m.phone === phone.number);
      if (!self?.admin) return conn.send(iqError(node, 403, 'forbidden'));
      const answered: BinaryNode[] = [];
      const removed: BinaryNode[] = [];
      // One request may name many participants; WhatsApp answers each on its own (no error attr: removed;
      // 404: not a participant; 406: the group's creator, whom nobody removes), and tells the group's
      // devices once about all it removed. A participant is named by number or by LID.
      for (const p of getBinaryNodeChildren(child, 'participant')) {
        const number = phoneOf(p.attrs.jid);
        removals.push({ group: group.id, phone: number });
        const index = group.members.findIndex((m) => m.phone === number);
        if (index < 0) {
          answered.push({ tag: 'participant', attrs: { jid: p.attrs.jid!, error: '404' } });
          continue;
        }
        if (group.members[index]!.admin === 'superadmin') {
          answered.push({ tag: 'participant', attrs: { jid: p.attrs.jid!, error: '406' } });
          continue;
        }
        group.members.splice(index, 1);
        answered.push({ tag: 'participant', attrs: { jid: p.attrs.jid! } });
        removed.push({ tag: 'participant', attrs: { jid: `${number}@${USER_SERVER}` } });
      }
      if (loseRemovalAnswer) {
        loseRemovalAnswer = false;
        conn.socket.terminate();
      } else conn.send(result(node, [{ tag: 'remove', attrs: {}, content: answered }]));
      if (removed.length) groupNotification(group.id, phone.number, { tag: 'remove', attrs: {}, content: removed });
      return;
    }
    if (xmlns === 'md' && child?.tag === 'remove-companion-device') {
      conn.send(result(node));
      device = undefined;
      return;
    }
    const admin = groupAdminIq(adminHost, phone.number, node);
    if (admin) return conn.send(admin.ok ? result(node, admin.content) : iqError(node, admin.code, admin.text));
    if (xmlns === 'md' && child?.tag === 'link_code_companion_reg') return pairingByCode(conn, node, child);
    // Anything this practice server does not model gets the answer WhatsApp gives an unknown query.
    conn.send(iqError(node, 501, 'feature-not-implemented'));
  };

  /** Members' abouts (USync `status`) and the reads the device made. */
  const abouts = new Map<string, { text: string; t: string; hidden: boolean }>();
  const statusReads: string[] = [];
  /** USync: each user's devices (the phone, device 0) where asked; no LID, so addressing stays by number. */
  const usyncAnswer = (usync: BinaryNode): BinaryNode => {
    const query = getBinaryNodeChild(usync, 'query')?.content;
    const protocols = new Set(Array.isArray(query) ? query.map((n) => n.tag) : []);
    const list = getBinaryNodeChildren(getBinaryNodeChild(usync, 'list'), 'user').map((u): BinaryNode => {
      const jid = u.attrs.jid ?? `${String(getBinaryNodeChild(u, 'contact')?.content ?? '').replace('+', '')}@${USER_SERVER}`;
      const known = users.has(phoneOf(jid));
      const content: BinaryNode[] = [];
      if (protocols.has('devices')) content.push({ tag: 'devices', attrs: {}, content: [{ tag: 'device-list', attrs: {}, content: known ? [{ tag: 'device', attrs: { id: '0' } }] : [] }] });
      if (protocols.has('contact')) content.push({ tag: 'contact', attrs: { type: known ? 'in' : 'out' } });
      if (protocols.has('lid') && known) {
        const number = phoneOf(jid);
        const lid = number === phone.number && device ? device.lid.split(':')[0]! : lids.lidOf(number);
        content.push({ tag: 'lid', attrs: { val: `${lid}@lid` } });
      }
      if (protocols.has('status') && known) {
        // As WhatsApp: the text with when it was set; hidden by privacy → code 401; none → no text.
        const number = phoneOf(jid);
        statusReads.push(number);
        const about = abouts.get(number);
        if (about?.hidden) content.push({ tag: 'status', attrs: { code: '401', t: about.t } });
        else if (about) content.push({ tag: 'status', attrs: { t: about.t }, content: Buffer.from(about.text, 'utf8') });
        else content.push({ tag: 'status', attrs: { t: '0' } });
      }
      return { tag: 'user', attrs: { jid }, content };
    });
    return { tag: 'usync', attrs: { sid: usync.attrs.sid ?? '', index: '0', last: 'true' }, content: [{ tag: 'list', attrs: {}, content: list }] };
  };

  /**
   * A group message from the linked device. The server cannot read it (end-to-end), but the practice
   * group's members can: the first member with a pkmsg in <participants> decrypts it, the way every
   * recipient phone would, and the server records what the group now shows.
   */
  const onOutgoing = async (conn: Connection, node: BinaryNode) => {
    const to = node.attrs.to ?? '';
    const id = node.attrs.id ?? '';
    const into = groups.find((g) => g.id === to);
    // Announcement-only (and a Community's announcements group): only admins post. WhatsApp takes the
    // stanza and refuses it in the ack; the group's phones never get it.
    if (into && (into.announce || into.communityAnnounce) && !into.members.find((m) => m.phone === phone.number)?.admin) {
      refusedSends.push({ group: into.id, id });
      return conn.send({ tag: 'ack', attrs: { class: 'message', id, from: to, t: unixNow(), error: ANNOUNCE_ONLY_ERROR } });
    }
    conn.send({ tag: 'ack', attrs: { class: 'message', id, from: to, t: unixNow() } });
    if (to.endsWith(`@${USER_SERVER}`)) {
      // WhatsApp keeps one message per id: a client's repeat changes nothing.
      if (directs.has(id)) return;
      // Addressed by LID: a member's phone knows the device by its LID address.
      // Its own phone knows the device by the address it opened their session with (its phone-number jid).
      const own = phoneOf(to) === phone.number;
      const read = await readDirect(users, phoneOf, own ? conn.device!.jid : conn.device!.lid, node).catch(() => undefined);
      const request = read?.to === phone.number ? read.message.protocolMessage?.peerDataOperationRequestMessage : undefined;
      // The device asking its own phone for something (category peer): the phone answers, it is no DM.
      if (request) return answerPeerRequest(id, request);
      if (read) directs.set(id, read);
      return;
    }
    const group = groups.find((g) => g.id === to);
    // WhatsApp keeps one message per id: a client's repeat (a retried send) changes nothing.
    if (!group || posted.has(id) || editIds.has(id)) return;
    const skmsg = getBinaryNodeChildren(node, 'enc').find((e) => e.attrs.type === 'skmsg');
    if (!(skmsg?.content instanceof Uint8Array)) return;
    // Every member's phone reads it (each keeps its own Signal state current, as real phones do).
    const readers = group.members.filter((m) => m.phone !== phone.number).map((m) => users.get(m.phone)!);
    let message: ProtoTypes.IMessage | undefined;
    // In a LID-addressed group the device sends as its LID (its sender key is named so), to members' LIDs.
    const sender = node.attrs.addressing_mode === 'lid' ? conn.device!.lid : conn.device!.jid;
    for (const reader of readers) {
      const addressed = getBinaryNodeChildren(getBinaryNodeChild(node, 'participants'), 'to').find((t) => phoneOf(t.attrs.jid) === reader.phone);
      const pk = addressed ? getBinaryNodeChild(addressed, 'enc') : undefined;
      const encs = [...(pk?.content instanceof Uint8Array ? [{ type: pk.attrs.type!, content: pk.content }] : []), { type: 'skmsg', content: skmsg.content }];
      // The 1:1 session the sender key came in may be the one opened under the device's number.
      for (const from of new Set([sender, conn.device!.jid])) {
        try {
          const read = await reader.decrypt(from, group.id, sender, encs);
          message ??= read;
          break;
        } catch {
          // this member has no sender key from the device yet (or not under this name); another may
        }
      }
    }
    if (!message) return;
    const revoke = message.protocolMessage;
    if (revoke && revoke.type === B.proto.Message.ProtocolMessage.Type.REVOKE && revoke.key?.id) {
      const target = posted.get(revoke.key.id);
      const admin = node.attrs.edit === '8';
      revokes.push({ group: group.id, id: revoke.key.id, admin });
      // Phones apply a delete for everyone only within WhatsApp's window after the message was sent.
      const inWindow = !!target && Date.now() / 1000 - target.t <= DELETE_FOR_EVERYONE_S;
      // Phones find the message by its whole key: an admin's delete must name the author as participant.
      const namesAuthor = !admin || (!!target && phoneOf(revoke.key.participant ?? undefined) === target.author);
      if (target && inWindow && namesAuthor && target.group === group.id && (admin ? group.members.find((m) => m.phone === phone.number)?.admin : target.author === phone.number)) target.revoked = true;
      return;
    }
    if (revoke && revoke.type === B.proto.Message.ProtocolMessage.Type.MESSAGE_EDIT && revoke.key?.id && revoke.editedMessage) {
      // The phones replace the text of the author's own message, within WhatsApp's 15-minute window.
      editIds.add(id);
      const target = posted.get(revoke.key.id);
      const text = revoke.editedMessage.conversation ?? revoke.editedMessage.extendedTextMessage?.text ?? '';
      const applied = !!target && target.group === group.id && target.author === phone.number && !target.revoked && Date.now() / 1000 - target.t <= 15 * 60;
      edits.push({ group: group.id, id, target: revoke.key.id, text, applied });
      if (applied) {
        target.message = revoke.editedMessage;
        target.edits = (target.edits ?? 0) + 1;
      }
      return;
    }
    posted.set(id, { id, group: group.id, author: phone.number, message, t: Math.floor(Date.now() / 1000), revoked: false });
  };

  /** Pairing-code requests by the linking connection, and the phone's half once the code was typed. */
  const codeRequests = new Map<Connection, CodeRequest>();
  const codeExchanges = new Map<Connection, CodeExchange>();
  const pairingByCode = (conn: Connection, node: BinaryNode, reg: BinaryNode) => {
    const pending = [...pendingByRef.values()].find((p) => p.conn === conn);
    if (!pending) return conn.send(iqError(node, 401, 'not-authorized'));
    if (reg.attrs.stage === 'companion_hello') {
      const hello = readCompanionHello(B, reg);
      if (!hello || !hello.noiseKey.equals(pending.noiseKey)) return conn.send(iqError(node, 400, 'bad-request'));
      // Only this practice server's phone has an account here.
      if (hello.phone !== phone.number) return conn.send(iqError(node, 404, 'item-not-found'));
      const ref = Buffer.from(`2@${randomBytes(18).toString('base64')}`);
      codeRequests.set(conn, { ref, ...hello });
      conn.socket.once('close', () => {
        codeRequests.delete(conn);
        codeExchanges.delete(conn);
      });
      return conn.send(result(node, [{ tag: 'link_code_companion_reg', attrs: {}, content: [{ tag: 'link_code_pairing_ref', attrs: {}, content: ref }] }]));
    }
    if (reg.attrs.stage === 'companion_finish') {
      const exchange = codeExchanges.get(conn);
      const finished = exchange ? companionFinish(B, exchange, reg, phoneIdentity) : undefined;
      if (!finished || !finished.companionIdentity.equals(pending.identityKey)) return conn.send(iqError(node, 400, 'bad-request'));
      codeRequests.delete(conn);
      codeExchanges.delete(conn);
      conn.send(result(node));
      linkPending(pending, finished.advSecret);
      return;
    }
    conn.send(iqError(node, 400, 'bad-request'));
  };

  /** The phone signs the pending device's identity; `advSecret` (from the QR, or a code exchange) proves the phone saw it. */
  const linkPending = (pending: PendingPairing, advSecret: Buffer) => {
    const deviceId = nextDeviceId++;
    const jid = `${phone.number}:${deviceId}@${USER_SERVER}`;
    const lid = `${BigInt(`0x${randomBytes(6).toString('hex')}`)}:${deviceId}@lid`;
    const deviceDetails = proto.ADVDeviceIdentity.encode({ rawId: deviceId, timestamp: Math.floor(Date.now() / 1000), keyIndex: deviceId }).finish();
    const accountSignature = Curve.sign(phoneIdentity.private, Buffer.concat([WA_ADV_ACCOUNT_SIG_PREFIX, deviceDetails, pending.identityKey]));
    const signedIdentity = proto.ADVSignedDeviceIdentity.encode({ details: deviceDetails, accountSignatureKey: phoneIdentity.public, accountSignature }).finish();
    const hmac = hmacSign(signedIdentity, advSecret);
    const wrapped = proto.ADVSignedDeviceIdentityHMAC.encode({ details: signedIdentity, hmac }).finish();
    for (const user of users.values()) user.forgetDevice(jid);
    unacked.clear();
    bootstrapPending = true;
    device = {
      jid,
      lid,
      noiseKey: pending.noiseKey,
      identityKey: pending.identityKey,
      registrationId: pending.registrationId,
      signedPreKey: pending.signedPreKey,
      preKeys: new Map(),
    };
    pending.conn.send({
      tag: 'iq',
      attrs: { from: USER_SERVER, type: 'result', id: tag(), t: unixNow() },
      content: [
        {
          tag: 'pair-success',
          attrs: {},
          content: [
            { tag: 'device-identity', attrs: {}, content: wrapped },
            { tag: 'platform', attrs: { name: 'android' } },
            { tag: 'device', attrs: { jid, lid } },
          ],
        },
      ],
    });
  };

  const completePairing = (conn: Connection, signed: BinaryNode) => {
    const pending = [...pendingByRef.values()].find((p) => p.conn === conn);
    const identityNode = getBinaryNodeChild(signed, 'device-identity');
    if (!pending || !(identityNode?.content instanceof Uint8Array)) return conn.streamError('400');
    const account = proto.ADVSignedDeviceIdentity.decode(identityNode.content);
    const details = account.details;
    if (!details || !account.deviceSignature) return conn.streamError('401');
    // The device must have signed its identity with the key it registered: the phone checks it.
    const deviceMsg = Buffer.concat([WA_ADV_DEVICE_SIG_PREFIX, details, pending.identityKey, phoneIdentity.public]);
    if (!Curve.verify(pending.identityKey, deviceMsg, Buffer.from(account.deviceSignature))) return conn.streamError('401');
    for (const [ref, p] of pendingByRef) if (p === pending) pendingByRef.delete(ref);
    // The pairing is done: WhatsApp asks the client to restart its stream (515) and log in.
    conn.streamError('515');
  };

  const onNode = async (conn: Connection, node: BinaryNode) => {
    received.push(node);
    if (received.length > 5000) received.splice(0, received.length - 5000);
    if (node.tag === 'iq') return onIq(conn, node);
    if (node.tag === 'message' && conn.device) return onOutgoing(conn, node);
    if (node.tag === 'ack' && conn.device) unacked.delete(`${node.attrs.class}:${node.attrs.id}`);
    // A delivery receipt (any type but a retry request) is how a device confirms a message it could
    // read: WhatsApp stops keeping those for it, and acks the receipt.
    if (node.tag === 'receipt' && conn.device) {
      if (node.attrs.type === 'retry') resend(node);
      else {
        const list = getBinaryNodeChild(node, 'list');
        for (const id of [node.attrs.id, ...getBinaryNodeChildren(list, 'item').map((item) => item.attrs.id)]) if (id) unacked.delete(`message:${id}`);
      }
      conn.send({ tag: 'ack', attrs: { class: 'receipt', id: node.attrs.id ?? '', from: node.attrs.to ?? USER_SERVER, ...(node.attrs.type ? { type: node.attrs.type } : {}) } });
    }
  };

  wss.on('connection', (socket) => {
    connectionCount += 1;
    const conn = new Connection(B, socket, identity, onPayload, onNode);
    connections.add(conn);
    socket.on('close', () => connections.delete(conn));
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  const api: WhatsAppSimulator = {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    noiseRootKey: identity.root.public.toString('hex'),
    phone,
    groups: () => groups,
    linked: () => device !== undefined,
    connectionCount: () => connectionCount,
    pendingForDevice: () => unacked.size,
    deviceOnline: () => liveConnection() !== undefined,
    loseNextRemovalAnswer() {
      loseRemovalAnswer = true;
    },
    overLimit(count) {
      overLimitLeft = count;
    },
    refusedSends: () => refusedSends,
    dropConnections() {
      for (const conn of connections) if (conn.device) conn.socket.terminate();
    },
    newSession(member: string) {
      if (device) users.get(member)?.forgetDevice(device.jid);
    },
    setAbout(member, about, options) {
      if (!users.has(member)) throw new Error(`no member ${member}`);
      const text = [...about].slice(0, 139).join('');
      if (text || options?.hidden) abouts.set(member, { text, t: unixNow(), hidden: options?.hidden ?? false });
      else abouts.delete(member);
    },
    statusReads: () => statusReads,
    received: () => received,
    async enterCode(code: string): Promise<boolean> {
      // Baileys shows the code as soon as it has asked for it; the phone waits for the server to know the request.
      const deadline = Date.now() + 10_000;
      let waiting = [...codeRequests.entries()].find(([c]) => !codeExchanges.has(c));
      while (!waiting && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        waiting = [...codeRequests.entries()].find(([c]) => !codeExchanges.has(c));
      }
      const [conn, request] = waiting ?? [];
      if (!conn || !request) return false;
      const { exchange, notification } = await phoneAnswer(B, request, code.replace(/-/g, '').toUpperCase(), phoneIdentity, tag());
      codeExchanges.set(conn, exchange);
      conn.send(notification);
      return true;
    },
    refuse(qr: string): boolean {
      const ref = qr.replace(/^https:\/\/wa\.me\/settings\/linked_devices#/, '').split(',')[0];
      const pending = ref ? pendingByRef.get(ref) : undefined;
      if (!pending) return false;
      for (const [r, p] of pendingByRef) if (p === pending) pendingByRef.delete(r);
      pending.conn.send({ tag: 'failure', attrs: { reason: '401', location: 'practice' } });
      pending.conn.socket.close();
      return true;
    },
    async scan(qr: string): Promise<boolean> {
      const [ref, noiseB64, identityB64, advB64] = qr.replace(/^https:\/\/wa\.me\/settings\/linked_devices#/, '').split(',');
      const pending = ref ? pendingByRef.get(ref) : undefined;
      if (!pending || !noiseB64 || !identityB64 || !advB64) return false;
      if (!pending.noiseKey.equals(Buffer.from(noiseB64, 'base64')) || !pending.identityKey.equals(Buffer.from(identityB64, 'base64'))) return false;
      // The HMAC over the identity uses the secret only the QR carried: proof the phone saw this QR.
      linkPending(pending, Buffer.from(advB64, 'base64'));
      return true;
    },
    changeGroup(groupId, actorPhone, change) {
      const answer = applyGroupChange(adminHost, groupId, actorPhone, change);
      if (!answer.ok) throw new Error(`WhatsApp answered ${answer.code} ${answer.text}`);
    },
    messages: () => posted,
    historySyncs: () => historySyncs,
    setPhoneAnswers: (on) => {
      phoneAnswers = on;
    },
    peerRequests: () => peerRequests,
    directs: () => directs,
    revokes: () => revokes,
    edits: () => edits,
    removals: () => removals,
    async vote(groupId, voterPhone, pollId, options, voteOptions = {}) {
      const poll = posted.get(pollId);
      const creation = poll?.message.pollCreationMessage ?? poll?.message.pollCreationMessageV2 ?? poll?.message.pollCreationMessageV3;
      const secret = poll?.message.messageContextInfo?.messageSecret;
      if (!poll || poll.group !== groupId || !creation || !secret) throw new Error(`no poll ${pollId} in ${groupId}`);
      const names = (creation.options ?? []).map((o) => o.optionName ?? '');
      for (const o of options) if (!names.includes(o)) throw new Error(`the poll has no option ${o}`);
      // In a LID-addressed group a phone knows the poll's creator and itself by their LIDs.
      const lidJid = (number: string) => `${number === phone.number && device ? device.lid.split(':')[0] : lids.lidOf(number)}@lid`;
      const creatorJid = voteOptions.lid ? lidJid(poll.author) : `${poll.author}@${USER_SERVER}`;
      const voterJid = voteOptions.lid ? lidJid(voterPhone) : `${voterPhone}@${USER_SERVER}`;
      // WhatsApp's poll vote key: HMAC-SHA256 chain over the poll's secret, its id and both jids.
      const key0 = B.hmacSign(Buffer.from(secret), new Uint8Array(32), 'sha256');
      const key = B.hmacSign(Buffer.concat([Buffer.from(pollId), Buffer.from(creatorJid), Buffer.from(voterJid), Buffer.from('Poll Vote'), new Uint8Array([1])]), key0, 'sha256');
      const iv = randomBytes(12);
      const vote = B.proto.Message.PollVoteMessage.encode({ selectedOptions: options.map((o) => B.sha256(Buffer.from(o))) }).finish();
      const encPayload = B.aesEncryptGCM(vote, key, iv, Buffer.from(`${pollId}\u0000${voterJid}`));
      return api.post(groupId, voterPhone, {
        pollUpdateMessage: {
          pollCreationMessageKey: { remoteJid: groupId, fromMe: voterPhone === poll.author, id: pollId, participant: creatorJid },
          vote: { encPayload, encIv: iv },
          senderTimestampMs: Date.now(),
        },
      }, voteOptions.lid ? { lid: voteOptions.lid } : {});
    },
    addMember(groupId, actorPhone, member) {
      const group = groups.find((g) => g.id === groupId);
      if (!group?.members.find((m) => m.phone === actorPhone)?.admin) throw new Error(`${actorPhone} is no admin of ${groupId}`);
      if (!users.has(member.phone)) users.set(member.phone, new SimulatedUser(B, makeRepository, member.phone, member.name));
      if (!group.members.some((m) => m.phone === member.phone)) group.members.push(member);
      groupNotification(groupId, actorPhone, { tag: 'add', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${member.phone}@${USER_SERVER}` } }] });
    },
    async join(groupId, member) {
      const group = groups.find((g) => g.id === groupId);
      if (!group) throw new Error(`no group ${groupId}`);
      if (!users.has(member.phone)) users.set(member.phone, new SimulatedUser(B, makeRepository, member.phone, member.name));
      if (!group.members.some((m) => m.phone === member.phone)) group.members.push(member);
      // A join through the invite link: the joiner is both actor and subject.
      groupNotification(groupId, member.phone, { tag: 'add', attrs: { reason: 'invite' }, content: [{ tag: 'participant', attrs: { jid: `${member.phone}@${USER_SERVER}` } }] });
    },
    async leave(groupId, who) {
      const group = groups.find((g) => g.id === groupId);
      const index = group?.members.findIndex((m) => m.phone === who) ?? -1;
      if (!group || index < 0) return;
      group.members.splice(index, 1);
      groupNotification(groupId, who, { tag: 'remove', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${who}@${USER_SERVER}` } }] });
    },
    post(groupId, fromPhone, message, options = {}) {
      const run = async (): Promise<string> => {
        const group = groups.find((g) => g.id === groupId);
        const user = users.get(fromPhone);
        const member = group?.members.find((m) => m.phone === fromPhone);
        if (!group || !user || !member) throw new Error(`${fromPhone} is not a member of ${groupId}`);
        const id = options.id ?? B.generateMessageID();
        // `at`: when it was sent (unix seconds), for a message the device gets long after (its offline queue).
        const t = options.at ?? Math.floor(Date.now() / 1000);
        posted.set(id, { id, group: groupId, author: fromPhone, message, t, revoked: false });
        const target = device;
        if (!target) return id;
        let encs = await user.encryptForGroup(groupId, target, message);
        // A message the device cannot decrypt (what a sender's broken session looks like on the wire).
        if (options.undecryptable) broken.add(id);
        // Garbled: the device cannot decrypt this copy, but the sender's resend (on retry) reads fine.
        if (options.undecryptable || options.garbled) encs = encs.map((e) => (e.attrs.type === 'skmsg' ? { ...e, content: Buffer.from(e.content).reverse() } : e));
        // A group in LID addressing (what WhatsApp moves groups to): the sender is named by their LID,
        // with the phone number beside it (participant_pn) only where the group shares numbers.
        // A LID-addressed group's members post so unless told otherwise.
        const lid = options.lid ?? (group.addressing === 'lid' ? (group.phonesHidden ? 'only' : 'with-phone') : undefined);
        const addressing = lid
          ? { participant: `${lids.lidOf(fromPhone)}@lid`, ...(lid === 'with-phone' ? { participant_pn: user.jid } : {}), addressing_mode: 'lid' }
          : { participant: user.jid, addressing_mode: 'pn' };
        deliver({ tag: 'message', attrs: { from: groupId, ...addressing, id, t: String(t), type: 'text', notify: member.name }, content: encs });
        return id;
      };
      const next = sending.then(run, run);
      sending = next.catch(() => undefined);
      return next;
    },
    banAccount(reason) {
      banned = reason;
      if (!reason) return;
      for (const conn of connections) {
        if (!conn.device) continue;
        conn.send({ tag: 'failure', attrs: { reason: String(reason), location: 'practice' } });
        conn.socket.close();
      }
    },
    async logOutDevice(): Promise<void> {
      device = undefined;
      for (const conn of connections) {
        if (!conn.device) continue;
        // What a phone's "log out" does to a linked device's open stream.
        conn.send({ tag: 'stream:error', attrs: { code: '401' }, content: [{ tag: 'conflict', attrs: { type: 'device_removed' } }] });
        conn.socket.close();
      }
    },
    async close(): Promise<void> {
      for (const conn of connections) conn.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return api;
}

export const practiceGroupJid = (n: number) => `1203630${String(n).padStart(11, '0')}@${GROUP_SERVER}`;
