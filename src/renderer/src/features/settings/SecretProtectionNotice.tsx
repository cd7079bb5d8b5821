// Settings → Connections: how tokens and sessions are kept on this computer, and — where the OS
// keychain cannot encrypt them — the user's choice whether to keep them unencrypted (issue 17).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretProtection } from '@shared/ipc/contract';
import { allowUnencryptedSecrets, secretProtection } from './connections';

function useSecretProtection() {
  const [protection, setProtection] = useState<SecretProtection>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    secretProtection().then(
      (p) => live && setProtection(p),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const choose = useCallback(async (allow: boolean) => {
    setFailed(false);
    try {
      const res = await allowUnencryptedSecrets(allow);
      if (res.ok) setProtection(res.value);
      else setFailed(true);
    } catch {
      setFailed(true);
    }
  }, []);
  return { protection, failed, choose };
}

export function SecretProtectionNotice() {
  const { t } = useTranslation();
  const { protection, failed, choose } = useSecretProtection();
  if (!protection) return failed ? <p className="notice failed">{t('secrets.failed')}</p> : null;
  const warn = protection.kind === 'unencrypted';
  return (
    <section className={warn ? 'secret-protection notice failed' : 'secret-protection muted'} aria-labelledby="secret-protection-title" data-protection={protection.kind}>
      <h4 id="secret-protection-title">{t('secrets.title')}</h4>
      {protection.kind === 'unencrypted' ? (
        <>
          <p role="alert">{t(`secrets.${protection.reason}`)}</p>
          <p>{protection.allowed ? t('secrets.allowed') : t('secrets.notAllowed')}</p>
          {protection.allowed ? (
            <>
              <button type="button" onClick={() => void choose(false)}>
                {t('secrets.revoke')}
              </button>
              <p className="hint">{t('secrets.revokeHint')}</p>
            </>
          ) : (
            <button type="button" onClick={() => void choose(true)}>
              {t('secrets.allow')}
            </button>
          )}
        </>
      ) : (
        <p>{t(`secrets.${protection.kind}`)}</p>
      )}
      {failed && <p className="notice failed">{t('secrets.failed')}</p>}
    </section>
  );
}
