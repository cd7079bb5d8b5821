// The Electron edge of the secret store: Electron's safeStorage (OS keychain) encrypts the file. Where
// it cannot really encrypt (no keychain, or Linux's `basic_text` fallback) nothing is written
// unencrypted until the user agrees in Settings (see KeychainlessSecretStore).
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { FileSecretStore, KeychainlessSecretStore } from '../secrets/store';
import type { Cipher, SecretStore } from '../secrets/store';
import { judgeSafeStorage } from './policy';

export async function safeStorageSecrets(home: string): Promise<SecretStore> {
  const path = join(home, 'secrets.bin');
  const verdict = judgeSafeStorage({
    platform: process.platform,
    available: safeStorage.isEncryptionAvailable(),
    ...(process.platform === 'linux' ? { backend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (!verdict.ok) return new KeychainlessSecretStore(path, join(home, 'secrets-consent.json'), verdict.reason).load();
  const cipher: Cipher = {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
  return new FileSecretStore(path, cipher);
}
