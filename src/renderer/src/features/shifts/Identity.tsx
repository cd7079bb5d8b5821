// This console's moderator: standing, invite code while awaiting approval, name and time zone, and the shift switch.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamView } from '@shared/team';
import { useTeam } from '../../stores/team';
import { TeamFailure } from './TeamFailure';
import { zones } from './zones';

const run = useTeam.getState().run;

export function Identity({ view }: { view: TeamView }) {
  const { t } = useTranslation();
  const [name, setName] = useState(view.me.name);
  const [zone, setZone] = useState(view.me.zone);
  const onShift = view.state.onShift[view.me.key] !== undefined;
  return (
    <section aria-labelledby="me-title" className="shifts-section">
      <h3 id="me-title">{t('shifts.me.heading')}</h3>
      <p role="status" data-testid="team-standing">
        {t(`shifts.standing.${view.standing}`)}
      </p>
      {view.standing === 'awaiting-approval' && <input readOnly className="invite-code" aria-label={t('shifts.roster.inviteCode')} value={view.inviteCode} onFocus={(e) => e.target.select()} />}
      {view.channel && <p className="muted">{t('shifts.me.channel', { name: view.channel.name })}</p>}
      {view.pending > 0 && <p className="muted">{t('shifts.me.pending', { count: view.pending })}</p>}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run('team.configure', { name: name.trim(), zone });
        }}
      >
        <label>
          {t('shifts.me.name')} <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
        </label>
        <label>
          {t('shifts.me.zone')}{' '}
          <input value={zone} onChange={(e) => setZone(e.target.value)} list="tz-list" required />
        </label>
        <datalist id="tz-list">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <button type="submit">{t('shifts.me.save')}</button>
      </form>
      <TeamFailure command="team.configure" />
      {view.standing === 'member' && (
        <button type="button" onClick={() => void run('team.shift', { on: !onShift })}>
          {onShift ? t('shifts.shift.end') : t('shifts.shift.start')}
        </button>
      )}
      <TeamFailure command="team.shift" />
    </section>
  );
}
