// Insights over 1,000,000 cached events (DESIGN.md §4): three platforms, 50 spaces, 20,000 members,
// 90 days, English and Chinese text. Measures the work the insights worker does. The first build from
// the events (once per install: the recent 14 days aggregated + the default 7-day report) is given as
// `first_build_*`. The first paint on every later start reads the stored aggregate records
// (snapshot.ts): a structured clone of them stands in for IndexedDB handing them over, then they are
// loaded and the 7-day report and crisis signals computed. Period switches, 500-event batches and
// memory are measured on the loaded aggregates, as the app uses them.
// Prints ONE JSON object. Run: npm run bench -- insights  (INSIGHTS_EVENTS changes the size)
import { InsightsAggregator, type InsightSource } from '@shared/insights/aggregate';
import { buildReport, PERIODS, type PeriodId } from '@shared/insights/report';
import { crisisSignals } from '@shared/insights/crisis';
import { allRecords, changedRecords, fromRecords, glanceFromRecords, glancePrefixes, type AggregateRecord } from '@shared/insights/snapshot';
import { DayRollups } from '@shared/insights/rollup';
import { isDeepStrictEqual } from 'node:util';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { measureIdb } from './insightsIdb';

const EVENTS = Number(process.env.INSIGHTS_EVENTS ?? 1_000_000);
const SPACES = 50;
const MEMBERS = 20_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 21);
const ZONE = 'Europe/Berlin';

let state = 20261201;
const rand = (): number => ((state = ((Math.imul(state, 1103515245) + 12345) >>> 0) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const en = ['refund', 'server', 'update', 'event', 'giveaway', 'nitro', 'bug', 'patch', 'raid', 'boss', 'guild', 'stream', 'tonight', 'great', 'terrible', 'love', 'hate', 'thanks', 'help', 'login', 'wallet', 'mint', 'launch', 'delay', 'awesome', 'broken', 'price', 'market', 'team', 'support'];
const enFiller = ['the', 'is', 'my', 'when', 'this', 'we', 'a', 'for', 'and', 'so'];
const zh = ['退款', '服务器', '更新', '活动', '抽奖', '问题', '客服', '登录', '钱包', '价格', '市场', '太好了', '不满意', '谢谢', '帮助', '延迟'];
// Member activity is skewed like a real room: a few members write most messages.
const memberOf = (): number => Math.floor(MEMBERS * rand() ** 3);

function text(): string {
  if (rand() < 0.15) return Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(zh)).join('');
  return Array.from({ length: 4 + Math.floor(rand() * 8) }, () => (rand() < 0.5 ? pick(en) : pick(enFiller))).join(' ');
}

function event(i: number, ts: number): InsightSource {
  const space = Math.floor(rand() * SPACES);
  const platform = (['discord', 'telegram', 'whatsapp'] as const)[space % 3]!;
  const member = memberOf();
  const r = rand();
  const kind = r < 0.9 ? 'message' : r < 0.95 ? 'join' : r < 0.98 ? 'leave' : r < 0.99 ? 'reaction' : r < 0.995 ? 'report' : 'modAction';
  return {
    id: `${platform}:g${space}:c:${i}`,
    platform,
    sourceId: `src-${platform}`,
    kind,
    spaceId: `g${space}`,
    spaceName: `Space ${space}`,
    channelId: `c${space % 4}`,
    messageId: `${i}`,
    ts,
    author: { id: `m${member}`, bot: false },
    ...(kind === 'message' || kind === 'report' ? { text: text() } : {}),
    ...(kind === 'message' && rand() < 0.2 ? { replyToMessageId: `${Math.max(0, i - 1 - Math.floor(rand() * 50))}` } : {}),
    ...(kind === 'message' && rand() < 0.02 ? { flags: [{ category: rand() < 0.5 ? ('scam' as const) : ('toxicity' as const) }] } : {}),
    ...(kind === 'modAction' ? { moderation: { action: 'delete' as const } } : {}),
  };
}

/** CPU time of the last `time()` call, ms: on a shared machine the wall time also counts waiting for a core. */
let lastCpuMs = 0;
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = f();
  const used = process.cpuUsage(c);
  lastCpuMs = (used.user + used.system) / 1000;
  return [v, performance.now() - t];
}

