// Insights: the community's health over a period (members, activity, speaking share, topics,
// sentiment, moderation load) and the early warning per space. Numbers come from the insights worker;
// every chart has a table view and a CSV export.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import type { ActionKind } from '@shared/domain/actions';
import { PERIODS, type InsightsReport, type PeriodId, type Proportion, type Scope } from '@shared/insights/report';
import { moderationLoad, type ModerationLoad } from '@shared/insights/moderation';
import { teamShiftsBetween } from '@shared/team/schedule';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useAlerts } from '../../stores/alerts';
import { useInbox } from '../../stores/inbox';
import { useSettings } from '../../stores/settings';
import { useSources } from '../../stores/sources';
import { useTeam } from '../../stores/team';
import { ChartCard, type ChartTime } from './ChartCard';
import { Playbook } from './Playbook';
import { minutes as ms, weeklyContent, weeklyText } from './weekly';
import { downloadBlob, weeklyPng } from './weeklyPng';
import { useInsights } from './useInsights';
import { explainTerms, percent, weekdayHour } from '../../lib/crisisWords';
import './insights.css';

const COLORS = ['#2f6fde', '#d2691e', '#2e8b57', '#b03060'];

function Share({ p, lang }: { p: Proportion; lang: string }) {
  const { t } = useTranslation();
  if (p.of === 0) return <>{t('insights.members.none')}</>;
  return (
    <>
      {percent(p.share, lang)} <span className="muted">({t('insights.members.ofEligible', { count: p.count, of: p.of })})</span>
    </>
  );
}

function useModerationLoad(report: InsightsReport | undefined): { load: ModerationLoad | undefined; loadFor: (report: InsightsReport) => ModerationLoad } {
  const items = useInbox((s) => s.byId);
  const team = useTeam((s) => s.view);
  const outboxVersion = useActions((s) => s.outboxVersion);
  const { t } = useTranslation();
  const [actions, setActions] = useState<{ inboxItemId?: string; kind: ActionKind; createdAt: number }[]>([]);
  useEffect(() => {
    let live = true;
    void getDb()
      .actions.toArray()
      .then((rows) => live && setActions(rows.map((r) => ({ ...(r.inboxItemId ? { inboxItemId: r.inboxItemId } : {}), kind: r.intent.kind, createdAt: r.createdAt }))))
      .catch((err: unknown) => console.error('Could not read the outbox for insights', err));
    return () => {
      live = false;
    };
  }, [outboxVersion]);
  const loadFor = useCallback(
    (r: InsightsReport) => {
      const keys = new Set(r.spaces.map((s) => s.key));
      const inScope = [...items.values()].filter((i) => keys.has(`${i.platform}|${i.sourceId}|${i.spaceId}`));
      const shifts = team ? teamShiftsBetween(team.state, r.from, r.to) : undefined;
      return moderationLoad({ items: inScope, actions, team: team?.state, shifts, me: t('insights.moderation.thisConsole'), from: r.from, to: r.to });
    },
    [items, actions, team, t],
  );
  const load = useMemo(() => (report ? loadFor(report) : undefined), [report, loadFor]);
  return { load, loadFor };
}

