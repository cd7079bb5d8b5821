// A synthetic community for eval/adapt.ts (issue #15): a game community ("Aetherfall") whose scammers run
// a pattern family of their own — fake "guild bank" officers asking members to park their gear or gold
// with them for an "audit", a "season reset" or a "dupe check" — in chat that uses the same words
// legitimately (guild bank, audit, season reset, officers). Written for this evaluation only: neither the
// model's training data nor the dev/held-out parts contain it. Deterministic per seed.
import { rng } from '../src/shared/triage/model/learn';

export interface CommunityRow {
  id: string;
  text: string;
  label: 'benign' | 'scam';
}

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const NAMES = ['Kael', 'Mirra', 'Thorne', 'Vesk', 'Ilya', 'Brann', 'Sefa', 'Oro', 'Tamsin', 'Dreg', 'Lio', 'Nym'];
const ITEMS = ['your legendary gear', 'your gold', 'your mounts', 'your crafting mats', 'your Aether shards', 'your epic weapons', 'the stuff in your vault'];
const EVENTS = ['the season reset', 'the dupe audit', 'the guild bank audit', 'the server merge', 'the anti-cheat sweep', 'the rollback check'];
const PLACES = ['my alt', 'the guild bank alt', 'my officer character', 'Vault_Keeper_02', 'the audit character', 'our storage account'];
const WHEN = ['before tonight', 'before the reset', 'within the hour', 'today', 'before maintenance', 'asap'];
const AFTER = ['you get it all back after', 'we return everything once it is done', 'it comes back to you with a bonus', 'you get it back plus 10% for helping', 'it is returned after the check'];
const OPEN = ['hey', 'hi there', 'yo', 'psst', 'hello friend', ''];

const SCAM = [
  (r: () => number) => `${pick(r, OPEN)} im a guild bank officer, because of ${pick(r, EVENTS)} you need to trade ${pick(r, ITEMS)} to ${pick(r, PLACES)} ${pick(r, WHEN)}, ${pick(r, AFTER)}`,
  (r: () => number) => `${pick(r, OPEN)} ${pick(r, NAMES)} from the officer team here. ${pick(r, EVENTS)} will wipe unregistered items, park ${pick(r, ITEMS)} on ${pick(r, PLACES)} ${pick(r, WHEN)} and ${pick(r, AFTER)}`,
  (r: () => number) => `officers asked me to collect ${pick(r, ITEMS)} for ${pick(r, EVENTS)}, mail it to ${pick(r, PLACES)} ${pick(r, WHEN)} or it gets flagged, ${pick(r, AFTER)}`,
  (r: () => number) => `reminder from guild leadership: everyone must hand ${pick(r, ITEMS)} to ${pick(r, PLACES)} for ${pick(r, EVENTS)}, ${pick(r, AFTER)}. do it ${pick(r, WHEN)}`,
  (r: () => number) => `${pick(r, OPEN)} your account is on the list for ${pick(r, EVENTS)}. to stay safe trade ${pick(r, ITEMS)} to ${pick(r, PLACES)} ${pick(r, WHEN)}, ${pick(r, AFTER)}`,
];

const BENIGN = [
  (r: () => number) => `did anyone read the patch notes about ${pick(r, EVENTS)}? wondering if ${pick(r, ITEMS)} carry over`,
  (r: () => number) => `${pick(r, NAMES)} can you check the guild bank, I think we are short on crafting mats for the raid`,
  (r: () => number) => `officers meeting ${pick(r, WHEN)} in voice, agenda is ${pick(r, EVENTS)} and loot rules`,
  (r: () => number) => `PSA: staff will never ask you to trade ${pick(r, ITEMS)} to anyone for ${pick(r, EVENTS)}, report those DMs`,
  (r: () => number) => `${pick(r, OPEN)} anyone want to run the vault dungeon ${pick(r, WHEN)}? need a healer`,
  (r: () => number) => `I just logged ${pick(r, ITEMS)} on my alt before ${pick(r, EVENTS)}, feels safer to have it on two characters lol`,
  (r: () => number) => `gz ${pick(r, NAMES)} on the legendary drop!! what did you trade for the mount`,
  (r: () => number) => `the guild bank audit is done, ${pick(r, NAMES)} posted the spreadsheet in the officers channel`,
  (r: () => number) => `is ${pick(r, EVENTS)} happening this week or next? want to plan my crafting`,
  (r: () => number) => `${pick(r, NAMES)} and I are farming Aether shards ${pick(r, WHEN)}, join if you want`,
];

/** 300 scam and 500 benign messages (distinct texts), the scam family about 3 in 8 of the community's flagged traffic. */
export function communityFamily(seed: number): CommunityRow[] {
  const random = rng(seed);
  const out: CommunityRow[] = [];
  const seen = new Set<string>();
  const add = (label: CommunityRow['label'], make: (r: () => number) => string, count: number) => {
    for (let tries = 0, n = 0; n < count && tries < count * 50; tries++) {
      const text = make(random).trim().replace(/\s+/g, ' ');
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ id: `community-${label}-${n}`, text, label });
      n++;
    }
  };
  for (let i = 0; i < 300; i++) add('scam', pick(random, SCAM), 1);
  for (let i = 0; i < 500; i++) add('benign', pick(random, BENIGN), 1);
  return out;
}
