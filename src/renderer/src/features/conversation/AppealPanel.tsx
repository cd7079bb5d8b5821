// An appeal: the member's cases with their outcome, a nudge when the reviewer is the moderator who
// acted, and the buttons that record the outcome (upheld / overturned) on the case.
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@shared/domain/inbox';
import { absoluteTime } from '../../lib/format';
import { useModeration } from '../../stores/moderation';
import { useMemberHistory } from '../members/useMemberHistory';

export function AppealPanel({ item }: { item: InboxItem }) {
  const { t, i18n } = useTranslation();
  const me = useModeration((s) => s.moderatorName);
  const record = useModeration((s) => s.recordAppeal);
  const { cases } = useMemberHistory(item.sourceId, item.authorId || undefined);
  const own = cases.filter((c) => me && c.moderator.trim().toLowerCase() === me.trim().toLowerCase());
  return (
    <section className="appeal" aria-labelledby="appeal-title">
      <h3 id="appeal-title">{t('act.appeal.title')}</h3>
      {own.length > 0 && (
        <p className="notice warn" role="note">
          {t('act.appeal.ownCase')}
        </p>
      )}
      {!me && <p className="muted">{t('act.appeal.noName')}</p>}
      {cases.length === 0 ? (
        <p className="muted">{t('act.member.noCases')}</p>
      ) : (
        <ul className="case-list">
          {cases.map((c) => (
            <li key={c.id}>
              <strong>{t(`act.caseAction.${c.action}`)}</strong> · {c.reason} · {t('act.member.by', { name: c.moderator || '?' })} · {absoluteTime(c.createdAt, i18n.language)}
              {c.appeal ? (
                <span className="tag">{t(`act.appeal.${c.appeal.outcome}`, { name: c.appeal.reviewer || '?' })}</span>
              ) : (
                <span className="appeal-buttons">
                  <button type="button" onClick={() => void record(c.id, 'upheld')}>
                    {t('act.appeal.uphold')}
                  </button>
                  <button type="button" onClick={() => void record(c.id, 'overturned')}>
                    {t('act.appeal.overturn')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
