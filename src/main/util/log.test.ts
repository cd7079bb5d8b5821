import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeForLog, logger, redact } from './log';

describe('redact', () => {
  it('hides bot tokens and launch tokens in log lines', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456';
    const line = redact(`login failed for ${token} at http://127.0.0.1:5173/#token=abcDEF123_-x`);
    expect(line).not.toContain(token);
    expect(line).not.toContain('abcDEF123_-x');
    expect(line).toContain('[redacted-token]');
  });
});

describe('describeForLog', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

  it('shows binary as its length, never its bytes', () => {
    expect(describeForLog(Buffer.from(key))).toBe('[32 bytes]');
    expect(describeForLog(key)).toBe('[32 bytes]');
    expect(describeForLog(key.buffer)).toBe('[32 bytes]');
  });

  it('hides the values of key-ish fields, at any depth, and survives cycles', () => {
    const record: Record<string, unknown> = { registrationId: 7, indexInfo: { baseKey: 'abc', closed: -1 }, currentRatchet: { rootKey: key }, note: 'hi', tokenValue: 'xyz' };
    record.self = record;
    expect(describeForLog(record)).toBe('{registrationId: 7, indexInfo: {baseKey: [redacted], closed: -1}, currentRatchet: [redacted], note: "hi", tokenValue: [redacted], self: [circular]}');
  });

  it('gives an Error its message and plain values as they are', () => {
    expect(describeForLog(new Error('Bad MAC'))).toBe('Bad MAC');
    expect(describeForLog('text')).toBe('text');
    expect(describeForLog(3)).toBe('3');
    expect(describeForLog(undefined)).toBe('undefined');
  });
});

describe('logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes a binary or key-carrying detail without its bytes', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const key = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');
    logger('test').warn('odd reply', key);
    logger('test').error('save failed', { privKey: key, id: 3 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('odd reply — [16 bytes]');
    expect(lines[1]).toContain('save failed — {privKey: [redacted], id: 3}');
    expect(lines.join('')).not.toMatch(/a1b2c3|a1,|obLD/);
  });
});
