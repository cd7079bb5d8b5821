// Claims in the inbox: "Ana is on this" on rows and the open item; staying on an unclaimed item claims it,
// and acting on an item someone else holds asks first.
import { DateTime } from 'luxon';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@shared/domain/inbox';
import { formatInZone } from '@shared/team';
import { memberName, startTeamSync, useTeam } from '../../stores/team';
import { TeamFailure } from './TeamFailure';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft } from '../replies/keptDrafts';

/** How long an item stays on screen before it counts as "Ana is on this". */
const CLAIM_AFTER_MS = 1_200;

function useHolder(itemId: string) {
  const view = useTeam((s) => s.view);
  const claim = view?.state.claims[itemId];
  return { view, claim, mine: !!claim && claim.by === view?.me.key };
}

export function ClaimBadge({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { view, claim, mine } = useHolder(itemId);
  if (!claim) return null;
  return (
    <span className={`tag claim-tag${mine ? ' claim-mine' : ' claim-other'}`} data-testid="claim-badge">
      {mine ? t('shifts.claim.mine') : t('shifts.claim.other', { name: memberName(view, claim.by) })}
    </span>
  );
}

/** "Remind the next shift" on an item: a note with a due time, shown to everyone in their own zone. */
function FollowUps({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation();
  const view = useTeam((s) => s.view);
  const [opened, setOpen] = useState(false);
  // What is typed is kept by item on this computer (keptDrafts) until saved; a kept note opens the form.
  const [draft, setDraft] = useKeptDraft(`follow-up:${itemId}`, () => ({ text: '', due: '' }));
  const { text, due } = draft;
  const setText = (next: string) => setDraft((d) => ({ ...d, text: next }));
  const setDue = (next: string) => setDraft((d) => ({ ...d, due: next }));
  const open = opened || text !== '' || due !== '';
  if (!view || view.standing !== 'member') return null;
  const notes = view.state.notes.filter((n) => n.item === itemId);
  return (
    <div className="follow-ups">
      {notes.length > 0 && (
        <ul aria-label={t('shifts.claim.followUps')}>
          {notes.map((n) => (
            <li key={n.id}>
              {memberName(view, n.by)}: {n.due !== undefined ? t('shifts.claim.due', { text: n.text, time: formatInZone(n.due, view.me.zone, i18n.language) }) : n.text}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const when = due ? DateTime.fromISO(due, { zone: view.me.zone }).toMillis() : undefined;
            const request = { item: itemId, text: text.trim().slice(0, 500), ...(when !== undefined && Number.isFinite(when) ? { due: when } : {}) };
            // The draft stays open on a failure, so nothing typed is lost; the failure shows below.
            void useTeam.getState().run('team.note', request).then((done) => {
              if (!done) return;
              setOpen(false);
              setDraft({ text: '', due: '' });
            });
          }}
        >
          <input aria-label={t('shifts.claim.followUpText')} value={text} onChange={(e) => setText(e.target.value)} maxLength={500} required />
          <input type="datetime-local" aria-label={t('shifts.claim.followUpDue')} value={due} onChange={(e) => setDue(e.target.value)} />
          <button type="submit">{t('shifts.claim.followUpSave')}</button>
          <DraftRestored draftKey={`follow-up:${itemId}`} />
        </form>
      ) : (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('shifts.claim.followUp')}
        </button>
      )}
      <TeamFailure command="team.note" />
    </div>
  );
}

/** Wraps the action bar: claims the item on open; if someone else holds it, asks before letting the moderator act. */
export function ClaimGate({ item, children }: { item: InboxItem; children: ReactNode }) {
  const { t } = useTranslation();
  const { view, claim, mine } = useHolder(item.id);
  const claiming = useTeam((s) => s.claiming.has(item.id));
  const [override, setOverride] = useState(false);
  const active = item.status !== 'resolved';

  useEffect(() => startTeamSync(), []);
  useEffect(() => {
    if (!active) return;
    // Claimed once the moderator stays on it: walking the list with j/k (the detail follows) claims nothing.
    const timer = setTimeout(() => void useTeam.getState().claim(item.id, `${item.authorName}: ${item.text}`.slice(0, 200)).catch(() => undefined), CLAIM_AFTER_MS);
    return () => clearTimeout(timer);
  }, [item.id, active]); // eslint-disable-line react-hooks/exhaustive-deps

  const heldByOther = !!claim && !mine && active;
  const blocked = heldByOther && !override;
  return (
    <>
      {claiming && (
        <p className="notice pending" role="status">
          {t('shifts.claim.pending')}
        </p>
      )}
      {claim && mine && (
        <p className="notice claim-notice" role="status">
          {t('shifts.claim.mine')}{' '}
          <button type="button" className="link-button" onClick={() => void useTeam.getState().release(item.id)}>
            {t('shifts.claim.release')}
          </button>
        </p>
      )}
      {heldByOther && (
        <div className="notice claim-notice claim-other" role="alert" data-testid="claim-ask">
          <p>{t('shifts.claim.ask', { name: memberName(view, claim.by) })}</p>
          {!override && (
            <button type="button" onClick={() => setOverride(true)}>
              {t('shifts.claim.takeOver')}
            </button>
          )}
        </div>
      )}
      <TeamFailure command="team.claim" />
      <TeamFailure command="team.release" />
      <TeamFailure command="team.resolve" />
      <FollowUps itemId={item.id} />
      <div inert={blocked} className={blocked ? 'claim-blocked' : undefined}>
        {children}
      </div>
    </>
  );
}
