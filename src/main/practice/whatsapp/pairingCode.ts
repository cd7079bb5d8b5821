// Linking by pairing code, the phone's side (WhatsApp → Linked devices → Link with phone number).
// The companion (Baileys' requestPairingCode) sends its ephemeral key wrapped with a key derived from
// the 8-character code; the phone, once the code is typed in, unwraps it, answers with its own
// wrapped ephemeral key and identity (notification link_code_companion_reg), and reads the
// companion's key bundle — both ends then derive the same ADV secret the QR would have carried.
import { randomBytes } from 'node:crypto';
import type { BinaryNode } from 'baileys';
import type { Baileys, KeyPair } from './noise';

/** What the companion sent at companion_hello, kept until the code is typed on the phone. */
export interface CodeRequest {
  ref: Buffer;
  /** The phone number the companion asked to link to (digits). */
  phone: string;
  wrappedCompanionEphemeral: Buffer;
  noiseKey: Buffer;
}

/** The phone's half of a code pairing after the code was typed: its ephemeral pair and the companion's key. */
export interface CodeExchange {
  ref: Buffer;
  primaryEphemeral: KeyPair;
  companionEphemeral: Buffer;
}

const childBuffer = (B: Baileys, node: BinaryNode | undefined, tag: string): Buffer | undefined => {
  const c = B.getBinaryNodeChild(node, tag)?.content;
  if (c instanceof Uint8Array) return Buffer.from(c);
  return typeof c === 'string' ? Buffer.from(c) : undefined;
};

/** Reads a companion_hello; undefined when something is missing. */
export function readCompanionHello(B: Baileys, reg: BinaryNode): Omit<CodeRequest, 'ref'> | undefined {
  const wrapped = childBuffer(B, reg, 'link_code_pairing_wrapped_companion_ephemeral_pub');
  const noiseKey = childBuffer(B, reg, 'companion_server_auth_key_pub');
  const phone = (reg.attrs.jid ?? '').split('@')[0] ?? '';
  if (!wrapped || wrapped.length !== 80 || !noiseKey || !/^\d{6,15}$/.test(phone)) return undefined;
  return { phone, wrappedCompanionEphemeral: wrapped, noiseKey };
}

/**
 * The phone with the typed `code`: unwraps the companion's ephemeral key (a wrong code gives another
 * key, and the pairing then fails at the companion's HMAC check, as on WhatsApp) and builds the
 * notification that carries its own wrapped ephemeral key and identity to the companion.
 */
export async function phoneAnswer(B: Baileys, request: CodeRequest, code: string, phoneIdentity: KeyPair, notificationId: string): Promise<{ exchange: CodeExchange; notification: BinaryNode }> {
  const w = request.wrappedCompanionEphemeral;
  const companionKey = await B.derivePairingCodeKey(code, w.subarray(0, 32));
  const companionEphemeral = Buffer.from(B.aesDecryptCTR(w.subarray(48, 80), companionKey, w.subarray(32, 48)));
  const pair = B.Curve.generateKeyPair();
  const primaryEphemeral: KeyPair = { public: Buffer.from(pair.public), private: Buffer.from(pair.private) };
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const key = await B.derivePairingCodeKey(code, salt);
  const wrapped = Buffer.concat([salt, iv, Buffer.from(B.aesEncryptCTR(primaryEphemeral.public, key, iv))]);
  const notification: BinaryNode = {
    tag: 'notification',
    attrs: { from: 's.whatsapp.net', type: 'link_code_companion_reg', id: notificationId, t: String(Math.floor(Date.now() / 1000)) },
    content: [
      {
        tag: 'link_code_companion_reg',
        attrs: { stage: 'primary_hello' },
        content: [
          { tag: 'link_code_pairing_ref', attrs: {}, content: request.ref },
          { tag: 'primary_identity_pub', attrs: {}, content: phoneIdentity.public },
          { tag: 'link_code_pairing_wrapped_primary_ephemeral_pub', attrs: {}, content: wrapped },
        ],
      },
    ],
  };
  return { exchange: { ref: request.ref, primaryEphemeral, companionEphemeral }, notification };
}

/**
 * Reads the companion's companion_finish: its key bundle, opened with the ephemeral shared key.
 * Returns the ADV secret (what a QR carries) once the bundle names this phone's identity, and the
 * companion identity it proves; undefined when the bundle does not open (a wrong code).
 */
export function companionFinish(B: Baileys, exchange: CodeExchange, reg: BinaryNode, phoneIdentity: KeyPair): { advSecret: Buffer; companionIdentity: Buffer } | undefined {
  const bundle = childBuffer(B, reg, 'link_code_pairing_wrapped_key_bundle');
  const companionIdentity = childBuffer(B, reg, 'companion_identity_public');
  if (!bundle || !companionIdentity || bundle.length < 32 + 12 + 16) return undefined;
  const shared = Buffer.from(B.Curve.sharedKey(exchange.primaryEphemeral.private, exchange.companionEphemeral));
  const key = B.hkdf(shared, 32, { salt: bundle.subarray(0, 32), info: 'link_code_pairing_key_bundle_encryption_key' });
  let plain: Buffer;
  try {
    plain = Buffer.from(B.aesDecryptGCM(bundle.subarray(44), key, bundle.subarray(32, 44), Buffer.alloc(0)));
  } catch {
    return undefined;
  }
  const identity = plain.subarray(0, 32);
  const primary = plain.subarray(32, 64);
  const random = plain.subarray(64, 96);
  if (!identity.equals(companionIdentity) || !primary.equals(phoneIdentity.public)) return undefined;
  const identityShared = Buffer.from(B.Curve.sharedKey(phoneIdentity.private, companionIdentity));
  const advSecret = Buffer.from(B.hkdf(Buffer.concat([shared, identityShared, random]), 32, { info: 'adv_secret' }));
  return { advSecret, companionIdentity };
}
