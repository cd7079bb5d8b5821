import { describe, expect, it } from 'vitest';
import { redact } from './log';

describe('redact', () => {
  it('hides bot tokens and launch tokens in log lines', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456';
    const line = redact(`login failed for ${token} at http://127.0.0.1:5173/#token=abcDEF123_-x`);
    expect(line).not.toContain(token);
    expect(line).not.toContain('abcDEF123_-x');
    expect(line).toContain('[redacted-token]');
  });
});
