import { describe, expect, it } from 'vitest';
import { sendWait } from './client';

const limits = { spacingMs: 1500, perMinute: 20 };

describe('the WhatsApp send pace', () => {
  it('sends at once when nothing was sent, then keeps 1.5 s between sends', () => {
    expect(sendWait([], 10_000, limits)).toBeLessThanOrEqual(0);
    expect(sendWait([10_000], 10_500, limits)).toBe(1000);
    expect(sendWait([10_000], 11_500, limits)).toBeLessThanOrEqual(0);
  });

  it('allows at most 20 sends in any minute', () => {
    const sent = Array.from({ length: 20 }, (_, i) => 100_000 + i * 1500);
    const now = sent[19]! + 1500;
    // The 21st waits until the first of the 20 is a minute old.
    expect(sendWait(sent, now, limits)).toBe(sent[0]! + 60_000 - now);
    expect(sendWait(sent, sent[0]! + 60_000, limits)).toBeLessThanOrEqual(0);
    // Older sends do not count.
    expect(sendWait(sent.slice(0, 5), sent[4]! + 60_000, limits)).toBeLessThanOrEqual(0);
  });
});
