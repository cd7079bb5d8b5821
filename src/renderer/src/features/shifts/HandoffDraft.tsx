// Drafting a handoff: starts from what is still open or claimed, with incidents, promises and notes.
import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamView } from '@shared/team';
import { digestLines } from '../../lib/crisisWords';
import { useAlerts } from '../../stores/alerts';
import { useInbox } from '../../stores/inbox';
import { useTeam } from '../../stores/team';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft, useKeptDrafts } from '../replies/keptDrafts';
import { TeamFailure } from './TeamFailure';

const run = useTeam.getState().run;
const HANDOFF_INCIDENTS = 'handoff:incidents';
const HANDOFF_NOTES = 'handoff:notes';
const HANDOFF_PROMISES = 'handoff:promises';
const HANDOFF_KEYS = [HANDOFF_INCIDENTS, HANDOFF_NOTES, HANDOFF_PROMISES];

export function HandoffDraft({ view }: { view: TeamView }) {
  const { t, i18n } = useTranslation();
  const byId = useInbox((s) => s.byId);
  const [to, setTo] = useState('');
  // What the moderator writes is kept on this computer as they type (keptDrafts), dropped once sent.
  const [typedIncidents, setIncidents] = useKeptDraft<string | undefined>(HANDOFF_INCIDENTS, () => undefined);
  // Crisis alerts since my last handoff (at most the last 12 hours) start the incidents: the next shift
  // hears what flared up and what was done about it.
  const alerts = useAlerts((s) => s.alerts);
  const [openedAt] = useState(() => Date.now());
  useEffect(() => void useAlerts.getState().load().catch((err: unknown) => console.error('Could not read the crisis alerts', err)), []);
  const alertLines = useMemo(() => {
    const mine = view.state.handoffs.filter((h) => h.by === view.me.key).map((h) => h.at);
    const since = Math.max(openedAt - 12 * 3_600_000, ...mine);
    return digestLines(t, alerts, since, i18n.language).slice(0, 10);
  }, [alerts, view.state.handoffs, view.me.key, openedAt, t, i18n.language]);
  const incidents = typedIncidents ?? alertLines.join('\n');
  const [notes, setNotes] = useKeptDraft(HANDOFF_NOTES, () => '');
  const [promises, setPromises] = useKeptDraft<Array<{ text: string; due: string }>>(HANDOFF_PROMISES, () => []);
  const [sent, setSent] = useState(false);
  // The draft starts from what is still open or claimed: the next shift should not have to dig.
  const items = useMemo(() => {
    const out: Array<{ item: string; label: string; state: 'open' | 'claimed' }> = [];
    for (const claim of Object.values(view.state.claims)) {
      // A claim whose item is resolved here is being ended (its resolve record is on its way): not handed over.
      if (byId.get(claim.item)?.status === 'resolved') continue;
      out.push({ item: claim.item, label: (claim.label ?? claim.item).slice(0, 200), state: 'claimed' });
    }
    for (const item of byId.values()) {
      if (out.length >= 20) break;
      if (item.status === 'open' && !view.state.claims[item.id]) out.push({ item: item.id, label: `${item.authorName}: ${item.text}`.slice(0, 200), state: 'open' });
    }
    return out.slice(0, 20);
  }, [byId, view.state.claims]);
  const others = Object.values(view.state.roster).filter((m) => m.key !== view.me.key);
  return (
    <form
      className="handoff-draft"
      aria-labelledby="draft-title"
      onSubmit={(e) => {
        e.preventDefault();
        const request = {
          items,
          incidents: incidents.split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 10).map((s) => s.slice(0, 200)),
          promises: promises
            .filter((p) => p.text.trim() && p.due)
            .slice(0, 10)
            .map((p) => ({ text: p.text.trim().slice(0, 200), due: DateTime.fromISO(p.due, { zone: view.me.zone }).toMillis() })),
          notes: notes.slice(0, 600),
          ...(to ? { to } : {}),
        };
        void run('team.handoff', request).then((ok) => {
          setSent(ok);
          if (ok) HANDOFF_KEYS.forEach((k) => useKeptDrafts.getState().drop(k));
        });
      }}
    >
      <h4 id="draft-title">{t('shifts.handoff.draft')}</h4>
      <label>
        {t('shifts.handoff.to')}{' '}
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('shifts.handoff.anyone')}</option>
          {others.map((m) => (
            <option key={m.key} value={m.key}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <p>{t('shifts.handoff.items')}</p>
      <ul>
        {items.map((i) => (
          <li key={i.item}>
            <span className="tag">{t(`item.status.${i.state}`)}</span> {i.label}
          </li>
        ))}
      </ul>
      <label>
        {t('shifts.handoff.incidents')}
        <textarea value={incidents} onChange={(e) => setIncidents(e.target.value)} rows={3} />
      </label>
      <fieldset>
        <legend>{t('shifts.handoff.promises')}</legend>
        {promises.map((p, n) => (
          <div key={n} className="inline-form">
            <input aria-label={t('shifts.handoff.promiseText')} value={p.text} maxLength={200} onChange={(e) => setPromises(promises.map((x, i) => (i === n ? { ...x, text: e.target.value } : x)))} />
            <input type="datetime-local" aria-label={t('shifts.handoff.promiseDue')} value={p.due} onChange={(e) => setPromises(promises.map((x, i) => (i === n ? { ...x, due: e.target.value } : x)))} />
          </div>
        ))}
        <button type="button" onClick={() => setPromises([...promises, { text: '', due: '' }])}>
          {t('shifts.handoff.addPromise')}
        </button>
      </fieldset>
      <label>
        {t('shifts.handoff.notes')}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={600} />
      </label>
      <DraftRestored draftKey={HANDOFF_KEYS} />
      <button type="submit">{t('shifts.handoff.send')}</button>
      {sent && <p role="status">{t('shifts.handoff.sent')}</p>}
      <TeamFailure command="team.handoff" />
    </form>
  );
}
