// The shifts view: this console's standing and identity, the handoff waiting for you (acknowledge it
// first), drafting a handoff, the team roster with invite approval, your weekly schedule, swaps, and the
// 24×7 coverage map in your own time zone — each section a component of its own in this folder.
// Everything a teammate wrote is shown as text, never markup.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../stores/settings';
import { startTeamSync, useTeam } from '../../stores/team';
import { useMinuteClock } from './clock';
import { Coverage } from './Coverage';
import { DesktopNotifications } from './DesktopNotifications';
import { FollowTheSun } from './FollowTheSun';
import { Handoffs } from './Handoffs';
import { Identity } from './Identity';
import { Roster } from './Roster';
import { ScheduleEditor } from './ScheduleEditor';
import { Swaps } from './Swaps';
import './shifts.css';

export function ShiftsView() {
  const { t } = useTranslation();
  const view = useTeam((s) => s.view);
  const now = useMinuteClock();
  const setView = useSettings((s) => s.setView);
  useEffect(() => startTeamSync(), []);
  return (
    <main id="shifts" className="shifts-view" aria-labelledby="shifts-title">
      <div className="item-head">
        <h2 id="shifts-title">{t('shifts.title')}</h2>
        <button type="button" className="link-button" onClick={() => setView('inbox')}>
          {t('shifts.close')}
        </button>
      </div>
      {view && (
        <>
          {view.state.rejected.length > 0 && (
            <p className="notice" role="status">
              {t('shifts.rejected', { count: view.state.rejected.length })}
            </p>
          )}
          <Handoffs view={view} now={now} />
          <Identity key={`${view.me.name}|${view.me.zone}`} view={view} />
          {view.standing === 'member' && <ScheduleEditor key={view.state.schedules[view.me.key]?.slots.length ?? 0} view={view} />}
          {view.standing === 'member' && <Swaps view={view} now={now} />}
          {view.standing === 'member' && <DesktopNotifications />}
          <Coverage view={view} now={now} />
          {view.standing === 'member' && view.state.roster[view.me.key]?.role === 'lead' && <FollowTheSun view={view} now={now} />}
          <Roster view={view} now={now} />
        </>
      )}
    </main>
  );
}
