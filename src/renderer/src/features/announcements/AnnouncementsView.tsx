// The Announcements view: write one announcement, see it as each platform will show it (Discord
// markdown, Telegram's formatting, WhatsApp's markers, each limit), choose the spaces, pin, send —
// through the outbox, like every action — and follow what was sent where.
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { previewAnnouncement, type AnnouncementMessage } from '@shared/announce/compose';
import type { Platform } from '@shared/domain/model';
import { absoluteTime } from '../../lib/format';
import { useActions } from '../../stores/actions';
import { useSettings } from '../../stores/settings';
import { useSources } from '../../stores/sources';
import { statusWords } from '../conversation/BulkPanel';
import { chosenTargets, spaceChoices } from './targets';
import { useAnnouncements } from './useAnnouncements';
import './announcements.css';

const PLATFORMS: Platform[] = ['discord', 'telegram', 'whatsapp'];

/** Telegram's text with its entities as elements; text stays text, a link shows its address, never a live link. */
function TelegramFormatted({ message }: { message: AnnouncementMessage }) {
  const text = message.text;
  const entities = message.entities ?? [];
  const cuts = [...new Set([0, text.length, ...entities.flatMap((e) => [e.offset, e.offset + e.length])])].filter((n) => n <= text.length).sort((a, b) => a - b);
  const parts: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] ?? 0;
    const to = cuts[i + 1] ?? 0;
    let node: ReactNode = text.slice(from, to);
    for (const e of entities.filter((x) => x.offset <= from && x.offset + x.length >= to)) {
      if (e.type === 'bold') node = <strong>{node}</strong>;
      else if (e.type === 'italic') node = <em>{node}</em>;
      else if (e.type === 'code' || e.type === 'pre') node = <code>{node}</code>;
      else node = <span className="preview-link" title={e.url}>{node}</span>;
    }
    parts.push(<span key={from}>{node}</span>);
  }
  return <>{parts}</>;
}

function Preview({ draft }: { draft: string }) {
  const { t } = useTranslation();
  const [platform, setPlatform] = useState<Platform>('discord');
  const preview = useMemo(() => (draft.trim() ? previewAnnouncement(draft, platform) : undefined), [draft, platform]);
  return (
    <section className="announce-preview" aria-label={t('announce.preview')}>
      <div role="group" aria-label={t('announce.previewOn')} className="preview-tabs">
        {PLATFORMS.map((p) => (
          <button key={p} type="button" aria-pressed={platform === p} onClick={() => setPlatform(p)}>
            {t(`platform.${p}`)}
          </button>
        ))}
      </div>
      {!preview ? (
        <p className="muted">{t('announce.previewEmpty')}</p>
      ) : (
        <>
          {preview.messages.map((m, i) => (
            <div key={i} className="announce-message" data-testid={`preview-${platform}`}>
              <pre className="preview-message">{platform === 'telegram' ? <TelegramFormatted message={m} /> : m.text}</pre>
              <p className="muted announce-length">{t('announce.length', { length: m.length, limit: preview.limit })}</p>
            </div>
          ))}
          {preview.split && <p className="notice">{t('announce.split', { count: preview.messages.length, platform: t(`platform.${platform}`), limit: preview.limit })}</p>}
        </>
      )}
    </section>
  );
}

