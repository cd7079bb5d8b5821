// Shifts and handoffs: this console's standing and identity, the handoff waiting for you (acknowledge it
// first), drafting a handoff, the team roster with invite approval, your weekly schedule, and the 24×7
// coverage map in your own time zone. Everything a teammate wrote is shown as text, never markup.
import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coverageMap, followTheSun, formatInZone, handoffWaitingFor, openSwaps, overdueHandoffs, teamShiftsBetween } from '@shared/team';
import type { Handoff, ShiftSlot, TeamView } from '@shared/team';
import { askNotifyPermission, notifyPermission, type NotifyPermission } from '../../lib/notify';
import { useInbox } from '../../stores/inbox';
import { useSettings } from '../../stores/settings';
import { memberName, startTeamSync, useTeam } from '../../stores/team';

const run = useTeam.getState().run;
import { useMinuteClock } from './clock';
import { TeamFailure } from './TeamFailure';
import './shifts.css';

function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Europe/London'];
}

function Identity({ view }: { view: TeamView }) {
  const { t } = useTranslation();
  const [name, setName] = useState(view.me.name);
  const [zone, setZone] = useState(view.me.zone);
  const onShift = view.state.onShift[view.me.key] !== undefined;
  return (
    <section aria-labelledby="me-title" className="shifts-section">
      <h3 id="me-title">{t('shifts.me.heading')}</h3>
      <p role="status" data-testid="team-standing">
        {t(`shifts.standing.${view.standing}`)}
      </p>
      {view.standing === 'awaiting-approval' && <input readOnly className="invite-code" aria-label={t('shifts.roster.inviteCode')} value={view.inviteCode} onFocus={(e) => e.target.select()} />}
      {view.channel && <p className="muted">{t('shifts.me.channel', { name: view.channel.name })}</p>}
      {view.pending > 0 && <p className="muted">{t('shifts.me.pending', { count: view.pending })}</p>}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run('team.configure', { name: name.trim(), zone });
        }}
      >
        <label>
          {t('shifts.me.name')} <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
        </label>
        <label>
          {t('shifts.me.zone')}{' '}
          <input value={zone} onChange={(e) => setZone(e.target.value)} list="tz-list" required />
        </label>
        <datalist id="tz-list">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <button type="submit">{t('shifts.me.save')}</button>
      </form>
      <TeamFailure command="team.configure" />
      {view.standing === 'member' && (
        <button type="button" onClick={() => void run('team.shift', { on: !onShift })}>
          {onShift ? t('shifts.shift.end') : t('shifts.shift.start')}
        </button>
      )}
      <TeamFailure command="team.shift" />
    </section>
  );
}

