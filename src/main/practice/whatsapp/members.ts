// The other people in the practice groups, each a WhatsApp user with a phone device of their own:
// a Signal identity, sessions with the console's linked device and a sender key per group, all
// through Baileys' own Signal repository — so what reaches the console is real pkmsg/skmsg traffic.
import type { AuthenticationCreds, SignalDataTypeMap, SignalKeyStore, SignalRepositoryWithLIDStore, proto } from 'baileys';
import type { Baileys } from './noise';

/** A logger that drops everything: the practice server never logs key material or message text. */
export const silentLogger = {
  level: 'silent',
  child() {
    return silentLogger;
  },
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

function memoryKeys(): SignalKeyStore {
  const store: Record<string, Record<string, unknown>> = {};
  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const out: Record<string, SignalDataTypeMap[T]> = {};
      for (const id of ids) {
        const value = store[type]?.[id];
        if (value !== undefined) out[id] = value as SignalDataTypeMap[T];
      }
      return out;
    },
    async set(data) {
      for (const [type, values] of Object.entries(data)) {
        const bucket = (store[type] ??= {});
        for (const [id, value] of Object.entries(values ?? {})) {
          if (value) bucket[id] = value;
          else delete bucket[id];
        }
      }
    },
  };
}

/** What a device published for others to open a session with it. */
export interface DeviceBundle {
  jid: string;
  registrationId: number;
  identityKey: Buffer;
  signedPreKey: { id: number; public: Buffer; signature: Buffer };
  /** One-time pre-keys; opening a session consumes one. */
  preKeys: Map<number, Buffer>;
}

export type MakeRepository = (auth: { creds: AuthenticationCreds; keys: never }, logger: never, pnToLid: () => Promise<[]>) => SignalRepositoryWithLIDStore;

/** Baileys' own Signal repository (not re-exported from its index, so loaded from its module). */
export async function loadRepositoryMaker(): Promise<MakeRepository> {
  const mod = (await import('baileys/lib/Signal/libsignal.js')) as { makeLibSignalRepository: MakeRepository };
  return mod.makeLibSignalRepository;
}

export class SimulatedUser {
  readonly creds: AuthenticationCreds;
  readonly repository: SignalRepositoryWithLIDStore;
  /** Devices this user already has a session with (jid → true). */
  private readonly sessions = new Set<string>();
  /** Sender keys already handed to a device, per group: `${group}|${deviceJid}`. */
  private readonly distributed = new Set<string>();
  private nextPreKeyId = 1;
  private readonly keys: SignalKeyStore;

  constructor(
    private readonly B: Baileys,
    makeRepository: MakeRepository,
    readonly phone: string,
    readonly name: string,
  ) {
    this.creds = B.initAuthCreds();
    this.keys = B.addTransactionCapability(memoryKeys(), silentLogger as never, { maxCommitRetries: 1, delayBetweenTriesMs: 1 });
    this.repository = makeRepository({ creds: this.creds, keys: this.keys as never }, silentLogger as never, async () => []);
  }

  get jid(): string {
    return `${this.phone}@s.whatsapp.net`;
  }

  /** This user's own bundle (for the linked device's key fetch), with fresh one-time pre-keys. */
  async bundle(): Promise<DeviceBundle> {
    const preKeys = new Map<number, Buffer>();
    const pair = this.B.Curve.generateKeyPair();
    const keyPair = { public: Buffer.from(pair.public), private: Buffer.from(pair.private) };
    const id = this.nextPreKeyId++;
    await this.keys.set({ 'pre-key': { [String(id)]: keyPair } });
    preKeys.set(id, keyPair.public);
    const spk = this.creds.signedPreKey;
    return {
      jid: this.jid,
      registrationId: this.creds.registrationId,
      identityKey: Buffer.from(this.creds.signedIdentityKey.public),
      signedPreKey: { id: spk.keyId, public: Buffer.from(spk.keyPair.public), signature: Buffer.from(spk.signature) },
      preKeys,
    };
  }

