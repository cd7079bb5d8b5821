// Secrets (tokens, sessions) behind one interface: the core depends on it, the edge supplies it —
// Electron safeStorage in the app, a 0600 file in host mode. Nothing here ever crosses IPC.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretProtection } from '@shared/ipc/contract';
import { SerialQueue, writeFileAtomic } from '../util/files';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Where and how secrets are kept, for Settings (never the secrets themselves). */
  describe(): string;
  /** How well secrets are protected at rest, for Settings and for refusing to save without consent. */
  protection(): SecretProtection;
  /** Only where protection is 'unencrypted': the user's choice, remembered. */
  allowUnencrypted?(allow: boolean): Promise<void>;
}

/** Encrypts/decrypts opaque bytes; Electron's safeStorage fits, tests may pass identity. */
export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/** A JSON file readable only by the user (mode 0600), optionally encrypted by a Cipher. */
export class FileSecretStore implements SecretStore {
  private cache: Record<string, string> | undefined;
  /** Every change is a read-modify-write of the whole file: one at a time, or a concurrent one is lost. */
  private readonly writes = new SerialQueue();

  constructor(
    private readonly path: string,
    private readonly cipher?: Cipher,
  ) {}

  describe(): string {
    return this.cipher ? `encrypted with the OS keychain in ${this.path}` : `file ${this.path} (mode 0600)`;
  }

  protection(): SecretProtection {
    return this.cipher ? { kind: 'keychain' } : { kind: 'file' };
  }

  private async load(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    try {
      const raw = await readFile(this.path);
      const text = this.cipher ? this.cipher.decrypt(raw) : raw.toString('utf8');
      const parsed: unknown = JSON.parse(text);
      this.cache = {};
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') this.cache[k] = v;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read the secret store at ${this.path}`, { cause: error });
      this.cache = {};
    }
    return this.cache;
  }

  private async save(data: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const text = JSON.stringify(data);
    await writeFileAtomic(this.path, this.cipher ? this.cipher.encrypt(text) : text, 0o600);
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.load())[name];
  }

  set(name: string, value: string): Promise<void> {
    return this.writes.run(async () => {
      const data = { ...(await this.load()), [name]: value };
      await this.save(data);
      this.cache = data;
    });
  }

  delete(name: string): Promise<void> {
    return this.writes.run(async () => {
      const data = { ...(await this.load()) };
      delete data[name];
      await this.save(data);
      this.cache = data;
    });
  }
}

/**
 * Where the OS keychain is missing (or Linux falls back to Electron's `basic_text`): secrets live in
 * memory for this run only until the user agrees in Settings to keep them in a plain 0600 file; from
 * then on (and what was held in memory) they are written there. Nothing is written unencrypted silently.
 */
export class KeychainlessSecretStore implements SecretStore {
  private readonly file: FileSecretStore;
  private readonly held = new Map<string, string>();
  private allowed: boolean | undefined;

  constructor(
    path: string,
    private readonly consentPath: string,
    private readonly reason: 'unavailable' | 'basic_text' | 'unknown_backend',
  ) {
    this.file = new FileSecretStore(path);
  }

  /** Reads the remembered choice; call once before use. */
  async load(): Promise<this> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.consentPath, 'utf8'));
      this.allowed = typeof parsed === 'object' && parsed !== null && (parsed as { allowUnencrypted?: unknown }).allowUnencrypted === true;
    } catch {
      this.allowed = false;
    }
    return this;
  }

  describe(): string {
    return this.allowed ? `unencrypted file (mode 0600), as chosen in Settings; OS keychain: ${this.reason}` : `memory only (OS keychain: ${this.reason})`;
  }

  protection(): SecretProtection {
    return { kind: 'unencrypted', reason: this.reason, allowed: this.allowed === true };
  }

  async allowUnencrypted(allow: boolean): Promise<void> {
    await mkdir(dirname(this.consentPath), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.consentPath, JSON.stringify({ allowUnencrypted: allow }), 0o600);
    this.allowed = allow;
    if (allow) {
      for (const [name, value] of this.held) await this.file.set(name, value);
      this.held.clear();
    }
  }

  async get(name: string): Promise<string | undefined> {
    return this.held.get(name) ?? (await this.file.get(name));
  }

  async set(name: string, value: string): Promise<void> {
    if (this.allowed) await this.file.set(name, value);
    else this.held.set(name, value);
  }

  async delete(name: string): Promise<void> {
    this.held.delete(name);
    await this.file.delete(name);
  }
}
