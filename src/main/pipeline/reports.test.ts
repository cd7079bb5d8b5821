import { describe, expect, it } from 'vitest';
import type { RawEvent } from '../core/connector';
import { REPORT_LIMIT, REPORT_WINDOW_MS, ReportGate } from './reports';

function report(reporter: string, messageId: string): RawEvent {
  return { id: `discord:g:c:${messageId}:report-${reporter}`, sourceId: 's', platform: 'discord', kind: 'report', spaceId: 'g', channelId: 'c', messageId, ts: 0, author: { id: reporter, name: reporter, bot: false } };
}

describe('the report gate', () => {
  it('counts one member’s repeated report of a message once', () => {
    const gate = new ReportGate(() => 0);
    expect(gate.check(report('u1', '10'))).toBe('admit');
    expect(gate.check(report('u1', '10'))).toBe('repeat');
    expect(gate.check(report('u2', '10'))).toBe('admit');
  });

  it('stops hearing a member who floods reports until the window moves on', () => {
    let now = 0;
    const gate = new ReportGate(() => now);
    for (let i = 0; i < REPORT_LIMIT; i++) expect(gate.check(report('u1', String(i)))).toBe('admit');
    expect(gate.check(report('u1', '99'))).toBe('flood');
    expect(gate.check(report('u2', '99'))).toBe('admit');
    now = REPORT_WINDOW_MS + 1;
    expect(gate.check(report('u1', '99'))).toBe('admit');
  });

  it('lets every other event through', () => {
    const gate = new ReportGate(() => 0);
    expect(gate.check({ ...report('u1', '1'), kind: 'message' })).toBe('admit');
  });
});
