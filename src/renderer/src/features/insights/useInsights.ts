// The Insights store: starts the worker (once, when the app has shown its inbox; or on first open),
// forwards stored events to it, asks for the report of the chosen period and scope while the view is
// open and for the crisis signal while it is closed, and records crisis alerts of warning and up.
import i18next from 'i18next';
import { create } from 'zustand';
import type { CrisisSignal } from '@shared/insights/crisis';
import type { InsightsReport, PeriodId, Scope } from '@shared/insights/report';
import { DB_NAME } from '../../db/db';
import { onEventsStored } from '../../db/storedEvents';
import { explainTerms } from '../../lib/crisisWords';
import { notifyOnce } from '../../lib/notify';
import { useAlerts } from '../../stores/alerts';
import { useInbox } from '../../stores/inbox';
import { useSettings } from '../../stores/settings';
import { useTeam } from '../../stores/team';
import { linkedPairs } from '@shared/team/people';
import { slim, type FromWorker, type ToWorker } from './protocol';

/** While the view is open, reports follow new events at most this often. */
const REFRESH_MS = 2_000;

interface InsightsState {
  /** 'older': answering from the recent weeks while older events are still being read. */
  status: 'idle' | 'loading' | 'older' | 'ready' | 'failed';
  loaded: number;
  /** Where the worker's aggregates came from: IndexedDB ('stored'), or a first build from the events. */
  source: 'stored' | 'events' | undefined;
  period: PeriodId;
  scope: Scope;
  report: InsightsReport | undefined;
  crisis: CrisisSignal[];
  /** Every space with cached events, for the scope picker. */
  spaces: InsightsReport['spaces'];
  /** Worker time of the last report, ms. */
  computeMs: number | undefined;
  error: string | undefined;
  start(): void;
  setPeriod(period: PeriodId): void;
  setScope(scope: Scope): void;
  refresh(): void;
  /** The 7-day report of the current scope, whatever period is shown (the weekly report reads it). */
  weekly(): Promise<InsightsReport | undefined>;
}

let worker: Worker | undefined;
let nextId = 0;
let latestAsked = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
/** The shown report as JSON (to tell an equal report from a new one). */
let shownJson: string | undefined;
/** Questions asked for a caller (not the view): answered by id, outside the view's latest-wins flow. */
const waiters = new Map<number, (report: InsightsReport | undefined) => void>();
function post(msg: ToWorker): void {
  worker?.postMessage(msg);
}

/** Open inbox items per space, by creation time: the crisis signal's "slow response" term reads them. */
function openItemsBySpace(): [string, number[]][] {
  const out = new Map<string, number[]>();
  for (const item of useInbox.getState().byId.values()) {
    if (item.status !== 'open') continue;
    const key = `${item.platform}|${item.sourceId}|${item.spaceId}`;
    const list = out.get(key) ?? [];
    list.push(item.createdAt);
    out.set(key, list);
  }
  return [...out];
}

async function recordAlerts(signals: readonly CrisisSignal[]): Promise<void> {
  for (const s of signals) {
    if (s.level !== 'warning' && s.level !== 'crisis') continue;
    const { raised } = await useAlerts.getState().record({ spaceKey: s.spaceKey, spaceName: s.name, level: s.level, terms: s.terms, at: s.at });
    // A desktop notification once per alert and level, also while the view is closed (the worker runs on).
    if (raised) {
      const t = i18next.t.bind(i18next);
      const level = t(`insights.crisis.level.${s.level}`);
      notifyOnce(`crisis:${s.spaceKey}:${s.level}:${Math.floor(s.at / 3_600_000)}`, t('insights.crisis.notify', { level, space: s.name }), explainTerms(t, s.terms, i18next.language), { view: 'inbox' });
    }
  }
}

export const useInsights = create<InsightsState>()((set, get) => ({
  status: 'idle',
  loaded: 0,
  source: undefined,
  period: '7d',
  scope: { kind: 'all' },
  report: undefined,
  crisis: [],
  spaces: [],
  computeMs: undefined,
  error: undefined,

  start() {
    if (worker) return;
    worker = new Worker(new URL('./insights.worker.ts', import.meta.url), { type: 'module', name: 'insights' });
    set({ status: 'loading', loaded: 0 });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'progress') set({ loaded: msg.loaded });
      else if (msg.type === 'loaded') {
        set({ status: msg.complete ? 'ready' : 'older', loaded: msg.events, source: msg.stored ? 'stored' : 'events' });
        get().refresh();
      } else if (msg.id !== undefined && waiters.has(msg.id)) {
        waiters.get(msg.id)!(msg.type === 'report' ? msg.report : undefined);
        waiters.delete(msg.id);
      } else if (msg.type === 'report') {
        if (msg.id !== latestAsked) return;
        // A report equal to the one shown (the full aggregates after the glance, a refresh with nothing new
        // in the period) keeps the shown object, so the view's charts and tables are not built again.
        const json = msg.report ? JSON.stringify(msg.report) : undefined;
        const report = json !== undefined && json === shownJson ? get().report : msg.report;
        if (json !== undefined) shownJson = json;
        set({ crisis: msg.crisis, spaces: msg.spaces, loaded: msg.events, error: undefined, ...(report ? { report, computeMs: msg.ms } : {}) });
        void recordAlerts(msg.crisis).catch((err: unknown) => console.error('Could not record a crisis alert', err));
      } else set({ status: msg.id === undefined ? 'failed' : get().status, error: msg.message });
    };
    worker.onerror = (e) => set({ status: 'failed', error: e.message });
    onEventsStored((rows, batch) => {
      post({ type: 'events', rows: rows.map(slim), batch });
      if (refreshTimer === undefined && (get().status === 'ready' || get().status === 'older')) {
        refreshTimer = setTimeout(() => {
          refreshTimer = undefined;
          get().refresh();
        }, REFRESH_MS);
      }
    });
    // A link or unlink changes who counts once: ask again.
    useTeam.subscribe((now, before) => {
      if (now.view?.state.persons === before.view?.state.persons) return;
      if (linkedPairs(now.view?.state).join(';') !== linkedPairs(before.view?.state).join(';')) get().refresh();
    });
    post({ type: 'load', dbName: DB_NAME });
  },
  setPeriod(period) {
    set({ period });
    get().refresh();
  },
  setScope(scope) {
    set({ scope });
    get().refresh();
  },
  weekly() {
    if (!worker) return Promise.resolve(undefined);
    const id = ++nextId;
    const people = linkedPairs(useTeam.getState().view?.state);
    const query = { period: '7d' as const, scope: get().scope, now: Date.now(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...(people.length ? { people } : {}) };
    return new Promise((resolve) => {
      waiters.set(id, resolve);
      post({ type: 'query', id, query, openItems: openItemsBySpace() });
    });
  },
  refresh() {
    if (!worker) return;
    latestAsked = ++nextId;
    const { period, scope } = get();
    const crisisOnly = useSettings.getState().view !== 'insights';
    const people = linkedPairs(useTeam.getState().view?.state);
    post({ type: 'query', id: latestAsked, query: { period, scope, now: Date.now(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...(people.length ? { people } : {}) }, openItems: openItemsBySpace(), crisisOnly });
  },
}));
