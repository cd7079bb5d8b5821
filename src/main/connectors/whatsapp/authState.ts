// A linked device's auth state (Noise and identity keys, pre-keys, Signal sessions, sender keys) for
// Baileys, kept in main's secret store as one encrypted secret: loaded once, changes coalesced and
// written through the store (atomic, 0600/keychain), flushed before the connector stops. Never logged.
// Beside it, the keys of the group messages the device already took in, so a message that comes
// again after a restart (redelivered, or in a history sync) is recognized.
import type { AuthenticationCreds, AuthenticationState, SignalDataTypeMap } from 'baileys';
import type { Baileys } from './lib';

/** Where the serialized state lives; main supplies it from its SecretStore. */
export interface AuthVault {
  load(): Promise<string | undefined>;
  save(serialized: string): Promise<void>;
  clear(): Promise<void>;
}

/** The device state as one secret of main's secret store (encrypted there, written atomically). */
export function vaultInSecrets(store: { get(name: string): Promise<string | undefined>; set(name: string, value: string): Promise<void>; delete(name: string): Promise<void> }, name: string): AuthVault {
  return { load: () => store.get(name), save: (value) => store.set(name, value), clear: () => store.delete(name) };
}

/** The device state for this run only (the practice community: its server forgets devices on exit). */
export function memoryVault(): AuthVault {
  let value: string | undefined;
  return {
    load: async () => value,
    save: async (v) => {
      value = v;
    },
    clear: async () => {
      value = undefined;
    },
  };
}

interface Stored {
  creds: AuthenticationCreds;
  keys: Record<string, Record<string, unknown>>;
  /** Message keys taken in (`group|id`), oldest first, at most SEEN_LIMIT. */
  seen?: string[];
}

/** Message keys the device already took in; bounded, oldest forgotten first. */
export interface SeenMessages {
  has(key: string): boolean;
  /** Records `key`; false when it was already there. */
  add(key: string): boolean;
}

/** How many message keys are remembered across restarts: well past an offline backlog or a history chunk. */
export const SEEN_LIMIT = 5000;

export interface VaultedAuth {
  state: AuthenticationState;
  /** Writes pending changes now (awaited before stop and after each credentials change). */
  flush(): Promise<void>;
  /** Forgets the device (after a logout from the phone): the next start links afresh. */
  clear(): Promise<void>;
  /** Whether the state belongs to a device that was linked (has an account). */
  linked(): boolean;
  seen: SeenMessages;
}

/** Writes are coalesced this long: a busy group advances Signal sessions on every message. */
const WRITE_DELAY_MS = 250;

export async function openVaultedAuth(B: Baileys, vault: AuthVault): Promise<VaultedAuth> {
  const raw = await vault.load();
  let stored: Stored;
  if (raw) {
    const parsed = JSON.parse(raw, B.BufferJSON.reviver) as Partial<Stored>;
    if (!parsed.creds) throw new Error('the saved WhatsApp device state is unreadable');
    stored = { creds: parsed.creds, keys: parsed.keys ?? {}, seen: Array.isArray(parsed.seen) ? parsed.seen.filter((k): k is string => typeof k === 'string').slice(-SEEN_LIMIT) : [] };
  } else {
    stored = { creds: B.initAuthCreds(), keys: {}, seen: [] };
  }
  const seenOrder = stored.seen ?? [];
  const seenSet = new Set(seenOrder);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  let cleared = false;

  const write = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty || cleared) return writing;
    dirty = false;
    const text = JSON.stringify(stored, B.BufferJSON.replacer);
    writing = writing.then(() => vault.save(text));
    return writing;
  };
  const schedule = () => {
    dirty = true;
    if (!timer) timer = setTimeout(() => void write().catch(() => undefined), WRITE_DELAY_MS);
  };

  const state: AuthenticationState = {
    creds: stored.creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const bucket = stored.keys[type] ?? {};
        const out: Record<string, SignalDataTypeMap[T]> = {};
        for (const id of ids) {
          let value = bucket[id];
          if (value === undefined) continue;
          // App-state sync keys are protobuf objects; revive them as Baileys' own code does.
          if (type === 'app-state-sync-key') value = B.proto.Message.AppStateSyncKeyData.fromObject(value as object);
          out[id] = value as SignalDataTypeMap[T];
        }
        return out;
      },
      async set(data) {
        for (const [type, values] of Object.entries(data)) {
          const bucket = (stored.keys[type] ??= {});
          for (const [id, value] of Object.entries(values ?? {})) {
            if (value) bucket[id] = value;
            else delete bucket[id];
          }
        }
        schedule();
      },
    },
  };

  return {
    state,
    flush: () => {
      dirty = true;
      return write();
    },
    async clear() {
      cleared = true;
      if (timer) clearTimeout(timer);
      await writing.catch(() => undefined);
      await vault.clear();
    },
    linked: () => Boolean(stored.creds.me?.id),
    seen: {
      has: (key) => seenSet.has(key),
      add(key) {
        if (seenSet.has(key)) return false;
        seenSet.add(key);
        seenOrder.push(key);
        if (seenOrder.length > SEEN_LIMIT) seenSet.delete(seenOrder.shift()!);
        schedule();
        return true;
      },
    },
  };
}
