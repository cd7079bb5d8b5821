import { describe, expect, it } from 'vitest';
import { escalationId, escalationsDue, escalationTargets } from './escalate';
import { emptyTeamState, type TeamState } from './state';

const K = (c: string) => c.repeat(43);
const [ANA, BO, CY, DEE] = [K('a'), K('b'), K('c'), K('d')];
const T0 = Date.UTC(2026, 11, 2, 3);
const MIN = 60_000;

function team(): TeamState {
  const s = emptyTeamState();
  s.roster = {
    [ANA]: { key: ANA, name: 'Ana', zone: 'UTC', role: 'lead', since: 0 },
    [BO]: { key: BO, name: 'Bo', zone: 'UTC', role: 'moderator', since: 0 },
    [CY]: { key: CY, name: 'Cy', zone: 'UTC', role: 'lead', since: 0 },
    [DEE]: { key: DEE, name: 'Dee', zone: 'UTC', role: 'moderator', since: 0 },
  };
  s.pages = [{ id: 'page-0001', by: BO, at: T0, to: ANA, text: 'Crisis in g1' }];
  return s;
}

describe('page escalation', () => {
  it('escalates an unacknowledged page after the set time to the other leads, once', () => {
    const s = team();
    expect(escalationsDue(s, BO, T0 + 29 * MIN, 30 * MIN)).toEqual([]);
    const due = escalationsDue(s, BO, T0 + 30 * MIN, 30 * MIN);
    expect(due).toEqual([{ id: escalationId('page-0001', CY), to: CY, text: 'Crisis in g1', of: 'page-0001' }]);
    // Only the pager's console writes it; written, it is not due again, and an escalation does not escalate.
    expect(escalationsDue(s, DEE, T0 + 30 * MIN, 30 * MIN)).toEqual([]);
    s.pages.push({ id: due[0]!.id, by: BO, at: T0 + 30 * MIN, to: CY, text: 'Crisis in g1', of: 'page-0001' });
    expect(escalationsDue(s, BO, T0 + 90 * MIN, 30 * MIN)).toEqual([]);
    // The id is the same on every console.
    expect(escalationId('page-0001', CY)).toBe(due[0]!.id);
    expect(escalationId('page-0001', DEE)).not.toBe(due[0]!.id);
  });

  it('does not escalate an acknowledged page, nor one older than 12 hours', () => {
    const s = team();
    s.pages[0]!.ackedAt = T0 + 5 * MIN;
    expect(escalationsDue(s, BO, T0 + 60 * MIN, 30 * MIN)).toEqual([]);
    const old = team();
    expect(escalationsDue(old, BO, T0 + 13 * 60 * MIN, 30 * MIN)).toEqual([]);
  });

  it('goes to whoever else is on shift now before the other leads', () => {
    const s = team();
    s.onShift = { [DEE]: T0 - 60 * MIN };
    expect(escalationTargets(s, s.pages[0]!, T0 + 30 * MIN)).toEqual([DEE]);
    // The pager and the paged are never targets, even on shift.
    s.onShift = { [BO]: T0, [ANA]: T0 };
    expect(escalationTargets(s, s.pages[0]!, T0 + 30 * MIN)).toEqual([CY]);
    // No other lead: everyone else on the team.
    delete s.roster[CY];
    s.onShift = {};
    expect(escalationTargets(s, s.pages[0]!, T0 + 30 * MIN)).toEqual([DEE]);
  });
});
