import { describe, expect, it } from 'vitest';
import { sortClusters } from './order';

const c = (id: string, votes: number, count: number) => ({ id, kind: 'idea' as const, title: id, count, votes, reporters: [], platforms: [], status: 'new' as const, examples: [] });

describe('feedback board order', () => {
  const clusters = [c('a', 1, 5), c('b', 4, 1), c('c', 4, 2), c('d', 0, 3)];
  it('sorts by votes, then reports; by reports, then votes; or keeps main’s order', () => {
    expect(sortClusters(clusters, 'votes').map((x) => x.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(sortClusters(clusters, 'reports').map((x) => x.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortClusters(clusters, 'first').map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
