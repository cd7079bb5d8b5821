// The header's "on now / next up", in the viewer's own time zone, plus a mark when a handoff waits.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInZone, handoffWaitingFor, nextUp, onNow, overdueHandoffs, teamShiftsBetween } from '@shared/team';
import { notifyOnce } from '../../lib/notify';
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
  const member = view?.standing === 'member' ? view : undefined;
  const mine = member ? teamShiftsBetween(member.state, now, now + 14 * 86_400_000).find((s) => s.key === member.me.key && s.start > now) : undefined;
  const soon = member && mine && mine.start - now <= REMIND_BEFORE_MS ? mine : undefined;
  const waiting = member ? handoffWaitingFor(member.state, member.me.key) : undefined;
  const isLead = !!member && member.state.roster[member.me.key]?.role === 'lead';
  const overdueList = member && isLead ? overdueHandoffs(member.state, now, member.ackMinutes) : [];
  // Desktop notifications, once each (the in-app marks below stay for whoever looks at the window).
  useEffect(() => {
    if (!member) return;
    const zone = member.me.zone;
    if (soon) notifyOnce(`shift:${soon.start}`, t('shifts.notify.title'), t('shifts.reminder', { time: formatInZone(soon.start, zone, i18n.language) }));
    if (waiting) notifyOnce(`handoff:${waiting.id}`, t('shifts.notify.title'), t('shifts.handoff.waiting', { name: memberName(member, waiting.by), time: formatInZone(waiting.at, zone, i18n.language) }));
    for (const h of overdueList) {
      notifyOnce(`overdue:${h.id}`, t('shifts.notify.title'), t('shifts.handoff.overdue', { minutes: member.ackMinutes, name: memberName(member, h.by), time: formatInZone(h.at, zone, i18n.language) }));
    }
  });
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
  const overdue = overdueList.length;
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
