// Cases: the moderation record a warn, timeout, kick, ban or unban leaves behind, and the warn ladder
// that proposes the next step from a member's recent cases. Pure, so the item view, the member view
// and the tests share one definition.
import { z } from 'zod';
import { PlatformSchema } from './model';
import { ErrorCodeSchema } from './result';

/** `delete`: only automatic actions record a delete as a case (a rule deleted a message; issue 15). */
export const CaseActionSchema = z.enum(['warn', 'timeout', 'kick', 'ban', 'unban', 'delete']);
export type CaseAction = z.infer<typeof CaseActionSchema>;

/** A snapshot of a flagged message, copied when the case is made so it survives the message's deletion. */
export const EvidenceSnapshotSchema = z.object({
  eventId: z.string().max(400),
  channelId: z.string().max(200),
  channelName: z.string().max(200).optional(),
  messageId: z.string().max(200).optional(),
  authorName: z.string().max(200),
  text: z.string().max(4000),
  ts: z.number(),
});
export type EvidenceSnapshot = z.infer<typeof EvidenceSnapshotSchema>;

export const AppealOutcomeSchema = z.enum(['upheld', 'overturned']);
export type AppealOutcome = z.infer<typeof AppealOutcomeSchema>;

export const CaseResultSchema = z.enum(['pending', 'done', 'failed']);
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const CaseSchema = z.object({
  id: z.string().min(1).max(100),
  platform: PlatformSchema,
  sourceId: z.string().max(200),
  spaceId: z.string().max(200),
  memberId: z.string().min(1).max(200),
  memberName: z.string().max(200),
  action: CaseActionSchema,
  /** Required: a moderator always says why, picked from the community's rules or typed. */
  reason: z.string().trim().min(1).max(512),
  ruleId: z.string().max(100).optional(),
  evidence: z.array(EvidenceSnapshotSchema).max(50),
  /** The moderator's own name ("Your name" setting), stored locally. */
  moderator: z.string().max(100),
  createdAt: z.number(),
  expiresAt: z.number().optional(),
  durationSeconds: z.number().int().nonnegative().optional(),
  /** The outbox key of the platform action that carried the case out (none for a warn kept local). */
  actionKey: z.string().max(100).optional(),
  inboxItemId: z.string().max(600).optional(),
  /**
   * What really happened on the platform: `pending` while the action waits or runs, `done` once it was
   * confirmed, `failed` with the reason when the platform refused it. A case stored before results were
   * kept has none and reads as done.
   */
  result: CaseResultSchema.optional(),
  error: z.object({ code: ErrorCodeSchema, message: z.string().max(500) }).optional(),
  /** Cases of one bulk action share an id: the mod-log gets one line for all of them. */
  bulkId: z.string().max(100).optional(),
  /** The mod-log line for this case (or its bulk) was sent: never twice, never for a failed action. */
  modLogPosted: z.boolean().optional(),
  appeal: z
    .object({ outcome: AppealOutcomeSchema, reviewer: z.string().max(100), at: z.number(), note: z.string().max(1000).optional() })
    .optional(),
});
export type Case = z.infer<typeof CaseSchema>;

/** A rule of the community a reason can point at. */
export const CommunityRuleSchema = z.object({ id: z.string().min(1).max(100), title: z.string().min(1).max(200) });
export type CommunityRule = z.infer<typeof CommunityRuleSchema>;

/** The rule list a community starts with; editable later. Titles are the community's own words, so not translated. */
export const DEFAULT_RULES: CommunityRule[] = [
  { id: 'be-kind', title: 'Be kind: no insults or harassment' },
  { id: 'no-scams', title: 'No scams, phishing or fake giveaways' },
  { id: 'no-spam', title: 'No spam, flooding or self-promotion' },
  { id: 'no-nsfw', title: 'Keep it safe for work' },
  { id: 'no-raids', title: 'No raids or coordinated disruption' },
];

export const LadderStepSchema = z.object({
  action: z.enum(['timeout', 'kick', 'ban']),
  durationSeconds: z.number().int().positive().optional(),
});
export type LadderStep = z.infer<typeof LadderStepSchema>;

export const WarnLadderSchema = z.object({
  /** This many warns inside the window make the next offence climb the ladder. */
  warns: z.number().int().min(1).max(20),
  windowDays: z.number().int().min(1).max(365),
  steps: z.array(LadderStepSchema).min(1).max(10),
});
export type WarnLadder = z.infer<typeof WarnLadderSchema>;

