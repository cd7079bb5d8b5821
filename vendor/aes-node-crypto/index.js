// The API gramjs uses from @cryptography/aes — a block cipher over big-endian 32-bit words and the
// IGE mode — implemented on Node's AES so the shipped tree holds no GPL code (see README, Licences).
'use strict';
const { createCipheriv, createDecipheriv } = require('node:crypto');

/** Bytes of a key or message given as bytes or as big-endian 32-bit words. */
function toBytes(input) {
  if (input instanceof Uint32Array) {
    const out = Buffer.alloc(input.length * 4);
    for (let i = 0; i < input.length; i++) out.writeUInt32BE(input[i], i * 4);
    return out;
  }
  if (input instanceof Uint8Array) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('@cryptography/aes (node:crypto): expected Uint8Array or Uint32Array');
}

function toWords(bytes) {
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32BE(i * 4);
  return out;
}

function ecb(key, decrypt) {
  const algorithm = `aes-${key.length * 8}-ecb`;
  const cipher = decrypt ? createDecipheriv(algorithm, key, null) : createCipheriv(algorithm, key, null);
  cipher.setAutoPadding(false);
  return cipher;
}

function checkBlocks(bytes) {
  if (bytes.length % 16 !== 0) throw new RangeError('AES: the message must be a whole number of 16-byte blocks');
}

class AES {
  constructor(key) {
    this.key = Buffer.from(toBytes(key));
  }
  encrypt(message) {
    const bytes = toBytes(message);
    checkBlocks(bytes);
    return toWords(ecb(this.key, false).update(bytes));
  }
  decrypt(message) {
    const bytes = toBytes(message);
    checkBlocks(bytes);
    return toWords(ecb(this.key, true).update(bytes));
  }
}

/** AES in Infinite Garble Extension mode, as MTProto uses it: iv = (previous cipher block, previous plain block). */
class IGE {
  constructor(key, iv) {
    this.key = Buffer.from(toBytes(key));
    this.iv = Buffer.from(toBytes(iv));
    if (this.iv.length !== 32) throw new RangeError('AES-IGE: the iv must be 32 bytes');
  }
  encrypt(message) {
    return this.run(toBytes(message), false);
  }
  decrypt(message) {
    return this.run(toBytes(message), true);
  }
  run(input, decrypt) {
    checkBlocks(input);
    const cipher = ecb(this.key, decrypt);
    const out = Buffer.alloc(input.length);
    // encrypt: c = E(p ^ prevC) ^ prevP; decrypt: p = D(c ^ prevP) ^ prevC.
    let xorIn = Buffer.from(this.iv.subarray(decrypt ? 16 : 0, decrypt ? 32 : 16));
    let xorOut = Buffer.from(this.iv.subarray(decrypt ? 0 : 16, decrypt ? 16 : 32));
    const block = Buffer.alloc(16);
    for (let at = 0; at < input.length; at += 16) {
      const src = input.subarray(at, at + 16);
      for (let i = 0; i < 16; i++) block[i] = src[i] ^ xorIn[i];
      const done = cipher.update(block);
      for (let i = 0; i < 16; i++) out[at + i] = done[i] ^ xorOut[i];
      xorIn = out.subarray(at, at + 16);
      xorOut = src;
    }
    return toWords(out);
  }
}

module.exports = { __esModule: true, default: AES, AES, IGE };
