// Rule changes learned from the team's decisions (issue 15): what the console proposes from labeled
// decisions, and how an accepted change alters the running pack. Accepted changes travel through the
// team ledger, so every console applies the same ones in the same order and judges alike.
import { z } from 'zod';
import { SeveritySchema, type Severity } from '../domain/model';
import type { RulePack } from './pack';
import { englishWords, LEARNED_LINK_PREFIX, words } from './reasons';
import { ADAPT_MAX_ENTRIES, type AdaptationDelta, type AdaptLabel } from './model/adapt';

const host = z.string().min(3).max(253).regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, 'not a host');

export const RuleChangeSchema = z.discriminatedUnion('op', [
  /** A link rule for one host the team kept removing. */
  z.object({ op: z.literal('link-rule'), host }).strict(),
  /** A rule the team kept resolving without action: its severity one step lower. */
  z.object({ op: z.literal('severity'), rule: z.string().min(1).max(100), to: SeveritySchema }).strict(),
  /**
   * The learned model adapted to the team's decisions (model/adapt.ts, in its compact form): the latest
   * standing one is the model every console of the team judges with. `flags`: what it changed on the
   * proposer's last week of messages when accepted (+ added, − removed), for the list.
   */
  z
    .object({
      op: z.literal('model-adapt'),
      labels: z.number().int().min(1).max(1_000_000),
      bias: z.array(z.number().finite().min(-1).max(1)).length(4),
      delta: z.string().max(ADAPT_MAX_ENTRIES * 4).regex(/^(?:[A-Za-z0-9+/]{4})*$/, 'not a delta'),
      added: z.number().int().nonnegative().max(1_000_000),
      removed: z.number().int().nonnegative().max(1_000_000),
    })
    .strict(),
]);
export type RuleChange = z.infer<typeof RuleChangeSchema>;

/** The id of the rule a link-rule change adds. */
export function linkRuleId(h: string): string {
  return `${LEARNED_LINK_PREFIX}${h}`.slice(0, 100);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pack with accepted changes applied in order; a change that no longer fits (rule gone) is skipped. */
export function applyRuleChanges(pack: RulePack, changes: readonly RuleChange[]): RulePack {
  if (changes.length === 0) return pack;
  let rules = [...pack.rules];
  for (const change of changes) {
    if (change.op === 'link-rule') {
      const id = linkRuleId(change.host);
      if (rules.some((r) => r.id === id)) continue;
      rules.push({
        id,
        enabled: true,
        category: 'scam',
        severity: 'high',
        reason: englishWords(words('learnedLink', { host: change.host })),
        // The host itself or any subdomain (a dot before it), never a longer name ending alike.
        trigger: { type: 'regex', patterns: [`(?:^|[^a-z0-9-])${escape(change.host)}(?![a-z0-9-])`], on: 'folded' },
        actions: [{ type: 'flag' }],
        dryRun: false,
      });
    } else if (change.op === 'severity') {
      rules = rules.map((r) => (r.id === change.rule ? { ...r, severity: change.to } : r));
    }
    // model-adapt changes the model's scores, not the pack (standingAdaptation).
  }
  return { ...pack, rules };
}

const LOWER: Record<Severity, Severity | undefined> = { critical: 'high', high: 'medium', medium: 'low', low: undefined };

/** One decision a moderator took: a label for what the console learns (issue 15). */
export interface DecisionLabel {
  kind: 'delete' | 'timeout' | 'ban' | 'dismissed';
  at: number;
  /** Rules that had flagged the message. */
  rules: string[];
  /** Hosts the message linked to. */
  hosts: string[];
  /** The decision as a label for the learned model, where the message and a model category are known. */
  model?: AdaptLabel;
}

export interface RuleProposal {
  /** Stable per change, so a dismissed or accepted proposal is recognised again. */
  id: string;
  change: RuleChange;
  /** How many decisions it rests on, and over what. */
  count: number;
  of: number;
}

export const PROPOSE_LINK_AFTER = 3;
export const PROPOSE_LINK_WINDOW_MS = 7 * 86_400_000;
export const PROPOSE_SEVERITY_AFTER = 3;
/** Of this many latest resolve-without-action decisions. */
export const PROPOSE_SEVERITY_OF = 10;

export function proposalId(change: RuleChange): string {
  if (change.op === 'model-adapt') return `model-adapt:${change.labels}:${fnv(change.delta + change.bias.join())}`;
  return change.op === 'link-rule' ? `link-rule:${change.host}` : `severity:${change.rule}:${change.to}`;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The adaptation the team's standing changes leave the model with: the latest accepted, not undone. */
export function standingAdaptation(changes: readonly RuleChange[]): AdaptationDelta | undefined {
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (c.op === 'model-adapt') return { labels: c.labels, bias: c.bias, delta: c.delta };
  }
  return undefined;
}

/**
 * What the team's decisions suggest: a host removed (deleted, timed out, banned) PROPOSE_LINK_AFTER
 * times in a week gets a link rule; a rule behind PROPOSE_SEVERITY_AFTER of the latest
 * PROPOSE_SEVERITY_OF resolve-without-action decisions gets a lower severity. Nothing the pack already
 * does, nothing already decided (`decided`: proposal ids accepted or turned down).
 */
export function proposeRuleChanges(labels: readonly DecisionLabel[], pack: RulePack, decided: ReadonlySet<string>, now: number): RuleProposal[] {
  const out: RuleProposal[] = [];
  const removals = labels.filter((l) => l.kind !== 'dismissed' && now - l.at <= PROPOSE_LINK_WINDOW_MS);
  const byHost = new Map<string, number>();
  for (const l of removals) for (const h of new Set(l.hosts)) byHost.set(h, (byHost.get(h) ?? 0) + 1);
  for (const [h, count] of [...byHost].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (count < PROPOSE_LINK_AFTER || !RuleChangeSchema.safeParse({ op: 'link-rule', host: h }).success) continue;
    const change: RuleChange = { op: 'link-rule', host: h };
    if (decided.has(proposalId(change)) || pack.rules.some((r) => r.id === linkRuleId(h))) continue;
    out.push({ id: proposalId(change), change, count, of: removals.length });
  }
  const dismissals = labels.filter((l) => l.kind === 'dismissed').sort((a, b) => b.at - a.at).slice(0, PROPOSE_SEVERITY_OF);
  const byRule = new Map<string, number>();
  for (const l of dismissals) for (const r of new Set(l.rules)) byRule.set(r, (byRule.get(r) ?? 0) + 1);
  for (const [ruleId, count] of byRule) {
    const rule = pack.rules.find((r) => r.id === ruleId);
    const to = rule ? LOWER[rule.severity] : undefined;
    if (count < PROPOSE_SEVERITY_AFTER || !rule || !to) continue;
    const change: RuleChange = { op: 'severity', rule: ruleId, to };
    if (decided.has(proposalId(change))) continue;
    out.push({ id: proposalId(change), change, count, of: dismissals.length });
  }
  return out;
}
