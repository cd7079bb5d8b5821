// Aho–Corasick over the `words` view: one pass finds every keyword of every rule, so a pack of
// 10k+ terms costs the same per message as a pack of ten. The shallow states (those a scan visits on
// nearly every character) have dense ASCII rows; deeper states keep only their own children and a
// failure link, so a 10k-term pack is a couple of megabytes instead of fifteen (scans that miss the
// cache on every deep step cost more than the short failure walks).

const DENSE = 37; // a-z, 0-9, space
/** Per ASCII code, its column in a dense row (-1: none). */
const denseColumn = new Int8Array(128).fill(-1);
for (let c = 97; c <= 122; c++) denseColumn[c] = c - 97;
for (let c = 48; c <= 57; c++) denseColumn[c] = 26 + c - 48;
denseColumn[32] = 36;
function denseIndex(c: number): number {
  return c < 128 ? denseColumn[c]! : -1;
}

export interface AutomatonHit {
  pattern: number;
  start: number;
  end: number;
}

/** How many states (the shallowest, breadth-first) get a dense row by default. */
const DENSE_STATES = 2048;

export class Automaton {
  /**
   * @param denseStates states with a full dense row (a prefix of the breadth-first numbering, which
   * holds every failure target of its members); the rest step by their children and failure links.
   */
  constructor(private readonly denseStates = DENSE_STATES) {}

  private dense: Int32Array = new Int32Array(DENSE).fill(-1);
  /** Deep states (from `denseFrom` on): their children as (dense index, step) runs, by state. */
  private edgeStart: Int32Array = new Int32Array(1);
  private edgeChar: Uint8Array = new Uint8Array(0);
  private edgeStep: Int32Array = new Int32Array(0);
  private denseFrom = 1;
  private sparse = new Map<number, number>();
  private fail: Int32Array = new Int32Array(1);
  private depth: number[] = [0];
  private outputs: number[][] = [[]];
  private dictLink: Int32Array = new Int32Array(1);
  /** Per node, the first node on its dictionary chain with outputs (itself if it has any), or -1. */
  private emitFrom: Int32Array = new Int32Array(1);
  private nodeCount = 1;
  private built = false;
  /**
   * Characters outside the dense alphabet that some pattern contains. Any other character leads
   * back to the root: the scan skips the sparse lookups (and their failure walks) for it.
   */
  private readonly sparseAscii = new Uint8Array(128);
  private readonly sparseOther = new Set<number>();
  /**
   * After build, each such character has a column (from 1; 0: none) and the sparse transitions are
   * keyed by state × columns + column: small integers, where state × 0x110000 + code point were
   * heap numbers once past a couple of thousand states (slow to hash, in every Chinese message).
   */
  private columnOfAscii = new Int32Array(128);
  private columnOf = new Map<number, number>();
  private columns = 1;
  private sparseByColumn = new Map<number, number>();
  readonly patternLengths: number[] = [];

