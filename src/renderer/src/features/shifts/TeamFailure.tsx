// The failure of a team command, in words, where the moderator sent it: a failed claim, note, handoff
// or swap is shown (and can be dismissed), never silently dropped.
import { useTranslation } from 'react-i18next';
import { errorInWords } from '../../lib/format';
import { useTeam, type TeamCommand } from '../../stores/team';

export function TeamFailure({ command }: { command: TeamCommand }) {
  const { t } = useTranslation();
  const failure = useTeam((s) => s.failures[command]);
  if (!failure) return null;
  return (
    <p className="notice failed" role="alert" data-testid="team-failure">
      {t(`shifts.failed.${command.replace(/^team\./, '').replace('.', '_')}`)} {errorInWords(t, failure)}{' '}
      <button type="button" className="link-button" onClick={() => useTeam.getState().dismiss(command)}>
        {t('shifts.failed.dismiss')}
      </button>
    </p>
  );
}
