// Stage 6 of the pipeline (pipeline.ts): envelopes are coalesced per renderer into batches, so a raid
// of thousands of messages costs tens of IPC messages, not thousands. core/sync.ts holds one per renderer.
/**
 * Coalesces envelopes into batches: flushed after `maxDelayMs` or at `maxSize`, whichever first, so a
 * raid of thousands of messages costs tens of IPC messages, not thousands.
 */
export class Batcher<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flushTo: (batch: T[]) => void,
    private readonly maxDelayMs = 16,
    private readonly maxSize = 500,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.maxSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushTo(batch);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