  /** Adds a pattern, returns its id. */
  add(pattern: string): number {
    if (this.built) throw new Error('automaton already built');
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (denseIndex(c) < 0) {
        if (c < 128) this.sparseAscii[c] = 1;
        else this.sparseOther.add(c);
      }
      let next = this.child(node, c);
      if (next < 0) {
        next = this.nodeCount++;
        this.depth.push(this.depth[node]! + 1);
        this.outputs.push([]);
        this.setChild(node, c, next);
      }
      node = next;
    }
    const id = this.patternLengths.length;
    this.patternLengths.push(pattern.length);
    this.outputs[node]!.push(id);
    return id;
  }

  private child(node: number, c: number): number {
    const d = denseIndex(c);
    if (d >= 0) {
      const idx = node * DENSE + d;
      return idx < this.dense.length ? this.dense[idx]! : -1;
    }
    return this.sparse.get(node * 0x110000 + c) ?? -1;
  }

  private setChild(node: number, c: number, next: number): void {
    const d = denseIndex(c);
    if (d >= 0) {
      const need = (node + 1) * DENSE;
      if (need > this.dense.length) {
        const grown = new Int32Array(Math.max(need, this.dense.length * 2)).fill(-1);
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[node * DENSE + d] = next;
      return;
    }
    this.sparse.set(node * 0x110000 + c, next);
  }

  /**
   * Numbers the nodes breadth-first: the shallow nodes a scan visits on nearly every character sit
   * together at the start of the table (tens of kilobytes, in cache) instead of scattered through
   * megabytes in the order the terms were added.
   */
  private renumber(): void {
    const n = this.nodeCount;
    const newId = new Int32Array(n).fill(-1);
    const order = new Int32Array(n);
    const sparseKids = new Map<number, Array<[number, number]>>();
    for (const [key, child] of this.sparse) {
      const node = Math.floor(key / 0x110000);
      let list = sparseKids.get(node);
      if (!list) sparseKids.set(node, (list = []));
      list.push([key - node * 0x110000, child]);
    }
    let tail = 0;
    order[tail++] = 0;
    newId[0] = 0;
    for (let head = 0; head < tail; head++) {
      const node = order[head]!;
      for (let d = 0; d < DENSE; d++) {
        const idx = node * DENSE + d;
        const child = idx < this.dense.length ? this.dense[idx]! : -1;
        if (child > 0 && newId[child] === -1) {
          newId[child] = tail;
          order[tail++] = child;
        }
      }
      for (const [, child] of sparseKids.get(node) ?? []) {
        if (newId[child] === -1) {
          newId[child] = tail;
          order[tail++] = child;
        }
      }
    }
    const dense = new Int32Array(n * DENSE).fill(-1);
    for (let node = 0; node < n; node++) {
      for (let d = 0; d < DENSE; d++) {
        const idx = node * DENSE + d;
        const child = idx < this.dense.length ? this.dense[idx]! : -1;
        if (child >= 0) dense[newId[node]! * DENSE + d] = newId[child]!;
      }
    }
    const sparse = new Map<number, number>();
    for (const [node, kids] of sparseKids) for (const [c, child] of kids) sparse.set(newId[node]! * 0x110000 + c, newId[child]!);
    const outputs: number[][] = new Array<number[]>(n);
    const depth: number[] = new Array<number>(n);
    for (let node = 0; node < n; node++) {
      outputs[newId[node]!] = this.outputs[node]!;
      depth[newId[node]!] = this.depth[node]!;
    }
    this.dense = dense;
    this.sparse = sparse;
    this.outputs = outputs;
    this.depth = depth;
  }

  build(): void {
    const n = this.nodeCount;
    this.renumber();
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n).fill(-1);
    // Sparse children grouped per node for the breadth-first pass.
    const sparseKids = new Map<number, Array<[number, number]>>();
    for (const [key, child] of this.sparse) {
      const node = Math.floor(key / 0x110000);
      const c = key - node * 0x110000;
      let list = sparseKids.get(node);
      if (!list) sparseKids.set(node, (list = []));
      list.push([c, child]);
    }
    // The trie's own children of the deep states, before the fill below turns rows into a full DFA.
    const K = Math.max(1, Math.min(n, this.denseStates));
    this.denseFrom = K;
    const edgeStart = new Int32Array(n - K + 1);
    let edges = 0;
    for (let node = K; node < n; node++) {
      edgeStart[node - K] = edges;
      for (let d = 0; d < DENSE; d++) if (this.dense[node * DENSE + d]! >= 0) edges++;
    }
    edgeStart[n - K] = edges;
    const edgeChar = new Uint8Array(edges);
    const edgeTarget = new Int32Array(edges);
    for (let node = K, e = 0; node < n; node++) {
      for (let d = 0; d < DENSE; d++) {
        const child = this.dense[node * DENSE + d]!;
        if (child < 0) continue;
        edgeChar[e] = d;
        edgeTarget[e++] = child;
      }
    }
    const queue: number[] = [];
    for (let d = 0; d < DENSE; d++) {
      const child = this.dense[d]!;
      if (child > 0) {
        this.fail[child] = 0;
        queue.push(child);
      } else this.dense[d] = 0;
    }
    for (const [, child] of sparseKids.get(0) ?? []) {
      this.fail[child] = 0;
      queue.push(child);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi]!;
      const f = this.fail[node]!;
      this.dictLink[node] = this.outputs[f]!.length > 0 ? f : this.dictLink[f]!;
      // Dense transitions become a full DFA: no failure walks for ASCII at match time.
      for (let d = 0; d < DENSE; d++) {
        const idx = node * DENSE + d;
        const child = this.dense[idx]!;
        if (child >= 0) {
          this.fail[child] = this.dense[f * DENSE + d]!;
          queue.push(child);
        } else this.dense[idx] = this.dense[f * DENSE + d]!;
      }
      for (const [c, child] of sparseKids.get(node) ?? []) {
        let g = f;
        let target = this.sparse.get(g * 0x110000 + c);
        while (target === undefined && g !== 0) {
          g = this.fail[g]!;
          target = this.sparse.get(g * 0x110000 + c);
        }
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        queue.push(child);
      }
    }
    this.emitFrom = new Int32Array(n);
    for (let node = 0; node < n; node++) this.emitFrom[node] = this.outputs[node]!.length > 0 ? node : this.dictLink[node]!;
    // A dense transition carries "this target emits" in its low bit: the scan reads emitFrom (another
    // cache line in a table of megabytes) only for the few steps that land where a pattern ends.
    const step = (target: number): number => (target << 1) | (this.emitFrom[target]! >= 0 ? 1 : 0);
    const dense = new Int32Array(K * DENSE);
    for (let i = 0; i < K * DENSE; i++) dense[i] = step(this.dense[i]!);
    this.dense = dense;
    for (let e = 0; e < edges; e++) edgeTarget[e] = step(edgeTarget[e]!);
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeStep = edgeTarget;
    let columns = 0;
    for (let c = 0; c < 128; c++) if (this.sparseAscii[c]) this.columnOfAscii[c] = ++columns;
    for (const c of this.sparseOther) this.columnOf.set(c, ++columns);
    this.columns = columns + 1;
    for (const [key, child] of this.sparse) {
      const node = Math.floor(key / 0x110000);
      const c = key - node * 0x110000;
      this.sparseByColumn.set(node * this.columns + this.columnOfChar(c), child);
    }
    this.sparse = new Map(); // only adding reads it
    this.built = true;
  }

  private columnOfChar(c: number): number {
    return c < 128 ? this.columnOfAscii[c]! : (this.columnOf.get(c) ?? 0);
  }

  /** All occurrences of all patterns in `text`. */
  scan(text: string, onHit: (pattern: number, start: number, end: number) => void): void {
    const n = this.collect(text);
    const found = this.found;
    for (let k = 0; k < n; k++) onHit(found[3 * k]!, found[3 * k + 1]!, found[3 * k + 2]!);
  }

  /**
   * Hits of the last `collect`, as (pattern, start, end) triples. Reused by the next call: the hot path
   * reads them in place instead of taking a callback (a closure per message).
   */
  found = new Int32Array(96);

  /** Scans `text` into `found`; returns the number of hits. */
  collect(text: string): number {
    if (!this.built) this.build();
    let count = 0;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const step = this.step(node, text.charCodeAt(i));
      node = step >> 1;
      if ((step & 1) !== 0) count = this.emitAt(node, i, count);
    }
    return count;
  }

  /**
   * One character from `node`: the next state, shifted left once, its low bit set when a pattern ends
   * there. The same steps as `collect`, for `collectBoth`.
   */
  private step(node: number, c: number): number {
    const d = denseIndex(c);
    if (d >= 0) {
      if (node < this.denseFrom) return this.dense[node * DENSE + d]!;
      const edgeStart = this.edgeStart;
      const fail = this.fail;
      for (let v = node; ; ) {
        const end = edgeStart[v - this.denseFrom + 1]!;
        for (let e = edgeStart[v - this.denseFrom]!; e < end; e++) if (this.edgeChar[e] === d) return this.edgeStep[e]!;
        v = fail[v]!;
        if (v < this.denseFrom) return this.dense[v * DENSE + d]!;
      }
    }
    const col = c < 128 ? this.columnOfAscii[c]! : (this.columnOf.get(c) ?? 0);
    if (col === 0) return 0;
    let next = this.sparseByColumn.get(node * this.columns + col);
    while (next === undefined && node !== 0) {
      node = this.fail[node]!;
      next = this.sparseByColumn.get(node * this.columns + col);
    }
    const to = next ?? 0;
    return (to << 1) | (this.emitFrom[to]! >= 0 ? 1 : 0);
  }

  /** Files the patterns ending at `node` (text index `i`) into `found` after `count` hits; returns the new count. */
  private emitAt(node: number, i: number, count: number): number {
    let found = this.found;
    for (let out = this.emitFrom[node]!; out >= 0; out = this.dictLink[out]!) {
      const ps = this.outputs[out]!;
      for (let j = 0; j < ps.length; j++) {
        if (3 * count + 3 > found.length) {
          const grown = new Int32Array(found.length * 2);
          grown.set(found);
          this.found = found = grown;
        }
        const p = ps[j]!;
        found[3 * count] = p;
        found[3 * count + 1] = i + 1 - this.patternLengths[p]!;
        found[3 * count + 2] = i + 1;
        count++;
      }
    }
    return count;
  }

  /** Hits of the last `collectBoth` in this automaton's `found`. */
  collected = 0;

  /**
   * Scans `textA` with `a` and `textB` with `b` in one loop, into each one's `found` and `collected`: the same
   * hits as `a.collect(textA)` and `b.collect(textB)`. A scan is a chain of dependent reads (each step needs
   * the state before it), most of them waiting on memory; two chains side by side wait together.
   */
  static collectBoth(a: Automaton, textA: string, b: Automaton, textB: string): void {
    if (!a.built) a.build();
    if (!b.built) b.build();
    const nA = textA.length;
    const nB = textB.length;
    const common = Math.min(nA, nB);
    let na = 0;
    let nb = 0;
    let ca = 0;
    let cb = 0;
    let i = 0;
    for (; i < common; i++) {
      const sa = a.step(na, textA.charCodeAt(i));
      const sb = b.step(nb, textB.charCodeAt(i));
      na = sa >> 1;
      nb = sb >> 1;
      if ((sa & 1) !== 0) ca = a.emitAt(na, i, ca);
      if ((sb & 1) !== 0) cb = b.emitAt(nb, i, cb);
    }
    for (let k = i; k < nA; k++) {
      const sa = a.step(na, textA.charCodeAt(k));
      na = sa >> 1;
      if ((sa & 1) !== 0) ca = a.emitAt(na, k, ca);
    }
    for (let k = i; k < nB; k++) {
      const sb = b.step(nb, textB.charCodeAt(k));
      nb = sb >> 1;
      if ((sb & 1) !== 0) cb = b.emitAt(nb, k, cb);
    }
    a.collected = ca;
    b.collected = cb;
  }

  get size(): number {
    return this.nodeCount;
  }
}
