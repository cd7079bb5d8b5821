// What main tells the renderer about the team (the `team.changed` event, `team.state` answer): the
// folded state plus this console's own standing. Schemas here, because the renderer parses every event.
import { z } from 'zod';
import { EventTimeSchema, ReminderSchema } from '../announce/recurrence';
import { RuleChangeSchema } from '../triage/changes';
import { HandFlagCategorySchema, LinkViaSchema, PersonAccountSchema, RoleSchema, ShiftSlotSchema } from './records';
import type { TeamState } from './state';

const key = z.string().max(64);
const position = z.object({ m: z.string().max(40), i: z.number().int().nonnegative() });

export const TeamStateSchema = z.object({
  head: position.nullable(),
  records: z.number().int().nonnegative(),
  roster: z.record(key, z.object({ key, name: z.string(), zone: z.string(), role: RoleSchema, since: z.number() })),
  claims: z.record(z.string(), z.object({ item: z.string(), by: key, at: z.number(), label: z.string().optional() })),
  resolved: z.record(z.string(), z.object({ item: z.string(), by: key, at: z.number(), outcome: z.string() })),
  onShift: z.record(key, z.number()),
  handoffs: z.array(
    z.object({
      id: z.string(),
      by: key,
      at: z.number(),
      to: key.optional(),
      items: z.array(z.object({ item: z.string(), label: z.string(), state: z.enum(['open', 'claimed']) })),
      incidents: z.array(z.string()),
      promises: z.array(z.object({ text: z.string(), due: z.number() })),
      notes: z.string(),
      ackedBy: key.optional(),
      ackedAt: z.number().optional(),
    }),
  ),
  notes: z.array(z.object({ id: z.string(), by: key, at: z.number(), text: z.string(), item: z.string().optional(), due: z.number().optional() })),
  schedules: z.record(key, z.object({ key, zone: z.string(), weeks: z.number().int(), slots: z.array(ShiftSlotSchema) })),
  // Older stored states have no swaps yet.
  swaps: z
    .record(
      z.string(),
      z.object({ id: z.string(), by: key, start: z.number(), end: z.number(), at: z.number(), takenBy: key.optional(), takenAt: z.number().optional(), cancelled: z.boolean().optional() }),
    )
    .default({}),
  // Older stored states have no posts yet.
  posts: z
    .record(
      z.string(),
      z.object({
        id: z.string(),
        by: key,
        at: z.number(),
        text: z.string(),
        time: EventTimeSchema,
        reminders: z.array(ReminderSchema),
        targets: z.array(z.object({ p: z.enum(['discord', 'telegram', 'whatsapp']), space: z.string(), channel: z.string(), zone: z.string().optional() })),
        pin: z.boolean(),
        cancelled: z.boolean().optional(),
        slots: z.record(
          z.string(),
          z.object({
            by: key,
            at: z.number(),
            late: z.boolean().optional(),
            sent: z.object({ ok: z.boolean(), at: z.number(), code: z.string().optional() }).optional(),
            skipped: z.object({ by: key, at: z.number() }).optional(),
            edited: z.object({ rev: z.number(), ok: z.boolean(), at: z.number(), code: z.string().optional() }).optional(),
          }),
        ),
        rev: z.number().optional(),
        editedBy: key.optional(),
        events: z
          .record(
            z.string(),
            z.object({
              space: z.string(),
              channel: z.string(),
              entity: z.enum(['voice', 'stage']),
              name: z.string(),
              start: z.number(),
              by: key,
              at: z.number(),
              changedBy: key.optional(),
              cancelled: z.boolean().optional(),
            }),
          )
          .optional(),
      }),
    )
    .default({}),
  // Older stored states have no rule changes yet.
  ruleChanges: z
    .array(z.object({ id: z.string(), by: key, at: z.number(), change: RuleChangeSchema, undoneBy: key.optional(), undoneAt: z.number().optional() }))
    .default([]),
  // Older stored states have none of these yet.
  persons: z
    .record(
      z.string(),
      z.object({
        id: z.string(),
        accounts: z.array(
          z.object({ p: z.enum(['discord', 'telegram', 'whatsapp']), id: z.string(), name: z.string().optional(), by: key, at: z.number(), via: LinkViaSchema }),
        ),
      }),
    )
    .default({}),
  personLog: z
    .array(z.object({ op: z.enum(['link', 'unlink']), person: z.string(), p: z.enum(['discord', 'telegram', 'whatsapp']), id: z.string(), by: key, at: z.number(), via: LinkViaSchema.optional() }))
    .default([]),
  nominations: z
    .array(z.object({ id: z.string(), by: key, at: z.number(), account: PersonAccountSchema, for: z.enum(['role', 'invite']), text: z.string() }))
    .default([]),
  pages: z.array(z.object({ id: z.string(), by: key, at: z.number(), to: key, text: z.string(), ackedAt: z.number().optional(), of: z.string().optional() })).default([]),
  handFlags: z
    .array(
      z.object({
        id: z.string(),
        by: key,
        at: z.number(),
        ev: z.string(),
        p: z.enum(['discord', 'telegram', 'whatsapp']),
        space: z.string(),
        channel: z.string(),
        msg: z.string(),
        cat: HandFlagCategorySchema,
        note: z.string().optional(),
        text: z.string(),
        author: z.object({ id: z.string(), name: z.string() }).optional(),
        chName: z.string().optional(),
        ts: z.number().optional(),
      }),
    )
    .default([]),
  counters: z.record(key, z.number().int()),
  rejected: z.array(
    z.object({
      pos: position,
      reason: z.enum(['malformed', 'unsigned', 'forged', 'unknown-key', 'replayed', 'not-allowed', 'diverged']),
      by: z.string().max(200).optional(),
      type: z.string().max(40).optional(),
    }),
  ),
  lost: z.array(z.object({ item: z.string(), by: key, winner: key, at: z.number() })),
});

