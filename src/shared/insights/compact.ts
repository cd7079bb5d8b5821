// Compact building blocks of the insights aggregates: counts kept as sorted pairs in one Int32Array
// (an hour's authors, a term block's terms), and a 53-bit string hash that stands in for event ids and
// message keys where a number is enough. A million cached events make millions of these entries, and
// a Map entry or a string costs several times the 8 bytes a pair costs here; typed arrays also go into
// IndexedDB and across structured clone as one block, without a per-entry object.

/** key → count as sorted pairs [key0, n0, key1, n1, …]; the first `size` pairs are used. */
export interface PackedCounts {
  pairs: Int32Array;
  size: number;
}

export function packedCounts(): PackedCounts {
  return { pairs: new Int32Array(8), size: 0 };
}

/** Adds `by` to the count of `key`: a binary search, and an insert that shifts the larger keys up. */
export function bump(t: PackedCounts, key: number, by = 1): void {
  let lo = 0;
  let hi = t.size - 1;
  const p = t.pairs;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = p[mid * 2]!;
    if (k === key) {
      p[mid * 2 + 1]! += by;
      return;
    }
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  if ((t.size + 1) * 2 > t.pairs.length) {
    const next = new Int32Array(Math.max(8, t.pairs.length * 2));
    next.set(t.pairs.subarray(0, t.size * 2));
    t.pairs = next;
  }
  t.pairs.copyWithin(lo * 2 + 2, lo * 2, t.size * 2);
  t.pairs[lo * 2] = key;
  t.pairs[lo * 2 + 1] = by;
  t.size++;
}

export function countOf(t: PackedCounts, key: number): number {
  let lo = 0;
  let hi = t.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = t.pairs[mid * 2]!;
    if (k === key) return t.pairs[mid * 2 + 1]!;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The used pairs, trimmed (for storing). */
export function trimmed(t: PackedCounts): Int32Array {
  return t.pairs.slice(0, t.size * 2);
}

/**
 * cyrb53 (bryc, public domain): a 53-bit hash of a string, as a plain number. Two different strings
 * share a value with probability about 2^-53 per pair, so among the ~10^5 message keys of one space a
 * false match has a chance near 10^-6 over the whole cache; where the aggregates use it, that is the
 * error stated (see aggregate.ts).
 */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Growable Float64 column. */
export function grow64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const next = new Float64Array(Math.max(need, a.length * 2, 16)).fill(Number.NaN);
  next.set(a);
  return next;
}

export function grow32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const next = new Int32Array(Math.max(need, a.length * 2, 16));
  next.set(a);
  return next;
}
