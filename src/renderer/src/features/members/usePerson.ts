// One member as a person (issue 18): the accounts the team ledger links to them, accounts that may be
// theirs (same display name, the same link in bio, or the verification code the team gave them, seen in
// recent events; bios are asked of main only for this member and the accounts active lately), and
// their journey read from the events of every linked account. Links are written through the team store.
import Dexie from 'dexie';
import { useEffect, useState } from 'react';
import type { Platform } from '@shared/domain/model';
import { buildJourney, repliesToCheck, type JourneyEvent, type JourneyStep } from '@shared/insights/journey';
import { personOfAccount, type Person } from '@shared/team';
import { bioAsks } from '@shared/team/bio';
import { accountKey, codesIn, linkedAccounts, suggestLinks, verificationCode, type LinkSuggestion, type SeenAccount } from '@shared/team/people';
import { getDb } from '../../db/instance';
import { send } from '../../ipc/client';
import type { EventRow } from '../../db/schema';
import { useTeam } from '../../stores/team';
import type { Case } from '@shared/domain/cases';

/** Recent events read for suggestions: enough for the accounts active lately, cheap on a big cache. */
const RECENT_EVENTS = 5_000;
/** Events read per linked account for the journey. */
const JOURNEY_EVENTS = 5_000;
/** Replies checked for "first answer to a newcomer" (two index reads each). */
const REPLIES_CHECKED = 60;
const CODES_KEY = 'personCodes';

export interface PersonView {
  person: Person | undefined;
  suggestions: LinkSuggestion[];
  journey: JourneyStep[];
  /** The verification code this console gave the member, if any. */
  code: string | undefined;
  loaded: boolean;
  /** Reads again (after a new code was made: the settings table is not watched). */
  refresh(): void;
}

