// Accounts of one item that show the same name ("Alex" twice in a raid): what tells each apart, as text a
// moderator reads before banning one of them. Pure; the renderer words it.
import type { GroupAccount } from './inbox';

export interface AccountTell {
  /** The end of the platform's id, as long as it takes to differ from every same-named account's (at least 4). */
  idTail: string;
  handle?: string;
  accountCreatedAt?: number;
  joinedAt?: number;
}

/** Names compared as a reader sees them: case, width and surrounding space aside. */
function shown(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/**
 * For each account whose name another account of the list also shows, what sets it apart (key:
 * `sourceId\0id`); accounts with a name of their own are not in the map.
 */
export function sameNameTells(accounts: readonly GroupAccount[]): Map<string, AccountTell> {
  const byName = new Map<string, GroupAccount[]>();
  for (const a of accounts) {
    const key = shown(a.name);
    byName.set(key, [...(byName.get(key) ?? []), a]);
  }
  const tells = new Map<string, AccountTell>();
  for (const twins of byName.values()) {
    if (twins.length < 2) continue;
    for (const a of twins) {
      let n = Math.min(4, a.id.length);
      while (n < a.id.length && twins.some((b) => b !== a && b.id.endsWith(a.id.slice(-n)))) n++;
      tells.set(`${a.sourceId}\u0000${a.id}`, {
        idTail: a.id.slice(-n),
        ...(a.handle && twins.some((b) => b !== a && b.handle !== a.handle) ? { handle: a.handle } : {}),
        ...(a.accountCreatedAt !== undefined ? { accountCreatedAt: a.accountCreatedAt } : {}),
        ...(a.joinedAt !== undefined ? { joinedAt: a.joinedAt } : {}),
      });
    }
  }
  return tells;
}
