// What the team's decisions suggest (issue 15): proposals from labeled decisions, accepted with one
// click and undone with one — through the team ledger, so every console of the team applies the same
// accepted changes to its triage. The changes the team accepted are listed with who accepted them.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleChange, RuleProposal } from '@shared/triage/changes';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useTeam } from '../../stores/team';
import { TeamFailure } from '../shifts/TeamFailure';
import { proposalsFrom, readProposalInput, type ProposalInput } from './proposals';
import { useRules } from './useRules';

function ChangeText({ change, count, of, misses }: { change: RuleChange; count?: number; of?: number; misses?: number }) {
  const { t } = useTranslation();
  if (change.op === 'model-adapt') {
    const values = { count: change.labels, added: change.added, removed: change.removed };
    return <>{count !== undefined ? t('rules.learn.adaptProposal', values) : t('rules.learn.adaptRule', values)}</>;
  }
  if (change.op === 'link-rule') {
    if (count === undefined) return <>{t('rules.learn.linkRule', { host: change.host })}</>;
    return <>{misses ? t('rules.learn.linkProposalMisses', { count, host: change.host, misses }) : t('rules.learn.linkProposal', { count, host: change.host })}</>;
  }
  if (change.op === 'word-rule') {
    const values = { words: change.shown ?? change.words, category: t(`category.${change.category}`) };
    return <>{count !== undefined ? t('rules.learn.wordProposal', { ...values, count }) : t('rules.learn.wordRule', values)}</>;
  }
  const to = t(`severity.${change.to}`);
  return <>{count !== undefined ? t('rules.learn.severityProposal', { count, of, rule: change.rule, to }) : t('rules.learn.severityRule', { rule: change.rule, to })}</>;
}

export function Proposals() {
  const { t } = useTranslation();
  const saved = useRules((s) => s.saved);
  const view = useTeam((s) => s.view);
  const outboxVersion = useActions((s) => s.outboxVersion);
  const [labels, setLabels] = useState<ProposalInput>();
  const [busy, setBusy] = useState(false);

  // Read when Rules opens, and again whenever the outbox changes (an action confirmed while it is open).
  useEffect(() => {
    let cancelled = false;
    const now = Date.now();
    void readProposalInput(getDb(), now).then(
      (input) => !cancelled && setLabels(input),
      () => !cancelled && setLabels({ labels: [], now, recent: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [outboxVersion]);

  const changes = useMemo(() => view?.state.ruleChanges ?? [], [view]);
  // Worked out in chunks (the adaptation's effect runs the engine over a week of messages); until then, nothing is said.
  const [worked, setWorked] = useState<RuleProposal[]>();
  useEffect(() => {
    if (!saved || !labels) return;
    let cancelled = false;
    void proposalsFrom(labels, saved, view?.state).then(
      (list) => !cancelled && setWorked(list),
      () => !cancelled && setWorked([]),
    );
    return () => {
      cancelled = true;
    };
  }, [saved, labels, view]);
  const proposals = worked ?? [];
  const member = view?.standing === 'member';
  const name = (key: string) => view?.state.roster[key]?.name ?? '?';

  const run = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="rule-proposals" aria-labelledby="proposals-title" data-testid="rule-proposals">
      <h3 id="proposals-title">{t('rules.learn.title')}</h3>
      {!member && <p className="muted small">{t('rules.learn.needsTeam')}</p>}
      {worked === undefined ? null : proposals.length === 0 ? (
        <p className="muted">{t('rules.learn.none')}</p>
      ) : (
        <ul>
          {proposals.map((p) => (
            <li key={p.id} data-testid={p.change.op === 'model-adapt' ? 'model-proposal' : 'rule-proposal'}>
              <ChangeText change={p.change} count={p.count} of={p.of} {...(p.misses ? { misses: p.misses } : {})} />{' '}
              <button type="button" disabled={!member || busy} onClick={() => void run(() => useTeam.getState().run('team.rules.change', { change: p.change }))}>
                {t('rules.learn.accept')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <TeamFailure command="team.rules.change" />
      {changes.length > 0 && (
        <>
          <h4>{t('rules.learn.accepted')}</h4>
          <ul data-testid="accepted-changes">
            {changes.map((c) => (
              <li key={c.id}>
                <ChangeText change={c.change} /> · {t('rules.learn.by', { name: name(c.by) })}
                {c.undoneBy ? (
                  <span className="muted"> · {t('rules.learn.undoneBy', { name: name(c.undoneBy) })}</span>
                ) : (
                  <>
                    {' '}
                    <button type="button" disabled={!member || busy} onClick={() => void run(() => useTeam.getState().run('team.rules.undo', { id: c.id }))}>
                      {t('rules.learn.undo')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <TeamFailure command="team.rules.undo" />
    </section>
  );
}