  /**
   * The `<enc>` nodes a group message from this user carries to `device`: a pkmsg with this user's
   * sender key the first time, then the skmsg every member device decrypts alike.
   */
  async encryptForGroup(group: string, device: DeviceBundle, message: proto.IMessage): Promise<{ tag: string; attrs: Record<string, string>; content: Uint8Array }[]> {
    const { ciphertext, senderKeyDistributionMessage } = await this.repository.encryptGroupMessage({ group, meId: this.jid, data: this.B.encodeWAMessage(message) });
    const nodes: { tag: string; attrs: Record<string, string>; content: Uint8Array }[] = [];
    const key = `${group}|${device.jid}`;
    if (!this.distributed.has(key)) {
      await this.openSession(device);
      const skdm = this.B.encodeWAMessage({ senderKeyDistributionMessage: { groupId: group, axolotlSenderKeyDistributionMessage: senderKeyDistributionMessage } });
      const enc = await this.repository.encryptMessage({ jid: device.jid, data: skdm });
      nodes.push({ tag: 'enc', attrs: { v: '2', type: enc.type }, content: enc.ciphertext });
      this.distributed.add(key);
    }
    nodes.push({ tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: ciphertext });
    return nodes;
  }

  /** A 1:1 message from this user's phone to `device` (pkmsg the first time, then msg). */
  async encryptForDevice(device: DeviceBundle, message: proto.IMessage): Promise<{ tag: string; attrs: Record<string, string>; content: Uint8Array }> {
    await this.openSession(device);
    const enc = await this.repository.encryptMessage({ jid: device.jid, data: this.B.encodeWAMessage(message) });
    return { tag: 'enc', attrs: { v: '2', type: enc.type }, content: enc.ciphertext };
  }

  /** A fresh linked device (new pairing) has no session nor sender key from anyone. */
  forgetDevice(deviceJid: string): void {
    this.sessions.delete(deviceJid);
    for (const key of [...this.distributed]) if (key.endsWith(`|${deviceJid}`)) this.distributed.delete(key);
  }

  private async openSession(device: DeviceBundle): Promise<void> {
    if (this.sessions.has(device.jid)) return;
    const [preKeyId, preKey] = device.preKeys.entries().next().value ?? [];
    if (preKeyId !== undefined) device.preKeys.delete(preKeyId);
    await this.repository.injectE2ESession({
      jid: device.jid,
      session: {
        registrationId: device.registrationId,
        identityKey: this.B.generateSignalPubKey(device.identityKey),
        signedPreKey: { keyId: device.signedPreKey.id, publicKey: this.B.generateSignalPubKey(device.signedPreKey.public), signature: device.signedPreKey.signature },
        ...(preKeyId !== undefined && preKey ? { preKey: { keyId: preKeyId, publicKey: this.B.generateSignalPubKey(preKey) } } : {}),
      },
    });
    this.sessions.add(device.jid);
  }

  /** Reads a message the linked device sent to this user: pkmsg/msg, then the group's skmsg. */
  async decrypt(fromDevice: string, group: string, author: string, encs: { type: string; content: Uint8Array }[]): Promise<proto.IMessage | undefined> {
    let message: proto.IMessage | undefined;
    for (const enc of encs) {
      let bytes: Uint8Array;
      if (enc.type === 'skmsg') bytes = await this.repository.decryptGroupMessage({ group, authorJid: author, msg: enc.content });
      else bytes = await this.repository.decryptMessage({ jid: fromDevice, type: enc.type as 'pkmsg' | 'msg', ciphertext: enc.content });
      const decoded = this.B.proto.Message.decode(this.B.unpadRandomMax16(bytes));
      const inner = decoded.deviceSentMessage?.message ?? decoded;
      if (inner.senderKeyDistributionMessage?.axolotlSenderKeyDistributionMessage) {
        await this.repository.processSenderKeyDistributionMessage({ authorJid: author, item: inner.senderKeyDistributionMessage });
      }
      message = { ...(message ?? {}), ...inner };
    }
    return message;
  }
}
