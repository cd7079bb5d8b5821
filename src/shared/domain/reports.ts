// Member reports on an inbox item (issue 15): who reported the message, how much each report weighs, and
// what the reports do to the item. A member counts once per item; a trusted member's report weighs more:
// one with a role, one who has been in the community a while, one whose past reports led to action.
import { z } from 'zod';
import { PlatformSchema, type Author, type Flag, type FlagCategory, type Platform, type Severity } from './model';

/** Reporters listed on an item; more are counted, not named. */
export const MAX_LISTED_REPORTERS = 50;
/** Tenure that makes a reporter more trusted. */
export const TRUSTED_TENURE_MS = 30 * 86_400_000;
/** Past reports that led to an action (not "resolved without action") before a reporter's word weighs more. */
export const TRUSTED_ACCURATE_REPORTS = 2;
/** Summed weight from which reports alone make an item high severity. */
export const REPORTS_HIGH_WEIGHT = 3;

export const MEMBER_REPORT_RULE = 'behaviour.member-report';
/** The built-in member-report rule's reason, as the default pack words it. */
export const MEMBER_REPORT_REASON = 'Member report';

export const ReporterSchema = z.object({
  id: z.string().max(200),
  name: z.string().max(200),
  platform: PlatformSchema,
  sourceId: z.string().max(200),
  weight: z.number().int().min(1).max(4),
  /** Why the report weighs more than one: a role, tenure, past accurate reports. */
  trust: z.array(z.enum(['role', 'tenure', 'accurate'])).max(3),
  at: z.number(),
});
export type Reporter = z.infer<typeof ReporterSchema>;

export const ItemReportsSchema = z.object({
  count: z.number().int().nonnegative(),
  weight: z.number().int().nonnegative(),
  reporters: z.array(ReporterSchema).max(MAX_LISTED_REPORTERS),
});
export type ItemReports = z.infer<typeof ItemReportsSchema>;

/** What reports read and change of an inbox item (whose schema, in inbox.ts, holds ItemReportsSchema). */
export interface ReportedItem {
  reports?: ItemReports | undefined;
  flags: Flag[];
  severity: Severity;
  categories: FlagCategory[];
  updatedAt: number;
}

/** How much one member's report weighs, and why (1 for anyone; +1 for each sign of trust). */
export function reporterTrust(author: Author, at: number, accurateReports: number): Pick<Reporter, 'weight' | 'trust'> {
  const trust: Reporter['trust'] = [];
  if (author.roles && author.roles.length > 0) trust.push('role');
  if (author.joinedAt !== undefined && at - author.joinedAt >= TRUSTED_TENURE_MS) trust.push('tenure');
  if (accurateReports >= TRUSTED_ACCURATE_REPORTS) trust.push('accurate');
  return { weight: 1 + trust.length, trust };
}

export function reporterOf(author: Author, place: { platform: Platform; sourceId: string }, at: number, accurateReports: number): Reporter {
  return { id: author.id, name: (author.displayName ?? author.name).slice(0, 200), platform: place.platform, sourceId: place.sourceId, at, ...reporterTrust(author, at, accurateReports) };
}

/** Whether this member already reported the item. */
export function hasReported(item: Pick<ReportedItem, 'reports'>, reporter: Pick<Reporter, 'id' | 'sourceId'>): boolean {
  return item.reports?.reporters.some((r) => r.id === reporter.id && r.sourceId === reporter.sourceId) ?? false;
}

const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * The item with one more member's report: counted once per member, its weight added, the member-report
 * flag present, and the severity raised to high once the reports weigh enough. Unchanged if the member
 * already reported it.
 */
export function withReport<T extends ReportedItem>(item: T, reporter: Reporter, flag: Flag): T {
  if (hasReported(item, reporter)) return item;
  const before = item.reports ?? { count: 0, weight: 0, reporters: [] };
  const reports: ItemReports = {
    count: before.count + 1,
    weight: before.weight + reporter.weight,
    reporters: before.reporters.length < MAX_LISTED_REPORTERS ? [...before.reporters, reporter] : before.reporters,
  };
  const known = item.flags.find((f) => f.rule === flag.rule);
  // The rule's own words (the renderer translates them); who reported, and how many, is `reports`.
  const reportFlag: Flag = { rule: flag.rule, category: flag.category, severity: reports.weight >= REPORTS_HIGH_WEIGHT ? 'high' : flag.severity, reason: MEMBER_REPORT_REASON, evidence: [] };
  const flags = known ? item.flags.map((f) => (f.rule === flag.rule ? reportFlag : f)) : [...item.flags, reportFlag];
  const severity = flags.reduce<Severity>((best, f) => (rank[f.severity] > rank[best] ? f.severity : best), 'low');
  return { ...item, reports, flags, severity, categories: [...new Set(flags.map((f) => f.category))], updatedAt: Math.max(item.updatedAt, reporter.at) };
}
