// Unsaved rule edits outside the rule editor: kept as a draft (never dropped without a word), with a
// way back to them or to discard them; a reload or closing the window asks first. Light on purpose:
// it loads with the console, the rule editor and its engine only when opened.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../stores/settings';
import { isDirty, useRules } from './useRules';

/** Shown outside Rules while a draft is not saved: the edits are kept, and the moderator chooses. */
export function RulesDraftNotice() {
  const { t } = useTranslation();
  const dirty = useRules(isDirty);
  const view = useSettings((s) => s.view);
  const setView = useSettings((s) => s.setView);
  const [confirm, setConfirm] = useState(false);
  // A reload or closing the tab would lose the draft: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
  if (!dirty || view === 'rules') return null;
  return (
    <div className="notice pending rules-draft-notice" role="status" data-testid="rules-draft">
      <span>{t('rules.draft.kept')}</span>{' '}
      <button type="button" className="link-button" onClick={() => setView('rules')}>
        {t('rules.draft.open')}
      </button>{' '}
      {confirm ? (
        <>
          <button type="button" className="danger" onClick={() => useRules.getState().discard()}>
            {t('rules.draft.discardConfirm')}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(false)}>
            {t('act.form.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="link-button" onClick={() => setConfirm(true)}>
          {t('rules.draft.discard')}
        </button>
      )}
    </div>
  );
}

