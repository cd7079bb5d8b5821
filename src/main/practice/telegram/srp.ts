// The server side of Telegram's SRP 2FA check (account.getPassword / auth.checkPassword), matching
// gramjs's computeCheck: the practice server can hold accounts with a cloud password.
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';

/** Telegram's 2048-bit safe prime with g = 3; gramjs accepts no other pair. */
export const SRP_PRIME = Buffer.from(
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b',
  'hex',
);
export const SRP_G = 3;

const P = BigInt(`0x${SRP_PRIME.toString('hex')}`);
const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const big = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
const pad = (n: bigint) => Buffer.from(n.toString(16).padStart(512, '0'), 'hex');

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

export interface SrpSecret {
  salt1: Buffer;
  salt2: Buffer;
  verifier: bigint;
}

export function makeSrpSecret(password: string): SrpSecret {
  // Telegram appends 32 random bytes to the client salt; any salt works for the check.
  const salt1 = randomBytes(40);
  const salt2 = randomBytes(16);
  const hash1 = sha256(salt1, Buffer.from(password, 'utf8'), salt1);
  const hash2 = sha256(salt2, hash1, salt2);
  const hash3 = pbkdf2Sync(hash2, salt1, 100_000, 64, 'sha512');
  const x = big(sha256(salt2, hash3, salt2));
  return { salt1, salt2, verifier: modPow(BigInt(SRP_G), x, P) };
}

export interface SrpChallenge {
  srpId: bigint;
  B: Buffer;
  b: bigint;
}

export function makeChallenge(secret: SrpSecret): SrpChallenge {
  const k = big(sha256(SRP_PRIME, pad(BigInt(SRP_G))));
  const b = big(randomBytes(256));
  const B = (k * secret.verifier + modPow(BigInt(SRP_G), b, P)) % P;
  return { srpId: randomBytes(8).readBigInt64LE(), B: pad(B), b };
}

export function verifyCheck(secret: SrpSecret, challenge: SrpChallenge, A: Buffer, M1: Buffer): boolean {
  const a = big(A);
  if (a <= 0n || a >= P) return false;
  const aForHash = pad(a);
  const u = big(sha256(aForHash, challenge.B));
  const S = modPow((a * modPow(secret.verifier, u, P)) % P, challenge.b, P);
  const K = sha256(pad(S));
  const pSha = sha256(SRP_PRIME);
  const gSha = sha256(pad(BigInt(SRP_G)));
  const xored = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) xored[i] = (pSha[i] ?? 0) ^ (gSha[i] ?? 0);
  const expected = sha256(xored, sha256(secret.salt1), sha256(secret.salt2), aForHash, challenge.B, K);
  return expected.equals(M1);
}
