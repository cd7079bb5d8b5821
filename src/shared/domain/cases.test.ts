import { describe, expect, it } from 'vitest';
import { composeReply, renderForPlatform } from '../replies';
import { CaseSchema, DEFAULT_LADDER, MOD_LOG_TEMPLATE, caseExpiry, isBanned, modLogVariables, priorCaseCount, proposeNextStep, type Case } from './cases';

const DAY = 86_400_000;
const NOW = 1_750_000_000_000;
let n = 0;

function kase(action: Case['action'], daysAgo: number, extra: Partial<Case> = {}): Case {
  n += 1;
  return {
    id: `case-${n}`,
    platform: 'discord',
    sourceId: 's1',
    spaceId: 'g1',
    memberId: 'u1',
    memberName: 'member',
    action,
    reason: 'No spam',
    evidence: [],
    moderator: 'Ana',
    createdAt: NOW - daysAgo * DAY,
    ...extra,
  };
}

describe('warn ladder', () => {
  it('proposes warns until three fall within 30 days', () => {
    expect(proposeNextStep([], DEFAULT_LADDER, NOW)).toEqual({ action: 'warn', activeWarns: 0, warnNumber: 1 });
    expect(proposeNextStep([kase('warn', 2), kase('warn', 1)], DEFAULT_LADDER, NOW)).toMatchObject({ action: 'warn', warnNumber: 3 });
  });

  it('climbs to a 24 h timeout after the third warn, then to a ban', () => {
    const warns = [kase('warn', 10), kase('warn', 5), kase('warn', 1)];
    expect(proposeNextStep(warns, DEFAULT_LADDER, NOW)).toEqual({ action: 'timeout', durationSeconds: 86_400, activeWarns: 3 });
    expect(proposeNextStep([...warns, kase('timeout', 0.5)], DEFAULT_LADDER, NOW)).toMatchObject({ action: 'ban' });
  });

  it('forgets warns older than the window and warns overturned on appeal', () => {
    const cases = [kase('warn', 40), kase('warn', 35), kase('warn', 1, { appeal: { outcome: 'overturned', reviewer: 'Bo', at: NOW } }), kase('warn', 1)];
    expect(proposeNextStep(cases, DEFAULT_LADDER, NOW)).toMatchObject({ action: 'warn', activeWarns: 1, warnNumber: 2 });
  });

  it('a timeout before the threshold does not count as a climbed step', () => {
    const cases = [kase('timeout', 20), kase('warn', 10), kase('warn', 5), kase('warn', 1)];
    expect(proposeNextStep(cases, DEFAULT_LADDER, NOW)).toMatchObject({ action: 'timeout' });
  });

  it('proposes nothing for a banned member, again a warn after an unban', () => {
    expect(proposeNextStep([kase('ban', 3)], DEFAULT_LADDER, NOW).action).toBe('none');
    expect(isBanned([kase('ban', 3), kase('unban', 1)])).toBe(false);
    expect(proposeNextStep([kase('ban', 3), kase('unban', 1)], DEFAULT_LADDER, NOW).action).toBe('warn');
  });

  it('honours a configured ladder', () => {
    const ladder = { warns: 1, windowDays: 7, steps: [{ action: 'kick' as const }] };
    expect(proposeNextStep([kase('warn', 1)], ladder, NOW)).toMatchObject({ action: 'kick' });
    expect(proposeNextStep([kase('warn', 1), kase('kick', 0.1)], ladder, NOW)).toMatchObject({ action: 'kick' });
  });

  it('counts prior warns and timeouts for the reply tone', () => {
    expect(priorCaseCount([kase('warn', 1), kase('timeout', 2), kase('kick', 1), kase('warn', 60)], DEFAULT_LADDER, NOW)).toBe(2);
  });
});

describe('cases', () => {
  it('needs a reason', () => {
    expect(CaseSchema.safeParse(kase('warn', 0, { reason: '  ' })).success).toBe(false);
    expect(CaseSchema.safeParse(kase('warn', 0)).success).toBe(true);
  });

  it('expires timeouts at their end and warns when they leave the window', () => {
    expect(caseExpiry('timeout', NOW, 600)).toBe(NOW + 600_000);
    expect(caseExpiry('warn', NOW, undefined)).toBe(NOW + 30 * DAY);
    expect(caseExpiry('ban', NOW, undefined)).toBeUndefined();
  });

  it('writes a mod-log entry in which a hostile name never pings or formats', () => {
    const c = kase('ban', 0, { memberName: '@everyone **bold** <@&123>', reason: 'raid @here' });
    const filled = composeReply({ greetings: {}, macros: [{ id: 'mod-log', title: 'x', situations: [], greet: false, variants: { en: { neutral: MOD_LOG_TEMPLATE } } }] }, ['mod-log'], { language: 'en', tone: 'neutral' }, modLogVariables(c, { action: 'Ban' }));
    const text = renderForPlatform(filled.doc, 'discord').messages[0]!.text;
    expect(text).toContain('**Ban**');
    expect(text).not.toMatch(/@everyone|@here|<@&/);
    expect(text).not.toContain('**bold**');
    expect(filled.missing).toEqual([]);
  });
});
