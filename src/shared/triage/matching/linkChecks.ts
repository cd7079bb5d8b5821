// Link checks: what is known of each link of a message — a listed scam domain, a look-alike of a
// protected domain, a link shortener, an invite to another group, a defanged link. What does not
// depend on the path is worked out once per host and kept.
import type { Verdict } from '../compiled';
import { clip } from '../compiled';
import { editDistance, hostSuffixes, hostWithin, type FoundLink } from '../links';
import { skeleton } from '../normalize';
import type { RulePack } from '../pack';
import { words } from '../reasons';
import { remember } from '../scratch';

export interface DomainLists {
  blacklist?: Iterable<string>;
  whitelist?: Iterable<string>;
  /** Brands whose near-spellings are phishing (edit distance ≤ tolerance on the first label). */
  fuzzylist?: Iterable<string>;
  tolerance?: number;
}

/** Hosts that give invites, and the path of an invite on each. */
const inviteHosts: Array<[string, RegExp]> = [
  ['discord.gg', /^\/[\w-]{2,}/],
  ['discord.com', /^\/invite\/[\w-]+/],
  ['discordapp.com', /^\/invite\/[\w-]+/],
  ['discord.me', /^\/[\w-]+/],
  ['t.me', /^\/(?:joinchat\/|\+)?[\w-]{3,}/],
  ['telegram.me', /^\/[\w-]{3,}/],
  ['chat.whatsapp.com', /^\/[\w-]+/],
];

/** The findings about a host that do not depend on the path (shared by every link to it). */
interface HostVerdict {
  /** The host without "www.". */
  host: string;
  listed?: Verdict;
  lookalike?: Verdict;
  shortener?: Verdict;
  /** The host gives invites: their path. */
  invitePath?: RegExp;
}

export class LinkChecks {
  private readonly blacklist = new Set<string>();
  private readonly whitelist = new Set<string>();
  private readonly fuzzy: Array<{ label: string; domain: string }> = [];
  private readonly tolerance: number;

  constructor(
    lists: DomainLists,
    private readonly domains: RulePack['domains'],
  ) {
    for (const h of lists.blacklist ?? []) this.blacklist.add(h.toLowerCase());
    for (const h of lists.whitelist ?? []) this.whitelist.add(h.toLowerCase());
    for (const h of domains.allow) this.whitelist.add(h.toLowerCase());
    this.tolerance = lists.tolerance ?? 1;
    const protectedDomains = [...(lists.fuzzylist ?? []), ...domains.protect, ...domains.allow];
    for (const domain of protectedDomains) {
      const label = skeleton(domain.toLowerCase().split('.')[0] ?? '');
      if (label.length >= 5) this.fuzzy.push({ label, domain: domain.toLowerCase() });
    }
  }

  /** How many domains are listed as scams. */
  get listed(): number {
    return this.blacklist.size;
  }

  /** What each link's checks found (an empty list: nothing). */
  verdicts(links: FoundLink[]): Map<FoundLink, Verdict[]> {
    const out = new Map<FoundLink, Verdict[]>();
    for (const link of links) {
      const v: Verdict[] = [];
      const known = this.hostVerdict(link.host, link.foldedHost, link.confusable);
      if (known.listed) v.push(known.listed);
      else if (known.lookalike) v.push(known.lookalike);
      // A shortener's bare name ("it was posting bit.ly links") leads nowhere; a short link has a path.
      if (known.shortener && link.path.length > 1) v.push(known.shortener);
      if (known.invitePath?.test(link.path)) {
        const url = `${known.host}${link.path}`.toLowerCase();
        if (!this.domains.ownInvites.some((own) => url.startsWith(own.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '')))) {
          v.push({ check: 'invite', why: words('invite', { url: clip(url, 60) }) });
        }
      }
      if (link.obfuscated) v.push({ check: 'obfuscated', why: words('defanged', { host: known.host }) });
      out.set(link, v);
    }
    return out;
  }

  /** What is known of a host whatever the path (lists, look-alikes, shorteners, invite hosts): per host, kept. */
  private readonly hostVerdicts = new Map<string, HostVerdict>();

  private hostVerdict(rawHost: string, rawFolded: string, confusable: boolean): HostVerdict {
    const key = `${confusable ? 1 : 0}${rawHost} ${rawFolded}`;
    return remember(this.hostVerdicts, key, 10_000, () => {
      const host = rawHost.replace(/^www\./, '');
      const folded = rawFolded.replace(/^www\./, '');
      const known: HostVerdict = { host };
      const suffixes = hostSuffixes(host);
      const trusted = suffixes.some((s) => this.whitelist.has(s)) && !confusable;
      if (!trusted) {
        const listed = suffixes.find((s) => this.blacklist.has(s)) ?? hostSuffixes(folded).find((s) => this.blacklist.has(s));
        if (listed) known.listed = { check: 'scam-domain', why: words('scamDomain', { domain: listed }) };
        else {
          const look = this.checkLookalike(host, folded, confusable);
          if (look) known.lookalike = { check: 'lookalike', why: words('lookalike', { host, imitates: look }) };
        }
      }
      if (this.domains.shorteners.some((d) => hostWithin(host, d))) known.shortener = { check: 'shortener', why: words('shortener', { host }) };
      for (const [inviteHost, path] of inviteHosts) if (host === inviteHost) known.invitePath = path;
      return known;
    });
  }

  private checkLookalike(host: string, folded: string, confusable: boolean): string | undefined {
    const labels = folded.split('.');
    const parts = labels.slice(0, -1).flatMap((l) => l.split('-'));
    parts.push(labels.slice(0, -1).join(''));
    if (!confusable && this.fuzzy.some((f) => hostWithin(host, f.domain))) return undefined;
    // Each part's skeleton once, not once per protected domain.
    const skeletons = parts.filter((part) => part.length >= 4).map(skeleton);
    for (const f of this.fuzzy) {
      if (hostWithin(host, f.domain) && !confusable) continue;
      if (confusable && hostWithin(folded, f.domain)) return f.domain;
      for (const sk of skeletons) {
        const limit = f.label.length >= 10 ? Math.max(2, this.tolerance) : f.label.length >= 6 ? 1 : 0;
        if (sk === f.label || (limit > 0 && editDistance(sk, f.label, limit) <= limit)) {
          if (hostWithin(host, f.domain)) continue;
          return f.domain;
        }
      }
    }
    return undefined;
  }
}
