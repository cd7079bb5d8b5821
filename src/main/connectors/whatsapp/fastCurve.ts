// Gives libsignal (inside Baileys) fast XEdDSA signatures. libsignal signs and verifies with
// curve25519-js, plain JavaScript at ~10 ms per operation, and every group message (skmsg) carries
// one signature: that alone held a busy group to ~20 msgs/s. Same bytes, other maths:
// - verify: the Curve25519 key becomes its Ed25519 twin and Node's built-in (OpenSSL) Ed25519
//   checks the signature. OpenSSL is stricter than curve25519-js (it refuses S ≥ L, for one), so
//   only its "valid" is taken as the answer; anything else is asked of the original, which keeps
//   the result identical on every input, forged ones included.
// - sign: curve25519-js's own deterministic scheme (r = SHA-512(a‖M)), with @noble/curves for the
//   two base-point multiplications and BigInt for the scalars.
// Installed once per process on the curve25519-js module libsignal uses; property-tested against
// the original in fastCurve.test.ts.
import { createHash, createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ed25519 as Ed25519 } from '@noble/curves/ed25519.js';

/** The two functions of curve25519-js that libsignal calls per message. */
export interface CurveSignatures {
  sign(secretKey: Uint8Array, msg: Uint8Array, random?: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array): boolean;
}

type EdPoint = ReturnType<typeof Ed25519.Point.BASE.multiply>;
interface Noble {
  Point: { BASE: EdPoint; ZERO: EdPoint };
}

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
/** DER header of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow. */
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

function leToBig(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function bigToLe32(n: bigint, out = new Uint8Array(32)): Uint8Array {
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function powMod(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** The Ed25519 y of a Curve25519 u, (u−1)/(u+1), as curve25519-js computes it (1/0 taken as 0). */
function edwardsY(montgomeryU: Uint8Array): Uint8Array {
  const u = (leToBig(montgomeryU) & ((1n << 255n) - 1n)) % P;
  const y = (((u - 1n + P) % P) * powMod((u + 1n) % P, P - 2n, P)) % P;
  return bigToLe32(y);
}

function sha512(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha512');
  for (const part of parts) h.update(part);
  return h.digest();
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** The fast pair, falling back to `original` for anything it does not answer itself. */
export function fastCurveSignatures(noble: Noble, original: CurveSignatures): CurveSignatures {
  /** A (the Ed25519 public point, packed) per clamped private key: a device signs with few keys. */
  const publicOf = new Map<string, Uint8Array>();
  /** Node's Ed25519 key (null: not a point) per Curve25519 key and sign bit: one per sender key chain. */
  const edwardsKeyOf = new Map<string, KeyObject | null>();
  const basePoint = (scalar: bigint): Uint8Array => (scalar === 0n ? noble.Point.ZERO : noble.Point.BASE.multiply(scalar)).toBytes();

  return {
    sign(secretKey, msg, random) {
      if (random !== undefined || !isBytes(secretKey) || !isBytes(msg) || secretKey.length !== 32) return original.sign(secretKey, msg, random);
      const clamped = Uint8Array.from(secretKey);
      clamped[0]! &= 248;
      clamped[31]! &= 127;
      clamped[31]! |= 64;
      const a = leToBig(clamped);
      const cacheKey = Buffer.from(clamped).toString('hex');
      let A = publicOf.get(cacheKey);
      if (!A) {
        A = basePoint(a % L);
        if (publicOf.size >= 256) publicOf.clear();
        publicOf.set(cacheKey, A);
      }
      const r = leToBig(sha512(clamped, msg)) % L;
      const R = basePoint(r);
      const h = leToBig(sha512(R, A, msg)) % L;
      const signature = new Uint8Array(64);
      signature.set(R, 0);
      bigToLe32((r + h * a) % L, signature.subarray(32));
      // curve25519-js keeps A's sign bit in the signature's last bit (S < L leaves it free).
      signature[63]! |= A[31]! & 0x80;
      return signature;
    },

    verify(publicKey, msg, signature) {
      if (!isBytes(publicKey) || !isBytes(msg) || !isBytes(signature) || publicKey.length !== 32 || signature.length !== 64) return original.verify(publicKey, msg, signature);
      const signBit = signature[63]! & 0x80;
      const cacheKey = `${Buffer.from(publicKey.buffer, publicKey.byteOffset, 32).toString('hex')}${signBit}`;
      let key = edwardsKeyOf.get(cacheKey);
      if (key === undefined) {
        const edPublic = edwardsY(publicKey);
        edPublic[31]! |= signBit;
        try {
          key = createPublicKey({ key: Buffer.concat([ED25519_SPKI, edPublic]), format: 'der', type: 'spki' });
        } catch {
          key = null;
        }
        if (edwardsKeyOf.size >= 1024) edwardsKeyOf.clear();
        edwardsKeyOf.set(cacheKey, key);
      }
      const plain = Uint8Array.from(signature);
      plain[63]! &= 0x7f;
      let valid: boolean;
      try {
        valid = key !== null && nodeVerify(null, msg, key, plain);
      } catch {
        valid = false;
      }
      // OpenSSL's "valid" implies curve25519-js's; its "invalid" may be stricter, so ask the original.
      return valid || original.verify(publicKey, msg, signature);
    },
  };
}

/** Marks a curve25519-js module already given the fast pair. */
const fast = Symbol.for('tribekeeper.fastCurve');
let installed: Promise<void> | undefined;
/** The module and both pairs, once installed (the bench switches between them). */
let swap: { module: CurveSignatures; original: CurveSignatures; replacement: CurveSignatures } | undefined;

/**
 * Replaces sign/verify on the curve25519-js module that Baileys' libsignal loaded (looked up from
 * libsignal's own folder, so it is that copy). Process-wide and idempotent.
 */
export function installFastCurve(): Promise<void> {
  installed ??= (async () => {
    const { ed25519 } = await import('@noble/curves/ed25519.js');
    const fromBaileys = createRequire(createRequire(__filename).resolve('baileys'));
    const fromLibsignal = createRequire(fromBaileys.resolve('libsignal'));
    const curveJs = fromLibsignal('curve25519-js') as CurveSignatures & { [fast]?: true };
    if (curveJs[fast]) return;
    const original: CurveSignatures = { sign: curveJs.sign.bind(curveJs), verify: curveJs.verify.bind(curveJs) };
    const replacement = fastCurveSignatures(ed25519 as unknown as Noble, original);
    curveJs.sign = replacement.sign;
    curveJs.verify = replacement.verify;
    curveJs[fast] = true;
    swap = { module: curveJs, original, replacement };
  })();
  return installed;
}

/** Which maths libsignal signs and verifies with: for `npm run bench`'s before/after in one run. */
export async function useCurveMaths(which: 'fast' | 'javascript'): Promise<void> {
  await installFastCurve();
  if (!swap) return;
  const pair = which === 'fast' ? swap.replacement : swap.original;
  swap.module.sign = pair.sign;
  swap.module.verify = pair.verify;
}
