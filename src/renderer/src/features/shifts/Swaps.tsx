// Shift swaps: offering one of my shifts this week, taking or cancelling open offers, and recent agreed swaps.
import { useTranslation } from 'react-i18next';
import { formatInZone, openSwaps, teamShiftsBetween } from '@shared/team';
import type { TeamView } from '@shared/team';
import { memberName, useTeam } from '../../stores/team';
import { TeamFailure } from './TeamFailure';

const run = useTeam.getState().run;

const WEEK_MS = 7 * 86_400_000;

export function Swaps({ view, now }: { view: TeamView; now: number }) {
  const { t, i18n } = useTranslation();
  const zone = view.me.zone;
  const at = (ms: number) => formatInZone(ms, zone, i18n.language);
  const offers = openSwaps(view.state, view.me.key, now);
  const offeredStarts = new Set(offers.filter((o) => o.mine).map((o) => `${o.start}-${o.end}`));
  const mine = teamShiftsBetween(view.state, now, now + WEEK_MS).filter((s) => s.key === view.me.key && s.end > now);
  const agreed = Object.values(view.state.swaps ?? {})
    .filter((s) => s.takenBy && s.end > now - WEEK_MS)
    .sort((a, b) => a.start - b.start);
  return (
    <section aria-labelledby="swap-title" className="shifts-section">
      <h3 id="swap-title">{t('shifts.swap.heading')}</h3>
      <p className="muted">{t('shifts.swap.help')}</p>
      <TeamFailure command="team.swap.offer" />
      <TeamFailure command="team.swap.take" />
      <TeamFailure command="team.swap.cancel" />
      <h4>{t('shifts.swap.mine')}</h4>
      {mine.length === 0 ? (
        <p className="muted">{t('shifts.swap.none')}</p>
      ) : (
        <ul className="swap-list" data-testid="my-shifts">
          {mine.map((s) => (
            <li key={`${s.start}-${s.end}`}>
              {t('shifts.swap.shift', { name: view.me.name, from: at(s.start), to: at(s.end) })}{' '}
              {offeredStarts.has(`${s.start}-${s.end}`) ? (
                <span className="tag">{t('shifts.swap.offered')}</span>
              ) : (
                <button type="button" onClick={() => void run('team.swap.offer', { start: s.start, end: s.end })}>
                  {t('shifts.swap.offer')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('shifts.swap.open')}</h4>
      {offers.length === 0 ? (
        <p className="muted">{t('shifts.swap.noOpen')}</p>
      ) : (
        <ul className="swap-list" data-testid="open-swaps">
          {offers.map((o) => (
            <li key={o.id}>
              {t('shifts.swap.shift', { name: memberName(view, o.by), from: at(o.start), to: at(o.end) })}{' '}
              {o.mine ? (
                <button type="button" onClick={() => void run('team.swap.cancel', { offer: o.id })}>
                  {t('shifts.swap.cancel')}
                </button>
              ) : (
                <button type="button" onClick={() => void run('team.swap.take', { offer: o.id })}>
                  {t('shifts.swap.take')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {agreed.length > 0 && (
        <>
          <h4>{t('shifts.swap.recent')}</h4>
          <ul className="swap-list" data-testid="agreed-swaps">
            {agreed.map((s) => (
              <li key={s.id}>{t('shifts.swap.taken', { taker: memberName(view, s.takenBy), name: memberName(view, s.by), from: at(s.start), to: at(s.end) })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
