// The scam-domain lists the triage engine matches links against: eth-phishing-detect's, shipped in
// node_modules at build time and never fetched at run time. Shared by main's pipeline and the CLI.
import phishingConfig from 'eth-phishing-detect/src/config.json';
import { z } from 'zod';
import type { DomainLists } from '@shared/triage';

const PhishingConfigSchema = z.object({
  blacklist: z.array(z.string()).default([]),
  whitelist: z.array(z.string()).default([]),
  fuzzylist: z.array(z.string()).default([]),
  tolerance: z.number().default(2),
});

let cached: DomainLists | undefined;

export function loadScamDomainLists(): DomainLists {
  if (cached) return cached;
  const config = PhishingConfigSchema.parse(phishingConfig);
  // The tolerance there is tuned for crypto brands only; ours applies to every protected brand.
  cached = { blacklist: config.blacklist, whitelist: config.whitelist, fuzzylist: config.fuzzylist, tolerance: Math.min(config.tolerance, 2) };
  return cached;
}
