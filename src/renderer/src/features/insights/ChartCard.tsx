// One chart of the Insights view: drawn with uPlot, with an accessible name and summary, a table view
// of the same numbers, and a CSV export of that table.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { downloadCsv, toCsv, type Cell } from './csv';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

export interface TableData {
  headers: string[];
  rows: Cell[][];
}

interface ChartCardProps {
  /** File name stem of the CSV and the test hook. */
  name: string;
  title: string;
  /** One sentence a screen reader hears for the chart (the table has every number). */
  summary: string;
  table: TableData;
  /** A uPlot line chart over x (epoch ms); omit for a card that is only a table (heatmap, lists). */
  chart?: { x: number[]; series: ChartSeries[]; time?: ChartTime };
  /** Custom visual (heatmap grid) shown in chart mode instead of uPlot. */
  visual?: ReactNode;
}

/**
 * How the x axis and the legend word time, in the moderator's language and zone: uPlot's own are English
 * ("4pm", "Time") and in the browser's zone.
 */
export interface ChartTime {
  label: string;
  /** A tick on the axis (short). */
  tick(ms: number): string;
  /** The legend's value for the hovered point. */
  full(ms: number): string;
}

/** Whether two data sets hold the same numbers (a report equal to the last one draws nothing). */
function sameData(a: uPlot.AlignedData, b: uPlot.AlignedData): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

function LineChart({ x, series, label, time }: { x: number[]; series: ChartSeries[]; label: string; time?: ChartTime | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  const built = useRef<{ plot: uPlot; lines: string } | undefined>(undefined);
  const data = useMemo(() => [x.map((ms) => ms / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData, [x, series]);
  // The plot is built once per set of lines (their labels and colours: a language or scope switch) and
  // given each new report's numbers in place: a period switch or a refresh redraws the same canvas, and
  // a report with the same numbers draws nothing. The legend's word for time is part of the set; the
  // ticks read the latest formatter at each draw, so hourly → daily ticks keep the same plot too.
  const lines = [time?.label ?? '', ...series.map((s) => `${s.label}\u0000${s.color}`)].join('\u0001');
  const timeRef = useRef(time);
  useEffect(() => {
    timeRef.current = time;
  });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const had = built.current;
    if (had && had.lines === lines) {
      if (!sameData(had.plot.data, data)) had.plot.setData(data);
      return;
    }
    had?.plot.destroy();
    const width = Math.max(320, el.clientWidth || 640);
    const plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: true } },
        series: [
          time ? { label: time.label, value: (_u: uPlot, v: number | null) => (v === null ? '—' : (timeRef.current ?? time).full(v * 1000)) } : {},
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: false })),
        ],
        // Ticks far enough apart for a date and an hour in any language.
        axes: [time ? { space: 90, values: (_u: uPlot, splits: number[]) => splits.map((v) => (timeRef.current ?? time).tick(v * 1000)) } : {}, {}],
        legend: { show: true },
      },
      data,
      el,
    );
    built.current = { plot, lines };
  }, [lines, data, series, time]);
  useEffect(
    () => () => {
      built.current?.plot.destroy();
      built.current = undefined;
    },
    [],
  );
  return <div ref={box} className="insights-plot" role="img" aria-label={label} />;
}

export function ChartCard({ name, title, summary, table, chart, visual }: ChartCardProps) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(!chart && !visual);
  const headingId = useId();
  const canDraw = !!chart || !!visual;
  return (
    <section className="insights-card" aria-labelledby={headingId} data-chart={name}>
      <div className="insights-card-head">
        <h3 id={headingId}>{title}</h3>
        <div className="insights-card-tools">
          {canDraw && (
            <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? t('insights.showChart') : t('insights.showTable')}
            </button>
          )}
          <button type="button" onClick={() => downloadCsv(name, toCsv(table.headers, table.rows))} aria-label={`${t('insights.exportCsv')}: ${title}`}>
            {t('insights.exportCsv')}
          </button>
        </div>
      </div>
      {asTable || !canDraw ? (
        // A long table scrolls: focusable and named, so keyboard users can scroll it too.
        <div className="insights-table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table className="insights-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((c, j) => (j === 0 ? <th key={j} scope="row">{c ?? ''}</th> : <td key={j}>{c ?? ''}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : chart ? (
        <LineChart x={chart.x} series={chart.series} time={chart.time} label={`${title}. ${summary}`} />
      ) : (
        visual
      )}
    </section>
  );
}
