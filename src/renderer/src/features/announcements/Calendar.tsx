// The week of scheduled posts in the viewer's own zone: what goes out when, where, and who sent it.
import { DateTime } from 'luxon';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSources } from '../../stores/sources';
import { useTeam } from '../../stores/team';
import { viewerZone } from '../shifts/zones';
import { occurrenceSlots } from '@shared/announce/schedule';
import { TeamFailure } from '../shifts/TeamFailure';
import { calendarWeek, weekStart, type CalendarEntry } from './calendar';
import { useAnnouncements } from './useAnnouncements';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft } from '../replies/keptDrafts';

export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function useSpaceName(): (platform: string, spaceId: string) => string {
  const sources = useSources((s) => s.sources);
  return (platform, spaceId) => sources.filter((s) => s.platform === platform).flatMap((s) => s.spaces).find((sp) => sp.id === spaceId)?.name ?? spaceId;
}

export function EntryLine({ entry, zone }: { entry: CalendarEntry; zone: string }) {
  const { t } = useTranslation();
  const roster = useTeam((s) => s.view?.state.roster);
  const spaceName = useSpaceName();
  const target = entry.post.targets[entry.target];
  const who = entry.by ? (roster?.[entry.by]?.name ?? entry.by.slice(0, 6)) : undefined;
  const time = DateTime.fromMillis(entry.at, { zone }).toFormat('HH:mm');
  return (
    <>
      <time dateTime={new Date(entry.at).toISOString()}>{time}</time> {t(`announce.reminder.${entry.reminder}`)} · {target ? `${t(`platform.${target.p}`)} · ${spaceName(target.p, target.space)}` : ''} —{' '}
      <span className="announce-entry-text">{entry.post.text.length > 60 ? `${entry.post.text.slice(0, 59)}…` : entry.post.text}</span> ·{' '}
      <span className={`slot-${entry.status}`}>{t(`announce.slot.${entry.status}`, { name: who ?? '' })}</span>
      <EditOutcome entry={entry} />
      {entry.reminder === 'start' && <PlanEvents entry={entry} />}
    </>
  );
}

const EDIT_REASONS = new Set(['parts_changed', 'not_found', 'whatsapp_edit_window', 'not_known']);

/** What became of a sent slot when its plan was edited after: edited in place, or why not, in words. */
function EditOutcome({ entry }: { entry: CalendarEntry }) {
  const { t } = useTranslation();
  const edited = entry.post.slots[entry.slot]?.edited;
  if (!edited || edited.rev < (entry.post.rev ?? 0)) return null;
  const reason = edited.code && EDIT_REASONS.has(edited.code) ? edited.code : 'other';
  return (
    <>
      {' · '}
      <span data-testid="slot-edited">{edited.ok ? t('announce.edited.ok') : t('announce.edited.notEdited', { reason: t(`announce.edited.reason.${reason}`) })}</span>
    </>
  );
}

/** A new text for a plan: slots not sent yet go out with it; sent ones are edited in place. */
function EditPlan({ entry }: { entry: CalendarEntry }) {
  const { t } = useTranslation();
  const id = `edit-${entry.postId}-${entry.slot}`;
  // The new text is kept on this computer while it is being written (keptDrafts); closing drops it.
  const draftKey = `post-edit:${entry.postId}:${entry.slot}`;
  const [text, setText] = useKeptDraft<string | undefined>(draftKey, () => undefined);
  if (text === undefined) {
    return (
      <>
        {' '}
        <button type="button" className="link-button" onClick={() => setText(entry.post.text)}>
          {t('announce.edited.button')}
        </button>
      </>
    );
  }
  const save = async () => {
    if (await useTeam.getState().run('posts.edit', { id: entry.postId, text })) setText(undefined);
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>{t('announce.edited.label')}</label>
      <textarea id={id} rows={3} maxLength={1200} value={text} onChange={(e) => setText(e.target.value)} />
      <p className="muted">{t('announce.edited.hint')}</p>
      <DraftRestored draftKey={draftKey} />
      <TeamFailure command="posts.edit" />
      <button type="submit" disabled={!text.trim()}>
        {t('announce.edited.save')}
      </button>
      <button type="button" onClick={() => setText(undefined)}>
        {t('announce.edited.cancel')}
      </button>
    </form>
  );
}