/** Bytes of a record's typed arrays and strings (UTF-16), as a rough size of what IndexedDB holds. */
function recordBytes(r: AggregateRecord): number {
  let n = 0;
  for (const v of Object.values(r)) {
    if (ArrayBuffer.isView(v)) n += v.byteLength;
    else if (typeof v === 'string') n += v.length * 2;
    else if (Array.isArray(v)) for (const x of v as unknown[]) n += typeof x === 'string' ? x.length * 2 : Array.isArray(x) ? 24 : 8;
  }
  return n;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

const SPAN = 90 * DAY;
const heapBefore = heapMb();
// Events come in pages, as the worker reads them from IndexedDB (only the page is held at once), and
// in the worker's order: the last 14 days first (then the first report is painted), then the older ones.
const PAGE = 50_000;
const agg = new InsightsAggregator();
let aggregateMs = 0;
let heapPageMb = 0;
const split = Math.floor(EVENTS * (1 - 14 / 90));
function addRange(from: number, to: number): void {
  for (let start = from; start < to; start += PAGE) {
    const page = Array.from({ length: Math.min(PAGE, to - start) }, (_, k) => event(start + k, NOW - SPAN + Math.floor(((start + k) / EVENTS) * SPAN)));
    if (heapPageMb === 0) heapPageMb = heapMb() - heapBefore;
    aggregateMs += time(() => agg.addAll(page))[1];
  }
}
addRange(split, EVENTS);
const recentMs = aggregateMs;
const [, firstBuildReportMs] = time(() => buildReport(agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: ZONE }));
addRange(0, split);
const heapBuilt = heapMb() - heapBefore;

// Stored records, as the worker's checkpoint writes them; the clone stands in for IndexedDB's read.
const encoded = time(() => allRecords(agg));
let records = encoded[0];
const encodeMs = encoded[1];
const storedMb = records.reduce((sum, r) => sum + recordBytes(r), 0) / 1e6;
const storedMbByKind: Record<string, number> = {};
for (const r of records) storedMbByKind[r.kind] = (storedMbByKind[r.kind] ?? 0) + recordBytes(r) / 1e6;
for (const k in storedMbByKind) storedMbByKind[k] = Math.round(storedMbByKind[k]! * 10) / 10;
const recordCount = records.length;
// The glance a later start reads first (the recent days, the member and term tables, the newcomers):
// cloned, restored, and the 7-day report and crisis signals computed from it, as the first paint.
const prefixes = glancePrefixes(NOW);
const glanceRecords = records.filter((r) => prefixes.some((p) => r.key.startsWith(p)));
const heapBeforeGlance = heapMb();
const glanceMb = glanceRecords.reduce((sum, r) => sum + recordBytes(r), 0) / 1e6;
const [glanceCloned, glanceCloneMs] = time(() => structuredClone(glanceRecords));
let glanceCpuMs = lastCpuMs;
const glanceStepsCpuMs: number[] = [Math.round(lastCpuMs)];
const [glance, glanceLoadMs] = time(() => glanceFromRecords(glanceCloned, NOW)!);
glanceCpuMs += lastCpuMs;
glanceStepsCpuMs.push(Math.round(lastCpuMs));
const [glanceReport, glanceReportMs] = time(() => buildReport(glance.agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: ZONE }));
glanceCpuMs += lastCpuMs;
glanceStepsCpuMs.push(Math.round(lastCpuMs));
const [glanceCrisis, glanceCrisisMs] = time(() => crisisSignals(glance.agg, NOW));
glanceCpuMs += lastCpuMs;
glanceStepsCpuMs.push(Math.round(lastCpuMs));
const glanceSame =
  isDeepStrictEqual(glanceReport, buildReport(agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: ZONE })) &&
  isDeepStrictEqual(buildReport(glance.agg, { scope: { kind: 'all' }, period: '24h', now: NOW, zone: ZONE }), buildReport(agg, { scope: { kind: 'all' }, period: '24h', now: NOW, zone: ZONE })) &&
  isDeepStrictEqual(glanceCrisis, crisisSignals(agg, NOW));
