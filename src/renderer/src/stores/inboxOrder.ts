// The order of one inbox list as ids and their ranks only (no item bodies): 200k ids cost a few MB
// where 200k items cost hundreds. Changes move an id by binary search on its rank; a big batch merges
// in one pass instead of splicing per id.
import { compareRanked } from '@shared/domain/priority';

export interface RankedList {
  /** Ids in list order: highest rank first, ties by higher id (as a backwards walk of the index). */
  ids: readonly string[];
  /** Rank of every id in `ids`, kept in step with it (mutated in place; `ids` arrays are never mutated). */
  rank: Map<string, number>;
}

export interface RankChange {
  id: string;
  /** Its rank in this list, or undefined when it is not (or no longer) in it. */
  rank: number | undefined;
}

/** Where (id, rank) is or would go in `ids`: the first index whose entry does not sort before it. */
export function lowerBound(ids: readonly string[], rank: ReadonlyMap<string, number>, id: string, r: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = ids[mid]!;
    if (compareRanked({ id: other, rank: rank.get(other) ?? -Infinity }, { id, rank: r }) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of `id` in the list, or -1. */
export function indexOfId(list: RankedList, id: string): number {
  const r = list.rank.get(id);
  if (r === undefined) return -1;
  const at = lowerBound(list.ids, list.rank, id, r);
  return list.ids[at] === id ? at : -1;
}

/** A list from unordered entries. */
export function rankedList(entries: ReadonlyArray<{ id: string; rank: number }>): RankedList {
  const sorted = [...entries].sort(compareRanked);
  return { ids: sorted.map((e) => e.id), rank: new Map(sorted.map((e) => [e.id, e.rank])) };
}

const SPLICE_LIMIT = 64;

/**
 * Applies changes (the last change of an id wins): returns the new ids array and the ids that were in
 * the list and left it. `list.rank` is updated in place to match the returned ids.
 */
export function applyRankChanges(list: RankedList, changes: readonly RankChange[]): { ids: readonly string[]; left: Set<string> } {
  const last = new Map<string, number | undefined>();
  for (const c of changes) last.set(c.id, c.rank);
  const moved = new Map<string, number>(); // id → its old rank, for ids leaving their place
  const inserts: Array<{ id: string; rank: number }> = [];
  const left = new Set<string>();
  for (const [id, r] of last) {
    const old = list.rank.get(id);
    if (old === r) continue;
    if (old !== undefined) moved.set(id, old);
    if (r === undefined) left.add(id);
    else inserts.push({ id, rank: r });
  }
  if (moved.size === 0 && inserts.length === 0) return { ids: list.ids, left };
  let ids: string[];
  if (moved.size + inserts.length < SPLICE_LIMIT) {
    ids = [...list.ids];
    // Removals first, while the rank map still holds the ranks the ids are placed by.
    for (const [id, old] of moved) {
      const at = lowerBound(ids, list.rank, id, old);
      if (ids[at] === id) ids.splice(at, 1);
    }
    for (const id of moved.keys()) list.rank.delete(id);
    for (const e of inserts) {
      ids.splice(lowerBound(ids, list.rank, e.id, e.rank), 0, e.id);
      list.rank.set(e.id, e.rank);
    }
  } else {
    const kept = moved.size > 0 ? list.ids.filter((id) => !moved.has(id)) : list.ids;
    for (const id of moved.keys()) list.rank.delete(id);
    inserts.sort(compareRanked);
    ids = new Array<string>(kept.length + inserts.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length || j < inserts.length) {
      const a = kept[i];
      const b = inserts[j];
      if (b === undefined || (a !== undefined && compareRanked({ id: a, rank: list.rank.get(a)! }, b) < 0)) {
        ids[k++] = a!;
        i++;
      } else {
        ids[k++] = b.id;
        j++;
      }
    }
    for (const e of inserts) list.rank.set(e.id, e.rank);
  }
  return { ids, left };
}
