// Shown when host mode refuses this tab (no or wrong launch token).
import { useTranslation } from 'react-i18next';

export function RefusedScreen() {
  const { t } = useTranslation();
  return (
    <main className="refused">
      <h1>{t('refused.title')}</h1>
      <p>{t('refused.body')}</p>
      <button type="button" onClick={() => location.reload()}>
        {t('refused.retry')}
      </button>
    </main>
  );
}
