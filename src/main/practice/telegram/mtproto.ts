// The server half of MTProto 2.0 for the practice Telegram: TCP "full" framing, the auth-key
// exchange (RSA_PAD + DH) and message encryption, reusing gramjs's own IGE, TL classes and reader.
import { createDiffieHellman, createHash, getDiffieHellman, privateDecrypt, constants, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { IGE } from 'telegram/crypto/IGE';
import { AuthKey } from 'telegram/crypto/AuthKey';
import { crc32, generateKeyDataFromNonce, readBigIntFromBuffer, returnBigInt } from 'telegram/Helpers';
import { serializeBytes } from 'telegram/tl';

export type BigInteger = ReturnType<typeof returnBigInt>;

/** rpc_result#f35c6d01, msg_container#73f1f8dc, gzip_packed#3072cfa1: core types gramjs reads by hand. */
const RPC_RESULT = 0xf35c6d01;
const VECTOR = 0x1cb5c415;
const BOOL_TRUE = 0x997275b5;
const BOOL_FALSE = 0xbc799737;

// Telegram's documented example: p·q small enough for gramjs's Pollard-rho to factor instantly.
const PQ = Buffer.from('17ED48941A08F981', 'hex');

export interface ServerKey {
  privateKeyPem: string;
  fingerprint: BigInteger;
}

const sha1 = (data: Buffer) => createHash('sha1').update(data).digest();
const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

function long(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt.asIntN(64, value));
  return b;
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value | 0);
  return b;
}

function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

export const toBig = (value: bigint | number | string): BigInteger => returnBigInt(String(value));
export const fromBig = (value: BigInteger | number | undefined): bigint => (value === undefined ? 0n : BigInt(value.toString()));

/** What a TL result can be on the wire: an object, a Bool, or a vector of either. */
export type TlValue = { getBytes(): Buffer } | boolean | TlValue[] | Buffer;

export function tlBytes(value: TlValue): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value === true) return uint32(BOOL_TRUE);
  if (value === false) return uint32(BOOL_FALSE);
  if (Array.isArray(value)) return Buffer.concat([uint32(VECTOR), int32(value.length), ...value.map(tlBytes)]);
  return value.getBytes();
}

export function rpcResult(reqMsgId: bigint, body: Buffer): Buffer {
  return Buffer.concat([uint32(RPC_RESULT), long(reqMsgId), body]);
}

export function rpcError(reqMsgId: bigint, code: number, message: string): Buffer {
  return rpcResult(reqMsgId, new Api.RpcError({ errorCode: code, errorMessage: message }).getBytes());
}

function calcKey(authKey: Buffer, msgKey: Buffer, fromClient: boolean) {
  const x = fromClient ? 0 : 8;
  const a = sha256(msgKey, authKey.subarray(x, x + 36));
  const b = sha256(authKey.subarray(x + 40, x + 76), msgKey);
  return {
    key: Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]),
    iv: Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]),
  };
}

export function authKeyIdOf(key: Buffer): bigint {
  return sha1(key).subarray(12, 20).readBigInt64LE();
}

export interface ClientMessage {
  sessionId: bigint;
  msgId: bigint;
  body: Buffer;
}

export function decryptFromClient(authKey: Buffer, packet: Buffer): ClientMessage | undefined {
  const msgKey = packet.subarray(8, 24);
  const { key, iv } = calcKey(authKey, msgKey, true);
  const plain = new IGE(key, iv).decryptIge(packet.subarray(24));
  if (!sha256(authKey.subarray(88, 120), plain).subarray(8, 24).equals(msgKey)) return undefined;
  const length = plain.readInt32LE(28);
  if (length < 0 || 32 + length > plain.length) return undefined;
  return { sessionId: plain.readBigInt64LE(8), msgId: plain.readBigInt64LE(16), body: plain.subarray(32, 32 + length) };
}

