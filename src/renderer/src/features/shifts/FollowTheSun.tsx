// Follow the sun (for a lead): each hour of the day in every member's local time, and who is on.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { followTheSun } from '@shared/team';
import type { TeamView } from '@shared/team';
import { memberName } from '../../stores/team';
import { viewerZone } from './zones';

export function FollowTheSun({ view, now }: { view: TeamView; now: number }) {
  const { t } = useTranslation();
  // The zone the moderator chose in Shifts; the browser's own only until they chose one.
  const zone = view.me.zone || viewerZone();
  const rows = useMemo(() => followTheSun(view.state, zone, now), [view.state, zone, now]);
  const team = rows[0]?.cells.map((c) => c.key) ?? [];
  return (
    <section aria-labelledby="sun-title" className="shifts-section">
      <h3 id="sun-title">{t('shifts.sun.heading', { zone })}</h3>
      <p className="muted">{t('shifts.sun.help')}</p>
      <table className="coverage-map sun-map" data-testid="follow-the-sun">
        <thead>
          <tr>
            <th scope="col">{t('shifts.sun.hour')}</th>
            {team.map((key) => (
              <th key={key} scope="col">
                {memberName(view, key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const covered = row.cells.some((c) => c.on);
            return (
              <tr key={row.start} className={covered ? undefined : 'sun-gap'}>
                <th scope="row">
                  {row.label}
                  {!covered && <span className="visually-hidden"> · {t('shifts.sun.gap')}</span>}
                </th>
                {row.cells.map((c) => (
                  <td key={c.key} className={c.on ? 'covered' : covered ? undefined : 'gap'}>
                    {c.local}
                    {c.on && <span className="sun-on"> · {t('shifts.sun.on')}</span>}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
