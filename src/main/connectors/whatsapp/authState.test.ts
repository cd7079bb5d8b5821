// The message keys kept with the device state: recognized after a reopen (a restart), bounded, the
// oldest forgotten first, and an unreadable list does not cost the device its state.
import { describe, expect, it } from 'vitest';
import { memoryVault, openVaultedAuth, SEEN_LIMIT } from './authState';
import { loadBaileys } from './lib';

describe('message keys kept with the WhatsApp device state', () => {
  it('are recognized after the state is reopened, and only the newest SEEN_LIMIT are kept', async () => {
    const B = await loadBaileys();
    const vault = memoryVault();
    const first = await openVaultedAuth(B, vault);
    expect(first.seen.add('g1@g.us|A')).toBe(true);
    expect(first.seen.add('g1@g.us|A')).toBe(false);
    for (let i = 0; i < SEEN_LIMIT; i += 1) first.seen.add(`g2@g.us|${i}`);
    await first.flush();

    const reopened = await openVaultedAuth(B, vault);
    // 'A' was the oldest of SEEN_LIMIT + 1: forgotten; the rest came back.
    expect(reopened.seen.has('g1@g.us|A')).toBe(false);
    expect(reopened.seen.has('g2@g.us|0')).toBe(true);
    expect(reopened.seen.has(`g2@g.us|${SEEN_LIMIT - 1}`)).toBe(true);
    expect(reopened.seen.add(`g2@g.us|${SEEN_LIMIT - 1}`)).toBe(false);
  });

  it('opens a state saved before keys were kept (no list) or with a damaged list', async () => {
    const B = await loadBaileys();
    const creds = B.initAuthCreds();
    for (const seen of [undefined, 'not a list', [1, 'g@g.us|ok', null]]) {
      const vault = memoryVault();
      await vault.save(JSON.stringify({ creds, keys: {}, ...(seen === undefined ? {} : { seen }) }, B.BufferJSON.replacer));
      const auth = await openVaultedAuth(B, vault);
      expect(auth.state.creds.registrationId).toBe(creds.registrationId);
      expect(auth.seen.has('g@g.us|ok')).toBe(Array.isArray(seen));
    }
  });
});
