// Link-in-bio (issue 18): the links and handles a member's bio (Telegram's or WhatsApp's `about`) shows, and what
// each account is known as on the web (t.me/<name>, wa.me/<number>, discord.com/users/<id>, @name), so
// two accounts showing the same link, or one bio naming the other account, can be suggested as one
// person. Bio text is hostile platform data: it is only cut, matched and shown as text. Pure.

type Platform = 'discord' | 'telegram' | 'whatsapp';

/** How much of a bio is kept (Telegram allows 70 characters, 140 with Premium). */
export const BIO_MAX = 300;
const LINKS_MAX = 10;

/** Platforms whose bios main can read: Telegram's `about` and WhatsApp's "about"; Discord gives bots none. */
export const BIO_PLATFORMS: ReadonlySet<Platform> = new Set(['telegram', 'whatsapp']);
/** Accounts whose bios one panel asks about: the member and the most recently active. */
export const BIO_ACCOUNTS = 30;

/**
 * The accounts one panel asks bios of, in the order given (the member shown first, then the most recently
 * active): only on platforms whose bios can be read, each once, at most `max`.
 */
export function bioAsks<T extends { p: Platform; sourceId: string; id: string }>(accounts: readonly T[], max = BIO_ACCOUNTS): T[] {
  const seen = new Set<string>();
  return accounts
    .filter((a) => {
      const key = `${a.sourceId}|${a.id}`;
      if (!BIO_PLATFORMS.has(a.p) || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, max);
}

/** A bio as it may be kept and compared: trimmed and capped. */
export function cappedBio(about: string | undefined): string | undefined {
  const text = about?.trim().slice(0, BIO_MAX);
  return text ? text : undefined;
}

// A web address with or without its scheme (t.me/x, https://discord.gg/x, www.site.org/me), or @handle.
const LINK = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?::\d{1,5})?(?:\/[^\s<>"'`]*)?/giu;
const HANDLE = /(?:^|[^\p{L}\p{N}_.@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,30}[A-Za-z0-9_])?)/gu;

/**
 * A link reduced to what makes it the same link: no scheme, no `www.`, host and path case-folded, no
 * trailing punctuation or slash, no query or fragment. `telegram.me` is `t.me`; `discordapp.com` is `discord.com`.
 */
export function comparableLink(raw: string): string {
  let link = raw.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '');
  link = link.replace(/[?#].*$/, '').replace(/[.,;:!?)\]}»”’]+$/u, '').replace(/\/+$/, '');
  link = link.replace(/^telegram\.me\//, 't.me/').replace(/^discordapp\.com\//, 'discord.com/').replace(/^discord\.com\/invite\//, 'discord.gg/');
  return link;
}

/** The links and @handles a bio shows, comparable (links as comparableLink, handles as `@name` lower-case). */
export function bioMarks(about: string | undefined): string[] {
  const text = cappedBio(about);
  if (!text) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(LINK)) {
    // An e-mail address is not a link; its domain alone would match strangers' sites.
    if (m.index > 0 && text[m.index - 1] === '@') continue;
    const link = comparableLink(m[0]);
    if (link.includes('.')) out.add(link);
  }
  for (const m of text.matchAll(HANDLE)) out.add(`@${m[1]!.toLowerCase()}`);
  return [...out].slice(0, LINKS_MAX);
}

/** What an account is known as, in the form bioMarks gives: its profile links and its @handle. */
export function accountMarks(account: { p: Platform; id: string; handle?: string | undefined }): string[] {
  const out: string[] = [];
  const handle = account.handle && /^[A-Za-z0-9_.]{2,32}$/.test(account.handle) ? account.handle.toLowerCase() : undefined;
  if (account.p === 'whatsapp') {
    const number = /^(\d{5,15})@s\.whatsapp\.net$/.exec(account.id)?.[1];
    if (number) out.push(`wa.me/${number}`, `api.whatsapp.com/send/?phone=${number}`);
  } else if (account.p === 'telegram') {
    if (handle) out.push(`t.me/${handle}`, `@${handle}`);
  } else {
    if (/^\d{15,21}$/.test(account.id)) out.push(`discord.com/users/${account.id}`);
    if (handle) out.push(`@${handle}`);
  }
  return out;
}

/**
 * Why two accounts may be one person by their bios: a link both bios show (`same`), or a bio naming the
 * other account (`names`); undefined when neither. `mark` is the link or handle, to show as text.
 */
export function bioMatch(
  a: { p: Platform; id: string; handle?: string | undefined; bio?: string | undefined },
  b: { p: Platform; id: string; handle?: string | undefined; bio?: string | undefined },
  /** Links many accounts show (the community's own invite, a popular site): no evidence of one person. */
  common: ReadonlySet<string> = new Set(),
): { kind: 'same' | 'names'; mark: string } | undefined {
  const ofA = bioMarks(a.bio).filter((m) => !common.has(m));
  const ofB = new Set(bioMarks(b.bio).filter((m) => !common.has(m)));
  // Names first: it points at the account itself, a shared link only at the same place.
  const namesB = new Set(accountMarks(b));
  const namesA = new Set(accountMarks(a));
  for (const mark of ofA) if (namesB.has(mark)) return { kind: 'names', mark };
  for (const mark of ofB) if (namesA.has(mark)) return { kind: 'names', mark };
  // A bare @handle shared by two bios says little (a common channel); a shared link says more.
  for (const mark of ofA) if (ofB.has(mark) && !mark.startsWith('@')) return { kind: 'same', mark };
  return undefined;
}

/** Marks shown in the bios of at least `min` of these accounts: too common to say two are one person. */
export function commonMarks(accounts: readonly { bio?: string | undefined }[], min = 3): Set<string> {
  const count = new Map<string, number>();
  for (const a of accounts) for (const m of bioMarks(a.bio)) count.set(m, (count.get(m) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n >= min).map(([m]) => m));
}
