import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore, KeychainlessSecretStore } from './store';

describe('FileSecretStore', () => {
  it('keeps secrets in a 0600 file and survives a new instance', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-secrets-')), 'nested', 'secrets.json');
    const store = new FileSecretStore(path);
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', 'token-a');
    await store.set('b', 'token-b');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = new FileSecretStore(path);
    expect(await again.get('a')).toBe('token-a');
    await again.delete('a');
    expect(await new FileSecretStore(path).get('a')).toBeUndefined();
    expect(await new FileSecretStore(path).get('b')).toBe('token-b');
  });

  it('stores only ciphertext when a cipher is given', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-secrets-')), 'secrets.bin');
    const cipher = {
      encrypt: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
      decrypt: (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
    };
    await new FileSecretStore(path, cipher).set('bot', 'super-secret-token');
    expect(readFileSync(path).toString('utf8')).not.toContain('super-secret-token');
    expect(await new FileSecretStore(path, cipher).get('bot')).toBe('super-secret-token');
  });

  it('keeps every key of concurrent set()s and delete()s (issue 17, finding 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-secrets-'));
    const path = join(dir, 'secrets.json');
    const store = new FileSecretStore(path);
    await Promise.all(['a', 'b', 'c'].map((k) => store.set(k, `token-${k}`)));
    const again = new FileSecretStore(path);
    expect([await again.get('a'), await again.get('b'), await again.get('c')]).toEqual(['token-a', 'token-b', 'token-c']);
    // A set() that reported success keeps its key, also when many land in the same millisecond.
    const names = Array.from({ length: 40 }, (_, i) => `k${i}`);
    await Promise.all([...names.map((k) => again.set(k, k)), again.delete('b')]);
    const third = new FileSecretStore(path);
    for (const k of names) expect(await third.get(k)).toBe(k);
    expect(await third.get('b')).toBeUndefined();
    expect(await third.get('a')).toBe('token-a');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('KeychainlessSecretStore (issue 17, finding 3)', () => {
  it('writes nothing unencrypted until the user agrees, then keeps what it held; the choice is remembered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-secrets-'));
    const path = join(dir, 'secrets.bin');
    const consent = join(dir, 'secrets-consent.json');
    const store = await new KeychainlessSecretStore(path, consent, 'basic_text').load();
    expect(store.protection()).toEqual({ kind: 'unencrypted', reason: 'basic_text', allowed: false });
    await store.set('ledger', 'signing-key');
    expect(await store.get('ledger')).toBe('signing-key');
    expect(existsSync(path)).toBe(false);
    await store.allowUnencrypted(true);
    expect(readFileSync(path, 'utf8')).toContain('signing-key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await new KeychainlessSecretStore(path, consent, 'basic_text').load();
    expect(again.protection()).toMatchObject({ allowed: true });
    expect(await again.get('ledger')).toBe('signing-key');
    await again.allowUnencrypted(false);
    await again.set('later', 'not-written');
    expect(readFileSync(path, 'utf8')).not.toContain('not-written');
    expect((await new KeychainlessSecretStore(path, consent, 'unavailable').load()).protection()).toEqual({ kind: 'unencrypted', reason: 'unavailable', allowed: false });
  });
});
