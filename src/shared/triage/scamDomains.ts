// The scam-domain lists the triage engine matches links against: eth-phishing-detect's, bundled at build
// time and never fetched at run time. One loader for main's pipeline, the CLI and the rule editor's
// preview, so the preview flags the scam hosts main flags (issue 15).
import phishingConfig from 'eth-phishing-detect/src/config.json';
import { z } from 'zod';
import type { DomainLists } from './engine';

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
