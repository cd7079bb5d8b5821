// Settings → Connections for WhatsApp: link a device by QR (drawn here from the source's state, as
// SVG elements — the QR string is data, never markup) or by pairing code for a phone number,
// optionally on a WhatsApp-compatible server; link again after a refusal, expiry or logout.
// The device's keys and sessions stay in main; this page sees only the QR or code offer while it is live.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { commands } from '@shared/ipc/contract';
import { errorInWords, unreachable } from '../../lib/format';
import type { SourceInfo } from '@shared/domain/model';
import { linkWhatsApp, relinkWhatsApp } from './connections';
import { NoticeSlot, type Notice } from './notice';

/** The QR as dark squares on a light field, with the quiet zone WhatsApp's scanner expects. */
export function LinkQr({ value, label }: { value: string; label: string }) {
  const cells = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'L' });
    const dark: Array<[number, number]> = [];
    for (let y = 0; y < modules.size; y += 1) for (let x = 0; x < modules.size; x += 1) if (modules.get(x, y)) dark.push([x, y]);
    return { size: modules.size, dark };
  }, [value]);
  const quiet = 4;
  const span = cells.size + quiet * 2;
  return (
    <svg className="link-qr" role="img" aria-label={label} viewBox={`0 0 ${span} ${span}`} width={span * 5} height={span * 5} shapeRendering="crispEdges">
      <rect width={span} height={span} fill="#fff" />
      {cells.dark.map(([x, y]) => (
        <rect key={`${x}-${y}`} x={x + quiet} y={y + quiet} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
}

/** The pairing code as WhatsApp's phone shows it asked for: two groups of four. */
export function PairingCode({ code, label }: { code: string; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="pairing-code">
      <p id={`${id}-hint`} className="hint">
        {t('settings.whatsapp.codeHint')}
      </p>
      <output aria-label={t('settings.whatsapp.codeLabel', { label })} aria-describedby={`${id}-hint`}>
        {`${code.slice(0, 4)}-${code.slice(4)}`}
      </output>
    </div>
  );
}

/** Where a WhatsApp link stopped (refused, expired, logged out), waiting for the moderator to try again. */
const RELINKABLE = new Set(['link_expired', 'link_refused', 'logged_out', 'link_code_failed', 'account_banned', 'account_banned_temporarily']);

/** "Link again" on a connection whose linking stopped: a new QR, or a new code for the same number. */
export function LinkAgain({ source, onNotice }: { source: SourceInfo; onNotice(n: Notice): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const reason = source.stateFields?.reason;
  if (!(typeof reason === 'string' && RELINKABLE.has(reason))) return null;
  const again = async () => {
    setBusy(true);
    try {
      const res = await relinkWhatsApp({ sourceId: source.id });
      if (!res.ok) onNotice({ kind: 'error', text: errorInWords(t, res.error, 'whatsapp', 'connect') });
    } catch (err) {
      console.warn('sources.relinkWhatsApp did not reach the console', err);
      onNotice({ kind: 'error', text: errorInWords(t, unreachable(), 'whatsapp') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" disabled={busy} aria-label={t('settings.whatsapp.relinkLabel', { label: source.label })} onClick={() => void again()}>
      {t('settings.whatsapp.relink')}
    </button>
  );
}

export function LinkWhatsApp({ onNotice }: { onNotice(n: Notice): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [rootKey, setRootKey] = useState('');
  const [open, setOpen] = useState(false);
  const [byPhone, setByPhone] = useState(false);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const server = url.trim() ? { url: url.trim(), ...(rootKey.trim() ? { noiseRootKey: rootKey.trim() } : {}) } : undefined;
    const checked = commands['sources.linkWhatsApp'].request.safeParse({ label: label.trim(), ...(server ? { server } : {}), ...(byPhone ? { phoneNumber: phone.trim() } : {}) });
    if (!checked.success) {
      const path = checked.error.issues[0]?.path.join('.') ?? '';
      const key = path.startsWith('server.noiseRootKey') ? 'settings.whatsapp.invalidKey' : path.startsWith('server') ? 'settings.whatsapp.invalidUrl' : path === 'phoneNumber' ? 'settings.whatsapp.invalidPhone' : 'settings.invalidLabel';
      onNotice({ kind: 'error', text: t(key) });
      return;
    }
    setBusy(true);
    try {
      const res = await linkWhatsApp(checked.data);
      if (res.ok) {
        setLabel('');
        onNotice({ kind: 'ok', text: t(res.value.pairingCode ? 'settings.whatsapp.typeCodeNow' : 'settings.whatsapp.scanNow', { label: res.value.label }) });
      } else onNotice({ kind: 'error', text: errorInWords(t, res.error, 'whatsapp', 'connect') });
    } catch (err) {
      console.warn('sources.linkWhatsApp did not reach the console', err);
      onNotice({ kind: 'error', text: errorInWords(t, unreachable(), 'whatsapp') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-source wa-link" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3 id={`${id}-title`}>{t('settings.whatsapp.link')}</h3>
      <p className="hint">{t('settings.whatsapp.risk')}</p>
      <label htmlFor={`${id}-label`}>{t('settings.whatsapp.label')}</label>
      <input id={`${id}-label`} value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} required />
      <label>
        <input type="checkbox" checked={byPhone} onChange={(e) => setByPhone(e.target.checked)} /> {t('settings.whatsapp.byPhone')}
      </label>
      {byPhone && (
        <>
          <label htmlFor={`${id}-phone`}>{t('settings.whatsapp.phoneNumber')}</label>
          <input id={`${id}-phone`} type="tel" value={phone} maxLength={24} placeholder="+49 151 2345678" onChange={(e) => setPhone(e.target.value)} required />
        </>
      )}
      <button type="button" className="link-button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {t('settings.whatsapp.otherServer')}
      </button>
      <div id={`${id}-panel`} hidden={!open}>
        <label htmlFor={`${id}-url`}>{t('settings.whatsapp.serverUrl')}</label>
        <input id={`${id}-url`} value={url} maxLength={300} spellCheck={false} placeholder="ws://127.0.0.1:PORT/ws/chat" onChange={(e) => setUrl(e.target.value)} />
        <label htmlFor={`${id}-key`}>{t('settings.whatsapp.rootKey')}</label>
        <input id={`${id}-key`} value={rootKey} maxLength={64} spellCheck={false} onChange={(e) => setRootKey(e.target.value)} />
      </div>
      <NoticeSlot place="whatsapp" />
      <button type="submit" disabled={busy}>
        {busy ? t('settings.adding') : t('settings.whatsapp.linkButton')}
      </button>
    </form>
  );
}
