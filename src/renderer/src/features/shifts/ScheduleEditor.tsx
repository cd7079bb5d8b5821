// Your weekly schedule in your own time zone: slots over one to four repeating weeks.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftSlot, TeamView } from '@shared/team';
import { useTeam } from '../../stores/team';
import { TeamFailure } from './TeamFailure';

const run = useTeam.getState().run;

export function ScheduleEditor({ view }: { view: TeamView }) {
  const { t } = useTranslation();
  const mine = view.state.schedules[view.me.key];
  const [weeks, setWeeks] = useState(mine?.weeks ?? 1);
  const [slots, setSlots] = useState<ShiftSlot[]>(mine?.slots ?? []);
  const [saved, setSaved] = useState(false);
  const update = (n: number, patch: Partial<ShiftSlot>) => setSlots(slots.map((s, i) => (i === n ? { ...s, ...patch } : s)));
  return (
    <section aria-labelledby="schedule-title" className="shifts-section">
      <h3 id="schedule-title">{t('shifts.schedule.heading', { zone: view.me.zone })}</h3>
      <label>
        {t('shifts.schedule.weeks')} <input type="number" min={1} max={4} value={weeks} onChange={(e) => setWeeks(Math.min(4, Math.max(1, Number(e.target.value) || 1)))} />
      </label>
      {slots.map((slot, n) => (
        <div key={n} className="inline-form">
          <label>
            {t('shifts.schedule.weekday')}{' '}
            <select value={slot.weekday} onChange={(e) => update(n, { weekday: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {t(`shifts.weekday.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('shifts.schedule.start')} <input type="time" value={slot.start} onChange={(e) => update(n, { start: e.target.value })} />
          </label>
          <label>
            {t('shifts.schedule.hours')} <input type="number" min={0.5} max={24} step={0.5} value={slot.hours} onChange={(e) => update(n, { hours: Number(e.target.value) || 1 })} />
          </label>
          {weeks > 1 && (
            <label>
              {t('shifts.schedule.week')} <input type="number" min={1} max={weeks} value={slot.week + 1} onChange={(e) => update(n, { week: Math.min(weeks, Math.max(1, Number(e.target.value) || 1)) - 1 })} />
            </label>
          )}
          <button type="button" onClick={() => setSlots(slots.filter((_, i) => i !== n))}>
            {t('shifts.schedule.removeSlot')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setSlots([...slots, { weekday: 1, start: '09:00', hours: 8, week: 0 }])}>
        {t('shifts.schedule.add')}
      </button>{' '}
      <button
        type="button"
        onClick={() =>
          void run('team.schedule', { zone: view.me.zone, weeks, slots: slots.filter((s) => s.week < weeks) }).then(setSaved)
        }
      >
        {t('shifts.schedule.save')}
      </button>
      {saved && <span role="status">{t('shifts.schedule.saved')}</span>}
      <TeamFailure command="team.schedule" />
    </section>
  );
}
