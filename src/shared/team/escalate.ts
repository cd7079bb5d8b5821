// Escalation of an unacknowledged page (issue 18): a page the paged moderator has not acknowledged
// within the team's acknowledgement time goes on to the next person on the rota — whoever else is on
// shift now, else whoever's shift starts next, else every other lead, else everyone else on the team. Each escalation is a page record
// of its own (`of` names the page it escalates), under an id derived from the page and the recipient,
// so two consoles escalating the same page write records the ledger folds once. Pure.
import { hash53 } from '../insights/compact';
import { nextUp, onNow } from './schedule';
import type { Page, TeamState } from './state';

/** A page older than this is history: it is not escalated any more. */
export const ESCALATE_WITHIN_MS = 12 * 3_600_000;

export interface Escalation {
  id: string;
  to: string;
  text: string;
  of: string;
}

/** The id of page `of`'s escalation to `to`: the same on every console. */
export function escalationId(of: string, to: string): string {
  return `esc-${hash53(`${of}|${to}`).toString(36)}`;
}

/** Who a page to `paged` escalates to: the rest of the rota now, else the next shift, else the other leads. */
export function escalationTargets(state: TeamState, page: Pick<Page, 'by' | 'to'>, now: number): string[] {
  const eligible = (key: string) => key !== page.to && key !== page.by && !!state.roster[key];
  const onShift = onNow(state, now).filter(eligible);
  if (onShift.length > 0) return onShift;
  const next = nextUp(state, now);
  if (next && eligible(next.key)) return [next.key];
  const others = Object.values(state.roster).filter((m) => eligible(m.key));
  const leads = others.filter((m) => m.role === 'lead');
  // No one else leads: the rest of the team (a crisis page must reach someone).
  return (leads.length > 0 ? leads : others).map((m) => m.key).sort();
}

/**
 * The escalations `me` should write now: for each page `me` sent that is neither acknowledged nor an
 * escalation itself, once `afterMs` has passed, one page per target not paged for it yet.
 */
export function escalationsDue(state: TeamState, me: string, now: number, afterMs: number): Escalation[] {
  const pages = state.pages ?? [];
  const out: Escalation[] = [];
  for (const p of pages) {
    if (p.by !== me || p.of !== undefined || p.ackedAt !== undefined) continue;
    if (now - p.at < afterMs || now - p.at > ESCALATE_WITHIN_MS) continue;
    for (const to of escalationTargets(state, p, now)) {
      const id = escalationId(p.id, to);
      if (pages.some((q) => q.id === id)) continue;
      out.push({ id, to, text: p.text, of: p.id });
    }
  }
  return out;
}
