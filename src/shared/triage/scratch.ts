// The triage engine's allocation machinery, in one place: bounded caches, reusable scratch tables
// and the growth of flat pattern tables. The engine keeps them so that a message costs no garbage.
//
// Why this exists: triage runs on every message of every community (the bench asks 50,000 msgs/s on
// two shared cores), and in V8 what costs is allocation and property loads on objects of many
// shapes. So the engine (1) reuses typed-array scratch from message to message instead of making
// arrays per message; (2) marks per-message state with generation stamps (`table[id] === gen`: this
// message's) instead of clearing tables, so a message pays only for what it touches; (3) keeps
// per-pattern facts in flat typed arrays rather than reading one object of thousands per hit;
// (4) caches verdicts per host and per name in maps that start over when full, so hostile input
// cannot grow them. Change the shapes here only with `npm run bench -- triage` before and after.

/** A cached value, or computed and kept; a full cache starts over (hostile input must not grow it). */
export function remember<V>(cache: Map<string, V>, key: string, limit: number, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  return keep(cache, key, limit, compute());
}

/** Stores a value in a bounded cache (cleared when full) and returns it. */
export function keep<V>(cache: Map<string, V>, key: string, limit: number, value: V): V {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Scratch of the spaced-letters scan, reused from message to message: the token bounds (pairs) and
 * whether each token is short, then per character of a joined run its code, the first and last
 * words-view character it stands for, its first and last token, and whether it starts / ends a token.
 */
export interface SpacedScratch {
  tokens: Int32Array;
  short: Uint8Array;
  codes: Int32Array;
  os: Int32Array;
  oe: Int32Array;
  tokFirst: Int32Array;
  tokLast: Int32Array;
  isStart: Uint8Array;
  isEnd: Uint8Array;
}

/** Scratch for the spaced-letters scan of a words view of `len` characters (joined runs are no longer). */
export function spacedScratchFor(len: number): SpacedScratch {
  const size = 2 * len + 64;
  return {
    tokens: new Int32Array(size),
    short: new Uint8Array(size),
    codes: new Int32Array(size),
    os: new Int32Array(size),
    oe: new Int32Array(size),
    tokFirst: new Int32Array(size),
    tokLast: new Int32Array(size),
    isStart: new Uint8Array(size),
    isEnd: new Uint8Array(size),
  };
}

/** A typed table with room for index `at` (doubled, contents kept), or the same table when it has room. */
export function grownInt32(table: Int32Array<ArrayBuffer>, at: number): Int32Array<ArrayBuffer> {
  if (at < table.length) return table;
  const out = new Int32Array(2 * at);
  out.set(table);
  return out;
}

export function grownUint8(table: Uint8Array<ArrayBuffer>, at: number): Uint8Array<ArrayBuffer> {
  if (at < table.length) return table;
  const out = new Uint8Array(2 * at);
  out.set(table);
  return out;
}

/**
 * Every non-empty match of a global regex, without matchAll (which clones the regex on every call).
 * The regex is shared, so its lastIndex is reset before and after.
 */
export function forEachMatch(re: RegExp, text: string, each: (at: number, length: number) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    each(m.index, m[0].length);
  }
  re.lastIndex = 0;
}
