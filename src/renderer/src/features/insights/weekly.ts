// The weekly report a lead pastes into the company's channel (issue 18): what it says, built from the
// 7-day report and the moderation load, as plain data — the same content is drawn as a PNG
// (weeklyPng.ts) and shown as text beside the button (the image's words, for screen readers and
// for pasting as text). No DOM here, so it is unit-tested.
import type { TFunction } from 'i18next';
import type { ModerationLoad } from '@shared/insights/moderation';
import type { InsightsReport } from '@shared/insights/report';
import { percent } from '../../lib/crisisWords';

export interface WeeklyContent {
  title: string;
  subtitle: string;
  sections: { heading: string; rows: [string, string][] }[];
  /** Messages per local day of the week, for the bar chart. */
  bars: { label: string; value: number }[];
  barsTitle: string;
  footer: string;
}

/** A duration in minutes, or hours from 90 minutes on, with the unit in the moderator's language ("6 min", "6分钟"). */
export function minutes(v: number | null, lang: string): string {
  if (v === null) return '—';
  const m = v / 60_000;
  const unit = (u: 'minute' | 'hour') => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 });
  return m < 90 ? unit('minute').format(m) : unit('hour').format(m / 60);
}

/** Sums the hourly series into local days (the series starts at local midnight or the hour it covers). */
function days(report: InsightsReport, lang: string): { label: string; value: number }[] {
  const byDay = new Map<string, number>();
  const fmt = new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', timeZone: report.zone });
  for (const p of report.activity.series) {
    const label = fmt.format(p.t);
    byDay.set(label, (byDay.get(label) ?? 0) + p.messages);
  }
  return [...byDay].map(([label, value]) => ({ label, value })).slice(-7);
}

export function weeklyContent(t: TFunction, lang: string, report: InsightsReport, load: ModerationLoad | undefined, community: string): WeeklyContent {
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: report.zone });
  const n = new Intl.NumberFormat(lang);
  const m = report.members;
  const a = report.activity;
  const sections: WeeklyContent['sections'] = [
    {
      heading: t('insights.weekly.members'),
      rows: [
        [t('insights.members.joins'), n.format(m.joins)],
        [t('insights.members.leaves'), n.format(m.leaves)],
        [t('insights.members.net'), n.format(m.net)],
        [t('insights.members.answered'), m.answered.of ? `${percent(m.answered.share, lang)} (${m.answered.count}/${m.answered.of})` : '—'],
      ],
    },
    {
      heading: t('insights.weekly.activity'),
      rows: [
        [t('insights.activity.messages'), n.format(a.messages)],
        [t('insights.activity.active'), n.format(a.activeMembers)],
        [t('insights.speaking.top10'), percent(a.speaking.top10Share, lang)],
        [t('insights.sentiment.negative'), report.sentiment.overall.of ? percent(report.sentiment.overall.share, lang) : '—'],
      ],
    },
    {
      heading: t('insights.weekly.moderation'),
      rows: [
        [t('insights.moderation.flagged'), n.format(report.moderation.flagged)],
        [t('insights.moderation.reports'), n.format(report.moderation.reports)],
        [t('insights.moderation.firstAction'), minutes(load?.overall.medianFirstActionMs ?? null, lang)],
        [t('insights.moderation.resolution'), minutes(load?.overall.medianResolutionMs ?? null, lang)],
      ],
    },
  ];
  const rising = report.topics.rising.slice(0, 5).map((h) => h.term);
  if (rising.length) sections.push({ heading: t('insights.weekly.topics'), rows: [[t('insights.topics.rising'), rising.join(', ')]] });
  const helpers = report.contributors.slice(0, 3).map((c) => `${c.name} (${c.newcomersAnswered})`);
  if (helpers.length) sections.push({ heading: t('insights.contributors.title'), rows: [[t('insights.contributors.answered'), helpers.join(', ')]] });
  return {
    title: t('insights.weekly.title', { community }),
    subtitle: t('insights.weekly.period', { from: date.format(report.from), to: date.format(report.to - 1), zone: report.zone }),
    sections,
    bars: days(report, lang),
    barsTitle: t('insights.weekly.perDay'),
    footer: t('insights.weekly.footer'),
  };
}

/** The content as lines of text, in reading order: the image's words. */
export function weeklyText(c: WeeklyContent): string[] {
  return [
    c.title,
    c.subtitle,
    ...c.sections.flatMap((s) => [s.heading, ...s.rows.map(([k, v]) => `${k}: ${v}`)]),
    `${c.barsTitle}: ${c.bars.map((b) => `${b.label} ${b.value}`).join(', ')}`,
    c.footer,
  ];
}
