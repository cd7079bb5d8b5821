// The fast XEdDSA pair must be indistinguishable from curve25519-js: same signature bytes for every
// key and message, same verdict for every (key, message, signature), genuine, damaged or forged.
import { createRequire } from 'node:module';
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastCurveSignatures, installFastCurve, type CurveSignatures } from './fastCurve';

const fromLibsignal = createRequire(createRequire(createRequire(__filename).resolve('baileys')).resolve('libsignal'));
const curveJs = fromLibsignal('curve25519-js') as CurveSignatures & { generateKeyPair(seed: Uint8Array): { public: Uint8Array; private: Uint8Array } };
// Captured before anything installs the fast pair in this process.
const original: CurveSignatures = { sign: curveJs.sign.bind(curveJs), verify: curveJs.verify.bind(curveJs) };
const fast = fastCurveSignatures(ed25519 as never, original);

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const message = fc.uint8Array({ minLength: 0, maxLength: 300 });
/** A key pair as libsignal has them: the Curve25519 public key of a private key. */
const keyPair = bytes(32).map((seed) => {
  const pair = curveJs.generateKeyPair(seed);
  return { public: Uint8Array.from(pair.public), private: Uint8Array.from(seed) };
});

describe('fast XEdDSA for libsignal', () => {
  it('signs with the same bytes as curve25519-js', () => {
    fc.assert(
      fc.property(bytes(32), message, (key, msg) => {
        expect(Buffer.from(fast.sign(key, msg)).toString('hex')).toBe(Buffer.from(original.sign(key, msg)).toString('hex'));
      }),
      { numRuns: 60 },
    );
  });

  it('accepts what either signed, as curve25519-js does', () => {
    fc.assert(
      fc.property(keyPair, message, (pair, msg) => {
        const signature = original.sign(pair.private, msg);
        expect(fast.verify(pair.public, msg, signature)).toBe(true);
        expect(original.verify(pair.public, msg, fast.sign(pair.private, msg))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('gives the same verdict on damaged keys, messages and signatures', () => {
    fc.assert(
      fc.property(keyPair, message.filter((m) => m.length > 0), fc.constantFrom('key', 'message', 'signature'), fc.nat(), fc.integer({ min: 0, max: 7 }), (pair, msg, part, at, bit) => {
        const signature = Uint8Array.from(original.sign(pair.private, msg));
        const publicKey = Uint8Array.from(pair.public);
        const target = part === 'key' ? publicKey : part === 'message' ? msg : signature;
        target[at % target.length]! ^= 1 << bit;
        expect(fast.verify(publicKey, msg, signature)).toBe(original.verify(publicKey, msg, signature));
      }),
      { numRuns: 50 },
    );
  });

  it('gives the same verdict on random bytes', () => {
    fc.assert(
      fc.property(bytes(32), message, bytes(64), (key, msg, signature) => {
        expect(fast.verify(key, msg, signature)).toBe(original.verify(key, msg, signature));
      }),
      { numRuns: 60 },
    );
  });

  it('accepts a signature whose S was pushed past the group order, as curve25519-js does (OpenSSL alone would refuse it)', () => {
    const pair = curveJs.generateKeyPair(new Uint8Array(32).fill(7));
    const msg = new TextEncoder().encode('forged but still valid for curve25519-js');
    const signature = Uint8Array.from(original.sign(new Uint8Array(32).fill(7), msg));
    const signBit = signature[63]! & 0x80;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(i === 63 ? signature[i]! & 0x7f : signature[i]!);
    s += L;
    for (let i = 32; i < 64; i++, s >>= 8n) signature[i] = Number(s & 0xffn);
    signature[63]! |= signBit;
    expect(original.verify(pair.public, msg, signature)).toBe(true);
    expect(fast.verify(pair.public, msg, signature)).toBe(true);
  });

  it('leaves what it does not handle to curve25519-js: random signatures, bad lengths', () => {
    const random = new Uint8Array(64).fill(3);
    expect(fast.sign(new Uint8Array(32).fill(1), new Uint8Array([1, 2]), random)).toEqual(original.sign(new Uint8Array(32).fill(1), new Uint8Array([1, 2]), random));
    expect(() => fast.sign(new Uint8Array(31), new Uint8Array(1))).toThrow('wrong secret key length');
    expect(() => fast.verify(new Uint8Array(32), new Uint8Array(1), new Uint8Array(63))).toThrow('wrong signature length');
  });

  it('is what libsignal signs and verifies with once installed', async () => {
    const libsignalCurve = fromLibsignal('libsignal').curve as {
      calculateSignature(priv: Buffer, msg: Buffer): Buffer;
      verifySignature(pub: Buffer, msg: Buffer, sig: Buffer): boolean;
      generateKeyPair(): { pubKey: Buffer; privKey: Buffer };
    };
    const pair = libsignalCurve.generateKeyPair();
    const msg = Buffer.from('group message body');
    const expected = Buffer.from(original.sign(pair.privKey, msg));
    await installFastCurve();
    expect(curveJs.sign).not.toBe(original.sign);
    expect(libsignalCurve.calculateSignature(pair.privKey, msg).equals(expected)).toBe(true);
    expect(libsignalCurve.verifySignature(pair.pubKey, msg, expected)).toBe(true);
    expect(libsignalCurve.verifySignature(pair.pubKey, Buffer.from('another body'), expected)).toBe(false);
  });
});
