// What the team's decisions suggest (issue 15): proposals from labeled decisions, accepted with one
// click and undone with one — through the team ledger, so every console of the team applies the same
// accepted changes to its triage. The changes the team accepted are listed with who accepted them.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyRuleChanges, proposeRuleChanges, proposalId, standingAdaptation, type DecisionLabel, type RuleChange } from '@shared/triage/changes';
import { proposeAdaptation } from '@shared/triage/adaptProposal';
import { shippedModel } from '@shared/triage';
import { standingRuleChanges } from '@shared/team';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useTeam } from '../../stores/team';
import { TeamFailure } from '../shifts/TeamFailure';
import { decisionLabels, recentMessageWords } from './decisions';
import { useRules } from './useRules';

function ChangeText({ change, count, of }: { change: RuleChange; count?: number; of?: number }) {
  const { t } = useTranslation();
  if (change.op === 'model-adapt') {
    const values = { count: change.labels, added: change.added, removed: change.removed };
    return <>{count !== undefined ? t('rules.learn.adaptProposal', values) : t('rules.learn.adaptRule', values)}</>;
  }
  if (change.op === 'link-rule') {
    return <>{count !== undefined ? t('rules.learn.linkProposal', { count, host: change.host }) : t('rules.learn.linkRule', { host: change.host })}</>;
  }
  const to = t(`severity.${change.to}`);
  return <>{count !== undefined ? t('rules.learn.severityProposal', { count, of, rule: change.rule, to }) : t('rules.learn.severityRule', { rule: change.rule, to })}</>;
}

export function Proposals() {
  const { t } = useTranslation();
  const saved = useRules((s) => s.saved);
  const view = useTeam((s) => s.view);
  const outboxVersion = useActions((s) => s.outboxVersion);
  const [labels, setLabels] = useState<{ labels: DecisionLabel[]; now: number; recent: string[] }>();
  const [busy, setBusy] = useState(false);

  // Read when Rules opens, and again whenever the outbox changes (an action confirmed while it is open).
  useEffect(() => {
    let cancelled = false;
    const now = Date.now();
    void Promise.all([decisionLabels(getDb(), now), recentMessageWords(getDb(), now)]).then(
      ([l, recent]) => !cancelled && setLabels({ labels: l, now, recent }),
      () => !cancelled && setLabels({ labels: [], now, recent: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [outboxVersion]);

  const changes = useMemo(() => view?.state.ruleChanges ?? [], [view]);
  const proposals = useMemo(() => {
    if (!saved || !labels) return [];
    const decided = new Set(changes.map((c) => proposalId(c.change)));
    const standing = view ? standingRuleChanges(view.state) : [];
    const rules = proposeRuleChanges(labels.labels, applyRuleChanges(saved, standing), decided, labels.now);
    // The model adapted to every decision on a message the model has a category for, oldest first.
    if (saved.model?.enabled !== true) return rules;
    const modelLabels = labels.labels
      .filter((l) => l.model)
      .sort((a, b) => a.at - b.at)
      .map((l) => l.model!);
    const adapt = proposeAdaptation(shippedModel(), modelLabels, labels.recent, standingAdaptation(standing));
    if (!adapt || decided.has(proposalId(adapt))) return rules;
    return [{ id: proposalId(adapt), change: adapt, count: adapt.labels, of: adapt.labels }, ...rules];
  }, [saved, labels, changes, view]);
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
      {proposals.length === 0 ? (
        <p className="muted">{t('rules.learn.none')}</p>
      ) : (
        <ul>
          {proposals.map((p) => (
            <li key={p.id} data-testid={p.change.op === 'model-adapt' ? 'model-proposal' : 'rule-proposal'}>
              <ChangeText change={p.change} count={p.count} of={p.of} />{' '}
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
