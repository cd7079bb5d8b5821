// Test helper: the aggregator's state in a form two aggregators can be compared by (toEqual).
import type { InsightsAggregator } from './aggregate';
import type { PackedCounts } from './compact';

/** The aggregator's state with map order and member/term numbering set aside (both follow arrival order). */
export function normalize(agg: InsightsAggregator): unknown {
  const who = (m: number) => agg.memberTable.keyOf(m);
  const sorted = <T>(entries: [string, T][]) => entries.sort((a, b) => a[0].localeCompare(b[0]));
  const sortMap = (m: Map<string, number>) => sorted([...m.entries()]);
  const pairs = (p: PackedCounts, name: (n: number) => string) => sorted(Array.from({ length: p.size }, (_, i) => [name(p.pairs[2 * i]!), p.pairs[2 * i + 1]!]));
  return [...agg.spaces.values()]
    .map((s) => ({
      key: s.key,
      platform: s.platform,
      sourceId: s.sourceId,
      spaceId: s.spaceId,
      name: s.name,
      nameAt: s.nameAt,
      hours: [...s.hours.entries()]
        .map(([h, b]) => [h, { ...b, authors: pairs(b.authors, who), reportTerms: b.reportTerms ? sortMap(b.reportTerms) : undefined }] as const)
        .sort((a, b) => a[0] - b[0]),
      termBlocks: [...s.termBlocks.entries()].map(([k, m]) => [k, pairs(m, (t) => agg.terms[t]!)] as const).sort((a, b) => a[0] - b[0]),
      members: sorted(
        Array.from({ length: s.members.size }, (_, r) => [
          who(s.members.member[r]!),
          [s.members.joinedAt[r], s.members.firstTs[r], s.members.firstTie[r], s.members.firstKey[r], s.members.lastMessageAt[r]],
        ]),
      ),
      replies: Array.from({ length: s.replies.size }, (_, r) => [
        s.replies.key[r],
        s.replies.author0[r]! >= 0 ? [s.replies.ts0[r], s.replies.tie0[r], who(s.replies.author0[r]!)] : null,
        s.replies.author1[r]! >= 0 ? [s.replies.ts1[r], s.replies.tie1[r], who(s.replies.author1[r]!)] : null,
      ]).sort((a, b) => (a[0] as number) - (b[0] as number)),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
