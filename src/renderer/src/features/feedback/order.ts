// The board's orders: as first reported (main's order), most votes first, most reports first; ties
// keep main's order (the sort is stable).
import type { FeedbackBoard } from '@shared/feedback/board';

export const CLUSTER_ORDERS = ['first', 'votes', 'reports'] as const;
export type ClusterOrder = (typeof CLUSTER_ORDERS)[number];
type Cluster = FeedbackBoard['clusters'][number];

export function sortClusters(clusters: readonly Cluster[], order: ClusterOrder): Cluster[] {
  if (order === 'votes') return [...clusters].sort((a, b) => b.votes - a.votes || b.count - a.count);
  if (order === 'reports') return [...clusters].sort((a, b) => b.count - a.count || b.votes - a.votes);
  return [...clusters];
}
