// The 24×7 coverage map in the moderator's time zone: who is on each hour, and the gaps.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { coverageMap } from '@shared/team';
import type { TeamView } from '@shared/team';
import { memberName } from '../../stores/team';
import { viewerZone } from './zones';

export function Coverage({ view, now }: { view: TeamView; now: number }) {
  const { t } = useTranslation();
  // The zone the moderator chose in Shifts; the browser's own only until they chose one.
  const zone = view.me.zone || viewerZone();
  const cells = useMemo(() => coverageMap(view.state, zone, now), [view.state, zone, now]);
  const gaps = cells.filter((c) => c.keys.length === 0).length;
  const initials = (key: string) => memberName(view, key).slice(0, 2);
  return (
    <section aria-labelledby="coverage-title" className="shifts-section">
      <h3 id="coverage-title">{t('shifts.coverage.heading', { zone })}</h3>
      <p data-testid="coverage-gaps">{t('shifts.coverage.gaps', { count: gaps })}</p>
      <table className="coverage-map">
        <thead>
          <tr>
            <th scope="col">{t('shifts.coverage.hour')}</th>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <th key={d} scope="col">
                {t(`shifts.weekday.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 24 }, (_, hour) => (
            <tr key={hour}>
              <th scope="row">{String(hour).padStart(2, '0')}</th>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                const cell = cells.find((c) => c.weekday === d && c.hour === hour);
                const keys = cell?.keys ?? [];
                return (
                  <td key={d} className={keys.length ? 'covered' : 'gap'} title={keys.map((k) => memberName(view, k)).join(', ') || t('shifts.coverage.gap')}>
                    {keys.length ? keys.map(initials).join(' ') : '·'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