/** 3 warns in 30 days → 24 h timeout → ban. */
export const DEFAULT_LADDER: WarnLadder = { warns: 3, windowDays: 30, steps: [{ action: 'timeout', durationSeconds: 86_400 }, { action: 'ban' }] };

export interface LadderProposal {
  action: 'warn' | 'timeout' | 'kick' | 'ban' | 'none';
  durationSeconds?: number;
  /** Warns that count (inside the window, not overturned on appeal). */
  activeWarns: number;
  /** Which warn this would be (1-based) when the proposal is a warn. */
  warnNumber?: number;
}

const DAY = 86_400_000;

/** A case no longer counts once an appeal overturned it, nor when the platform refused its action. */
export function caseCounts(c: Case): boolean {
  return c.appeal?.outcome !== 'overturned' && c.result !== 'failed';
}

/** Whether the member's latest ban or unban is a ban that still stands. */
export function isBanned(cases: readonly Case[]): boolean {
  const last = [...cases].filter((c) => caseCounts(c) && (c.action === 'ban' || c.action === 'unban')).sort((a, b) => a.createdAt - b.createdAt).pop();
  return last?.action === 'ban';
}

/**
 * The next step for one member. Below the threshold, another warn. Once `warns` warns fall inside
 * the window, each later escalation (a case of a step's kind after the threshold was reached) moves
 * one step up; the last step repeats. A member who is banned needs nothing more.
 */
export function proposeNextStep(cases: readonly Case[], ladder: WarnLadder = DEFAULT_LADDER, now: number, account?: { platform: Case['platform']; memberId: string }): LadderProposal {
  // A person's cases on every linked account climb one ladder, but a ban stands only where it was made.
  const own = account ? cases.filter((c) => c.platform === account.platform && c.memberId === account.memberId) : cases;
  if (isBanned(own)) return { action: 'none', activeWarns: 0 };
  const since = now - ladder.windowDays * DAY;
  const recent = cases.filter((c) => caseCounts(c) && c.createdAt >= since && c.createdAt <= now).sort((a, b) => a.createdAt - b.createdAt);
  const warns = recent.filter((c) => c.action === 'warn');
  if (warns.length < ladder.warns) return { action: 'warn', activeWarns: warns.length, warnNumber: warns.length + 1 };
  const reachedAt = warns[ladder.warns - 1]!.createdAt;
  const climbed = recent.filter((c) => c.createdAt >= reachedAt && (c.action === 'timeout' || c.action === 'kick' || c.action === 'ban')).length;
  const step = ladder.steps[Math.min(climbed, ladder.steps.length - 1)]!;
  return { action: step.action, activeWarns: warns.length, ...(step.durationSeconds ? { durationSeconds: step.durationSeconds } : {}) };
}

/** Warns and timeouts inside the ladder's window: what makes a member a repeat offender for the reply's tone. */
export function priorCaseCount(cases: readonly Case[], ladder: WarnLadder = DEFAULT_LADDER, now: number): number {
  const since = now - ladder.windowDays * DAY;
  return cases.filter((c) => caseCounts(c) && c.createdAt >= since && (c.action === 'warn' || c.action === 'timeout')).length;
}

/** When a case stops applying: a timeout ends; a warn leaves the ladder's window; kicks and bans do not expire. */
export function caseExpiry(action: CaseAction, createdAt: number, durationSeconds: number | undefined, ladder: WarnLadder = DEFAULT_LADDER): number | undefined {
  if (action === 'timeout' && durationSeconds) return createdAt + durationSeconds * 1000;
  if (action === 'warn') return createdAt + ladder.windowDays * DAY;
  return undefined;
}

/**
 * The mod-log entry as a markdown draft with {placeholders}: member-controlled values (the name,
 * the reason typed about them) are filled in later as plain text by shared/replies, never as markup.
 */
export const MOD_LOG_TEMPLATE = '**{action}** · {member} ({member_id}) · {reason} · by {moderator}';

export function modLogVariables(c: Case, words: { action: string; duration?: string }): Record<string, string> {
  return {
    action: words.duration ? `${words.action} (${words.duration})` : words.action,
    member: c.memberName || c.memberId,
    member_id: c.memberId,
    reason: c.reason,
    moderator: c.moderator || '?',
  };
}
