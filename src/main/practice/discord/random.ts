// Seeded randomness and Discord-style snowflakes for the practice community, so the same seed
// always grows the same guild (names, ids, join dates) and a test can rely on it.

/** Discord's epoch (2015-01-01T00:00:00Z): snowflake timestamps count milliseconds from here. */
export const DISCORD_EPOCH = 1_420_070_400_000;

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast and good enough for picking names; not for secrets. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p) => next() < p,
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
  };
}

export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}

/**
 * Mints snowflakes the way Discord lays them out (ms timestamp << 22 | worker | process | increment).
 * Ids minted at "now" never go backwards, so message ids keep increasing like real ones even if the
 * wall clock stalls; ids minted for past moments (account creation) keep their own timestamp.
 */
export class SnowflakeMint {
  private pastIncrement = 0;
  private lastNow = 0;
  private lastIncrement = 0;
  private readonly used = new Set<string>();

  /** An id for a moment in the past (account creation, seeded history); unique, not ordered. */
  at(timestampMs: number): string {
    for (;;) {
      this.pastIncrement = (this.pastIncrement + 1) & 0xfff;
      const id = compose(timestampMs, 1, this.pastIncrement);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** An id for the present moment, strictly greater than every earlier `now` id. */
  now(clockMs: number): string {
    let ts = Math.max(Math.floor(clockMs), this.lastNow);
    let inc = 0;
    if (ts === this.lastNow) {
      inc = this.lastIncrement + 1;
      if (inc > 0xfff) {
        ts += 1;
        inc = 0;
      }
    }
    this.lastNow = ts;
    this.lastIncrement = inc;
    return compose(ts, 2, inc);
  }
}

/** Worker 1 mints the past, worker 2 the present, so the two can never collide. */
function compose(timestampMs: number, worker: number, increment: number): string {
  const ts = BigInt(Math.max(0, Math.floor(timestampMs) - DISCORD_EPOCH));
  return ((ts << 22n) | (BigInt(worker) << 17n) | BigInt(increment)).toString();
}
