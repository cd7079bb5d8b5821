// One person, several accounts (issue 18): which accounts the team ledger links to one person, the
// suggestions a console offers (same display name, link in bio, a verification code the member posted), and the
// keys the rest of the console reads them by. Pure; the ledger reducer keeps the links themselves.
import { bioMatch, commonMarks } from './bio';
import type { AccountRef } from './records';
import { personOfAccount, type Person, type TeamState } from './state';

type Platform = AccountRef['p'];

/** `platform|memberId`: an account the same way on every console (ids are the platform's own). */
export function accountKey(account: AccountRef): string {
  return `${account.p}|${account.id}`;
}

/** The accounts of the person this account belongs to, itself first; just itself when unlinked. */
export function linkedAccounts(state: Pick<TeamState, 'persons'> | undefined, account: AccountRef): AccountRef[] {
  const person = state ? personOfAccount(state, account) : undefined;
  if (!person) return [{ p: account.p, id: account.id }];
  return [{ p: account.p, id: account.id }, ...person.accounts.filter((a) => !(a.p === account.p && a.id === account.id)).map((a) => ({ p: a.p, id: a.id }))];
}

/** Every linked account as `platform|memberId` → person id, for insights (a person counts once). */
export function linkedPairs(state: Pick<TeamState, 'persons'> | undefined): [string, string][] {
  const out: [string, string][] = [];
  for (const person of Object.values(state?.persons ?? {})) {
    if (person.accounts.length < 2) continue;
    for (const a of person.accounts) out.push([accountKey(a), person.id]);
  }
  return out;
}

/**
 * A display name reduced to what a person would recognise as "the same name": Unicode-normalized,
 * case-folded, without spaces, punctuation, symbols and emoji. Empty when nothing is left.
 */
export function comparableName(name: string | undefined): string {
  if (!name) return '';
  return name.normalize('NFKC').toLocaleLowerCase('en').replace(/[\p{P}\p{S}\p{Z}\p{C}]/gu, '');
}

/** A verification code: 8 characters a member can type on a phone, without look-alikes (0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_PATTERN = /\bTK-([23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8})\b/gi;

export function verificationCode(random: (n: number) => Uint8Array): string {
  const bytes = random(8);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `TK-${out}`;
}

/** Verification codes posted in a message (upper-cased, `TK-` kept). */
export function codesIn(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(CODE_PATTERN)].map((m) => `TK-${m[1]!.toUpperCase()}`);
}

/** An account seen in the cached events, with what a suggestion may compare. */
export interface SeenAccount {
  p: Platform;
  id: string;
  name: string;
  /** Verification codes this account posted. */
  codes?: readonly string[];
  /** The account's user name on its platform (Telegram's and Discord's), when it has one. */
  handle?: string | undefined;
  /** Its bio (Telegram's `about`), where one was read. */
  bio?: string | undefined;
}

export interface LinkSuggestion {
  account: SeenAccount;
  via: 'name' | 'bio' | 'code';
  /** A bio suggestion: both bios show this link (`same`), or one bio names the other account (`names`). */
  bio?: { kind: 'same' | 'names'; mark: string };
  /** Already linked to someone else: linking would first need that link undone. */
  elsewhere?: string;
}

const STRENGTH = { code: 0, bio: 1, name: 2 } as const;

/**
 * Accounts on other platforms that may be the same person as `target`: one that posted the code the
 * team gave this person (strongest), one whose bio shows the same link or names the other account
 * (bio.ts; links many accounts show do not count), or one showing the same display name. Accounts on the target's
 * own platform are never suggested (one person, one account per platform is the common case, and two
 * accounts on one platform are a moderation matter, not a link), nor accounts already linked to it.
 */
export function suggestLinks(
  state: Pick<TeamState, 'persons'> | undefined,
  target: SeenAccount,
  seen: readonly SeenAccount[],
  codes: readonly string[] = [],
  limit = 10,
): LinkSuggestion[] {
  const mine = new Set(linkedAccounts(state, target).map(accountKey));
  const person: Person | undefined = state ? personOfAccount(state, target) : undefined;
  const name = comparableName(target.name);
  const wanted = new Set(codes.map((c) => c.toUpperCase()));
  const common = commonMarks([target, ...seen.filter((a) => accountKey(a) !== accountKey(target))]);
  const out = new Map<string, LinkSuggestion>();
  for (const account of seen) {
    const key = accountKey(account);
    if (account.p === target.p || mine.has(key) || out.has(key)) continue;
    const byCode = account.codes?.some((c) => wanted.has(c.toUpperCase()));
    const byBio = bioMatch(target, account, common);
    const byName = name.length >= 3 && comparableName(account.name) === name;
    if (!byCode && !byBio && !byName) continue;
    const other = state ? personOfAccount(state, account) : undefined;
    const suggestion: LinkSuggestion = { account, via: byCode ? 'code' : byBio ? 'bio' : 'name' };
    if (byBio) suggestion.bio = byBio;
    if (other && other.id !== person?.id) suggestion.elsewhere = other.id;
    out.set(key, suggestion);
  }
  return [...out.values()].sort((a, b) => STRENGTH[a.via] - STRENGTH[b.via] || (accountKey(a.account) < accountKey(b.account) ? -1 : 1)).slice(0, limit);
}
