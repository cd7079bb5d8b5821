// The Announcements view: write one announcement, see it as each platform will show it (Discord
// markdown, Telegram's formatting, WhatsApp's markers, each limit), choose the spaces, pin, send —
// through the outbox, like every action — and follow what was sent where.
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { previewAnnouncement, type AnnouncementMessage } from '@shared/announce/compose';
import { COMMON_LANGUAGES, versionFor, type AnnouncementVersion } from '@shared/announce/languages';
import { capabilities } from '@shared/domain/capabilities';
import type { Platform } from '@shared/domain/model';
import { absoluteTime } from '../../lib/format';
import { useActions } from '../../stores/actions';
import { useSettings } from '../../stores/settings';
import { useSources } from '../../stores/sources';
import { statusWords } from '../conversation/BulkPanel';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft } from '../replies/keptDrafts';
import { DateTime } from 'luxon';
import type { Recurrence, Reminder } from '@shared/announce/recurrence';
import { useTeam } from '../../stores/team';
import { TeamFailure } from '../shifts/TeamFailure';
import { viewerZone, zones } from '../shifts/zones';
import { Calendar } from './Calendar';
import { PollComposer } from './PollComposer';
import { PollResults } from './PollResults';
import { chosenTargets, languageOf, spaceChoices, type SpaceChoice } from './targets';
import type { SentAnnouncement, SentSpace } from './history';
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

