// Impersonation: a member whose shown name imitates a staff member's (same skeleton, one edit away,
// or the name plus "mod"/"support"), on a message, a join or a rename.
import { z } from 'zod';
import { clip, emit, type CompiledRule, type StaffCheck } from '../compiled';
import { editDistance } from '../links';
import { words } from '../reasons';
import { keep } from '../scratch';
import { compileNothing, defineKind, type RuleHost } from './kind';

export const ImpersonationTriggerSchema = z.object({
  type: z.literal('impersonation'),
  /** Names to protect besides the staff names the host passes in the context. */
  names: z.array(z.string().min(1).max(200)).default([]),
  maxDistance: z.number().int().min(0).max(3).default(1),
});
type Trigger = z.infer<typeof ImpersonationTriggerSchema>;

/** A word impersonators add to a moderator's name; `_` and `.` join it as often as a space does. */
const STAFF_SUFFIX = /(?<![a-z])(?:mods?|moderators?|admins?|support|team|staff|helpdesk)(?![a-z])/i;

export const impersonation = defineKind({
  type: 'impersonation',
  schema: ImpersonationTriggerSchema,
  context: 'none',
  matchOnly: false,
  compile: compileNothing,
  evaluate(rule, scope, host) {
    const event = scope.event;
    const author = event.author;
    if (!author || (event.kind !== 'message' && event.kind !== 'join' && event.kind !== 'rename')) return;
    if (scope.context.staffIds?.includes(author.id)) return;
    const look = impersonates(rule, host, author.name, author.displayName, scope.context.staffNames);
    if (look) emit(scope, rule, [], words('impersonation', { name: clip(look.match, 40), staff: clip(look.staff, 40) }));
  },
});

/** The names an impersonation rule protects, with their skeletons (short ones cannot be told apart). */
function staffTargets(host: RuleHost, names: readonly string[], fromContext: readonly string[] | undefined): StaffCheck['targets'] {
  const out: StaffCheck['targets'] = [];
  for (const list of [host.staffNames, names, fromContext ?? []]) {
    for (const staff of list) {
      const target = host.nameSkeleton(staff);
      if (target.length >= 3) out.push({ staff, target });
    }
  }
  return out;
}

/**
 * Which staff member a shown name imitates, if any. Targets are kept per staff list the host hands
 * in (usually the same one, or none) and verdicts per name: members post many times under one name.
 */
function impersonates(rule: CompiledRule, host: RuleHost, name: string, displayName: string | undefined, fromContext: readonly string[] | undefined): { match: string; staff: string } | null {
  const t = rule.rule.trigger as Trigger;
  let check = rule.staff;
  if (!check || check.fromContext !== fromContext) {
    check = rule.staff = { fromContext, targets: staffTargets(host, t.names, fromContext), verdicts: new Map() };
  }
  const targets = check.targets;
  if (targets.length === 0) return null;
  const key = displayName ? `${name}\u0000${displayName}` : name;
  // No closure here: one capturing these locals would be made on every call, hit or miss.
  const known = check.verdicts.get(key);
  if (known !== undefined) return known;
  return keep(check.verdicts, key, 20_000, staffLookalike(t, host, targets, name, displayName));
}

function staffLookalike(t: Trigger, host: RuleHost, targets: StaffCheck['targets'], name: string, displayName: string | undefined): { match: string; staff: string } | null {
  const shown = [name, displayName].filter((n): n is string => !!n);
  const skeletons = shown.map((n) => host.nameSkeleton(n));
  for (const { staff, target } of targets) {
    const at = shown.findIndex((n, k) => {
      const sk = skeletons[k]!;
      return sk === target || (target.length >= 5 && editDistance(sk, target, t.maxDistance) <= t.maxDistance) || (sk.startsWith(target) && STAFF_SUFFIX.test(n));
    });
    const match = at >= 0 ? shown[at] : undefined;
    if (match !== undefined && match !== staff) return { match, staff };
  }
  return null;
}
