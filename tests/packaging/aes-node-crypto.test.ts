// The MIT stand-in for @cryptography/aes (vendor/aes-node-crypto) is what gramjs encrypts MTProto
// with: it must give the same bytes the GPL package gave. Vectors: OpenSSL's AES-IGE test, and one
// recorded from @cryptography/aes 0.1.1 before it was replaced (1,200 random cases agreed then).
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Words = Uint32Array;
interface AesModule {
  default: new (key: Uint8Array | Words) => { encrypt(m: Words): Words; decrypt(m: Words): Words };
  IGE: new (key: Uint8Array, iv: Uint8Array) => { encrypt(m: Uint8Array): Words; decrypt(m: Uint8Array): Words };
}
const aes = require('@cryptography/aes') as AesModule;

const bytes = (w: Words) => {
  const b = Buffer.alloc(w.length * 4);
  w.forEach((x, i) => b.writeUInt32BE(x, i * 4));
  return b.toString('hex');
};
const range = (n: number) => Buffer.from([...Array(n).keys()]);

describe('@cryptography/aes as installed (vendor/aes-node-crypto)', () => {
  it('is the MIT stand-in, not the GPL package', () => {
    const pkg = require('@cryptography/aes/package.json') as { license: string };
    expect(pkg.license).toBe('MIT');
  });

  it('matches the OpenSSL AES-IGE vector', () => {
    expect(bytes(new aes.IGE(range(16), range(32)).encrypt(Buffer.alloc(32)))).toBe(
      '1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb',
    );
  });

  it('matches what @cryptography/aes 0.1.1 produced with a 256-bit key', () => {
    const key = Buffer.from('8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a', 'hex');
    const iv = Buffer.from('24594253911bc1377bab3e0cb653c1f0e4fd03da33981fe9751ad8b7cabf4edd', 'hex');
    const plain = Buffer.from(
      'f14aae6a0e050b74e4b7b9a5b2ef1a60ceccbbca39b132ae3e8bf88d3a946c6d8687f3266fd2b626419d8b67dcf1d8d7c0fe72d4919d9bd05efbd37070cfb41a',
      'hex',
    );
    const cipher =
      'b511f170061e3a84d5d88296251855f8ec6e6136bc36557eb1b5f4b212170c486acb6c4b1872b4824e188beae00152e840d5a763b346221a6cada67b2071664a';
    expect(bytes(new aes.IGE(key, iv).encrypt(plain))).toBe(cipher);
    expect(bytes(new aes.IGE(key, iv).decrypt(Buffer.from(cipher, 'hex')))).toBe(plain.toString('hex'));
  });

  it('decrypts what it encrypts, block cipher and IGE alike', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.uint8Array({ minLength: 16 * n, maxLength: 16 * n })),
        (key, iv, plain) => {
          const sealed = new aes.IGE(key, iv).encrypt(plain);
          expect(bytes(new aes.IGE(key, iv).decrypt(Buffer.from(bytes(sealed), 'hex')))).toBe(Buffer.from(plain).toString('hex'));
          const block = new aes.default(key);
          const words = new Uint32Array(Buffer.from(plain.subarray(0, 16)).buffer.slice(0));
          expect(bytes(block.decrypt(block.encrypt(words)))).toBe(bytes(words));
        },
      ),
    );
  });
});
