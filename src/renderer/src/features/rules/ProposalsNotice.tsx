// The inbox's word on what the team's decisions suggest (issue 15): how many proposals wait, with the
// way to Rules where they are accepted or left. Worked out a moment after the outbox settles (not on
// every keystroke of a busy shift), with the proposals module loaded only then.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useSettings } from '../../stores/settings';
import { useTeam } from '../../stores/team';
import { useRules } from './useRules';

/** Waits this long after the last outbox change before counting again. */
const SETTLE_MS = 1_500;

export function ProposalsNotice() {
  const { t } = useTranslation();
  const saved = useRules((s) => s.saved);
  const state = useTeam((s) => s.view?.state);
  const outboxVersion = useActions((s) => s.outboxVersion);
  const [count, setCount] = useState(0);

  useEffect(() => {
    if (!useRules.getState().saved) void useRules.getState().load();
  }, []);

  useEffect(() => {
    if (!saved) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void import('./proposals')
        .then(async ({ proposalsFrom, readProposalInput }) => proposalsFrom(await readProposalInput(getDb(), Date.now()), saved, state))
        .then(
          (proposals) => !cancelled && setCount(proposals.length),
          // Not counted: the notice stays as it was; Rules shows the proposals (or the failure) itself.
          () => undefined,
        );
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [saved, state, outboxVersion]);

  if (count === 0) return null;
  return (
    <p className="notice proposals-notice" data-testid="proposals-notice" role="status">
      {t('rules.learn.notice', { count })}{' '}
      <button type="button" onClick={() => useSettings.getState().setView('rules')}>
        {t('rules.learn.review')}
      </button>
    </p>
  );
}
