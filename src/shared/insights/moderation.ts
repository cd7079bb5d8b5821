// Moderation load: how fast the team takes up and settles what the inbox raised, per moderator, from
// the inbox items, the outbox and the team ledger (claims, resolutions, handoffs). Small inputs (items,
// not events), so this is computed fresh for each report rather than aggregated.
import type { InboxItem } from '../domain/inbox';
import type { ActionKind } from '../domain/actions';
import type { TeamState } from '../team/state';

export interface ModerationInput {
  items: readonly Pick<InboxItem, 'id' | 'createdAt' | 'status' | 'outcome' | 'sourceId' | 'platform' | 'spaceId'>[];
  actions: readonly { inboxItemId?: string | undefined; kind: ActionKind; createdAt: number }[];
  team?: Pick<TeamState, 'claims' | 'resolved' | 'roster' | 'handoffs'> | undefined;
  /** The team's shifts overlapping the period (from the schedules in the ledger): the SLA per shift. */
  shifts?: readonly { key: string; start: number; end: number }[] | undefined;
  /** Who this console acts as (its actions without a ledger claim count for them). */
  me: string;
  from: number;
  to: number;
}

export interface ModeratorLoad {
  moderator: string;
  items: number;
  /** Median minutes from an item's arrival to its first claim or action, and to its resolution. */
  medianFirstActionMs: number | null;
  medianResolutionMs: number | null;
}

export interface ShiftLoad extends Omit<ModeratorLoad, 'moderator'> {
  /** The moderator whose shift it is ('' for the hours nobody covered). */
  key: string;
  moderator: string;
  start: number;
  end: number;
}

export interface ModerationLoad {
  items: number;
  openNow: number;
  /** Console actions by kind in the period (native moderator actions are in the report's modActions). */
  actionsByKind: Partial<Record<ActionKind, number>>;
  perModerator: ModeratorLoad[];
  overall: Omit<ModeratorLoad, 'moderator'>;
  /**
   * The SLA per shift: items that arrived during each shift (an item in two overlapping shifts counts
   * for both), in shift order; items that arrived while nobody was on shift are the last row, `key` ''.
   */
  perShift: ShiftLoad[];
  /** Open (or claimed) items each handoff of the period passed on. */
  handoffs: { at: number; by: string; open: number }[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function moderationLoad(input: ModerationInput): ModerationLoad {
  const { from, to, team } = input;
  const name = (key: string | undefined) => (key ? (team?.roster[key]?.name ?? key.slice(0, 8)) : input.me);
  const firstAction = new Map<string, number>();
  const actionsByKind: Partial<Record<ActionKind, number>> = {};
  for (const a of input.actions) {
    if (a.createdAt >= from && a.createdAt < to) actionsByKind[a.kind] = (actionsByKind[a.kind] ?? 0) + 1;
    if (!a.inboxItemId) continue;
    const prev = firstAction.get(a.inboxItemId);
    if (prev === undefined || a.createdAt < prev) firstAction.set(a.inboxItemId, a.createdAt);
  }
  const per = new Map<string, { items: number; first: number[]; resolution: number[] }>();
  const all = { items: 0, first: [] as number[], resolution: [] as number[] };
  const shifts = [...(input.shifts ?? [])].filter((x) => x.end > from && x.start < to).sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
  const perShiftRows = shifts.map(() => ({ items: 0, first: [] as number[], resolution: [] as number[] }));
  const uncovered = { items: 0, first: [] as number[], resolution: [] as number[] };
  let openNow = 0;
  for (const item of input.items) {
    if (item.status === 'open' || item.status === 'claimed') openNow++;
    if (item.createdAt < from || item.createdAt >= to) continue;
    const claim = team?.claims[item.id];
    const resolved = team?.resolved[item.id];
    const moderator = name(claim?.by ?? resolved?.by);
    const firstTimes = [claim?.at, firstAction.get(item.id), item.outcome?.at].filter((t): t is number => t !== undefined && t >= item.createdAt);
    const resolvedAt = item.status === 'resolved' ? (resolved?.at ?? item.outcome?.at) : undefined;
    let row = per.get(moderator);
    if (!row) per.set(moderator, (row = { items: 0, first: [], resolution: [] }));
    const targets = [row, all];
    let covered = false;
    for (let i = 0; i < shifts.length; i++) {
      const shift = shifts[i]!;
      if (item.createdAt >= shift.start && item.createdAt < shift.end) {
        targets.push(perShiftRows[i]!);
        covered = true;
      }
    }
    if (!covered && shifts.length > 0) targets.push(uncovered);
    for (const target of targets) {
      target.items++;
      if (firstTimes.length > 0) target.first.push(Math.min(...firstTimes) - item.createdAt);
      if (resolvedAt !== undefined && resolvedAt >= item.createdAt) target.resolution.push(resolvedAt - item.createdAt);
    }
  }
  const perModerator = [...per.entries()]
    .map(([moderator, r]) => ({ moderator, items: r.items, medianFirstActionMs: median(r.first), medianResolutionMs: median(r.resolution) }))
    .sort((a, b) => b.items - a.items || a.moderator.localeCompare(b.moderator));
  const handoffs = (team?.handoffs ?? [])
    .filter((h) => h.at >= from && h.at < to)
    .map((h) => ({ at: h.at, by: name(h.by), open: h.items.length }))
    .sort((a, b) => a.at - b.at);
  const perShift: ShiftLoad[] = shifts.map((shift, i) => {
    const r = perShiftRows[i]!;
    return { key: shift.key, moderator: name(shift.key), start: shift.start, end: shift.end, items: r.items, medianFirstActionMs: median(r.first), medianResolutionMs: median(r.resolution) };
  });
  if (uncovered.items > 0) perShift.push({ key: '', moderator: '', start: from, end: to, items: uncovered.items, medianFirstActionMs: median(uncovered.first), medianResolutionMs: median(uncovered.resolution) });
  return {
    items: all.items,
    openNow,
    actionsByKind,
    perModerator,
    perShift,
    overall: { items: all.items, medianFirstActionMs: median(all.first), medianResolutionMs: median(all.resolution) },
    handoffs,
  };
}
