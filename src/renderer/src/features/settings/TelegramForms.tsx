// Settings → Connections for Telegram: add a bot by its BotFather token, or log in a user account
// (phone → code → cloud password). Secrets live only in form state until sent and are cleared at once;
// the account's session stays in main and never reaches this page.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorInWords, unreachable, type ErrorLike } from '../../lib/format';
import { addTelegramBot, finishTelegramLogin, startTelegramLogin } from './connections';
import { NoticeSlot, type Notice, type NoticePlace } from './notice';
import {
  telegramBotRequest,
  telegramLoginFinishRequest,
  telegramLoginStartRequest,
  type TelegramAppFields,
  type TelegramFieldProblem,
  type TelegramServerFields,
} from './telegramRequest';


type Step = 'start' | 'code' | 'password';

const BOT_RIGHTS = ['delete', 'ban', 'pin'] as const;

/** Main's error in words, with sharper words where the step tells us what went wrong. */
function telegramErrorInWords(t: TFunction, error: ErrorLike, context: { step: Step; sentApp: boolean }): string {
  if (error.code === 'invalid_input') {
    // Main refuses a connection without app credentials when it has no defaults of its own.
    if (context.step === 'start' && !context.sentApp && error.fields?.reason === 'telegram_app_needed') return t('settings.telegram.needsApp');
    if (context.step === 'code') return t('settings.telegram.codeRejected');
    if (context.step === 'password') return t('settings.telegram.passwordRejected');
  }
  if (error.code === 'not_found' && context.step !== 'start') return t('settings.telegram.loginExpired');
  if (error.code === 'token_invalid' && context.step === 'start') return t('settings.telegram.tokenRejected');
  return errorInWords(t, error, 'telegram', context.step === 'start' ? 'connect' : 'action');
}

function thrownAsError(err: unknown): ErrorLike {
  console.warn('a Telegram connection step did not reach the console', err);
  return unreachable();
}

function problemInWords(t: TFunction, problem: TelegramFieldProblem): string {
  return t(`settings.telegram.invalid.${problem}`);
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </>
  );
}

/** API ID + hash (from my.telegram.org), optional when the console was started with defaults. */
function AppFields({ value, onChange }: { value: TelegramAppFields; onChange(v: TelegramAppFields): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="tg-fieldset">
      <legend>{t('settings.telegram.app')}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('settings.telegram.appHint')}
      </p>
      <label htmlFor={`${id}-id`}>{t('settings.telegram.apiId')}</label>
      <input id={`${id}-id`} inputMode="numeric" value={value.apiId} maxLength={12} autoComplete="off" aria-describedby={`${id}-hint`} onChange={(e) => onChange({ ...value, apiId: e.target.value })} />
      <label htmlFor={`${id}-hash`}>{t('settings.telegram.apiHash')}</label>
      <input id={`${id}-hash`} value={value.apiHash} maxLength={32} autoComplete="off" spellCheck={false} aria-describedby={`${id}-hint`} onChange={(e) => onChange({ ...value, apiHash: e.target.value })} />
    </fieldset>
  );
}

/**
 * A compatible MTProto server instead of Telegram's (the practice community, a test server). A toggle
 * button rather than <details>: the Discord form's "Advanced" disclosure stays the only one on the page.
 */
function ServerFields({ value, onChange }: { value: TelegramServerFields; onChange(v: TelegramServerFields): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="tg-server">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {t('settings.telegram.otherServer')}
      </button>
      <div id={`${id}-panel`} hidden={!open}>
        <p className="hint">{t('settings.telegram.otherServerHint')}</p>
        <Field id={`${id}-host`} label={t('settings.telegram.serverHost')}>
          <input id={`${id}-host`} value={value.host} maxLength={253} autoComplete="off" spellCheck={false} placeholder="127.0.0.1" onChange={(e) => onChange({ ...value, host: e.target.value })} />
        </Field>
        <Field id={`${id}-port`} label={t('settings.telegram.serverPort')}>
          <input id={`${id}-port`} inputMode="numeric" value={value.port} maxLength={5} autoComplete="off" onChange={(e) => onChange({ ...value, port: e.target.value })} />
        </Field>
        <Field id={`${id}-rsa`} label={t('settings.telegram.serverKey')}>
          <textarea id={`${id}-rsa`} rows={4} value={value.rsaPublicKeyPem} maxLength={4096} spellCheck={false} placeholder="-----BEGIN RSA PUBLIC KEY-----" onChange={(e) => onChange({ ...value, rsaPublicKeyPem: e.target.value })} />
        </Field>
      </div>
    </div>
  );
}