export function encryptForClient(authKey: Buffer, salt: bigint, sessionId: bigint, msgId: bigint, seqNo: number, body: Buffer): Buffer {
  const head = Buffer.concat([long(salt), long(sessionId), long(msgId), int32(seqNo), int32(body.length)]);
  const unpadded = head.length + body.length;
  const padding = randomBytes(((16 - ((unpadded + 12) % 16)) % 16) + 12);
  const plain = Buffer.concat([head, body, padding]);
  const msgKey = sha256(authKey.subarray(96, 128), plain).subarray(8, 24);
  const { key, iv } = calcKey(authKey, msgKey, false);
  return Buffer.concat([long(authKeyIdOf(authKey)), msgKey, new IGE(key, iv).encryptIge(plain)]);
}

/** TCP "full" transport: len · seq · payload · crc32, in both directions. */
export class FullFraming {
  private buffer: Buffer = Buffer.alloc(0);
  private sendSeq = 0;

  constructor(
    private readonly socket: Socket,
    private readonly onPacket: (packet: Buffer) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4) {
      const length = this.buffer.readInt32LE(0);
      if (length < 12 || length > 16 * 1024 * 1024) {
        this.socket.destroy();
        return;
      }
      if (this.buffer.length < length) return;
      const frame = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      const body = frame.subarray(8, length - 4);
      // A bad checksum means a corrupted stream; Telegram closes it.
      if (crc32(frame.subarray(0, length - 4)) !== frame.readUInt32LE(length - 4)) {
        this.socket.destroy();
        return;
      }
      this.onPacket(Buffer.from(body));
    }
  }

  send(payload: Buffer) {
    if (this.socket.destroyed) return;
    const head = Buffer.concat([int32(payload.length + 12), int32(this.sendSeq++)]);
    const crc = uint32(crc32(Buffer.concat([head, payload])));
    this.socket.write(Buffer.concat([head, payload, crc]));
  }

  /** The transport error Telegram sends for an auth key it does not know (gramjs: InvalidBufferError 404). */
  sendTransportError(code: number) {
    if (this.socket.destroyed) return;
    this.socket.write(Buffer.concat([int32(-code), int32(-code), int32(-code)]));
  }
}

/** Server message ids: time-based, strictly growing, ≡ 1 (mod 4) for answers and 3 for the rest. */
export class MessageIds {
  private last = 0n;
  next(answer: boolean): bigint {
    let id = (BigInt(Math.floor(Date.now() / 1000)) << 32n) | (BigInt(Math.floor(Math.random() * 1e6)) << 2n);
    id = (id & ~3n) | (answer ? 1n : 3n);
    while (id <= this.last) id += 4n;
    this.last = id;
    return id;
  }
}

function plainMessage(ids: MessageIds, body: Buffer): Buffer {
  return Buffer.concat([long(0n), long(ids.next(true)), int32(body.length), body]);
}

interface Handshake {
  nonce?: BigInteger;
  serverNonce?: BigInteger;
  newNonce?: BigInteger;
  tmpKey?: Buffer;
  tmpIv?: Buffer;
  dh?: ReturnType<typeof createDiffieHellman>;
}

/**
 * The three unencrypted round trips that create an auth key. Returns the new key when the client
 * confirmed it; a key with a leading zero byte is answered with dh_gen_retry because gramjs drops
 * that byte and would disagree with us about the key.
 */
export class AuthKeyExchange {
  private state: Handshake = {};

  constructor(
    private readonly serverKey: ServerKey,
    private readonly ids: MessageIds,
    private readonly reply: (payload: Buffer) => void,
    /** Answers dh_gen_retry this many more times regardless of the key (to test the client's retry). */
    private forcedRetries: () => boolean = () => false,
  ) {}