function CrisisPanel() {
  const { t, i18n } = useTranslation();
  const crisis = useInsights((s) => s.crisis);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const serious = crisis.filter((c) => c.level !== 'calm');
  return (
    <section className="insights-crisis" aria-labelledby="insights-crisis-title">
      <h3 id="insights-crisis-title">{t('insights.crisis.title')}</h3>
      {serious.length === 0 ? (
        <p className="muted">{t('insights.crisis.calm')}</p>
      ) : (
        <ul>
          {serious.map((s) => (
            <li key={s.spaceKey} className={`crisis-signal level-${s.level}`} data-level={s.level}>
              <p>
                <strong>{t('insights.crisis.heading', { level: t(`insights.crisis.level.${s.level}`), space: s.name })}</strong>
                {' — '}
                <span className="crisis-why">{explainTerms(t, s.terms, i18n.language)}</span>
              </p>
              <button type="button" aria-expanded={open === s.spaceKey} onClick={() => setOpen(open === s.spaceKey ? undefined : s.spaceKey)}>
                {t('insights.crisis.playbook')}
              </button>
              {open === s.spaceKey && <Playbook signal={s} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordedAlerts() {
  const { t, i18n } = useTranslation();
  const alerts = useAlerts((s) => s.alerts);
  useEffect(() => void useAlerts.getState().load(), []);
  return (
    <section className="insights-card" aria-labelledby="insights-alerts">
      <h3 id="insights-alerts">{t('insights.crisis.recorded')}</h3>
      {alerts.length === 0 ? (
        <p className="muted">{t('insights.crisis.noAlerts')}</p>
      ) : (
        <ul className="insights-alerts">
          {[...alerts].reverse().slice(0, 20).map((a) => (
            <li key={a.id}>
              {t('insights.crisis.alertLine', { time: weekdayHour(a.at, i18n.language), level: t(`insights.crisis.level.${a.level}`), space: a.spaceName, why: explainTerms(t, a.terms, i18n.language) })}
              {a.done.length > 0 && <> — {t('insights.crisis.done', { steps: a.done.map((d) => d.step).join(', ') })}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Heatmap({ report }: { report: InsightsReport }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...report.activity.heatmap.flat());
  return (
    <div className="insights-heatmap" role="img" aria-label={t('insights.heatmap.title')}>
      {report.activity.heatmap.map((row, d) => (
        <div key={d} className="heatmap-row">
          <span className="heatmap-day">{t(`insights.heatmap.days.${d}`)}</span>
          {row.map((count, h) => (
            <span key={h} className="heatmap-cell" title={t('insights.heatmap.cell', { day: t(`insights.heatmap.days.${d}`), hour: h, count })} data-level={Math.ceil((count / max) * 4)} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** The weekly report as a PNG a lead pastes into the company's channel, drawn here from the 7-day figures. */
function WeeklyReport({ loadFor, community }: { loadFor: (r: InsightsReport) => ModerationLoad; community: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'making' } | { kind: 'saved'; file: string; lines: string[] } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  async function make() {
    setState({ kind: 'making' });
    try {
      const report = await useInsights.getState().weekly();
      if (!report) throw new Error(t('insights.noData'));
      const content = weeklyContent(t, i18n.language, report, loadFor(report), community);
      const blob = await weeklyPng(content);
      const file = `weekly-report-${DateTime.fromMillis(report.to - 1).toFormat('yyyy-MM-dd')}.png`;
      downloadBlob(file, blob);
      setState({ kind: 'saved', file, lines: weeklyText(content) });
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return (
    <div className="insights-weekly">
      <button type="button" disabled={state.kind === 'making'} onClick={() => void make()}>
        {t('insights.weekly.button')}
      </button>
      <div role="status">
        {state.kind === 'making' && <span className="muted">{t('insights.weekly.making')}</span>}
        {state.kind === 'failed' && <span className="notice failed">{t('insights.weekly.failed', { message: state.message })}</span>}
        {state.kind === 'saved' && (
          <details>
            <summary>{t('insights.weekly.saved', { file: state.file })}</summary>
            <pre data-testid="weekly-text">{state.lines.join('\n')}</pre>
          </details>
        )}
      </div>
    </div>
  );
}

/** The team's SLA per shift, from the shifts in the ledger's schedules (issue 18). */
function ShiftSla({ load }: { load: ModerationLoad }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const at = (v: number, f: string) => DateTime.fromMillis(v).setLocale(lang).toFormat(f);
  return (
    <>
      <ChartCard
        name="shift-sla"
        title={t('insights.sla.title')}
        summary=""
        table={{
          headers: [t('insights.sla.shift'), t('insights.moderation.items'), t('insights.moderation.firstAction'), t('insights.moderation.resolution')],
          rows: load.perShift.map((x) => [
            x.key ? t('insights.sla.line', { name: x.moderator, start: at(x.start, 'ccc dd HH:mm'), end: at(x.end, 'HH:mm') }) : t('insights.sla.noShift'),
            x.items,
            ms(x.medianFirstActionMs, lang),
            ms(x.medianResolutionMs, lang),
          ]),
        }}
      />
      {load.perShift.length === 0 && <p className="muted">{t('insights.sla.noShifts')}</p>}
    </>
  );
}

export function InsightsView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = useInsights();
  const sources = useSources((x) => x.sources);
  const setView = useSettings((x) => x.setView);
  const { load, loadFor } = useModerationLoad(s.report);

  useEffect(() => {
    useInsights.getState().start();
    useInsights.getState().refresh();
  }, []);
  const report = s.report;
  const stepWord = report?.granularity === 'day' ? t('insights.activity.day') : t('insights.activity.hour');
  const fmtT = (ms: number) => DateTime.fromMillis(ms).setLocale(lang).toFormat(report?.granularity === 'day' ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm');
  // The charts' axis and legend say time as the tables do: 24-hour, in this view's zone and language.
  const chartTime: ChartTime = { label: t('insights.activity.time'), full: fmtT, tick: (ms) => DateTime.fromMillis(ms).setLocale(lang).toFormat(report?.granularity === 'day' ? 'MM-dd' : 'MM-dd HH:mm') };
  const platforms = [...new Set(sources.map((x) => x.platform))];
  const scopeValue = s.scope.kind === 'all' ? 'all' : s.scope.kind === 'platform' ? `p:${s.scope.platform}` : `s:${s.scope.key}`;
  const spaceOptions = s.spaces;

  const activity = useMemo(() => {
    if (!report) return undefined;
    const x = report.activity.series.map((p) => p.t);
    return {
      x,
      series: [
        { label: t('insights.activity.messages'), values: report.activity.series.map((p) => p.messages), color: COLORS[0]! },
        { label: t('insights.activity.active'), values: report.activity.series.map((p) => p.active), color: COLORS[1]! },
      ],
      flags: [{ label: t('insights.activity.flagged'), values: report.activity.series.map((p) => p.flagged), color: COLORS[3]! }],
    };
  }, [report, t]);
  const sentimentChart = useMemo(() => {
    if (!report) return undefined;
    const top = [...report.sentiment.perSpace].sort((a, b) => b.negative.of - a.negative.of).slice(0, 3);
    return { x: report.activity.series.map((p) => p.t), series: top.map((sp, i) => ({ label: sp.name, values: sp.trend.map((v) => (v === null ? null : Math.round(v * 1000) / 10)), color: COLORS[i]! })) };
  }, [report]);

  return (
    <main className="insights" aria-labelledby="insights-title">
      <div className="insights-head">
        <h2 id="insights-title">{t('insights.title')}</h2>
        <div role="group" aria-label={t('insights.period')} className="insights-periods">
          {(Object.keys(PERIODS) as PeriodId[]).map((p) => (
            <button key={p} type="button" aria-pressed={s.period === p} onClick={() => s.setPeriod(p)}>
              {t(`insights.periods.${p}`)}
            </button>
          ))}
        </div>
        <label>
          {t('insights.scope')}{' '}
          <select
            value={scopeValue}
            onChange={(e) => {
              const v = e.target.value;
              const scope: Scope = v === 'all' ? { kind: 'all' } : v.startsWith('p:') ? { kind: 'platform', platform: v.slice(2) as 'discord' } : { kind: 'space', key: v.slice(2) };
              s.setScope(scope);
            }}
          >
            <option value="all">{t('insights.scopeAll')}</option>
            {platforms.map((p) => (
              <option key={p} value={`p:${p}`}>
                {t('insights.scopePlatform', { platform: p })}
              </option>
            ))}
            {s.scope.kind === 'space' && !spaceOptions.some((x) => x.key === (s.scope as { key: string }).key) && <option value={scopeValue}>{scopeValue.slice(2)}</option>}
            {spaceOptions.map((sp) => (
              <option key={sp.key} value={`s:${sp.key}`}>
                {sp.name} ({sp.platform})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setView('inbox')}>
          {t('insights.close')}
        </button>
      </div>
      <p className="muted" role="status" data-aggregates={s.source}>
        {s.status === 'loading' && t('insights.loading', { count: s.loaded })}
        {s.status === 'failed' && t('insights.failed', { message: s.error ?? '' })}
        {(s.status === 'ready' || s.status === 'older') && report && t('insights.computed', { count: s.loaded, ms: s.computeMs ?? 0, zone: report.zone })}
        {/* From stored aggregates the short periods are exact at once; only the long ones wait. */}
        {s.status === 'older' && <> {t(s.source === 'stored' ? 'insights.loadingLonger' : 'insights.loadingOlder')}</>}
      </p>
      {report && <WeeklyReport loadFor={loadFor} community={s.scope.kind === 'all' ? t('insights.scopeAll') : s.scope.kind === 'platform' ? t('insights.scopePlatform', { platform: s.scope.platform }) : (spaceOptions.find((x) => s.scope.kind === 'space' && x.key === s.scope.key)?.name ?? '')} />}
      <CrisisPanel />
      {report && activity && (
        <>
          <section className="insights-card" aria-labelledby="insights-members">
            <h3 id="insights-members">{t('insights.members.title')}</h3>
            <dl className="insights-tiles">
              <div><dt>{t('insights.members.joins')}</dt><dd>{report.members.joins}</dd></div>
              <div><dt>{t('insights.members.leaves')}</dt><dd>{report.members.leaves}</dd></div>
              <div><dt>{t('insights.members.net')}</dt><dd>{report.members.net}</dd></div>
              <div><dt>{t('insights.members.newcomers')}</dt><dd>{t('insights.members.ofEligible', { count: report.members.newcomersPosted, of: report.members.newcomers })}</dd></div>
              <div><dt>{t('insights.members.firstMessage')}</dt><dd>{ms(report.members.medianFirstMessageMs, lang)}</dd></div>
              <div><dt>{t('insights.members.answered')}</dt><dd><Share p={report.members.answered} lang={lang} /></dd></div>
              <div><dt>{t('insights.members.retained7')}</dt><dd><Share p={report.members.retained7} lang={lang} /></dd></div>
              <div><dt>{t('insights.members.retained30')}</dt><dd><Share p={report.members.retained30} lang={lang} /></dd></div>
            </dl>
          </section>
          <ChartCard
            name="activity"
            title={t('insights.activity.chart', { step: stepWord })}
            summary={`${t('insights.activity.total', { messages: report.activity.messages, members: report.activity.activeMembers })}. ${t('insights.activity.replies', { value: report.activity.repliesPerMessage.toFixed(2) })}`}
            chart={{ x: activity.x, series: activity.series, time: chartTime }}
            table={{
              headers: [t('insights.activity.time'), t('insights.activity.messages'), t('insights.activity.active'), t('insights.activity.joins'), t('insights.activity.leaves'), t('insights.activity.flagged')],
              rows: report.activity.series.map((p) => [fmtT(p.t), p.messages, p.active, p.joins, p.leaves, p.flagged]),
            }}
          />
          <p className="muted">
            {t('insights.activity.total', { messages: report.activity.messages, members: report.activity.activeMembers })} · {t('insights.activity.replies', { value: report.activity.repliesPerMessage.toFixed(2) })}
          </p>
          <ChartCard
            name="heatmap"
            title={t('insights.heatmap.title')}
            summary={t('insights.heatmap.title')}
            visual={<Heatmap report={report} />}
            table={{ headers: [t('insights.heatmap.weekday'), ...Array.from({ length: 24 }, (_, h) => `${h}`)], rows: report.activity.heatmap.map((row, d) => [t(`insights.heatmap.days.${d}`), ...row]) }}
          />
          <ChartCard
            name="speaking-share"
            title={t('insights.speaking.title')}
            summary=""
            table={{
              headers: [t('insights.speaking.title'), t('insights.speaking.value')],
              rows: [
                [t('insights.speaking.members'), report.activity.speaking.members],
                [t('insights.speaking.top1'), percent(report.activity.speaking.top1Share, lang)],
                [t('insights.speaking.top10'), percent(report.activity.speaking.top10Share, lang)],
                [t('insights.speaking.gini'), report.activity.speaking.gini.toFixed(2)],
              ],
            }}
          />
          <ChartCard
            name="topics"
            title={t('insights.topics.title')}
            summary=""
            table={{
              headers: [t('insights.topics.term'), t('insights.topics.rising'), t('insights.topics.now'), t('insights.topics.before')],
              rows: [
                ...report.topics.rising.map((h) => [h.term, t('insights.topics.rising'), h.now, h.before]),
                ...report.topics.falling.map((h) => [h.term, t('insights.topics.falling'), h.now, h.before]),
              ],
            }}
          />
          <ChartCard
            name="contributors"
            title={t('insights.contributors.title')}
            summary={t('insights.contributors.note')}
            table={{
              headers: [t('insights.contributors.member'), t('insights.contributors.platform'), t('insights.contributors.answered'), t('insights.contributors.messages')],
              rows: report.contributors.map((c) => [c.name, c.member.split('|')[0] ?? '', c.newcomersAnswered, c.messages]),
            }}
          />
          <p className="muted">{report.contributors.length === 0 ? t('insights.contributors.none') : t('insights.contributors.note')}</p>
          <ChartCard
            name="sentiment"
            title={t('insights.sentiment.title')}
            summary={t('insights.sentiment.note')}
            chart={sentimentChart && sentimentChart.series.length > 0 ? { ...sentimentChart, time: chartTime } : undefined}
            table={{
              headers: [t('insights.sentiment.space'), t('insights.sentiment.negative'), t('insights.sentiment.range'), t('insights.sentiment.scored')],
              rows: report.sentiment.perSpace.map((sp) => [sp.name, sp.negative.of ? percent(sp.negative.share, lang) : '—', sp.negative.of ? `${percent(sp.negative.low, lang)}–${percent(sp.negative.high, lang)}` : '—', sp.negative.of]),
            }}
          />
          <p className="muted">{t('insights.sentiment.note')}</p>
          <ChartCard
            name="moderation"
            title={t('insights.moderation.title')}
            summary={`${t('insights.moderation.flagged')}: ${report.moderation.flagged}. ${t('insights.moderation.perHour')}: ${report.moderation.flagsPerHour.toFixed(2)}`}
            chart={{ x: activity.x, series: activity.flags }}
            table={{
              headers: [t('insights.moderation.kind'), t('insights.moderation.count')],
              rows: [
                [t('insights.moderation.flagged'), report.moderation.flagged],
                [t('insights.moderation.perHour'), Math.round(report.moderation.flagsPerHour * 100) / 100],
                [t('insights.moderation.reports'), report.moderation.reports],
                ...Object.entries(report.moderation.modActions).map(([k, n]) => [t('insights.moderation.native', { kind: k }), n] as [string, number]),
                ...Object.entries(load?.actionsByKind ?? {}).map(([k, n]) => [k, n ?? 0] as [string, number]),
                [t('insights.moderation.openNow'), load?.openNow ?? 0],
              ],
            }}
          />
          {load && (
            <ChartCard
              name="moderators"
              title={`${t('insights.moderation.moderator')}: ${t('insights.moderation.firstAction')} / ${t('insights.moderation.resolution')}`}
              summary=""
              table={{
                headers: [t('insights.moderation.moderator'), t('insights.moderation.items'), t('insights.moderation.firstAction'), t('insights.moderation.resolution')],
                rows: [...load.perModerator.map((m) => [m.moderator, m.items, ms(m.medianFirstActionMs, lang), ms(m.medianResolutionMs, lang)]), ...load.handoffs.map((h) => [t('insights.moderation.handoff', { name: h.by, time: weekdayHour(h.at, lang), count: h.open }), h.open, null, null])],
              }}
            />
          )}
          {load && <ShiftSla load={load} />}
          {report.activity.messages === 0 && <p className="muted">{t('insights.noData')}</p>}
        </>
      )}
      <RecordedAlerts />
    </main>
  );
}

export default InsightsView;
