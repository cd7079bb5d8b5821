// Crisis alerts the console raised, with what the team did about them. Kept in the local settings
// table (bounded), shown in Insights and offered to the next handoff's incidents.
import { create } from 'zustand';
import type { CrisisLevel, CrisisTerm } from '@shared/insights/crisis';
import { getDb } from '../db/instance';

const KEY = 'insights.alerts';
const KEEP = 100;

export interface CrisisAlert {
  id: string;
  spaceKey: string;
  spaceName: string;
  level: CrisisLevel;
  terms: CrisisTerm[];
  at: number;
  /** Playbook steps taken: what, when, and whether it went through. */
  done: { step: string; at: number; ok: boolean }[];
}

interface AlertsState {
  alerts: CrisisAlert[];
  loaded: boolean;
  load(): Promise<void>;
  /** Records a new alert, or raises and refreshes the open one of the same space (within 2 h). */
  record(alert: Omit<CrisisAlert, 'id' | 'done'>): Promise<{ alert: CrisisAlert; isNew: boolean; raised: boolean }>;
  markDone(alertId: string, step: string, ok: boolean): Promise<void>;
}

const RANK: Record<CrisisLevel, number> = { calm: 0, watch: 1, warning: 2, crisis: 3 };
const SAME_ALERT_MS = 2 * 3_600_000;

async function save(alerts: CrisisAlert[]): Promise<void> {
  await getDb().settings.put({ key: KEY, value: alerts.slice(-KEEP) });
}

function parse(value: unknown): CrisisAlert[] {
  return Array.isArray(value) ? (value as CrisisAlert[]).filter((a) => a && typeof a.id === 'string' && typeof a.at === 'number') : [];
}

export const useAlerts = create<AlertsState>()((set, get) => ({
  alerts: [],
  loaded: false,
  async load() {
    if (get().loaded) return;
    const row = await getDb().settings.get(KEY);
    set({ alerts: parse(row?.value), loaded: true });
  },
  async record(next) {
    await get().load();
    const alerts = [...get().alerts];
    const at = alerts.findLastIndex((a) => a.spaceKey === next.spaceKey && next.at - a.at < SAME_ALERT_MS);
    let result: { alert: CrisisAlert; isNew: boolean; raised: boolean };
    if (at >= 0) {
      const prev = alerts[at]!;
      const raised = RANK[next.level] > RANK[prev.level];
      const alert = { ...prev, level: raised ? next.level : prev.level, terms: next.terms };
      alerts[at] = alert;
      result = { alert, isNew: false, raised };
    } else {
      const alert: CrisisAlert = { ...next, id: `${next.spaceKey}@${next.at}`, done: [] };
      alerts.push(alert);
      result = { alert, isNew: true, raised: true };
    }
    set({ alerts: alerts.slice(-KEEP) });
    await save(alerts);
    return result;
  },
  async markDone(alertId, step, ok) {
    const alerts = get().alerts.map((a) => (a.id === alertId ? { ...a, done: [...a.done, { step, at: Date.now(), ok }] } : a));
    set({ alerts });
    await save(alerts);
  },
}));