  async handle(packet: Buffer): Promise<Buffer | undefined> {
    const length = packet.readInt32LE(16);
    const request = await new BinaryReader(packet.subarray(20, 20 + length)).tgReadObject();
    if (request instanceof Api.ReqPqMulti || request instanceof Api.ReqPq) {
      this.state = { nonce: request.nonce, serverNonce: readBigIntFromBuffer(randomBytes(16), true, true) };
      const res = new Api.ResPQ({
        nonce: request.nonce,
        serverNonce: this.state.serverNonce as BigInteger,
        pq: PQ,
        serverPublicKeyFingerprints: [this.serverKey.fingerprint],
      });
      this.reply(plainMessage(this.ids, res.getBytes()));
      return undefined;
    }
    if (request instanceof Api.ReqDHParams) {
      const { nonce, serverNonce } = this.state;
      if (!nonce || !serverNonce || !request.nonce.eq(nonce) || !request.serverNonce.eq(serverNonce)) throw new Error('handshake out of order');
      const decrypted = privateDecrypt({ key: this.serverKey.privateKeyPem, padding: constants.RSA_NO_PADDING }, request.encryptedData);
      const tempKey = xor(decrypted.subarray(0, 32), sha256(decrypted.subarray(32)));
      const dataWithHash = new IGE(tempKey, Buffer.alloc(32)).decryptIge(decrypted.subarray(32));
      const dataWithPadding = Buffer.from(dataWithHash.subarray(0, 192)).reverse();
      if (!sha256(tempKey, dataWithPadding).equals(dataWithHash.subarray(192, 224))) throw new Error('RSA_PAD hash mismatch');
      const inner = await new BinaryReader(dataWithPadding).tgReadObject();
      if (!(inner instanceof Api.PQInnerData)) throw new Error('expected p_q_inner_data');
      this.state.newNonce = inner.newNonce;
      const { key, iv } = await generateKeyDataFromNonce(serverNonce, inner.newNonce);
      this.state.tmpKey = key;
      this.state.tmpIv = iv;
      const modp = getDiffieHellman('modp14');
      const dh = createDiffieHellman(modp.getPrime(), Buffer.from([2]));
      dh.generateKeys();
      this.state.dh = dh;
      const answer = new Api.ServerDHInnerData({
        nonce,
        serverNonce,
        g: 2,
        dhPrime: dh.getPrime(),
        gA: dh.getPublicKey(),
        serverTime: Math.floor(Date.now() / 1000),
      }).getBytes();
      const withHash = Buffer.concat([sha1(answer), answer]);
      const padded = Buffer.concat([withHash, randomBytes((16 - (withHash.length % 16)) % 16)]);
      const encryptedAnswer = new IGE(key, iv).encryptIge(padded);
      this.reply(plainMessage(this.ids, new Api.ServerDHParamsOk({ nonce, serverNonce, encryptedAnswer }).getBytes()));
      return undefined;
    }
    if (request instanceof Api.SetClientDHParams) {
      const { nonce, serverNonce, newNonce, tmpKey, tmpIv, dh } = this.state;
      if (!nonce || !serverNonce || !newNonce || !tmpKey || !tmpIv || !dh) throw new Error('handshake out of order');
      const plain = new IGE(tmpKey, tmpIv).decryptIge(request.encryptedData);
      const inner = await new BinaryReader(plain.subarray(20)).tgReadObject();
      if (!(inner instanceof Api.ClientDHInnerData)) throw new Error('expected client_DH_inner_data');
      const secret = dh.computeSecret(inner.gB);
      const key = Buffer.concat([Buffer.alloc(256 - secret.length), secret]);
      const authKey = new AuthKey();
      await authKey.setKey(key);
      if (key[0] === 0 || this.forcedRetries()) {
        const newNonceHash2 = await authKey.calcNewNonceHash(newNonce, 2);
        this.reply(plainMessage(this.ids, new Api.DhGenRetry({ nonce, serverNonce, newNonceHash2 }).getBytes()));
        this.state = {};
        return undefined;
      }
      const newNonceHash1 = await authKey.calcNewNonceHash(newNonce, 1);
      this.reply(plainMessage(this.ids, new Api.DhGenOk({ nonce, serverNonce, newNonceHash1 }).getBytes()));
      this.state = {};
      return key;
    }
    throw new Error(`unexpected unencrypted ${String((request as { className?: string }).className)}`);
  }
}

export { serializeBytes, sha1 };
