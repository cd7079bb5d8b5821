// The note under a reply or warning box while it still holds a {placeholder}, and the stop before sending
// one: sent as it is, the member would read "{rule_link}". A send is stopped with what is missing and
// where to fill it (Settings → Community for the links, one click away); the draft stays. A member who
// really asked about "{name}" can still get the braces, by a second, separate "send as written".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../stores/settings';
import { placeholderHome, placeholdersLeft } from './draftText';

/** Whether a text may go now; a stopped send shows why until the text has no placeholder left. */
export function usePlaceholderGuard() {
  const [stopped, setStopped] = useState(false);
  return {
    stopped,
    /** True when the text holds no placeholder, or the moderator chose to send it as written. */
    mayGo(text: string, asWritten = false): boolean {
      const go = asWritten || placeholdersLeft(text).length === 0;
      setStopped(!go);
      return go;
    },
  };
}

export function PlaceholdersLeft({ text, where, stopped, onSendAsWritten }: { text: string; where: 'reply' | 'warn'; stopped: boolean; onSendAsWritten(): void }) {
  const { t } = useTranslation();
  const names = placeholdersLeft(text);
  if (names.length === 0) return null;
  if (!stopped) return <p className="notice placeholders-left">{t('act.reply.placeholdersLeft', { names: names.join(', ') })}</p>;
  const homes = names.map((name) => ({ name, home: placeholderHome(name, where) }));
  const settingsPart = homes.some((h) => h.home === 'links') ? 'links' : homes.some((h) => h.home === 'crisis') ? 'crisis' : undefined;
  return (
    <div role="alert" className="notice failed placeholders-left placeholders-stopped">
      <p>{t('act.placeholders.stopped', { names: names.join(', ') })}</p>
      <ul>
        {homes.map(({ name, home }) => (
          <li key={name}>{t(`act.placeholders.home.${home}`, { name })}</li>
        ))}
      </ul>
      <div className="form-buttons">
        {settingsPart && (
          <button type="button" onClick={() => useSettings.getState().openSetting(settingsPart)}>
            {t(`act.placeholders.open.${settingsPart}`)}
          </button>
        )}
        <button type="button" onClick={onSendAsWritten}>
          {t('act.placeholders.sendAsWritten')}
        </button>
      </div>
      <p className="muted">{t('act.placeholders.kept')}</p>
    </div>
  );
}
