// The quiet line under a box whose draft was read back from this computer after a reload or restart:
// when it was last written, the item's state if it changed meanwhile (a resolved item's draft is still
// the moderator's words, so it is shown), and a way to discard it. Also says when drafts cannot be kept.
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@shared/domain/inbox';
import { clockTime } from '../../lib/format';
import { useKeptDrafts } from './keptDrafts';

/**
 * `draftKey`: the box's key, or the keys of one form's parts (discarded together). `discard: false` where the
 * view has its own discard (the rule editor's), which also resets what it shows.
 */
export function DraftRestored({ draftKey, item, discard = true }: { draftKey: string | readonly string[]; item?: Pick<InboxItem, 'status'>; discard?: boolean }) {
  const { t, i18n } = useTranslation();
  const keys = typeof draftKey === 'string' ? [draftKey] : draftKey;
  const at = useKeptDrafts((s) => keys.reduce<number | undefined>((latest, k) => (s.restored[k] === undefined ? latest : Math.max(latest ?? 0, s.restored[k])), undefined));
  const unsaved = useKeptDrafts((s) => s.unsaved && keys.some((k) => k in s.drafts));
  if (at === undefined && !unsaved) return null;
  return (
    <>
      {at !== undefined && (
        <p className="muted draft-restored" data-testid="draft-restored">
          {t('drafts.restored', { time: clockTime(at, i18n.language) })}
          {item && item.status !== 'open' && ` · ${t('drafts.itemNow', { state: t(`item.status.${item.status}`) })}`}
          {discard && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => keys.forEach((k) => useKeptDrafts.getState().drop(k))}>
                {t('drafts.discard')}
              </button>
            </>
          )}
        </p>
      )}
      {unsaved && (
        <p className="notice" role="status">
          {t('drafts.unsaved')}
        </p>
      )}
    </>
  );
}
