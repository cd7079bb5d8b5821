// Fuzzy matching for the command palette: every query letter in order, scored so that matches at
// word starts and in a row rank first.

/** A score (higher is better), or undefined when the query's letters are not all in the text in order. */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const s = text.toLowerCase();
  let score = 0;
  let at = -1;
  let run = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const next = s.indexOf(ch, at + 1);
    if (next < 0) return undefined;
    run = next === at + 1 ? run + 1 : 0;
    const wordStart = next === 0 || /[\s\-+/(·:]/.test(s[next - 1] ?? '');
    score += 1 + run * 2 + (wordStart ? 3 : 0) - Math.min(next - at - 1, 5) * 0.1;
    at = next;
  }
  return score;
}

export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  return items
    .map((item, i) => ({ item, i, score: fuzzyScore(query, text(item)) }))
    .filter((x): x is { item: T; i: number; score: number } => x.score !== undefined)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.item);
}
