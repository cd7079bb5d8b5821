// A page from a teammate (the crisis playbook's "page the lead on shift", issue 18): the paged
// moderator's console shows it on every view and as a desktop notification until they acknowledge,
// and the acknowledgement goes back through the team ledger to whoever paged.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyOnce } from '../../lib/notify';
import { formatInZone } from '@shared/team';
import { useTeam } from '../../stores/team';
import { useMinuteClock } from './clock';
import './shifts.css';

/** A page older than this is history, not an alarm. */
const FRESH_MS = 12 * 3_600_000;

export function PageAlert() {
  const { t, i18n } = useTranslation();
  const view = useTeam((s) => s.view);
  const me = view?.me.key;
  const now = useMinuteClock();
  const pages = (view?.state.pages ?? []).filter((p) => p.to === me && p.ackedAt === undefined && now - p.at < FRESH_MS);
  const newest = pages.at(-1);
  const from = newest ? (view?.state.roster[newest.by]?.name ?? newest.by.slice(0, 6)) : '';
  // An escalation names who was paged first and did not acknowledge.
  const first = newest?.of ? view?.state.pages.find((p) => p.id === newest.of) : undefined;
  const paged = first ? (view?.state.roster[first.to]?.name ?? first.to.slice(0, 6)) : '';
  useEffect(() => {
    if (newest) notifyOnce(`page:${newest.id}`, t('people.page.notifyTitle', { name: from }), newest.text, { view: 'inbox' });
  }, [newest, from, t]);
  if (!newest || !view) return null;
  return (
    <div className="notice page-alert" role="alert">
      <strong>{t('people.page.title', { name: from, time: formatInZone(newest.at, view.me.zone, i18n.language) })}</strong> <q>{newest.text}</q> {first && <span>{t('people.page.escalated', { paged })} </span>}
      <button type="button" onClick={() => void useTeam.getState().run('team.page.ack', { page: newest.id })}>
        {t('people.page.ack')}
      </button>
    </div>
  );
}
