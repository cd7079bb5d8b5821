// The practice server's transport and sessions: TCP with MTProto's full framing, the auth-key
// exchange (mtproto.ts), encrypted sessions, containers (the answers to one client packet go back
// together, as Telegram groups them; a test's answer schedule can regroup them) and the wrappers
// gramjs puts around calls. What a call means is methods.ts's.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { serverKeyFromPem } from '../../connectors/telegram/rsa';
import { containerBody, inOrder, type AnswerSchedule, type Outgoing } from './answers';
import { AuthKeyExchange, FullFraming, MessageIds, authKeyIdOf, decryptFromClient, encryptForClient, fromBig, rpcError, rpcResult, tlBytes, toBig, type TlValue } from './mtproto';
import type { SrpChallenge } from './srp';
import type { TelegramSimulatorOptions } from './types';

/** A request the server leaves unanswered (injectSilence). */
export class Silence extends Error {}

export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    readonly errorMessage: string,
  ) {
    super(errorMessage);
  }
}

export interface AuthRecord {
  key: Buffer;
  userId?: string;
  /** Phone that passed the code step and still owes its cloud password. */
  pendingPasswordUserId?: string;
  srp?: SrpChallenge;
}

export interface Connection {
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

/** Answers one call of a logged-in (or logging-in) connection. */
export type CallHandler = (conn: Connection, request: Api.AnyRequest) => Promise<TlValue>;

export function createSessions(options: TelegramSimulatorOptions, handleRequest: CallHandler) {
  const keys = serverKeyPair();
  const serverKey = { privateKeyPem: keys.privateKey, fingerprint: serverKeyFromPem(keys.publicKey).fingerprint };
  const host = options.host ?? '127.0.0.1';
  const authKeys = new Map<bigint, AuthRecord>();
  const connections = new Set<Connection>();
  /** Calls to carry out and then leave unanswered, the connection dropped (injectLostAnswer). */
  const lostAnswers: Array<{ method: string; times: number }> = [];
  let schedule: AnswerSchedule | undefined;
  let forcedRetries = options.dhGenRetries ?? 0;
  let retriesAnswered = 0;

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

  /** Listens on options.port (0: any free port); resolves with the port. */
  const listen = () =>
    new Promise<number>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(options.port ?? 0, host, () => resolve((tcp.address() as AddressInfo).port));
    });

  return {
    host,
    rsaPublicKeyPem: keys.publicKey,
    authKeys,
    connections,
    lostAnswers,
    send,
    listen,
    setSchedule(next: AnswerSchedule | undefined) {
      schedule = next;
    },
    stats: () => ({ authKeys: authKeys.size, connections: connections.size, dhGenRetries: retriesAnswered }),
    async close() {
      for (const conn of connections) conn.socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
