// The server half of WhatsApp's Noise XX handshake (Noise_XX_25519_AESGCM_SHA256 with WhatsApp's
// prologue), built from Baileys' own primitives, and the certificate chain a client checks against
// its root key: root → intermediate (issuerSerial 0) → leaf (the server's static key).
import type * as BaileysModule from 'baileys';
import { installConsoleGuard } from '../../util/consoleGuard';

export type Baileys = typeof BaileysModule;

/**
 * Baileys is ESM-only and its WebAssembly bridge exports only an `import` entry, so it is loaded with
 * a dynamic import (the main bundle and tsx are CommonJS). Its libsignal prints session records (the
 * simulated members' keys) with console.info; the console guard turns those into a one-line note.
 */
export const loadBaileys = (): Promise<Baileys> => {
  installConsoleGuard();
  return import('baileys');
};

export interface KeyPair {
  public: Buffer;
  private: Buffer;
}

/** The practice server's certificate root and the chain it presents, made once per server. */
export interface NoiseIdentity {
  root: KeyPair;
  staticKey: KeyPair;
  certChain: Uint8Array;
}

/** A Curve25519 key pair as Buffers (Baileys hands out Uint8Arrays). */
export function generateKeyPair(B: Baileys): KeyPair {
  const pair = B.Curve.generateKeyPair();
  return { public: Buffer.from(pair.public), private: Buffer.from(pair.private) };
}

