// Whether this browser may show desktop notifications, and asking for it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { askNotifyPermission, notifyPermission, type NotifyPermission } from '../../lib/notify';

export function DesktopNotifications() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState<NotifyPermission>(() => notifyPermission());
  return (
    <section aria-labelledby="notify-title" className="shifts-section">
      <h3 id="notify-title">{t('shifts.notify.heading')}</h3>
      <p className="muted">{t('shifts.notify.help')}</p>
      <p role="status" data-testid="notify-state">
        {permission === 'granted' ? t('shifts.notify.on') : permission === 'denied' ? t('shifts.notify.blocked') : permission === 'unsupported' ? t('shifts.notify.unsupported') : t('shifts.notify.off')}
      </p>
      {permission === 'default' && (
        <button type="button" onClick={() => void askNotifyPermission().then(setPermission)}>
          {t('shifts.notify.enable')}
        </button>
      )}
    </section>
  );
}