// What the glance holds (its aggregator, which keeps views into the records it was read from).
const heapGlanceMb = heapMb() - heapBeforeGlance;
const heapWithBoth = heapMb();
const clonedAt = time(() => structuredClone(records));
let cloned = clonedAt[0];
const cloneMs = clonedAt[1];
let firstPaintCpuMs = lastCpuMs;
records = [];
const [loadedAgg, loadMs] = time(() => fromRecords(cloned)!);
const loadCpuMs = lastCpuMs;
firstPaintCpuMs += lastCpuMs;
cloned = [];
const heapLoaded = heapMb() - heapWithBoth;
const [first, firstReportMs] = time(() => buildReport(loadedAgg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: ZONE }));
firstPaintCpuMs += lastCpuMs;
const [, firstCrisisMs] = time(() => crisisSignals(loadedAgg, NOW));
firstPaintCpuMs += lastCpuMs;
loadedAgg.prepare();
const builtReport = buildReport(agg, { scope: { kind: 'all' }, period: '90d', now: NOW, zone: ZONE });
const loadedSame = JSON.stringify(builtReport) === JSON.stringify(buildReport(loadedAgg, { scope: { kind: 'all' }, period: '90d', now: NOW, zone: ZONE }));

const periodSwitchMs: Record<string, number> = {};
const periodSwitchCpuMs: Record<string, number> = {};
for (const period of Object.keys(PERIODS) as PeriodId[]) {
  periodSwitchMs[period] = Math.round(time(() => buildReport(loadedAgg, { scope: { kind: 'all' }, period, now: NOW, zone: ZONE }))[1]);
  periodSwitchCpuMs[period] = Math.round(lastCpuMs);
}
// Day roll-ups of the viewer's zone (rollup.ts), warmed as the worker does after its first answer;
// then the long periods read whole days from them.
const rollups = new DayRollups(loadedAgg, ZONE);
const [, rollupWarmMs] = time(() => {
  const today = rollups.clock.at(Math.floor(NOW / 3_600_000)).day;
  for (let day = today; day > today - 92; day--) for (const space of loadedAgg.spaces.values()) rollups.day(space, day);
});
const rollupWarmCpuMs = lastCpuMs;
// Median of 5 runs each, hourly and rolled in turn (one run is at the mercy of a GC or the load).
const rolledSwitchMs: Record<string, number> = {};
const rolledSwitchCpuMs: Record<string, number> = {};
const hourlySwitchMs: Record<string, number> = {};
const hourlySwitchCpuMs: Record<string, number> = {};
let rolledSame = true;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const period of ['30d', '90d'] as const) {
  const q = { scope: { kind: 'all' as const }, period, now: NOW, zone: ZONE };
  const runs = { hw: [] as number[], hc: [] as number[], rw: [] as number[], rc: [] as number[] };
  for (let k = 0; k < 5; k++) {
    const [hourly, hw] = time(() => buildReport(loadedAgg, q));
    runs.hw.push(hw);
    runs.hc.push(lastCpuMs);
    const [rolled, rw] = time(() => buildReport(loadedAgg, q, { days: rollups }));
    runs.rw.push(rw);
    runs.rc.push(lastCpuMs);
    rolledSame &&= isDeepStrictEqual(rolled, hourly);
  }
  hourlySwitchMs[period] = Math.round(median(runs.hw));
  hourlySwitchCpuMs[period] = Math.round(median(runs.hc));
  rolledSwitchMs[period] = Math.round(median(runs.rw));
  rolledSwitchCpuMs[period] = Math.round(median(runs.rc));
}
const oneSpaceMs = time(() => buildReport(loadedAgg, { scope: { kind: 'space', key: [...loadedAgg.spaces.keys()][0]! }, period: '90d', now: NOW, zone: ZONE }))[1];
const [, crisisMs] = time(() => crisisSignals(loadedAgg, NOW));

// Incremental: batches of 500 new events (the pipeline's batch size), then the open report again, and
// the records the next checkpoint writes for them. The worker builds the row indexes after its first answer (prepare).
const batchMs: number[] = [];
const batchWithReportMs: number[] = [];
const checkpointMs: number[] = [];
const batchCpuMs: number[] = [];
for (let b = 0; b < 20; b++) {
  const batch = Array.from({ length: 500 }, (_, i) => event(EVENTS + b * 500 + i, NOW + b * 1000 + i));
  const [, addMs] = time(() => loadedAgg.addAll(batch));
  batchCpuMs.push(lastCpuMs);
  const [, reportMs] = time(() => buildReport(loadedAgg, { scope: { kind: 'all' }, period: '7d', now: NOW + 30_000, zone: ZONE }));
  batchMs.push(addMs);
  batchWithReportMs.push(addMs + reportMs);
  checkpointMs.push(time(() => changedRecords(loadedAgg))[1]);
}
const heapAggregates = heapBuilt;
// A real browser's IndexedDB holding the records (written, the page reloaded, read back).
const finalRecords = allRecords(loadedAgg);
const idbRun = process.env.INSIGHTS_IDB === '0' ? Promise.resolve({}) : measureIdb(finalRecords, prefixes);