async function storedCodes(): Promise<Record<string, string>> {
  const row = await getDb().settings.get(CODES_KEY);
  const value = row?.value;
  return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

/** Gives the member a verification code to post from their other accounts (kept on this console). */
export async function makeCode(account: { p: Platform; id: string }): Promise<string> {
  const codes = await storedCodes();
  const code = verificationCode((n) => crypto.getRandomValues(new Uint8Array(n)));
  await getDb().settings.put({ key: CODES_KEY, value: { ...codes, [accountKey(account)]: code } });
  return code;
}

type RecentAccount = SeenAccount & { codes: string[]; sourceId: string };

/**
 * An author's user name, where the event says it is one: Discord's name is the username; Telegram's is
 * the username only when a display name came beside it (else it may be the member's full name).
 */
function handleOf(row: EventRow): string | undefined {
  const author = row.author;
  if (!author) return undefined;
  if (row.platform === 'discord') return author.name;
  return row.platform === 'telegram' && author.displayName !== undefined ? author.name : undefined;
}

async function recentAccounts(): Promise<RecentAccount[]> {
  const rows = await getDb().events.orderBy('ts').reverse().limit(RECENT_EVENTS).toArray();
  const byKey = new Map<string, RecentAccount>();
  for (const row of rows) {
    if (!row.author || row.author.bot) continue;
    const key = `${row.platform}|${row.author.id}`;
    let seen = byKey.get(key);
    // Newest first: the first row of an account carries its current name.
    if (!seen) byKey.set(key, (seen = { p: row.platform, id: row.author.id, name: row.author.displayName ?? row.author.name, handle: handleOf(row), codes: [], sourceId: row.sourceId }));
    if (row.kind === 'message') seen.codes.push(...codesIn(row.text));
  }
  return [...byKey.values()];
}

/**
 * Bios of the member shown and of the accounts active lately on platforms whose bios can be read
 * (Telegram's and WhatsApp's `about`; Discord has none a bot can read), as
 * `platform|id` → text. Main reads them lazily, spaced and cached; a failure only means no bio suggestions.
 */
async function readBios(member: { sourceId: string; platform: Platform; memberId: string }, seen: readonly RecentAccount[]): Promise<Map<string, string>> {
  const ask = bioAsks([{ sourceId: member.sourceId, id: member.memberId, p: member.platform }, ...seen.map((a) => ({ sourceId: a.sourceId, id: a.id, p: a.p }))]);
  const out = new Map<string, string>();
  if (ask.length === 0) return out;
  try {
    const { bios } = await send('members.bios', { accounts: ask.map(({ sourceId, id }) => ({ sourceId, id })) });
    const platformOf = new Map(ask.map((a) => [`${a.sourceId}|${a.id}`, a.p]));
    for (const b of bios) {
      const p = platformOf.get(`${b.sourceId}|${b.id}`);
      if (p && b.about) out.set(accountKey({ p, id: b.id }), b.about);
    }
  } catch (err) {
    console.warn('Could not read bios for link suggestions', err);
  }
  return out;
}

async function accountEvents(account: { p: Platform; id: string }): Promise<EventRow[]> {
  const rows = await getDb().events.where('[author.id+ts]').between([account.id, Dexie.minKey], [account.id, Dexie.maxKey]).limit(JOURNEY_EVENTS).toArray();
  return rows.filter((r) => r.platform === account.p);
}

/** `channelId|messageId` of the replied-to messages that were their author's first in that space. */
async function newcomerFirsts(replies: readonly JourneyEvent[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const reply of replies) {
    const target = await getDb()
      .events.where('messageId')
      .equals(reply.replyToMessageId!)
      .filter((e) => e.channelId === reply.channelId && e.platform === reply.platform && e.kind === 'message')
      .first();
    const author = target?.author?.id;
    if (!target || !author) continue;
    const first = await getDb()
      .events.where('[author.id+ts]')
      .between([author, Dexie.minKey], [author, Dexie.maxKey])
      .filter((e) => e.kind === 'message' && e.platform === target.platform && e.spaceId === target.spaceId)
      .first();
    if (first?.id === target.id) out.add(`${reply.channelId}|${reply.replyToMessageId}`);
  }
  return out;
}

export function usePerson(member: { sourceId: string; platform: Platform; memberId: string; name: string } | undefined, cases: readonly Case[]): PersonView {
  const state = useTeam((s) => s.view?.state);
  const [codesVersion, setCodesVersion] = useState(0);
  const [view, setView] = useState<Omit<PersonView, 'refresh'>>({ person: undefined, suggestions: [], journey: [], code: undefined, loaded: false });
  const account = member ? { p: member.platform, id: member.memberId } : undefined;
  const person = state && account ? personOfAccount(state, account) : undefined;
  const personKey = person ? `${person.id}:${person.accounts.map(accountKey).join(',')}` : '';
  const memberKey = account ? accountKey(account) : '';
  const nominationCount = state?.nominations?.length ?? 0;
  const casesKey = cases.map((c) => c.id).join(',');

  useEffect(() => {
    if (!member || !account) return;
    let live = true;
    void (async () => {
      const accounts = linkedAccounts(state, account);
      const [seen, codes, perAccount] = await Promise.all([recentAccounts(), storedCodes(), Promise.all(accounts.map(accountEvents))]);
      const code = codes[memberKey];
      const personCodes = accounts.map((a) => codes[accountKey(a)]).filter((c): c is string => !!c);
      const me = seen.find((a) => a.p === account.p && a.id === account.id);
      const suggest = (bios: ReadonlyMap<string, string>) =>
        suggestLinks(state, { p: account.p, id: account.id, name: member.name, handle: me?.handle, bio: bios.get(memberKey) }, seen.map((a) => ({ ...a, bio: bios.get(accountKey(a)) })), personCodes);
      const suggestions = suggest(new Map());
      const events: JourneyEvent[] = perAccount.flat();
      const firsts = await newcomerFirsts(repliesToCheck(events, REPLIES_CHECKED));
      const keys = new Set(accounts.map(accountKey));
      const journey = buildJourney({
        events,
        newcomerFirsts: firsts,
        cases,
        // The person's whole log (an unlinked account is no longer among its accounts), else this account's.
        links: (state?.personLog ?? []).filter((l) => (person ? l.person === person.id : keys.has(`${l.p}|${l.id}`))),
        nominations: (state?.nominations ?? []).filter((n) => keys.has(accountKey(n.account))),
      });
      if (live) setView({ person, suggestions, journey, code, loaded: true });
      // Bios come after the rest: reading them is spaced out, and the panel should not wait for it.
      const bios = await readBios(member, seen);
      if (live && bios.size > 0) setView({ person, suggestions: suggest(bios), journey, code, loaded: true });
    })().catch((err: unknown) => console.error('Could not read the member as a person', err));
    return () => {
      live = false;
    };
    // The state object changes with every ledger record; only this person's links and nominations matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [memberKey, personKey, nominationCount, casesKey, codesVersion]);

  // The person from the ledger as it is now; what was read (suggestions, journey) from the last read.
  return { ...view, person, refresh: () => setCodesVersion((n) => n + 1) };
}
