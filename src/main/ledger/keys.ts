// This console's Ed25519 signing key: made on first start, kept in the SecretStore (never on IPC, never
// logged); the public half, raw base64url, is the moderator's identity on the team ledger.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Verifier } from '@shared/team';
import type { SecretStore } from '../secrets/store';

const SECRET_NAME = 'ledger:signing-key';

export interface SigningKey {
  publicKey: string;
  sign(message: string): string;
}

function fromJwk(d: string, x: string): SigningKey {
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d, x }, format: 'jwk' });
  return { publicKey: x, sign: (message) => sign(null, Buffer.from(message, 'utf8'), key).toString('base64url') };
}

export async function loadOrCreateSigningKey(secrets: SecretStore): Promise<SigningKey> {
  const stored = await secrets.get(SECRET_NAME);
  if (stored) {
    const [d, x] = stored.split('.');
    if (d && x) return fromJwk(d, x);
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.d || !jwk.x) throw new Error('node:crypto returned an Ed25519 key without its parts');
  await secrets.set(SECRET_NAME, `${jwk.d}.${jwk.x}`);
  return fromJwk(jwk.d, jwk.x);
}

/** Verifies ledger signatures, caching parsed public keys (a catch-up checks thousands by a few keys). */
export function createVerifier(): Verifier {
  const keys = new Map<string, KeyObject | null>();
  return (message, publicKey, signature) => {
    let key = keys.get(publicKey);
    if (key === undefined) {
      try {
        key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      } catch {
        key = null;
      }
      if (keys.size > 1000) keys.clear();
      keys.set(publicKey, key);
    }
    if (!key) return false;
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
  };
}
