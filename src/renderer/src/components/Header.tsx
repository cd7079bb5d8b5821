// The banner: product name, every connection's state in words, the link to main, language, settings.
// Features put their own parts in (who is on shift, the outbox badge): components do not import features.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SourceInfo } from '@shared/domain/model';
import { languages, type Language } from '../i18n';
import { dayAndTime } from '../lib/format';
import { retryBridge } from '../ipc/client';
import { useSettings } from '../stores/settings';
import { useShownSourceState, useSources } from '../stores/sources';
import { PlatformBadge } from './PlatformBadge';

/** "messages between X and Y could not be read", with whichever ends are known. */
function unreadWords(t: TFunction, space: string, gap: { after?: number; before?: number }, lang: string): string {
  const at = (ts: number) => dayAndTime(ts, lang);
  if (gap.after !== undefined && gap.before !== undefined) return t('header.unreadBetween', { space, after: at(gap.after), before: at(gap.before) });
  if (gap.after !== undefined) return t('header.unreadAfter', { space, after: at(gap.after) });
  if (gap.before !== undefined) return t('header.unreadBefore', { space, before: at(gap.before) });
  return t('header.unreadSome', { space });
}

function SourceStatus({ source }: { source: SourceInfo }) {
  const { t, i18n } = useTranslation();
  const state = useShownSourceState(source);
  // Spaces the connected account was removed from: nothing more comes from them, and nothing can be done there.
  const removed = source.spaces.filter((s) => s.removed).map((s) => s.name);
  // Stretches of a space's messages the connection could not read back: the moderator knows to look there in the app.
  const unread = source.spaces.flatMap((s) => (s.unread ?? []).map((gap, i) => ({ key: `${s.id}:${i}`, text: unreadWords(t, s.name, gap, i18n.language) })));
  return (
    <li className={`source-status state-${state}`}>
      <PlatformBadge platform={source.platform} />
      <span className="source-label" title={source.label}>
        {source.label}
      </span>
      {source.practice && <span className="tag">{t('header.practice')}</span>}
      <span className="state-dot" aria-hidden="true" />
      <span className="state-words">{t(`sourceState.${state}`)}</span>
      {removed.length > 0 && (
        <span className="source-removed" title={t('header.removedHint')}>
          {t('header.removedFrom', { spaces: removed.join(', ') })}
        </span>
      )}
      {unread.map((u) => (
        <span key={u.key} className="source-unread" title={t('header.unreadHint')}>
          {u.text}
        </span>
      ))}
    </li>
  );
}

export interface HeaderProps {
  /** Shown after the link's state: the team's shift status. */
  team: ReactNode;
  /** First of the tools: the outbox's badge. */
  outbox: ReactNode;
}

export function Header({ team, outbox }: HeaderProps) {
  const { t } = useTranslation();
  const sources = useSources((s) => s.sources);
  const bridge = useSources((s) => s.bridge);
  const view = useSettings((s) => s.view);
  const setView = useSettings((s) => s.setView);
  const language = useSettings((s) => s.language);
  const setLanguage = useSettings((s) => s.setLanguage);
  const setShortcutsOpen = useSettings((s) => s.setShortcutsOpen);

  return (
    <header className="app-header">
      <h1 className="product">{t('app.name')}</h1>
      <ul className="sources" aria-label={t('header.sources')}>
        {sources.length === 0 ? <li className="muted">{t('header.noSources')}</li> : sources.map((s) => <SourceStatus key={s.id} source={s} />)}
      </ul>
      <div className={`bridge bridge-${bridge}`} role="status" title={bridge === 'offline' || bridge === 'reconnecting' ? t('bridge.offlineHint') : undefined}>
        <span className="visually-hidden">{t('bridge.label')}: </span>
        <span className="state-dot" aria-hidden="true" />
        {t(`bridge.${bridge}`)}
        {(bridge === 'offline' || bridge === 'reconnecting') && (
          <button type="button" className="link-button" onClick={retryBridge}>
            {t('bridge.retry')}
          </button>
        )}
      </div>
      {team}
      <div className="header-tools">
        {outbox}
        <label className="language">
          <span className="visually-hidden">{t('header.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="?" title={t('header.shortcuts')}>
          ?<span className="visually-hidden"> {t('header.shortcuts')}</span>
        </button>
        <button type="button" aria-pressed={view === 'announcements'} aria-keyshortcuts="a" onClick={() => setView(view === 'announcements' ? 'inbox' : 'announcements')}>
          {t('announce.open')}
        </button>
        <button type="button" aria-pressed={view === 'feedback'} onClick={() => setView(view === 'feedback' ? 'inbox' : 'feedback')}>
          {t('feedback.open')}
        </button>
        <button type="button" aria-pressed={view === 'insights'} aria-keyshortcuts="Shift+I" onClick={() => setView(view === 'insights' ? 'inbox' : 'insights')}>
          {t('insights.open')}
        </button>
        <button type="button" aria-pressed={view === 'rules'} onClick={() => setView(view === 'rules' ? 'inbox' : 'rules')}>
          {t('rules.open')}
        </button>
        <button type="button" onClick={() => setView(view === 'settings' ? 'inbox' : 'settings')}>
          {view === 'settings' ? t('header.inbox') : t('header.settings')}
        </button>
      </div>
    </header>
  );
}