/** A language tag in the reader's words ("Chinese (China)", "中文（中国）"), or the tag itself. */
function languageName(tag: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A chosen space as the preview lists it under the version it receives. */
interface Destination {
  name: string;
  platform: Platform;
  language: string | undefined;
}

function Preview({ draft, versions, destinations }: { draft: string; versions: readonly AnnouncementVersion[]; destinations: readonly Destination[] }) {
  const { t, i18n } = useTranslation();
  const [platform, setPlatform] = useState<Platform>('discord');
  /** The version previewed: a language tag, or '' for the default draft. */
  const [shownLang, setShownLang] = useState('');
  const written = versions.filter((v) => v.draft.trim());
  const version = written.find((v) => v.lang === shownLang);
  const text = version?.draft ?? draft;
  const preview = text.trim() ? previewAnnouncement(text, platform) : undefined;
  const receivers = destinations.filter((d) => (versionFor(written, d.language)?.lang ?? '') === (version?.lang ?? ''));
  return (
    <section className="announce-preview" aria-label={t('announce.preview')}>
      {written.length > 0 && (
        <div role="group" aria-label={t('announce.versions.previewOf')} className="preview-tabs">
          {[undefined, ...written].map((v) => (
            <button key={v?.lang ?? ''} type="button" aria-pressed={(version?.lang ?? '') === (v?.lang ?? '')} onClick={() => setShownLang(v?.lang ?? '')}>
              {v ? languageName(v.lang, i18n.language) : t('announce.versions.default')}
            </button>
          ))}
        </div>
      )}
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
          {written.length > 0 && (
            <p className="muted" data-testid="preview-receivers">
              {receivers.length > 0
                ? t('announce.versions.goesTo', { spaces: receivers.map((d) => `${t(`platform.${d.platform}`)} · ${d.name}`).join(', ') })
                : t('announce.versions.goesNowhere')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** The versions of the draft in other languages: add one per language, write it, remove it. */
function Versions({ versions, setVersions }: { versions: readonly AnnouncementVersion[]; setVersions: (v: AnnouncementVersion[]) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const free = COMMON_LANGUAGES.filter((l) => !versions.some((v) => v.lang === l));
  const [adding, setAdding] = useState<string>(free[0] ?? '');
  const toAdd = free.includes(adding as (typeof free)[number]) ? adding : (free[0] ?? '');
  return (
    <fieldset className="announce-versions">
      <legend>{t('announce.versions.title')}</legend>
      <p className="muted">{t('announce.versions.hint')}</p>
      {versions.map((v, i) => {
        const name = languageName(v.lang, i18n.language);
        return (
          <div key={v.lang} className="announce-draft">
            <label htmlFor={`${id}-${v.lang}`}>{t('announce.versions.draftIn', { language: name })}</label>
            <textarea id={`${id}-${v.lang}`} value={v.draft} rows={4} onChange={(e) => setVersions(versions.map((x, j) => (j === i ? { ...x, draft: e.target.value } : x)))} />
            <button type="button" onClick={() => setVersions(versions.filter((_, j) => j !== i))}>
              {t('announce.versions.remove', { language: name })}
            </button>
          </div>
        );
      })}
      {free.length > 0 && (
        <div className="inline-form">
          <label htmlFor={`${id}-add`}>{t('announce.versions.add')}</label>
          <select id={`${id}-add`} value={toAdd} onChange={(e) => setAdding(e.target.value)}>
            {free.map((l) => (
              <option key={l} value={l}>
                {languageName(l, i18n.language)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => toAdd && setVersions([...versions, { lang: toAdd, draft: '' }])}>
            {t('announce.versions.addButton')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

/** A chosen space's language: set here on this console, or the one its platform tells. */
function SpaceLanguage({ choice }: { choice: SpaceChoice }) {
  const { t, i18n } = useTranslation();
  const set = useAnnouncements((s) => s.spaceLanguages[choice.id]);
  const options = [...new Set([...(choice.toldLanguage ? [choice.toldLanguage] : []), ...COMMON_LANGUAGES, ...(set ? [set] : [])])];
  return (
    <select
      aria-label={t('announce.versions.languageOf', { space: choice.spaceName })}
      value={set ?? ''}
      onChange={(e) => void useAnnouncements.getState().setSpaceLanguage(choice.id, e.target.value || undefined)}
    >
      <option value="">
        {choice.toldLanguage
          ? t('announce.versions.told', { language: languageName(choice.toldLanguage, i18n.language), platform: t(`platform.${choice.platform}`) })
          : t('announce.versions.unset')}
      </option>
      {options.map((l) => (
        <option key={l} value={l}>
          {languageName(l, i18n.language)}
        </option>
      ))}
    </select>
  );
}

/** One space of a sent announcement: its state, and an editor for its text once it is posted. */
function SentSpaceLine({ announcementId, space, spaceName }: { announcementId: string; space: SentSpace; spaceName: string }) {
  const { t } = useTranslation();
  // A new text being written for a posted announcement is kept on this computer until saved or cancelled.
  const editKey = `announce-edit:${announcementId}:${space.sourceId}:${space.spaceId}`;
  const [editing, setEditing] = useKeptDraft<string | undefined>(editKey, () => undefined);
  const editorId = useId();
  const problem = useAnnouncements((s) => s.problem);
  const where = `${t(`platform.${space.platform}`)} · ${spaceName}`;
  const editable = capabilities[space.platform].edit;
  const pendingEdit = space.edits.find((r) => r.status !== 'confirmed');
  const posted = space.messageIds.length > 0 && space.messageIds.every((id) => id !== undefined);
  return (
    <li data-testid="sent-space">
      {where} — {statusWords(t, space.shown, space.platform)}
      {space.rows.length > 1 && ` · ${t('announce.parts', { count: space.rows.length })}`}
      {space.pinned && ` · ${t('announce.pinned')}`}
      {space.pinRefused && ` · ${t('announce.pinRefused')}`}
      {space.deleted ? ` · ${t('announce.change.deleted')}` : space.edited ? ` · ${t('announce.change.edited')}` : ''}
      {!space.deleted && pendingEdit && ` · ${t('announce.change.editing', { status: statusWords(t, pendingEdit, space.platform) })}`}
      {!space.deleted && posted && space.draft !== undefined && editing === undefined && (
        <button
          type="button"
          className="link-button"
          aria-label={t('announce.change.editOf', { space: where })}
          disabled={!editable.supported}
          title={editable.whyNot ? t(editable.whyNot) : undefined}
          onClick={() => setEditing(space.draft)}
        >
          {t('announce.change.edit')}
        </button>
      )}
      {editing !== undefined && (
        <div className="announce-draft">
          <label htmlFor={editorId}>{t('announce.change.newText', { space: where })}</label>
          <textarea id={editorId} value={editing} rows={4} onChange={(e) => setEditing(e.target.value)} />
          <DraftRestored draftKey={editKey} />
          {problem && <p className="notice">{t(problem)}</p>}
          <div className="inline-form">
            <button
              type="button"
              disabled={!editing.trim() || editing === space.draft}
              onClick={() => {
                void useAnnouncements
                  .getState()
                  .edit(announcementId, space, editing)
                  .then((done) => {
                    if (done) setEditing(undefined);
                  });
              }}
            >
              {t('announce.change.save')}
            </button>
            <button type="button" onClick={() => setEditing(undefined)}>
              {t('announce.change.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function SentEntry({ announcement }: { announcement: SentAnnouncement }) {
  const { t, i18n } = useTranslation();
  const sources = useSources((s) => s.sources);
  const [confirming, setConfirming] = useState(false);
  const spaceName = (sourceId: string, spaceId: string) => sources.find((s) => s.id === sourceId)?.spaces.find((sp) => sp.id === spaceId)?.name ?? spaceId;
  const deletable = announcement.spaces.some((s) => !s.deleted && s.messageIds.some((id) => id !== undefined));
  const a = announcement;
  return (
    <li data-testid="sent-announcement">
      <p className="announce-sent-text">{a.text.length > 120 ? `${a.text.slice(0, 119)}…` : a.text}</p>
      <p className="muted">{absoluteTime(a.createdAt, i18n.language)}</p>
      <ul>
        {a.spaces.map((s) => (
          <SentSpaceLine key={`${s.sourceId}:${s.spaceId}:${s.channelId}`} announcementId={a.id} space={s} spaceName={spaceName(s.sourceId, s.spaceId)} />
        ))}
      </ul>
      {deletable &&
        (confirming ? (
          <div className="inline-form" role="group" aria-label={t('announce.change.confirmDelete')}>
            <span>{t('announce.change.confirmDelete')}</span>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                void useAnnouncements.getState().remove(a);
              }}
            >
              {t('announce.change.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('announce.change.keep')}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('announce.change.delete')}
          </button>
        ))}
    </li>
  );
}

function Sent() {
  const { t } = useTranslation();
  const sent = useAnnouncements((s) => s.sent);
  const outboxVersion = useActions((s) => s.outboxVersion);
  useEffect(() => {
    void useAnnouncements.getState().load();
  }, [outboxVersion]);
  return (
    <section className="announce-sent" aria-labelledby="announce-sent-title">
      <h3 id="announce-sent-title">{t('announce.sent')}</h3>
      {sent.length === 0 ? (
        <p className="muted">{t('announce.noneSent')}</p>
      ) : (
        <ul>
          {sent.map((a) => (
            <SentEntry key={a.id} announcement={a} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Repeat = 'none' | 'daily' | 'weekly' | 'monthly';

/** Zones to choose from: UTC and the viewer's own first (the browser's list may lack either). */
function zoneChoices(): string[] {
  return [...new Set(['UTC', viewerZone(), ...zones()])];
}
const REMINDERS: Reminder[] = ['24h', '1h', 'start'];
/** What one ledger message can carry of a scheduled announcement's text. */
const MAX_SCHEDULED_CHARS = 1200;

interface When {
  later: boolean;
  start: string;
  /** An IANA zone, or 'space': each space's own. */
  zone: string;
  repeat: Repeat;
  reminders: Reminder[];
  /** Per chosen space (choice id), its zone when `zone` is 'space'. */
  spaceZones: ReadonlyMap<string, string>;
}

function recurrenceOf(when: When): Recurrence | undefined {
  if (when.repeat === 'none') return undefined;
  if (when.repeat !== 'monthly') return { freq: when.repeat, interval: 1 };
  // "The first Thursday of each month": the nth weekday the start falls on.
  const day = Number(when.start.slice(8, 10));
  return { freq: 'monthly', interval: 1, nth: Math.min(4, Math.ceil(day / 7)) };
}

function WhenFields({ when, setWhen }: { when: When; setWhen: (w: When) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="announce-when">
      <legend>{t('announce.when.title')}</legend>
      <label>
        <input type="radio" name={`${id}-when`} checked={!when.later} onChange={() => setWhen({ ...when, later: false })} />
        {t('announce.when.now')}
      </label>
      <label>
        <input type="radio" name={`${id}-when`} checked={when.later} onChange={() => setWhen({ ...when, later: true })} />
        {t('announce.when.later')}
      </label>
      {when.later && (
        <div className="inline-form">
          {/* Labels beside, not around, the fields: a wrapped select would lend its choice to its own name. */}
          <label htmlFor={`${id}-start`}>{t('announce.when.start')}</label>
          <input id={`${id}-start`} type="datetime-local" value={when.start} onChange={(e) => setWhen({ ...when, start: e.target.value })} />
          <label htmlFor={`${id}-zone`}>{t('announce.when.zone')}</label>
          <select id={`${id}-zone`} value={when.zone} onChange={(e) => setWhen({ ...when, zone: e.target.value })}>
              <option value="space">{t('announce.when.spaceZone')}</option>
              {zoneChoices().map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
          </select>
          <label htmlFor={`${id}-repeat`}>{t('announce.when.repeat')}</label>
          <select id={`${id}-repeat`} value={when.repeat} onChange={(e) => setWhen({ ...when, repeat: e.target.value as Repeat })}>
            {(['none', 'daily', 'weekly', 'monthly'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`announce.repeat.${r}`)}
              </option>
            ))}
          </select>
          <span role="group" aria-label={t('announce.when.reminders')}>
            {REMINDERS.map((r) => (
              <label key={r}>
                <input
                  type="checkbox"
                  checked={when.reminders.includes(r)}
                  onChange={(e) => setWhen({ ...when, reminders: e.target.checked ? REMINDERS.filter((x) => x === r || when.reminders.includes(x)) : when.reminders.filter((x) => x !== r) })}
                />
                {t(`announce.reminder.${r}`)}
              </label>
            ))}
          </span>
        </div>
      )}
    </fieldset>
  );
}

const ANNOUNCE_TEXT = 'announce:text';
const ANNOUNCE_VERSIONS = 'announce:versions';

export function AnnouncementsView() {
  const { t } = useTranslation();
  const sources = useSources((s) => s.sources);
  const setView = useSettings((s) => s.setView);
  const publishing = useAnnouncements((s) => s.publishing);
  const problem = useAnnouncements((s) => s.problem);
  const choices = useMemo(() => spaceChoices(sources), [sources]);
  const spaceLanguages = useAnnouncements((s) => s.spaceLanguages);
  // The text and its language versions are kept on this computer as they are written (keptDrafts).
  const [draft, setDraft] = useKeptDraft(ANNOUNCE_TEXT, () => '');
  const [versions, setVersions] = useKeptDraft<AnnouncementVersion[]>(ANNOUNCE_VERSIONS, () => []);
  const draftId = useId();
  const [pin, setPin] = useState(false);
  /** Chosen spaces → the channel each goes to. */
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const targets = chosenTargets(choices, chosen, spaceLanguages);
  const written = versions.filter((v) => v.draft.trim());
  const destinations: Destination[] = choices.filter((c) => chosen.has(c.id)).map((c) => ({ name: c.spaceName, platform: c.platform, language: languageOf(c, spaceLanguages) }));
  useEffect(() => {
    void useAnnouncements.getState().loadSpaceLanguages();
  }, []);
  const [when, setWhen] = useState<When>(() => ({
    later: false,
    start: DateTime.now().plus({ hours: 1 }).startOf('hour').toFormat("yyyy-MM-dd'T'HH:mm"),
    zone: viewerZone(),
    repeat: 'none',
    reminders: ['start'],
    spaceZones: new Map(),
  }));
  const [scheduled, setScheduled] = useState(false);
  /** Per chosen Discord space (choice id), the voice or stage channel its scheduled event is in. */
  const [eventChannels, setEventChannels] = useState<ReadonlyMap<string, string>>(new Map());
  const tooLongToSchedule = when.later && draft.length + written.reduce((n, v) => n + v.draft.length, 0) > MAX_SCHEDULED_CHARS;

  const toggle = (id: string, channelId: string | undefined) => {
    const next = new Map(chosen);
    if (channelId === undefined) next.delete(id);
    else next.set(id, channelId);
    setChosen(next);
  };

  const schedule = async () => {
    const planned = await useTeam.getState().run('posts.plan', {
      text: draft,
      time: { start: when.start, zone: when.zone, ...(recurrenceOf(when) ? { recurrence: recurrenceOf(when) } : {}) },
      reminders: when.reminders,
      targets: choices.flatMap((c) => {
        const channel = chosen.get(c.id);
        if (!channel) return [];
        const zone = when.zone === 'space' ? (when.spaceZones.get(c.id) ?? viewerZone()) : undefined;
        const lang = languageOf(c, spaceLanguages);
        return [{ p: c.platform, space: c.spaceId, channel, ...(zone ? { zone } : {}), ...(lang ? { lang } : {}) }];
      }),
      pin,
      ...(written.length ? { versions: written.map((v) => ({ lang: v.lang, text: v.draft })) } : {}),
    });
    setScheduled(planned);
    const planId = useTeam.getState().lastPlanId;
    if (planned && planId) {
      for (const c of choices) {
        const channelId = eventChannels.get(c.id);
        const room = c.rooms.find((r) => r.id === channelId);
        if (!chosen.has(c.id) || !room) continue;
        const zone = when.zone === 'space' ? (when.spaceZones.get(c.id) ?? viewerZone()) : when.zone;
        const start = DateTime.fromISO(when.start, { zone }).toMillis();
        await useAnnouncements.getState().createEvent({ planId, sourceId: c.sourceId, spaceId: c.spaceId, channelId: room.id, entity: room.kind === 'stage' ? 'stage' : 'voice', draft, start });
      }
      setEventChannels(new Map());
    }
    if (planned) {
      setDraft('');
      setVersions([]);
      setPin(false);
    }
  };

  const submit = async () => {
    if (when.later) return schedule();
    await useAnnouncements.getState().publish({ draft, versions: written, targets, pin });
    if (!useAnnouncements.getState().problem) {
      setDraft('');
      setVersions([]);
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
          <DraftRestored draftKey={[ANNOUNCE_TEXT, ANNOUNCE_VERSIONS]} />
        </div>
        <Versions versions={versions} setVersions={setVersions} />
        <Preview draft={draft} versions={versions} destinations={destinations} />
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
                {channelId !== undefined && <SpaceLanguage choice={c} />}
                {channelId !== undefined && when.later && c.platform === 'discord' && c.rooms.length > 0 && (
                  <select
                    aria-label={t('announce.event.in', { space: c.spaceName })}
                    value={eventChannels.get(c.id) ?? ''}
                    onChange={(e) => {
                      const next = new Map(eventChannels);
                      if (e.target.value) next.set(c.id, e.target.value);
                      else next.delete(c.id);
                      setEventChannels(next);
                    }}
                  >
                    <option value="">{t('announce.event.none')}</option>
                    {c.rooms.map((r) => (
                      <option key={r.id} value={r.id}>
                        {t(`announce.event.${r.kind === 'stage' ? 'stage' : 'voice'}`, { channel: r.name })}
                      </option>
                    ))}
                  </select>
                )}
                {channelId !== undefined && when.later && when.zone === 'space' && (
                  <select
                    aria-label={t('announce.when.zoneOf', { space: c.spaceName })}
                    value={when.spaceZones.get(c.id) ?? viewerZone()}
                    onChange={(e) => setWhen({ ...when, spaceZones: new Map([...when.spaceZones, [c.id, e.target.value]]) })}
                  >
                    {zoneChoices().map((z) => (
                      <option key={z} value={z}>
                        {z}
                      </option>
                    ))}
                  </select>
                )}
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
        <WhenFields when={when} setWhen={setWhen} />
        {tooLongToSchedule && <p className="notice">{t('announce.problem.tooLongToSchedule', { limit: MAX_SCHEDULED_CHARS })}</p>}
        {when.later && scheduled && <p role="status">{t('announce.scheduled')}</p>}
        <TeamFailure command="posts.plan" />
        {problem && (
          <p className="notice" role="alert">
            {t(problem)}
          </p>
        )}
        <button type="submit" disabled={publishing || !draft.trim() || targets.length === 0 || tooLongToSchedule || (when.later && (!when.start || when.reminders.length === 0))}>
          {when.later ? t('announce.schedule', { count: targets.length }) : t('announce.send', { count: targets.length })}
        </button>
      </form>
      <PollComposer />
      <PollResults />
      <Calendar />
      <Sent />
    </section>
  );
}