function HandoffCard({ view, handoff }: { view: TeamView; handoff: Handoff }) {
  const { t, i18n } = useTranslation();
  const zone = view.me.zone;
  return (
    <article className="handoff" data-testid="handoff">
      <h4>{t('shifts.handoff.waiting', { name: memberName(view, handoff.by), time: formatInZone(handoff.at, zone, i18n.language) })}</h4>
      {handoff.items.length > 0 && (
        <ul>
          {handoff.items.map((i) => (
            <li key={i.item}>
              <span className="tag">{t(`item.status.${i.state}`)}</span> {i.label}
            </li>
          ))}
        </ul>
      )}
      {handoff.incidents.length > 0 && (
        <ul>
          {handoff.incidents.map((text, n) => (
            <li key={n}>{text}</li>
          ))}
        </ul>
      )}
      {handoff.promises.length > 0 && (
        <ul data-testid="handoff-promises">
          {handoff.promises.map((p, n) => (
            <li key={n}>
              {p.text} — {t('shifts.handoff.due', { time: formatInZone(p.due, zone, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
      {handoff.notes && <p className="handoff-notes">{handoff.notes}</p>}
      {handoff.ackedBy ? (
        <p className="muted">{t('shifts.handoff.acknowledged', { name: memberName(view, handoff.ackedBy), time: formatInZone(handoff.ackedAt ?? handoff.at, zone, i18n.language) })}</p>
      ) : (
        handoff.by !== view.me.key && (
          <>
            <button type="button" onClick={() => void run('team.ack', { handoff: handoff.id })}>
              {t('shifts.handoff.acknowledge')}
            </button>
            <TeamFailure command="team.ack" />
          </>
        )
      )}
    </article>
  );
}

function HandoffDraft({ view }: { view: TeamView }) {
  const { t } = useTranslation();
  const byId = useInbox((s) => s.byId);
  const [to, setTo] = useState('');
  const [incidents, setIncidents] = useState('');
  const [notes, setNotes] = useState('');
  const [promises, setPromises] = useState<Array<{ text: string; due: string }>>([]);
  const [sent, setSent] = useState(false);
  // The draft starts from what is still open or claimed: the next shift should not have to dig.
  const items = useMemo(() => {
    const out: Array<{ item: string; label: string; state: 'open' | 'claimed' }> = [];
    for (const claim of Object.values(view.state.claims)) {
      // A claim whose item is resolved here is being ended (its resolve record is on its way): not handed over.
      if (byId.get(claim.item)?.status === 'resolved') continue;
      out.push({ item: claim.item, label: (claim.label ?? claim.item).slice(0, 200), state: 'claimed' });
    }
    for (const item of byId.values()) {
      if (out.length >= 20) break;
      if (item.status === 'open' && !view.state.claims[item.id]) out.push({ item: item.id, label: `${item.authorName}: ${item.text}`.slice(0, 200), state: 'open' });
    }
    return out.slice(0, 20);
  }, [byId, view.state.claims]);
  const others = Object.values(view.state.roster).filter((m) => m.key !== view.me.key);
  return (
    <form
      className="handoff-draft"
      aria-labelledby="draft-title"
      onSubmit={(e) => {
        e.preventDefault();
        const request = {
          items,
          incidents: incidents.split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 10).map((s) => s.slice(0, 200)),
          promises: promises
            .filter((p) => p.text.trim() && p.due)
            .slice(0, 10)
            .map((p) => ({ text: p.text.trim().slice(0, 200), due: DateTime.fromISO(p.due, { zone: view.me.zone }).toMillis() })),
          notes: notes.slice(0, 600),
          ...(to ? { to } : {}),
        };
        void run('team.handoff', request).then(setSent);
      }}
    >
      <h4 id="draft-title">{t('shifts.handoff.draft')}</h4>
      <label>
        {t('shifts.handoff.to')}{' '}
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('shifts.handoff.anyone')}</option>
          {others.map((m) => (
            <option key={m.key} value={m.key}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <p>{t('shifts.handoff.items')}</p>
      <ul>
        {items.map((i) => (
          <li key={i.item}>
            <span className="tag">{t(`item.status.${i.state}`)}</span> {i.label}
          </li>
        ))}
      </ul>
      <label>
        {t('shifts.handoff.incidents')}
        <textarea value={incidents} onChange={(e) => setIncidents(e.target.value)} rows={3} />
      </label>
      <fieldset>
        <legend>{t('shifts.handoff.promises')}</legend>
        {promises.map((p, n) => (
          <div key={n} className="inline-form">
            <input aria-label={t('shifts.handoff.promiseText')} value={p.text} maxLength={200} onChange={(e) => setPromises(promises.map((x, i) => (i === n ? { ...x, text: e.target.value } : x)))} />
            <input type="datetime-local" aria-label={t('shifts.handoff.promiseDue')} value={p.due} onChange={(e) => setPromises(promises.map((x, i) => (i === n ? { ...x, due: e.target.value } : x)))} />
          </div>
        ))}
        <button type="button" onClick={() => setPromises([...promises, { text: '', due: '' }])}>
          {t('shifts.handoff.addPromise')}
        </button>
      </fieldset>
      <label>
        {t('shifts.handoff.notes')}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={600} />
      </label>
      <button type="submit">{t('shifts.handoff.send')}</button>
      {sent && <p role="status">{t('shifts.handoff.sent')}</p>}
      <TeamFailure command="team.handoff" />
    </form>
  );
}

function Handoffs({ view, now }: { view: TeamView; now: number }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const waiting = handoffWaitingFor(view.state, view.me.key);
  const isLead = view.state.roster[view.me.key]?.role === 'lead';
  const overdue = isLead ? overdueHandoffs(view.state, now, view.ackMinutes) : [];
  const q = query.trim().toLowerCase();
  const history = [...view.state.handoffs]
    .reverse()
    .filter((h) => h !== waiting)
    .filter((h) => !q || [h.notes, ...h.incidents, ...h.promises.map((p) => p.text), ...h.items.map((i) => i.label), memberName(view, h.by)].some((s) => s.toLowerCase().includes(q)));
  return (
    <section aria-labelledby="handoff-title" className="shifts-section">
      <h3 id="handoff-title">{t('shifts.handoff.heading')}</h3>
      {overdue.map((h) => (
        <p key={h.id} className="notice failed" role="alert">
          {t('shifts.handoff.overdue', { minutes: view.ackMinutes, name: memberName(view, h.by), time: formatInZone(h.at, view.me.zone, i18n.language) })}
        </p>
      ))}
      {waiting && <HandoffCard view={view} handoff={waiting} />}
      {view.standing === 'member' && <HandoffDraft view={view} />}
      <h4>{t('shifts.handoff.history')}</h4>
      <input type="search" aria-label={t('shifts.handoff.search')} placeholder={t('shifts.handoff.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {history.length === 0 ? <p className="muted">{t('shifts.handoff.none')}</p> : history.slice(0, 50).map((h) => <HandoffCard key={h.id} view={view} handoff={h} />)}
    </section>
  );
}

function Roster({ view, now }: { view: TeamView; now: number }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);
  const isLead = view.state.roster[view.me.key]?.role === 'lead';
  return (
    <section aria-labelledby="roster-title" className="shifts-section">
      <h3 id="roster-title">{t('shifts.roster.heading')}</h3>
      <ul className="roster">
        {Object.values(view.state.roster).map((m) => (
          <li key={m.key}>
            <strong>{m.name}</strong> <span className="tag">{t(`shifts.roster.${m.role}`)}</span> <span className="muted">{formatInZone(now, m.zone, i18n.language)}</span>
            {isLead && m.key !== view.me.key && (
              <button type="button" className="link-button" onClick={() => void run('team.roster.remove', { key: m.key })}>
                {t('shifts.roster.remove', { name: m.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {isLead && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('team.roster.approve', { inviteCode: code.trim(), role: 'moderator' }).then(setDone);
          }}
        >
          <label>
            {t('shifts.roster.approve')} <input value={code} onChange={(e) => setCode(e.target.value)} aria-label={t('shifts.roster.inviteCode')} />
          </label>
          <button type="submit">{t('shifts.roster.approveButton')}</button>
          {done && <span role="status">{t('shifts.roster.approved')}</span>}
        </form>
      )}
      <TeamFailure command="team.roster.approve" />
      <TeamFailure command="team.roster.remove" />
    </section>
  );
}

function ScheduleEditor({ view }: { view: TeamView }) {
  const { t } = useTranslation();
  const mine = view.state.schedules[view.me.key];
  const [weeks, setWeeks] = useState(mine?.weeks ?? 1);
  const [slots, setSlots] = useState<ShiftSlot[]>(mine?.slots ?? []);
  const [saved, setSaved] = useState(false);
  const update = (n: number, patch: Partial<ShiftSlot>) => setSlots(slots.map((s, i) => (i === n ? { ...s, ...patch } : s)));
  return (
    <section aria-labelledby="schedule-title" className="shifts-section">
      <h3 id="schedule-title">{t('shifts.schedule.heading', { zone: view.me.zone })}</h3>
      <label>
        {t('shifts.schedule.weeks')} <input type="number" min={1} max={4} value={weeks} onChange={(e) => setWeeks(Math.min(4, Math.max(1, Number(e.target.value) || 1)))} />
      </label>
      {slots.map((slot, n) => (
        <div key={n} className="inline-form">
          <label>
            {t('shifts.schedule.weekday')}{' '}
            <select value={slot.weekday} onChange={(e) => update(n, { weekday: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {t(`shifts.weekday.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('shifts.schedule.start')} <input type="time" value={slot.start} onChange={(e) => update(n, { start: e.target.value })} />
          </label>
          <label>
            {t('shifts.schedule.hours')} <input type="number" min={0.5} max={24} step={0.5} value={slot.hours} onChange={(e) => update(n, { hours: Number(e.target.value) || 1 })} />
          </label>
          {weeks > 1 && (
            <label>
              {t('shifts.schedule.week')} <input type="number" min={1} max={weeks} value={slot.week + 1} onChange={(e) => update(n, { week: Math.min(weeks, Math.max(1, Number(e.target.value) || 1)) - 1 })} />
            </label>
          )}
          <button type="button" onClick={() => setSlots(slots.filter((_, i) => i !== n))}>
            {t('shifts.schedule.removeSlot')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setSlots([...slots, { weekday: 1, start: '09:00', hours: 8, week: 0 }])}>
        {t('shifts.schedule.add')}
      </button>{' '}
      <button
        type="button"
        onClick={() =>
          void run('team.schedule', { zone: view.me.zone, weeks, slots: slots.filter((s) => s.week < weeks) }).then(setSaved)
        }
      >
        {t('shifts.schedule.save')}
      </button>
      {saved && <span role="status">{t('shifts.schedule.saved')}</span>}
      <TeamFailure command="team.schedule" />
    </section>
  );
}

function Coverage({ view, now }: { view: TeamView; now: number }) {
  const { t } = useTranslation();
  // The zone the moderator chose in Shifts; the browser's own only until they chose one.
  const zone = view.me.zone || viewerZone();
  const cells = useMemo(() => coverageMap(view.state, zone, now), [view.state, zone, now]);
  const gaps = cells.filter((c) => c.keys.length === 0).length;
  const initials = (key: string) => memberName(view, key).slice(0, 2);
  return (
    <section aria-labelledby="coverage-title" className="shifts-section">
      <h3 id="coverage-title">{t('shifts.coverage.heading', { zone })}</h3>
      <p data-testid="coverage-gaps">{t('shifts.coverage.gaps', { count: gaps })}</p>
      <table className="coverage-map">
        <thead>
          <tr>
            <th scope="col">{t('shifts.coverage.hour')}</th>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <th key={d} scope="col">
                {t(`shifts.weekday.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 24 }, (_, hour) => (
            <tr key={hour}>
              <th scope="row">{String(hour).padStart(2, '0')}</th>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                const cell = cells.find((c) => c.weekday === d && c.hour === hour);
                const keys = cell?.keys ?? [];
                return (
                  <td key={d} className={keys.length ? 'covered' : 'gap'} title={keys.map((k) => memberName(view, k)).join(', ') || t('shifts.coverage.gap')}>
                    {keys.length ? keys.map(initials).join(' ') : '·'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const WEEK_MS = 7 * 86_400_000;

function FollowTheSun({ view, now }: { view: TeamView; now: number }) {
  const { t } = useTranslation();
  // The zone the moderator chose in Shifts; the browser's own only until they chose one.
  const zone = view.me.zone || viewerZone();
  const rows = useMemo(() => followTheSun(view.state, zone, now), [view.state, zone, now]);
  const team = rows[0]?.cells.map((c) => c.key) ?? [];
  return (
    <section aria-labelledby="sun-title" className="shifts-section">
      <h3 id="sun-title">{t('shifts.sun.heading', { zone })}</h3>
      <p className="muted">{t('shifts.sun.help')}</p>
      <table className="coverage-map sun-map" data-testid="follow-the-sun">
        <thead>
          <tr>
            <th scope="col">{t('shifts.sun.hour')}</th>
            {team.map((key) => (
              <th key={key} scope="col">
                {memberName(view, key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const covered = row.cells.some((c) => c.on);
            return (
              <tr key={row.start} className={covered ? undefined : 'sun-gap'}>
                <th scope="row">
                  {row.label}
                  {!covered && <span className="visually-hidden"> · {t('shifts.sun.gap')}</span>}
                </th>
                {row.cells.map((c) => (
                  <td key={c.key} className={c.on ? 'covered' : covered ? undefined : 'gap'}>
                    {c.local}
                    {c.on && <span className="sun-on"> · {t('shifts.sun.on')}</span>}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function DesktopNotifications() {
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

function Swaps({ view, now }: { view: TeamView; now: number }) {
  const { t, i18n } = useTranslation();
  const zone = view.me.zone;
  const at = (ms: number) => formatInZone(ms, zone, i18n.language);
  const offers = openSwaps(view.state, view.me.key, now);
  const offeredStarts = new Set(offers.filter((o) => o.mine).map((o) => `${o.start}-${o.end}`));
  const mine = teamShiftsBetween(view.state, now, now + WEEK_MS).filter((s) => s.key === view.me.key && s.end > now);
  const agreed = Object.values(view.state.swaps ?? {})
    .filter((s) => s.takenBy && s.end > now - WEEK_MS)
    .sort((a, b) => a.start - b.start);
  return (
    <section aria-labelledby="swap-title" className="shifts-section">
      <h3 id="swap-title">{t('shifts.swap.heading')}</h3>
      <p className="muted">{t('shifts.swap.help')}</p>
      <TeamFailure command="team.swap.offer" />
      <TeamFailure command="team.swap.take" />
      <TeamFailure command="team.swap.cancel" />
      <h4>{t('shifts.swap.mine')}</h4>
      {mine.length === 0 ? (
        <p className="muted">{t('shifts.swap.none')}</p>
      ) : (
        <ul className="swap-list" data-testid="my-shifts">
          {mine.map((s) => (
            <li key={`${s.start}-${s.end}`}>
              {t('shifts.swap.shift', { name: view.me.name, from: at(s.start), to: at(s.end) })}{' '}
              {offeredStarts.has(`${s.start}-${s.end}`) ? (
                <span className="tag">{t('shifts.swap.offered')}</span>
              ) : (
                <button type="button" onClick={() => void run('team.swap.offer', { start: s.start, end: s.end })}>
                  {t('shifts.swap.offer')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('shifts.swap.open')}</h4>
      {offers.length === 0 ? (
        <p className="muted">{t('shifts.swap.noOpen')}</p>
      ) : (
        <ul className="swap-list" data-testid="open-swaps">
          {offers.map((o) => (
            <li key={o.id}>
              {t('shifts.swap.shift', { name: memberName(view, o.by), from: at(o.start), to: at(o.end) })}{' '}
              {o.mine ? (
                <button type="button" onClick={() => void run('team.swap.cancel', { offer: o.id })}>
                  {t('shifts.swap.cancel')}
                </button>
              ) : (
                <button type="button" onClick={() => void run('team.swap.take', { offer: o.id })}>
                  {t('shifts.swap.take')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {agreed.length > 0 && (
        <>
          <h4>{t('shifts.swap.recent')}</h4>
          <ul className="swap-list" data-testid="agreed-swaps">
            {agreed.map((s) => (
              <li key={s.id}>{t('shifts.swap.taken', { taker: memberName(view, s.takenBy), name: memberName(view, s.by), from: at(s.start), to: at(s.end) })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ShiftsView() {
  const { t } = useTranslation();
  const view = useTeam((s) => s.view);
  const now = useMinuteClock();
  const setView = useSettings((s) => s.setView);
  useEffect(() => startTeamSync(), []);
  return (
    <main id="shifts" className="shifts-view" aria-labelledby="shifts-title">
      <div className="item-head">
        <h2 id="shifts-title">{t('shifts.title')}</h2>
        <button type="button" className="link-button" onClick={() => setView('inbox')}>
          {t('shifts.close')}
        </button>
      </div>
      {view && (
        <>
          {view.state.rejected.length > 0 && (
            <p className="notice" role="status">
              {t('shifts.rejected', { count: view.state.rejected.length })}
            </p>
          )}
          <Handoffs view={view} now={now} />
          <Identity key={`${view.me.name}|${view.me.zone}`} view={view} />
          {view.standing === 'member' && <ScheduleEditor key={view.state.schedules[view.me.key]?.slots.length ?? 0} view={view} />}
          {view.standing === 'member' && <Swaps view={view} now={now} />}
          {view.standing === 'member' && <DesktopNotifications />}
          <Coverage view={view} now={now} />
          {view.standing === 'member' && view.state.roster[view.me.key]?.role === 'lead' && <FollowTheSun view={view} now={now} />}
          <Roster view={view} now={now} />
        </>
      )}
    </main>
  );
}