function Sent() {
  const { t, i18n } = useTranslation();
  const sent = useAnnouncements((s) => s.sent);
  const outboxVersion = useActions((s) => s.outboxVersion);
  const sources = useSources((s) => s.sources);
  useEffect(() => {
    void useAnnouncements.getState().load();
  }, [outboxVersion]);
  const spaceName = (sourceId: string, spaceId: string) => sources.find((s) => s.id === sourceId)?.spaces.find((sp) => sp.id === spaceId)?.name ?? spaceId;
  return (
    <section className="announce-sent" aria-labelledby="announce-sent-title">
      <h3 id="announce-sent-title">{t('announce.sent')}</h3>
      {sent.length === 0 ? (
        <p className="muted">{t('announce.noneSent')}</p>
      ) : (
        <ul>
          {sent.map((a) => (
            <li key={a.id} data-testid="sent-announcement">
              <p className="announce-sent-text">{a.text.length > 120 ? `${a.text.slice(0, 119)}…` : a.text}</p>
              <p className="muted">{absoluteTime(a.createdAt, i18n.language)}</p>
              <ul>
                {a.spaces.map((s) => (
                  <li key={`${s.sourceId}:${s.spaceId}:${s.channelId}`}>
                    {t(`platform.${s.platform}`)} · {spaceName(s.sourceId, s.spaceId)} — {statusWords(t, s.shown, s.platform)}
                    {s.rows.length > 1 && ` · ${t('announce.parts', { count: s.rows.length })}`}
                    {s.pinned && ` · ${t('announce.pinned')}`}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AnnouncementsView() {
  const { t } = useTranslation();
  const sources = useSources((s) => s.sources);
  const setView = useSettings((s) => s.setView);
  const publishing = useAnnouncements((s) => s.publishing);
  const problem = useAnnouncements((s) => s.problem);
  const choices = useMemo(() => spaceChoices(sources), [sources]);
  const [draft, setDraft] = useState('');
  const draftId = useId();
  const [pin, setPin] = useState(false);
  /** Chosen spaces → the channel each goes to. */
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const targets = chosenTargets(choices, chosen);

  const toggle = (id: string, channelId: string | undefined) => {
    const next = new Map(chosen);
    if (channelId === undefined) next.delete(id);
    else next.set(id, channelId);
    setChosen(next);
  };

  const submit = async () => {
    await useAnnouncements.getState().publish({ draft, targets, pin });
    if (!useAnnouncements.getState().problem) {
      setDraft('');
      setPin(false);
    }
  };

  return (
    <section id="announcements" className="announcements-view" aria-labelledby="announcements-title">
      <div className="announce-head">
        <h2 id="announcements-title">{t('announce.title')}</h2>
        <button type="button" onClick={() => setView('inbox')}>
          {t('announce.close')}
        </button>
      </div>
      <form
        className="announce-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="announce-draft">
          {/* A label beside, not around, the box: a wrapped textbox would lend the draft to its own name. */}
          <label htmlFor={draftId}>{t('announce.draft')}</label>
          <textarea id={draftId} value={draft} rows={6} onChange={(e) => setDraft(e.target.value)} placeholder={t('announce.draftHint')} />
        </div>
        <Preview draft={draft} />
        <fieldset className="announce-spaces">
          <legend>{t('announce.spaces')}</legend>
          {choices.length === 0 && <p className="muted">{t('announce.noSpaces')}</p>}
          {choices.map((c) => {
            const channelId = chosen.get(c.id);
            return (
              <div key={c.id} className="announce-space">
                <label>
                  <input type="checkbox" checked={channelId !== undefined} onChange={(e) => toggle(c.id, e.target.checked ? c.defaultChannelId : undefined)} />
                  {t(`platform.${c.platform}`)} · {c.spaceName}
                </label>
                {channelId !== undefined && c.channels.length > 1 && (
                  <select aria-label={t('announce.channelOf', { space: c.spaceName })} value={channelId} onChange={(e) => toggle(c.id, e.target.value)}>
                    {c.channels.map((ch) => (
                      <option key={ch.id} value={ch.id}>
                        {ch.name}
                      </option>
                    ))}
                  </select>
                )}
              </div>
            );
          })}
        </fieldset>
        <label>
          <input type="checkbox" checked={pin} onChange={(e) => setPin(e.target.checked)} />
          {t('announce.pin')}
        </label>
        {problem && (
          <p className="notice" role="alert">
            {t(problem)}
          </p>
        )}
        <button type="submit" disabled={publishing || !draft.trim() || targets.length === 0}>
          {t('announce.send', { count: targets.length })}
        </button>
      </form>
      <Sent />
    </section>
  );
}
