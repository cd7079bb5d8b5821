// One handoff as its writer left it: items, incidents, promises with their due time, notes, and acknowledging it.
import { useTranslation } from 'react-i18next';
import { formatInZone } from '@shared/team';
import type { Handoff, TeamView } from '@shared/team';
import { memberName, useTeam } from '../../stores/team';
import { TeamFailure } from './TeamFailure';

const run = useTeam.getState().run;

export function HandoffCard({ view, handoff }: { view: TeamView; handoff: Handoff }) {
  const { t, i18n } = useTranslation();
  const zone = view.me.zone;
  return (
    <article className="handoff" data-testid="handoff">
      <h4>{t('shifts.handoff.waiting', { name: memberName(view, handoff.by), time: formatInZone(handoff.at, zone, i18n.language) })}</h4>
      {handoff.items.length > 0 && (
        <ul>
          {handoff.items.map((i) => (
            <li key={i.item}>
              <span className="tag">{t(`item.status.${i.state}`)}</span> {i.label}
            </li>
          ))}
        </ul>
      )}
      {handoff.incidents.length > 0 && (
        <ul>
          {handoff.incidents.map((text, n) => (
            <li key={n}>{text}</li>
          ))}
        </ul>
      )}
      {handoff.promises.length > 0 && (
        <ul data-testid="handoff-promises">
          {handoff.promises.map((p, n) => (
            <li key={n}>
              {p.text} — {t('shifts.handoff.due', { time: formatInZone(p.due, zone, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
      {handoff.notes && <p className="handoff-notes">{handoff.notes}</p>}
      {handoff.ackedBy ? (
        <p className="muted">{t('shifts.handoff.acknowledged', { name: memberName(view, handoff.ackedBy), time: formatInZone(handoff.ackedAt ?? handoff.at, zone, i18n.language) })}</p>
      ) : (
        handoff.by !== view.me.key && (
          <>
            <button type="button" onClick={() => void run('team.ack', { handoff: handoff.id })}>
              {t('shifts.handoff.acknowledge')}
            </button>
            <TeamFailure command="team.ack" />
          </>
        )
      )}
    </article>
  );
}