export function makeNoiseIdentity(B: Baileys): NoiseIdentity {
  const { Curve, proto } = B;
  const root = generateKeyPair(B);
  const intermediate = generateKeyPair(B);
  const staticKey = generateKeyPair(B);
  const now = Math.floor(Date.now() / 1000);
  const intermediateDetails = proto.CertChain.NoiseCertificate.Details.encode({
    serial: 1,
    issuerSerial: 0,
    key: intermediate.public,
    notBefore: now - 3600,
    notAfter: now + 365 * 24 * 3600,
  }).finish();
  const leafDetails = proto.CertChain.NoiseCertificate.Details.encode({
    serial: 2,
    issuerSerial: 1,
    key: staticKey.public,
    notBefore: now - 3600,
    notAfter: now + 30 * 24 * 3600,
  }).finish();
  const certChain = proto.CertChain.encode({
    intermediate: { details: intermediateDetails, signature: Curve.sign(root.private, intermediateDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(intermediate.private, leafDetails) },
  }).finish();
  return { root, staticKey, certChain };
}

const ivFor = (counter: number): Buffer => {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(counter, 8);
  return iv;
};

/** One direction of the finished transport: its own key and counter. */
class Direction {
  private counter = 0;
  constructor(
    private readonly B: Baileys,
    private readonly key: Buffer,
  ) {}
  encrypt(plain: Uint8Array): Buffer {
    return this.B.aesEncryptGCM(plain, this.key, ivFor(this.counter++), Buffer.alloc(0));
  }
  decrypt(cipher: Uint8Array): Buffer {
    return this.B.aesDecryptGCM(cipher, this.key, ivFor(this.counter++), Buffer.alloc(0));
  }
}

export interface NoiseTransport {
  encrypt(plain: Uint8Array): Buffer;
  decrypt(cipher: Uint8Array): Buffer;
}

/**
 * The responder's symmetric state, mirroring Baileys' initiator step by step (the same hash, salt and
 * counter discipline), so a client that checks the chain and the tags accepts it or fails loudly.
 */
export class NoiseResponder {
  private hash: Buffer;
  private salt: Buffer;
  private key: Buffer;
  private counter = 0;
  private ephemeral: KeyPair | undefined;
  /** The client's long-term Noise key, known after its ClientFinish. */
  clientStatic: Buffer | undefined;

  constructor(
    private readonly B: Baileys,
    private readonly identity: NoiseIdentity,
  ) {
    const mode = Buffer.from(B.NOISE_MODE);
    this.hash = mode.length === 32 ? mode : B.sha256(mode);
    this.salt = this.hash;
    this.key = this.hash;
    this.authenticate(B.NOISE_WA_HEADER);
  }

  private authenticate(data: Uint8Array): void {
    this.hash = this.B.sha256(Buffer.concat([this.hash, data]));
  }

  private mixIntoKey(data: Uint8Array): void {
    const key = Buffer.from(this.B.hkdf(Buffer.from(data), 64, { salt: this.salt, info: '' }));
    this.salt = key.subarray(0, 32);
    this.key = key.subarray(32);
    this.counter = 0;
  }

  private encrypt(plain: Uint8Array): Buffer {
    const out = this.B.aesEncryptGCM(plain, this.key, ivFor(this.counter++), this.hash);
    this.authenticate(out);
    return out;
  }

  private decrypt(cipher: Uint8Array): Buffer {
    const out = this.B.aesDecryptGCM(cipher, this.key, ivFor(this.counter++), this.hash);
    this.authenticate(cipher);
    return out;
  }

  /** ClientHello in, ServerHello out (ephemeral, encrypted static key, encrypted certificate chain). */
  serverHello(clientHelloBytes: Uint8Array): Uint8Array {
    const hello = this.B.proto.HandshakeMessage.decode(clientHelloBytes).clientHello;
    const clientEphemeral = hello?.ephemeral;
    if (!clientEphemeral || clientEphemeral.length !== 32) throw new Error('client hello without an ephemeral key');
    this.clientEphemeralKey = Buffer.from(clientEphemeral);
    this.authenticate(clientEphemeral);
    this.ephemeral = generateKeyPair(this.B);
    const ephemeral = this.ephemeral;
    this.authenticate(ephemeral.public);
    this.mixIntoKey(this.B.Curve.sharedKey(ephemeral.private, this.clientEphemeralKey));
    const staticEnc = this.encrypt(this.identity.staticKey.public);
    this.mixIntoKey(this.B.Curve.sharedKey(this.identity.staticKey.private, this.clientEphemeralKey));
    const payloadEnc = this.encrypt(this.identity.certChain);
    return this.B.proto.HandshakeMessage.encode({ serverHello: { ephemeral: ephemeral.public, static: staticEnc, payload: payloadEnc } }).finish();
  }

  private clientEphemeralKey: Buffer | undefined;

  /** ClientFinish in: the client's static key and its ClientPayload; then the transport keys. */
  clientFinish(bytes: Uint8Array): { payload: BaileysModule.proto.ClientPayload; transport: NoiseTransport } {
    if (!this.ephemeral) throw new Error('client finish before hello');
    const finish = this.B.proto.HandshakeMessage.decode(bytes).clientFinish;
    if (!finish?.static || !finish.payload) throw new Error('client finish incomplete');
    const clientStatic = this.decrypt(finish.static);
    this.clientStatic = clientStatic;
    this.mixIntoKey(this.B.Curve.sharedKey(this.ephemeral.private, clientStatic));
    const payload = this.B.proto.ClientPayload.decode(this.decrypt(finish.payload));
    const keys = Buffer.from(this.B.hkdf(Buffer.alloc(0), 64, { salt: this.salt, info: '' }));
    // The client writes with the first half and reads with the second; the server the other way round.
    const fromClient = new Direction(this.B, keys.subarray(0, 32));
    const toClient = new Direction(this.B, keys.subarray(32));
    return { payload, transport: { encrypt: (p) => toClient.encrypt(p), decrypt: (c) => fromClient.decrypt(c) } };
  }
}

/** Splits a byte stream into 3-byte-length-prefixed frames; the client's first bytes carry the WA intro. */
export class FrameReader {
  constructor(private readonly header: Buffer) {}
  private buffer = Buffer.alloc(0);
  private introSeen = false;

  push(data: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, data]);
    if (!this.introSeen) {
      if (this.buffer.length < this.header.length) return [];
      if (this.buffer.subarray(0, 2).toString('latin1') === 'ED') throw new Error('edge routing intro is not served here');
      if (!this.buffer.subarray(0, this.header.length).equals(this.header)) throw new Error('not a WhatsApp client (intro header)');
      this.buffer = this.buffer.subarray(this.header.length);
      this.introSeen = true;
    }
    const frames: Buffer[] = [];
    while (this.buffer.length >= 3) {
      const size = (this.buffer[0]! << 16) | (this.buffer[1]! << 8) | this.buffer[2]!;
      if (this.buffer.length < size + 3) break;
      frames.push(this.buffer.subarray(3, size + 3));
      this.buffer = this.buffer.subarray(size + 3);
    }
    return frames;
  }
}

export function frame(data: Uint8Array): Buffer {
  const out = Buffer.alloc(3 + data.length);
  out[0] = (data.length >>> 16) & 0xff;
  out[1] = (data.length >>> 8) & 0xff;
  out[2] = data.length & 0xff;
  out.set(data, 3);
  return out;
}
