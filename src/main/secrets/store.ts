// Secrets (tokens, sessions) behind one interface: the core depends on it, the edge supplies it —
// Electron safeStorage in the app, a 0600 file in host mode. Nothing here ever crosses IPC.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SerialQueue, writeFileAtomic } from '../util/files';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Where and how secrets are kept, for Settings (never the secrets themselves). */
  describe(): string;
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
