// The team roster with each member's local time; a lead approves invite codes and removes members.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInZone } from '@shared/team';
import type { TeamView } from '@shared/team';
import { useTeam } from '../../stores/team';
import { TeamFailure } from './TeamFailure';

const run = useTeam.getState().run;

export function Roster({ view, now }: { view: TeamView; now: number }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  const isLead = view.state.roster[view.me.key]?.role === 'lead';
  return (
    <section aria-labelledby="roster-title" className="shifts-section">
      <h3 id="roster-title">{t('shifts.roster.heading')}</h3>
      <ul className="roster">
        {Object.values(view.state.roster).map((m) => (
          <li key={m.key}>
            <strong>{m.name}</strong> <span className="tag">{t(`shifts.roster.${m.role}`)}</span> <span className="muted">{formatInZone(now, m.zone, i18n.language)}</span>
            {isLead && m.key !== view.me.key && (
              <button type="button" className="link-button" onClick={() => void run('team.roster.remove', { key: m.key })}>
                {t('shifts.roster.remove', { name: m.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {isLead && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('team.roster.approve', { inviteCode: code.trim(), role: 'moderator' }).then(setDone);
          }}
        >
          <label>
            {t('shifts.roster.approve')} <input value={code} onChange={(e) => setCode(e.target.value)} aria-label={t('shifts.roster.inviteCode')} />
          </label>
          <button type="submit">{t('shifts.roster.approveButton')}</button>
          {done && <span role="status">{t('shifts.roster.approved')}</span>}
        </form>
      )}
      <TeamFailure command="team.roster.approve" />
      <TeamFailure command="team.roster.remove" />
    </section>
  );
}
