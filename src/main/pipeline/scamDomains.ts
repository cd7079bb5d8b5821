// Main's scam-domain lists: the same loader the rule editor's preview uses (src/shared/triage/scamDomains.ts).
export { loadScamDomainLists } from '@shared/triage/scamDomains';
