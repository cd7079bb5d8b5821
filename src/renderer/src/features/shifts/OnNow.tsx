// The header's "on now / next up", in the viewer's own time zone, plus a mark when a handoff waits.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInZone, handoffWaitingFor, nextUp, onNow, overdueHandoffs } from '@shared/team';
import { memberName, startTeamSync, useTeam } from '../../stores/team';
import { useSettings } from '../../stores/settings';
import { useMinuteClock } from './clock';
import './shifts.css';

/** How early the header reminds a moderator of their own shift. */
const REMIND_BEFORE_MS = 15 * 60_000;

export function OnNow() {
  const { t, i18n } = useTranslation();
  const view = useTeam((s) => s.view);
  const setView = useSettings((s) => s.setView);
  const now = useMinuteClock();
  useEffect(() => startTeamSync(), []);
  if (!view) return null;
  if (view.standing !== 'member') {
    return (
      <div className="on-now" data-testid="on-now">
        <button type="button" className="link-button" title={t(`shifts.standing.${view.standing}`)} onClick={() => setView('shifts')}>
          {t('shifts.open')}
        </button>
      </div>
    );
  }
  const on = onNow(view.state, now);
  const next = nextUp(view.state, now);
  const waiting = handoffWaitingFor(view.state, view.me.key);
  const mine = nextUp({ ...view.state, schedules: view.state.schedules[view.me.key] ? { [view.me.key]: view.state.schedules[view.me.key]! } : {} }, now);
  const soon = mine && mine.start - now <= REMIND_BEFORE_MS ? mine : undefined;
  const isLead = view.state.roster[view.me.key]?.role === 'lead';
  const overdue = isLead ? overdueHandoffs(view.state, now, view.ackMinutes).length : 0;
  return (
    <div className="on-now" data-testid="on-now">
      <span>{on.length ? t('shifts.onNow', { names: on.map((k) => memberName(view, k)).join(', ') }) : t('shifts.nobodyOn')}</span>
      {soon && (
        <span className="tag attention" role="status">
          {t('shifts.reminder', { time: formatInZone(soon.start, view.me.zone, i18n.language) })}
        </span>
      )}
      {next && <span className="muted"> · {t('shifts.nextUp', { name: memberName(view, next.key), time: formatInZone(next.start, view.me.zone, i18n.language) })}</span>}
      <button type="button" className={`link-button${waiting || overdue ? ' attention' : ''}`} onClick={() => setView('shifts')}>
        {t('shifts.open')}
        {(waiting || overdue > 0) && ' •'}
      </button>
    </div>
  );
}
