// The Electron edge of the secret store: Electron's safeStorage (OS keychain) encrypts the file.
import { safeStorage } from 'electron';
import { FileSecretStore } from '../secrets/store';
import type { Cipher } from '../secrets/store';

export function safeStorageSecrets(path: string): FileSecretStore {
  if (!safeStorage.isEncryptionAvailable()) return new FileSecretStore(path);
  const cipher: Cipher = {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
  return new FileSecretStore(path, cipher);
}
