// The inbox's word on what the team's decisions suggest (issue 15): how many proposals wait, with the
// way to Rules where they are accepted or left. Worked out a moment after the outbox settles (not on
// every keystroke of a busy shift) when the window is idle, with the proposals module loaded only then; the
// count judges only the messages that came in since the last one (proposals.ts).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useSettings } from '../../stores/settings';
import { useSources } from '../../stores/sources';
import { useTeam } from '../../stores/team';
import { useRules } from './useRules';

/** Waits this long after the last outbox change before counting again. */
const SETTLE_MS = 1_500;
/** Counted by then even if the window never idles (a raid streaming in). */
const IDLE_WAIT_MS = 5_000;

export function ProposalsNotice() {
  const { t } = useTranslation();
  const saved = useRules((s) => s.saved);
  const state = useTeam((s) => s.view?.state);
  const outboxVersion = useActions((s) => s.outboxVersion);
  const bridge = useSources((s) => s.bridge);
  const [count, setCount] = useState(0);

  // The pack comes from main: asked once the console is reached, and again after each reconnect (on a fresh
  // page the bridge is still connecting, and a pack asked then was lost and never asked again).
  useEffect(() => {
    if (bridge === 'connected') void useRules.getState().load();
  }, [bridge]);

  useEffect(() => {
    if (!saved) return;
    let cancelled = false;
    let idle: number | undefined;
    const recount = () => {
      void import('./proposals')
        .then(async ({ proposalsFrom, readProposalInput }) => proposalsFrom(await readProposalInput(getDb(), Date.now()), saved, state))
        .then(
          (proposals) => !cancelled && setCount(proposals.length),
          // Not counted: the notice stays as it was; Rules shows the proposals (or the failure) itself.
          () => undefined,
        );
    };
    // Counted when the window has nothing else to do (a moderator's keys and the inbox first).
    // (Host mode may be opened in a browser without requestIdleCallback: counted right after settling there.)
    const idleApi = typeof window.requestIdleCallback === 'function';
    const timer = setTimeout(() => (idleApi ? (idle = window.requestIdleCallback(recount, { timeout: IDLE_WAIT_MS })) : recount()), SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback(idle);
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