// Keeps the schema and the reducer's types from drifting apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _stateSchemaMatches: Same<z.infer<typeof TeamStateSchema>, TeamState> = true;
void _stateSchemaMatches;

export const TeamStandingSchema = z.enum(['unconfigured', 'catching-up', 'no-team', 'member', 'awaiting-approval', 'removed']);
export type TeamStanding = z.infer<typeof TeamStandingSchema>;

export const TeamViewSchema = z.object({
  standing: TeamStandingSchema,
  me: z.object({ key, name: z.string(), zone: z.string() }),
  /** Where the ledger lives: a staff channel of one connection. */
  channel: z.object({ sourceId: z.string(), channelId: z.string(), spaceId: z.string(), name: z.string() }).optional(),
  /** Shown to a lead, who approves this console with it. Public key and name only; never secret. */
  inviteCode: z.string().max(400),
  /** Records written but not yet seen back from the channel (offline, rate limited). */
  pending: z.number().int().nonnegative(),
  /** Minutes after which an unacknowledged handoff is reported to the lead. */
  ackMinutes: z.number().int().positive(),
  /** How late a scheduled post still goes out unasked, when main was given its own (tests); else the default. */
  postGraceMs: z.number().int().positive().optional(),
  state: TeamStateSchema,
});
export type TeamView = z.infer<typeof TeamViewSchema>;

/** Handoffs nobody acknowledged within `minutes`, oldest first. */
export function overdueHandoffs(state: TeamState, now: number, minutes: number) {
  return state.handoffs.filter((h) => !h.ackedBy && now - h.at > minutes * 60_000);
}

/** The newest handoff meant for `key` (or for anyone) that they have not acknowledged and did not write. */
export function handoffWaitingFor(state: TeamState, key: string) {
  return [...state.handoffs].reverse().find((h) => !h.ackedBy && h.by !== key && (!h.to || h.to === key));
}