/** The plan's Discord events at this time, as the team ledger knows them (made by any console of the team). */
function PlanEvents({ entry }: { entry: CalendarEntry }) {
  const { t } = useTranslation();
  const sources = useSources((s) => s.sources);
  const events = Object.values(entry.post.events ?? {}).filter((e) => e.start === entry.occurrence);
  const roomName = (space: string, channel: string) => sources.flatMap((s) => s.spaces).find((sp) => sp.id === space)?.channels.find((c) => c.id === channel)?.name ?? channel;
  return (
    <>
      {events.map((e, i) => (
        <Fragment key={i}>
          {' · '}
          <span className="announce-entry-event" data-testid="plan-event">
            {t(e.cancelled ? 'announce.calendar.eventCancelled' : 'announce.calendar.event', { name: e.name, room: roomName(e.space, e.channel) })}
          </span>
        </Fragment>
      ))}
    </>
  );
}

/** Cancel one time of a plan (every target and reminder of that occurrence is skipped), or the whole plan. */
function CancelButtons({ entry }: { entry: CalendarEntry }) {
  const { t } = useTranslation();
  const cancelOccurrence = async () => {
    for (const slot of occurrenceSlots(entry.post, entry.occurrence)) {
      if (!(await useTeam.getState().run('posts.skip', { id: entry.postId, slot }))) return;
    }
    await useAnnouncements.getState().cancelEvents(entry.postId, entry.occurrence);
  };
  const cancelPlan = async () => {
    if (await useTeam.getState().run('posts.cancel', { id: entry.postId })) await useAnnouncements.getState().cancelEvents(entry.postId);
  };
  return (
    <>
      {' '}
      <button type="button" className="link-button" onClick={() => void cancelOccurrence()}>
        {t('announce.calendar.cancelOccurrence')}
      </button>
      {entry.post.time.recurrence && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => void cancelPlan()}>
            {t('announce.calendar.cancelPlan')}
          </button>
        </>
      )}
    </>
  );
}

export function Calendar() {
  const { t } = useTranslation();
  const state = useTeam((s) => s.view?.state);
  const [offset, setOffset] = useState(0);
  const now = useNow(30_000);
  const zone = viewerZone();
  const monday = weekStart(now, zone, offset);
  const graceMs = useTeam((s) => s.view?.postGraceMs);
  const week = state ? calendarWeek(state, monday, now, graceMs) : [];
  return (
    <section className="announce-calendar" aria-labelledby="announce-calendar-title" data-testid="announce-calendar">
      <h3 id="announce-calendar-title">{t('announce.calendar.title', { zone })}</h3>
      <div className="inline-form">
        <button type="button" onClick={() => setOffset(offset - 1)}>
          {t('announce.calendar.previous')}
        </button>
        <span>{t('announce.calendar.week', { from: monday.toFormat('yyyy-MM-dd'), to: monday.plus({ days: 6 }).toFormat('yyyy-MM-dd') })}</span>
        <button type="button" onClick={() => setOffset(offset + 1)}>
          {t('announce.calendar.next')}
        </button>
        {offset !== 0 && (
          <button type="button" onClick={() => setOffset(0)}>
            {t('announce.calendar.thisWeek')}
          </button>
        )}
      </div>
      {!state ? (
        <p className="muted">{t('announce.calendar.noTeam')}</p>
      ) : (
        <ol className="calendar-days">
          {week.map(({ day, entries }) => (
            <li key={day.toISODate()} data-testid={`calendar-${day.toISODate()}`}>
              <strong>{day.setLocale(t('announce.calendar.locale')).toFormat('cccc d LLL')}</strong>
              {entries.length === 0 ? (
                <span className="muted"> —</span>
              ) : (
                <ul>
                  {entries.map((e) => (
                    <li key={`${e.postId}:${e.slot}`}>
                      <EntryLine entry={e} zone={zone} />
                      {e.status === 'planned' && <CancelButtons entry={e} />}
                      {!e.post.cancelled && (e.status === 'planned' || e.status === 'sent') && <EditPlan entry={e} />}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <TeamFailure command="posts.skip" />
      <TeamFailure command="posts.cancel" />
    </section>
  );
}
