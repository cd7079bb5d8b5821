// Claims in the inbox: "Ana is on this" on rows and the open item; opening an unclaimed item claims it,
// and acting on an item someone else holds asks first.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@shared/domain/inbox';
import { memberName, startTeamSync, useTeam } from '../../stores/team';

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

/** Wraps the action bar: claims the item on open; if someone else holds it, asks before letting the moderator act. */
export function ClaimGate({ item, children }: { item: InboxItem; children: ReactNode }) {
  const { t } = useTranslation();
  const { view, claim, mine } = useHolder(item.id);
  const claiming = useTeam((s) => s.claiming.has(item.id));
  const [override, setOverride] = useState(false);
  const active = item.status !== 'resolved';

  useEffect(() => startTeamSync(), []);
  useEffect(() => {
    if (active) void useTeam.getState().claim(item.id, `${item.authorName}: ${item.text}`.slice(0, 200));
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
      <div inert={blocked} className={blocked ? 'claim-blocked' : undefined}>
        {children}
      </div>
    </>
  );
}
