// Handoffs: overdue ones for a lead, the one waiting for you, the draft, and the searchable history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInZone, handoffWaitingFor, overdueHandoffs } from '@shared/team';
import type { TeamView } from '@shared/team';
import { memberName } from '../../stores/team';
import { HandoffCard } from './HandoffCard';
import { HandoffDraft } from './HandoffDraft';

export function Handoffs({ view, now }: { view: TeamView; now: number }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const waiting = handoffWaitingFor(view.state, view.me.key);
  const isLead = view.state.roster[view.me.key]?.role === 'lead';
  const overdue = isLead ? overdueHandoffs(view.state, now, view.ackMinutes) : [];
  const q = query.trim().toLowerCase();
  const history = [...view.state.handoffs]
    .reverse()
    .filter((h) => h !== waiting)
    .filter((h) => !q || [h.notes, ...h.incidents, ...h.promises.map((p) => p.text), ...h.items.map((i) => i.label), memberName(view, h.by)].some((s) => s.toLowerCase().includes(q)));
  return (
    <section aria-labelledby="handoff-title" className="shifts-section">
      <h3 id="handoff-title">{t('shifts.handoff.heading')}</h3>
      {overdue.map((h) => (
        <p key={h.id} className="notice failed" role="alert">
          {t('shifts.handoff.overdue', { minutes: view.ackMinutes, name: memberName(view, h.by), time: formatInZone(h.at, view.me.zone, i18n.language) })}
        </p>
      ))}
      {waiting && <HandoffCard view={view} handoff={waiting} />}
      {view.standing === 'member' ? <HandoffDraft view={view} /> : <p className="muted">{t('shifts.handoff.notMember')}</p>}
      <h4>{t('shifts.handoff.history')}</h4>
      <input type="search" aria-label={t('shifts.handoff.search')} placeholder={t('shifts.handoff.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {history.length === 0 ? <p className="muted">{t('shifts.handoff.none')}</p> : history.slice(0, 50).map((h) => <HandoffCard key={h.id} view={view} handoff={h} />)}
    </section>
  );
}
