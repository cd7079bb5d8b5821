// Settings → Connections: the sources and their state, removing one, and adding a Discord bot
// (Telegram's forms live in TelegramForms.tsx).
// The token lives only in this form's state until it is sent, and is cleared right after.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { commands } from '@shared/ipc/contract';
import type { SourceInfo } from '@shared/domain/model';
import { DISCORD_INTENTS, DISCORD_PERMISSIONS } from '@shared/domain/discordNeeds';
import { PlatformBadge } from '../../components/PlatformBadge';
import { languages, type Language } from '../../i18n';
import { errorInWords, unreachable } from '../../lib/format';
import { useSettings } from '../../stores/settings';
import { useShownSourceState, useSources } from '../../stores/sources';
import { CommunitySettings } from './CommunitySettings';
import { NoticeSlot, PlacedNotice, type Notice, type NoticePlace } from './notice';
import { addDiscordSource, removeSource } from './connections';
import { SecretProtectionNotice } from './SecretProtectionNotice';
import { TelegramConnections } from './TelegramForms';
import { WelcomeSettingsSection } from './WelcomeSettings';
import { LinkAgain, LinkQr, LinkWhatsApp, PairingCode } from './WhatsAppForms';

const DISCORD_API = 'https://discord.com/api';

function SourceRow({ source, onRemoved }: { source: SourceInfo; onRemoved(n: Notice): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const state = useShownSourceState(source);
  const remove = async () => {
    setBusy(true);
    try {
      const res = await removeSource(source.id);
      if (res.ok) {
        onRemoved({ kind: 'ok', text: t('settings.removed', { label: source.label }) });
      } else onRemoved({ kind: 'error', text: errorInWords(t, res.error) });
    } catch (err) {
      console.warn('sources.remove did not reach the console', err);
      onRemoved({ kind: 'error', text: errorInWords(t, unreachable()) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`source-row state-${state}`}>
      <PlatformBadge platform={source.platform} />
      <span className="source-label">{source.label}</span>
      {source.practice && <span className="tag">{t('header.practice')}</span>}
      <span className="state-words">
        <span className="state-dot" aria-hidden="true" />
        {t(`sourceState.${state}`)}
      </span>
      {source.state !== 'ready' && (
        <span className="muted detail">
          {source.stateFields?.reason
            ? errorInWords(t, { code: 'offline', fields: source.stateFields }, source.platform, 'connect')
            : t(`sourceDetail.${source.state}`, { platform: t(`platform.${source.platform}`) })}
        </span>
      )}
      {source.link && <LinkQr value={source.link.qr} label={t('settings.whatsapp.qrLabel', { label: source.label })} />}
      {source.pairingCode && <PairingCode code={source.pairingCode} label={source.label} />}
      {source.platform === 'whatsapp' && !source.practice && <LinkAgain source={source} onNotice={onRemoved} />}
      {source.practice ? (
        <span className="muted detail">{t('settings.practiceStays')}</span>
      ) : (
        <button type="button" disabled={busy} aria-label={t('settings.removeLabel', { label: source.label })} onClick={() => void remove()}>
          {t('settings.remove')}
        </button>
      )}
    </li>
  );
}

function AddDiscord({ onNotice }: { onNotice(n: Notice): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [label, setLabel] = useState('');
  const [token, setToken] = useState('');
  const [apiBase, setApiBase] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<'label' | 'token' | 'apiBase'>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const request = { label: label.trim(), token: token.trim(), ...(apiBase.trim() ? { apiBase: apiBase.trim() } : {}) };
    // The token leaves this component now, whatever happens next.
    setToken('');
    setInvalid(undefined);
    const checked = commands['sources.addDiscord'].request.safeParse(request);
    if (!checked.success) {
      const field = checked.error.issues[0]?.path[0];
      onNotice({ kind: 'error', text: field === 'label' ? t('settings.invalidLabel') : field === 'apiBase' ? t('settings.invalidApiBase') : t('settings.invalidToken') });
      setInvalid(field === 'label' ? 'label' : field === 'apiBase' ? 'apiBase' : 'token');
      return;
    }
    setBusy(true);
    try {
      const res = await addDiscordSource(checked.data);
      if (res.ok) {
        setLabel('');
        setApiBase('');
        onNotice({ kind: 'ok', text: t('settings.added', { label: res.value.label }) });
      } else {
        if (res.error.code === 'token_invalid') setInvalid('token');
        onNotice({ kind: 'error', text: errorInWords(t, res.error, 'discord', 'connect') });
      }
    } catch (err) {
      console.warn('sources.addDiscord did not reach the console', err);
      onNotice({ kind: 'error', text: errorInWords(t, unreachable()) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-source" onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3>{t('settings.addDiscord')}</h3>
      <label htmlFor={`${id}-label`}>{t('settings.label')}</label>
      <input id={`${id}-label`} value={label} maxLength={80} aria-invalid={invalid === 'label' || undefined} onChange={(e) => setLabel(e.target.value)} required />
      <label htmlFor={`${id}-token`}>{t('settings.token')}</label>
      <input id={`${id}-token`} type="password" value={token} autoComplete="off" spellCheck={false} aria-describedby={`${id}-token-hint`} aria-invalid={invalid === 'token' || undefined} onChange={(e) => setToken(e.target.value)} required />
      <p id={`${id}-token-hint`} className="hint">
        {t('settings.tokenHint')}
      </p>
      <details>
        <summary>{t('settings.advanced')}</summary>
        <label htmlFor={`${id}-api`}>{t('settings.apiBase')}</label>
        <input id={`${id}-api`} type="url" value={apiBase} placeholder={DISCORD_API} aria-describedby={`${id}-api-hint`} aria-invalid={invalid === 'apiBase' || undefined} onChange={(e) => setApiBase(e.target.value)} />
        <p id={`${id}-api-hint`} className="hint">
          {t('settings.apiBaseHint', { url: DISCORD_API })}
        </p>
      </details>
      <NoticeSlot place="discord" />
      <button type="submit" disabled={busy}>
        {busy ? t('settings.adding') : t('settings.add')}
      </button>
    </form>
  );
}

export function SettingsView() {
  const { t } = useTranslation();
  const sources = useSources((s) => s.sources);
  const language = useSettings((s) => s.language);
  const setLanguage = useSettings((s) => s.setLanguage);
  const setView = useSettings((s) => s.setView);
  const [placed, setPlaced] = useState<{ place: NoticePlace; notice: Notice }>();
  const say = (place: NoticePlace) => (notice: Notice) => setPlaced(notice ? { place, notice } : undefined);
  const langId = useId();

  return (
    <PlacedNotice.Provider value={placed}>
      <main id="item" className="settings" aria-labelledby="settings-title">
        <div className="item-head">
          <h2 id="settings-title">{t('settings.title')}</h2>
          <button type="button" className="link-button" onClick={() => setView('inbox')}>
            {t('settings.back')}
          </button>
        </div>
        <section aria-labelledby="connections-title">
          <h3 id="connections-title">{t('settings.connections')}</h3>
          <SecretProtectionNotice />
          {sources.length === 0 ? (
            <p className="muted">{t('settings.noSources')}</p>
          ) : (
            <ul className="source-list">
              {sources.map((s) => (
                <SourceRow key={s.id} source={s} onRemoved={say('sources')} />
              ))}
            </ul>
          )}
          <NoticeSlot place="sources" />
          <div className="add-grid">
            <AddDiscord onNotice={say('discord')} />
            <section className="needs" aria-labelledby="needs-title">
              <h3 id="needs-title">{t('settings.needs')}</h3>
              <h4>{t('settings.intents')}</h4>
              <ul>
                {DISCORD_INTENTS.map(({ name: intent, privileged }) => (
                  <li key={intent}>
                    <code>{intent}</code> {t(`settings.intent.${intent}`)}
                    {privileged && <span className="tag">{t('settings.privileged')}</span>}
                  </li>
                ))}
              </ul>
              <h4>{t('settings.permissions')}</h4>
              <ul>
                {DISCORD_PERMISSIONS.map(({ key }) => (
                  <li key={key}>{t(`settings.permission.${key}`)}</li>
                ))}
              </ul>
            </section>
          </div>
          <TelegramConnections say={say} />
          <LinkWhatsApp onNotice={say('whatsapp')} />
        </section>
        <CommunitySettings />
        <WelcomeSettingsSection />
        <section aria-labelledby={`${langId}-title`}>
          <h3 id={`${langId}-title`}>{t('settings.language')}</h3>
          <select aria-labelledby={`${langId}-title`} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </section>
      </main>
    </PlacedNotice.Provider>
  );
}
