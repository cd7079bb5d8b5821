// Members' bios for link-in-bio suggestions (issue 18), read lazily: only for the accounts the console
// asks about (the member shown, the accounts active lately), one call at a time with a gap between
// calls, at most a few per ask, and kept for hours, so opening panels costs the platform few calls.
// A FLOOD_WAIT stops reading until it has passed. Platform-neutral: a connector supplies `read`.
import { cappedBio } from '@shared/team/bio';

/** A bio as read: its text, null when the account has none, undefined when it cannot be read now. */
export type BioRead = string | null | undefined;

export interface BioReaderOptions {
  /** How long a bio read is trusted (default 6 h). */
  ttlMs?: number;
  /** The least time between two calls to the platform (default 250 ms). */
  gapMs?: number;
  /** Reads one ask may start at most; the rest wait for a later ask (default 8). */
  perAsk?: number;
  /** Seconds to wait when the error is the platform's FLOOD_WAIT. */
  waitOf?: (error: unknown) => number | undefined;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const CACHE_MAX = 20_000;

export class BioReader {
  private readonly cache = new Map<string, { about: string | null; at: number }>();
  private chain: Promise<unknown> = Promise.resolve();
  private lastCall = Number.NEGATIVE_INFINITY;
  private blockedUntil = 0;
  private readonly ttlMs: number;
  private readonly gapMs: number;
  private readonly perAsk: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly read: (memberId: string) => Promise<BioRead>,
    private readonly options: BioReaderOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 6 * 3_600_000;
    this.gapMs = options.gapMs ?? 250;
    this.perAsk = options.perAsk ?? 8;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The bios of these members that are known (read now or recently): id → text, or null for none. */
  bios(memberIds: readonly string[]): Promise<Map<string, string | null>> {
    // One ask at a time: the gap and the budget hold across asks from several panels.
    const run = this.chain.then(() => this.ask([...new Set(memberIds)]));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async ask(ids: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    let started = 0;
    for (const id of ids) {
      const kept = this.cache.get(id);
      if (kept && this.now() - kept.at < this.ttlMs) {
        out.set(id, kept.about);
        continue;
      }
      if (started >= this.perAsk || this.now() < this.blockedUntil) continue;
      started++;
      const wait = this.lastCall + this.gapMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastCall = this.now();
      let about: BioRead;
      try {
        about = await this.read(id);
      } catch (error) {
        const seconds = this.options.waitOf?.(error);
        if (seconds !== undefined) this.blockedUntil = this.now() + seconds * 1000;
        continue;
      }
      if (about === undefined) continue;
      const text = cappedBio(about ?? undefined) ?? null;
      this.cache.delete(id);
      this.cache.set(id, { about: text, at: this.now() });
      if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
      out.set(id, text);
    }
    return out;
  }
}
