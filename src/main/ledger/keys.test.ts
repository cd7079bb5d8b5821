import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PublicKeySchema, SignatureSchema, reduceLedger, signingInput } from '@shared/team';
import type { RecordBody } from '@shared/team';
import { FileSecretStore } from '../secrets/store';
import { createVerifier, loadOrCreateSigningKey } from './keys';

describe('signing key', () => {
  it('is made once, kept in the secret store, and signs records the reducer accepts; a changed record fails', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-keys-'));
    const secrets = new FileSecretStore(join(home, 'secrets.json'));
    const key = await loadOrCreateSigningKey(secrets);
    expect(PublicKeySchema.safeParse(key.publicKey).success).toBe(true);
    expect((await loadOrCreateSigningKey(new FileSecretStore(join(home, 'secrets.json')))).publicKey).toBe(key.publicKey);
    expect(readFileSync(join(home, 'secrets.json'), 'utf8')).toContain('ledger:signing-key');

    const sign = (n: number, r: RecordBody) => {
      const unsigned = { v: 1 as const, a: key.publicKey, n, ts: 1, r };
      return { ...unsigned, s: key.sign(signingInput(unsigned)) };
    };
    const genesis = sign(1, { t: 'roster-add', key: key.publicKey, name: 'Ana', zone: 'UTC', role: 'lead' });
    const claim = sign(2, { t: 'claim', item: 'a' });
    expect(SignatureSchema.safeParse(claim.s).success).toBe(true);
    const tampered = { ...claim, n: 3, r: { t: 'claim', item: 'b' } };
    const state = reduceLedger(
      [genesis, claim, tampered].map((raw, i) => ({ pos: { m: String(100 + i), i: 0 }, raw })),
      createVerifier(),
    );
    expect(Object.keys(state.claims)).toEqual(['a']);
    expect(state.rejected.map((r) => r.reason)).toEqual(['forged']);
  });

  it('rejects a signature under a key that is not a valid Ed25519 point', () => {
    expect(createVerifier()('x', '_'.repeat(43), 'A'.repeat(86))).toBe(false);
  });
});
