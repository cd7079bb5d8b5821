// Server RSA keys for gramjs: a PEM public key → Telegram's fingerprint, registered in gramjs's key
// table so the real client accepts a compatible server (the practice one, or a test DC).
import { createHash, createPublicKey } from 'node:crypto';
import { _serverKeys } from 'telegram/crypto/RSA';
import { readBigIntFromBuffer } from 'telegram/Helpers';
import { serializeBytes } from 'telegram/tl';

export interface TelegramServerKey {
  fingerprint: ReturnType<typeof readBigIntFromBuffer>;
  n: Buffer;
  e: number;
}

export function serverKeyFromPem(pem: string): TelegramServerKey {
  const jwk = createPublicKey(pem).export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('Not an RSA public key.');
  const n = Buffer.from(jwk.n, 'base64url');
  const eBytes = Buffer.from(jwk.e, 'base64url');
  const e = eBytes.reduce((acc, byte) => acc * 256 + byte, 0);
  // rsa_public_key n:bytes e:bytes; the fingerprint is the low 64 bits of its SHA-1.
  const digest = createHash('sha1').update(Buffer.concat([serializeBytes(n), serializeBytes(eBytes)])).digest();
  return { fingerprint: readBigIntFromBuffer(digest.subarray(-8), true, true), n, e };
}

/** Lets gramjs talk to a server holding this key; idempotent. */
export function registerServerKey(pem: string): TelegramServerKey {
  const key = serverKeyFromPem(pem);
  _serverKeys.set(key.fingerprint.toString(), { n: readBigIntFromBuffer(key.n, false, false), e: key.e });
  return key;
}
