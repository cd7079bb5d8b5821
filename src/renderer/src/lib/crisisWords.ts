// The crisis signal in the moderator's words: each term with its figures ("volume 6× usual for
// Tue 21:00 …"), and an alert as one line for the handoff digest.
import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import type { CrisisTerm } from '@shared/insights/crisis';
import type { CrisisAlert } from '../stores/alerts';

export function percent(share: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** "Tue 21:00" in the viewer's zone and language. */
export function weekdayHour(ms: number, lang: string): string {
  return DateTime.fromMillis(ms).setLocale(lang).toFormat('ccc HH:mm');
}

export function explainTerm(t: TFunction, term: CrisisTerm, lang: string): string {
  switch (term.kind) {
    case 'volume':
      return term.basis === 'weekday-hour'
        ? t('insights.crisis.volume', { ratio: term.ratio, when: weekdayHour(term.at, lang), current: term.current, usual: term.usual })
        : t('insights.crisis.volumeRecent', { ratio: term.ratio, current: term.current, usual: term.usual });
    case 'negative':
      return t('insights.crisis.negative', { share: percent(term.share, lang), usual: percent(term.usual, lang), scored: term.scored });
    case 'scamRaid':
      return t('insights.crisis.scamRaid', { count: term.count, share: percent(term.share, lang) });
    case 'reports':
      return term.topic ? t('insights.crisis.reportsTopic', { count: term.count, onTopic: term.onTopic, topic: term.topic }) : t('insights.crisis.reports', { count: term.count });
    case 'response':
      return t('insights.crisis.response', { minutes: Math.round(term.oldestOpenMs / 60_000), open: term.open });
  }
}

export function explainTerms(t: TFunction, terms: readonly CrisisTerm[], lang: string): string {
  return terms.map((term) => explainTerm(t, term, lang)).join(lang.startsWith('zh') ? '；' : '; ');
}

/** One line per alert since `since`, for the incidents of the next handoff. */
export function digestLines(t: TFunction, alerts: readonly CrisisAlert[], since: number, lang: string): string[] {
  return alerts
    .filter((a) => a.at >= since)
    .map((a) =>
      t('insights.crisis.digest', {
        level: t(`insights.crisis.level.${a.level}`),
        space: a.spaceName,
        time: weekdayHour(a.at, lang),
        why: explainTerms(t, a.terms, lang),
        done: a.done.length > 0 ? t('insights.crisis.digestDone', { steps: a.done.filter((d) => d.ok).map((d) => d.step).join(', ') }) : '',
      }).slice(0, 200),
    );
}