const emptyApp: TelegramAppFields = { apiId: '', apiHash: '' };
const emptyServer: TelegramServerFields = { host: '', port: '', rsaPublicKeyPem: '' };

function AddTelegramBot({ onNotice }: { onNotice(n: Notice): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [label, setLabel] = useState('');
  const [token, setToken] = useState('');
  const [app, setApp] = useState(emptyApp);
  const [server, setServer] = useState(emptyServer);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = telegramBotRequest({ label, token, ...app, ...server });
    // The token leaves this component now, whatever happens next.
    setToken('');
    if (!checked.ok) {
      onNotice({ kind: 'error', text: problemInWords(t, checked.problem) });
      return;
    }
    setBusy(true);
    try {
      const res = await addTelegramBot(checked.request);
      if (res.ok) {
        setLabel('');
        onNotice({ kind: 'ok', text: t('settings.added', { label: res.value.label }) });
      } else onNotice({ kind: 'error', text: telegramErrorInWords(t, res.error, { step: 'start', sentApp: checked.request.apiId !== undefined }) });
    } catch (err) {
      onNotice({ kind: 'error', text: errorInWords(t, thrownAsError(err), 'telegram') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-source tg-bot" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3 id={`${id}-title`}>{t('settings.telegram.addBot')}</h3>
      <Field id={`${id}-label`} label={t('settings.telegram.label')}>
        <input id={`${id}-label`} value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} required />
      </Field>
      <Field id={`${id}-token`} label={t('settings.telegram.token')} hint={t('settings.telegram.tokenHint')}>
        <input id={`${id}-token`} type="password" value={token} autoComplete="off" spellCheck={false} aria-describedby={`${id}-token-hint`} onChange={(e) => setToken(e.target.value)} required />
      </Field>
      <AppFields value={app} onChange={setApp} />
      <ServerFields value={server} onChange={setServer} />
      <NoticeSlot place="telegramBot" />
      <button type="submit" disabled={busy}>
        {busy ? t('settings.adding') : t('settings.telegram.addBotButton')}
      </button>
    </form>
  );
}

function TelegramLogin({ onNotice }: { onNotice(n: Notice): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [label, setLabel] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [app, setApp] = useState(emptyApp);
  const [server, setServer] = useState(emptyServer);
  const [step, setStep] = useState<Step>('start');
  const [loginId, setLoginId] = useState('');
  const [hint, setHint] = useState<string>();
  const [busy, setBusy] = useState(false);

  const startOver = () => {
    setStep('start');
    setLoginId('');
    setCode('');
    setPassword('');
    setHint(undefined);
  };

  const start = async () => {
    const checked = telegramLoginStartRequest({ label, phone, ...app, ...server });
    if (!checked.ok) return onNotice({ kind: 'error', text: problemInWords(t, checked.problem) });
    const res = await startTelegramLogin(checked.request);
    if (!res.ok) return onNotice({ kind: 'error', text: telegramErrorInWords(t, res.error, { step: 'start', sentApp: checked.request.apiId !== undefined }) });
    setLoginId(res.value.loginId);
    setStep('code');
    onNotice({ kind: 'ok', text: t('settings.telegram.codeSent') });
  };

  const finish = async (current: 'code' | 'password') => {
    const checked = telegramLoginFinishRequest(loginId, current === 'code' ? { code } : { password });
    // The password leaves this component now, whatever happens next.
    if (current === 'password') setPassword('');
    if (!checked.ok) return onNotice({ kind: 'error', text: problemInWords(t, checked.problem) });
    const res = await finishTelegramLogin(checked.request);
    if (!res.ok) {
      if (res.error.code === 'not_found') startOver();
      return onNotice({ kind: 'error', text: telegramErrorInWords(t, res.error, { step: current, sentApp: true }) });
    }
    if (res.value.status === 'password_needed') {
      setHint(res.value.hint);
      setStep('password');
      onNotice({ kind: 'ok', text: t('settings.telegram.passwordNeeded') });
      return;
    }
    startOver();
    setLabel('');
    setPhone('');
    onNotice({ kind: 'ok', text: t('settings.telegram.signedIn', { label: res.value.source.label }) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      if (step === 'start') await start();
      else await finish(step);
    } catch (err) {
      onNotice({ kind: 'error', text: errorInWords(t, thrownAsError(err), 'telegram') });
    } finally {
      setBusy(false);
    }
  };

  const button = step === 'start' ? t('settings.telegram.sendCode') : t('settings.telegram.signIn');
  return (
    <form className="add-source tg-login" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3 id={`${id}-title`}>{t('settings.telegram.login')}</h3>
      <p className="hint">{t('settings.telegram.loginWhy')}</p>
      <Field id={`${id}-label`} label={t('settings.telegram.label')}>
        <input id={`${id}-label`} value={label} maxLength={80} readOnly={step !== 'start'} onChange={(e) => setLabel(e.target.value)} required />
      </Field>
      <Field id={`${id}-phone`} label={t('settings.telegram.phone')} hint={t('settings.telegram.phoneHint')}>
        <input id={`${id}-phone`} type="tel" value={phone} maxLength={24} autoComplete="off" readOnly={step !== 'start'} aria-describedby={`${id}-phone-hint`} onChange={(e) => setPhone(e.target.value)} required />
      </Field>
      {step === 'start' && (
        <>
          <AppFields value={app} onChange={setApp} />
          <ServerFields value={server} onChange={setServer} />
        </>
      )}
      {step === 'code' && (
        <Field id={`${id}-code`} label={t('settings.telegram.code')} hint={t('settings.telegram.codeHint')}>
          <input id={`${id}-code`} inputMode="numeric" value={code} maxLength={12} autoComplete="one-time-code" aria-describedby={`${id}-code-hint`} onChange={(e) => setCode(e.target.value)} required />
        </Field>
      )}
      {step === 'password' && (
        <Field id={`${id}-password`} label={t('settings.telegram.password')} hint={hint ? t('settings.telegram.passwordHint', { hint }) : t('settings.telegram.passwordNoHint')}>
          <input id={`${id}-password`} type="password" value={password} maxLength={256} autoComplete="off" aria-describedby={`${id}-password-hint`} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
      )}
      <NoticeSlot place="telegramLogin" />
      <div className="tg-buttons">
        <button type="submit" disabled={busy}>
          {busy ? t('settings.adding') : button}
        </button>
        {step !== 'start' && (
          <button type="button" className="link-button" disabled={busy} onClick={startOver}>
            {t('settings.telegram.startOver')}
          </button>
        )}
      </div>
    </form>
  );
}

/** What a Telegram bot must be given in the group; without it, it sees or does too little. */
function TelegramNeeds() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="needs-telegram" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('settings.telegram.needs')}</h3>
      <h4>{t('settings.telegram.needsAdmin')}</h4>
      <ul>
        {BOT_RIGHTS.map((r) => (
          <li key={r}>{t(`settings.telegram.right.${r}`)}</li>
        ))}
      </ul>
      <h4>{t('settings.telegram.needsPrivacy')}</h4>
      <p>
        {t('settings.telegram.privacyHow')} <code>/setprivacy</code> → <code>Disable</code>
      </p>
      <h4>{t('settings.telegram.needsAccount')}</h4>
      <p>{t('settings.telegram.accountRights')}</p>
    </section>
  );
}

export function TelegramConnections({ say }: { say(place: NoticePlace): (n: Notice) => void }) {
  return (
    <div className="add-grid telegram-grid">
      <AddTelegramBot onNotice={say('telegramBot')} />
      <TelegramNeeds />
      <TelegramLogin onNotice={say('telegramLogin')} />
    </div>
  );
}
