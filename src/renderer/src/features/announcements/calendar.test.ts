import { describe, expect, it } from 'vitest';
import { reduceLedger } from '@shared/team/state';
import { ToyLedger, toyKey, toyVerify } from '@shared/team/testkit';
import { calendarWeek, latePosts, weekStart } from './calendar';

const ana = toyKey('ana');
const utc = (s: string) => Date.parse(s);

function state() {
  const ledger = new ToyLedger();
  ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'Asia/Shanghai', role: 'lead' });
  ledger.add(
    ana,
    {
      t: 'post-plan',
      id: 'plan-00001',
      text: 'Voice chat',
      time: { start: '2026-10-22T19:00', zone: 'Europe/London', recurrence: { freq: 'weekly', interval: 1 } },
      reminders: [],
      targets: [{ p: 'discord', space: 'g', channel: 'c' }],
      pin: false,
    },
    utc('2026-10-01T00:00:00Z'),
  );
  ledger.add(ana, { t: 'post-claim', id: 'plan-00001', slot: `0:${utc('2026-10-22T18:00:00Z')}:start` });
  ledger.add(ana, { t: 'post-sent', id: 'plan-00001', slot: `0:${utc('2026-10-22T18:00:00Z')}:start`, ok: true });
  return reduceLedger(ledger.entries, toyVerify);
}

describe('calendar week', () => {
  it('places each post on its day in the viewer\'s zone, with its state', () => {
    // Thursday 19:00 London is Friday 02:00/03:00 in Shanghai: the viewer sees it on Friday.
    const now = utc('2026-10-30T12:00:00Z');
    const week1 = calendarWeek(state(), weekStart(utc('2026-10-22T12:00:00Z'), 'Asia/Shanghai'), now);
    expect(week1.map((d) => d.entries.map((e) => [d.day.toFormat('ccc'), e.status, e.by === ana]))).toEqual([[], [], [], [], [['Fri', 'sent', true]], [], []]);
    // The next week is after the UK's clocks went back: 19:00 London is 03:00 in Shanghai, and nobody sent it.
    const week2 = calendarWeek(state(), weekStart(utc('2026-10-22T12:00:00Z'), 'Asia/Shanghai', 1), now);
    const [entry] = week2.flatMap((d) => d.entries);
    expect(entry && new Date(entry.at).toISOString()).toBe('2026-10-29T19:00:00.000Z');
    expect(entry?.status).toBe('late');
    expect(latePosts(state(), now).map((e) => e.slot)).toEqual([`0:${utc('2026-10-29T19:00:00Z')}:start`]);
  });
});
