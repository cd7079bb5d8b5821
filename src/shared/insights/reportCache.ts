// Reports kept for the aggregator's state they were built from: a report depends on the aggregates,
// the period, the scope, the linked people, the zone and the hour `now` falls in (the period ends with
// that hour), nothing else. So the worker can build the other periods while the moderator looks at one,
// and a period switch is answered from here until an event or a trim changes the figures.
import { HOUR_MS, type InsightsAggregator } from './aggregate';
import { buildReport, type InsightsReport, type ReportOptions, type ReportQuery } from './report';

export class ReportCache {
  private agg: InsightsAggregator | undefined;
  private version = -1;
  private readonly reports = new Map<string, InsightsReport>();

  static key(q: ReportQuery): string {
    return JSON.stringify([q.period, q.scope, q.zone, q.people ?? [], Math.ceil(q.now / HOUR_MS)]);
  }

  /** The cached report for this question, if the figures have not changed since it was built. */
  peek(agg: InsightsAggregator, q: ReportQuery): InsightsReport | undefined {
    this.follow(agg);
    return this.reports.get(ReportCache.key(q));
  }

  /** The report for this question: from the cache, or built and kept. */
  get(agg: InsightsAggregator, q: ReportQuery, opts: ReportOptions = {}): InsightsReport {
    const hit = this.peek(agg, q);
    if (hit) return hit;
    const report = buildReport(agg, q, opts);
    this.reports.set(ReportCache.key(q), report);
    return report;
  }

  /**
   * The reports kept for `from` stand for `to` from now on: the caller knows both hold the same events
   * (the worker's glance and the full aggregates read after it, with no batch between), and a report
   * is kept only for a question its aggregator answers exactly. Nothing happens if `from` changed since.
   */
  adopt(from: InsightsAggregator, to: InsightsAggregator): void {
    if (this.agg !== from || this.version !== from.version) return;
    this.agg = to;
    this.version = to.version;
  }

  private follow(agg: InsightsAggregator): void {
    if (this.agg === agg && this.version === agg.version) return;
    this.agg = agg;
    this.version = agg.version;
    this.reports.clear();
  }
}