/** The app itself in Chromium (insightsPage.ts, its own process): first paint, everything read, period switches on the page's clock. */
function measurePage(): unknown {
  const file = join(tmpdir(), `tk-insights-records-${process.pid}.bin`);
  writeFileSync(file, serialize(finalRecords));
  try {
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/insightsPage.ts', file, String(loadedAgg.count)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return { error: `exit ${run.status}` };
    }
  } finally {
    rmSync(file, { force: true });
  }
}
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const round = (x: number) => Math.round(x * 10) / 10;

void idbRun.then((idb) => ({ idb, page: process.env.INSIGHTS_PAGE === '0' ? undefined : measurePage() })).then(({ idb, page }) => process.stdout.write(
  JSON.stringify({
    events: EVENTS,
    spaces: agg.spaces.size,
    members: MEMBERS,
    aggregate_all_ms: Math.round(aggregateMs),
    first_build_recent_14d_ms: Math.round(recentMs),
    first_build_paint_ms: Math.round(recentMs + firstBuildReportMs),
    stored_records: recordCount,
    stored_mb: Math.round(storedMb),
    stored_mb_by_kind: storedMbByKind,
    encode_all_ms: Math.round(encodeMs),
    clone_ms: Math.round(cloneMs),
    load_ms: Math.round(loadMs),
    load_cpu_ms: Math.round(loadCpuMs),
    first_report_7d_ms: Math.round(firstReportMs),
    first_crisis_ms: Math.round(firstCrisisMs),
    first_paint_ms: Math.round(cloneMs + loadMs + firstReportMs + firstCrisisMs),
    first_paint_cpu_ms: Math.round(firstPaintCpuMs),
    glance_records: glanceRecords.length,
    glance_mb: Math.round(glanceMb * 10) / 10,
    glance_clone_ms: Math.round(glanceCloneMs),
    glance_load_ms: Math.round(glanceLoadMs),
    glance_report_7d_ms: Math.round(glanceReportMs),
    glance_crisis_ms: Math.round(glanceCrisisMs),
    glance_first_paint_ms: Math.round(glanceCloneMs + glanceLoadMs + glanceReportMs + glanceCrisisMs),
    glance_first_paint_cpu_ms: Math.round(glanceCpuMs),
    /** Clone, restore, 7-day report, crisis signals. */
    glance_steps_cpu_ms: glanceStepsCpuMs,
    glance_equals_full: glanceSame,
    heap_glance_mb: Math.round(heapGlanceMb),
    loaded_equals_built: loadedSame,
    period_switch_ms: periodSwitchMs,
    period_switch_cpu_ms: periodSwitchCpuMs,
    rollup_warm_92d_ms: Math.round(rollupWarmMs),
    rollup_warm_92d_cpu_ms: Math.round(rollupWarmCpuMs),
    rollup_days_built: rollups.built,
    period_switch_hourly_median_ms: hourlySwitchMs,
    period_switch_hourly_median_cpu_ms: hourlySwitchCpuMs,
    period_switch_rolled_ms: rolledSwitchMs,
    period_switch_rolled_cpu_ms: rolledSwitchCpuMs,
    rolled_equals_hourly: rolledSame,
    ...idb,
    page,
    one_space_90d_ms: round(oneSpaceMs),
    crisis_all_spaces_ms: round(crisisMs),
    batch_500_add_ms_p50: round(p(batchMs, 0.5)),
    batch_500_add_cpu_ms_p50: round(p(batchCpuMs, 0.5)),
    batch_500_add_plus_report_ms_p50: round(p(batchWithReportMs, 0.5)),
    batch_500_add_plus_report_ms_max: round(Math.max(...batchWithReportMs)),
    batch_500_add_ms_first_after_prepare: round(batchMs[0]!),
    batch_500_checkpoint_records_ms_p50: round(p(checkpointMs, 0.5)),
    heap_page_of_50k_events_mb: Math.round(heapPageMb),
    heap_aggregates_mb: Math.round(heapAggregates),
    heap_loaded_aggregates_mb: Math.round(heapLoaded),
    gc_exposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    report_check: { messages_7d: first.activity.messages, active_7d: first.activity.activeMembers, rising: first.topics.rising.slice(0, 3).map((t) => t.term) },
    budget: { first_paint_ms: 2000, period_switch_ms: 300, batch_ms: 50 },
  }) + '\n',
));
