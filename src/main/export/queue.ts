// The export queue: feedback for Notion and digests for Slack wait here, on disk, until sent — through
// restarts and offline time. Each destination is paced (Notion about three requests a second, Slack's
// chat.postMessage one a second per channel), a 429 waits what the platform asked, a 5xx or a dropped
// connection backs off and tries again (Notion's page is looked up first, so a try that landed is not
// made twice), and a refused token stops that destination until a new token is set.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Result } from '@shared/domain/result';
import type { FeedbackExport, Sent, SlackDigest } from './clients';
import { SerialQueue, writeFileAtomic } from '../util/files';

const JobSchema = z.discriminatedUnion('to', [
  z.object({
    id: z.string(),
    to: z.literal('notion'),
    item: z.object({
      id: z.string(),
      title: z.string(),
      kind: z.enum(['feedback', 'bug', 'idea']),
      count: z.number(),
      votes: z.number().optional(),
      platforms: z.array(z.string()),
      reporters: z.array(z.string()),
      examples: z.array(z.string()),
    }),
    attempts: z.number().int(),
    notBefore: z.number(),
    state: z.enum(['queued', 'sent', 'blocked', 'refused']),
    ref: z.string().optional(),
    error: z.string().optional(),
  }),
  z.object({
    id: z.string(),
    to: z.literal('slack'),
    digest: z.object({ channel: z.string(), text: z.string() }),
    attempts: z.number().int(),
    notBefore: z.number(),
    state: z.enum(['queued', 'sent', 'blocked', 'refused']),
    ref: z.string().optional(),
    error: z.string().optional(),
  }),
]);
export type ExportJob = z.infer<typeof JobSchema>;

export interface Destinations {
  /** `pace` is awaited before each request, so a lookup and a create are spaced too. */
  notion?: { send(item: FeedbackExport, retry: boolean, pace?: () => Promise<void>): Promise<Result<Sent>> };
  slack?: { send(digest: SlackDigest): Promise<Result<Sent>> };
}

export interface ExportQueueOptions {
  file: string;
  destinations: () => Destinations;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called whenever a job changes state (the feedback board writes its status back). */
  onChanged?: (job: ExportJob) => void;
  /** Least time between two calls to one destination (Notion ~3/s; Slack one message a second). */
  spacingMs?: { notion: number; slack: number };
  /** Back-off after a 5xx or a dropped connection: base × 2^attempts, capped. */
  backoffMs?: { base: number; max: number };
}

export class ExportQueue {
  private jobs: ExportJob[] = [];
  private readonly lastCall: Record<'notion' | 'slack', number> = { notion: 0, slack: 0 };
  private running: Promise<void> | undefined;
  private readonly writes = new SerialQueue();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ExportQueueOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async load(): Promise<void> {
    try {
      const parsed = z.array(z.unknown()).parse(JSON.parse(await readFile(this.options.file, 'utf8')));
      this.jobs = parsed.flatMap((raw) => {
        const job = JobSchema.safeParse(raw);
        return job.success ? [job.data] : [];
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  list(): readonly ExportJob[] {
    return this.jobs;
  }

  async addNotion(item: FeedbackExport): Promise<ExportJob> {
    const existing = this.jobs.find((j) => j.to === 'notion' && j.item.id === item.id && j.state !== 'refused');
    if (existing) return existing;
    return this.add({ id: randomUUID(), to: 'notion', item, attempts: 0, notBefore: 0, state: 'queued' });
  }

  async addSlack(digest: SlackDigest): Promise<ExportJob> {
    return this.add({ id: randomUUID(), to: 'slack', digest, attempts: 0, notBefore: 0, state: 'queued' });
  }

  /** A new token was set: the destination's blocked jobs go again. */
  async unblock(to: 'notion' | 'slack'): Promise<void> {
    for (const job of this.jobs) if (job.to === to && job.state === 'blocked') this.update(job, { state: 'queued', notBefore: 0 });
    await this.save();
  }

  private async add(job: ExportJob): Promise<ExportJob> {
    this.jobs.push(job);
    await this.save();
    this.options.onChanged?.(job);
    return job;
  }

  /** Sends everything that can go, in order, until the queue is empty or only waits are left; one run at a time. */
  run(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const destinations = this.options.destinations();
      // A destination without a token keeps its jobs waiting; the other one goes on.
      // Oldest first: digests keep their order, and a wait the platform asked for holds the whole destination.
      const next = this.jobs.find((j) => j.state === 'queued' && destinations[j.to]);
      if (!next) return;
      const spacing = this.options.spacingMs?.[next.to] ?? (next.to === 'notion' ? 340 : 1000);
      if (next.notBefore > this.now()) await this.sleep(next.notBefore - this.now());
      const pace = async () => {
        const wait = this.lastCall[next.to] + spacing - this.now();
        if (wait > 0) await this.sleep(wait);
        this.lastCall[next.to] = this.now();
      };
      let result: Result<Sent> | undefined;
      if (next.to === 'notion') result = await destinations.notion?.send(next.item, next.attempts > 0, pace);
      else {
        await pace();
        result = await destinations.slack?.send(next.digest);
      }
      // Spacing counts from the answer too: a request that reached the service late (a busy machine, a
      // slow network) must not let the next one arrive within the service's limit of it.
      this.lastCall[next.to] = this.now();
      if (!result) return;
      const attempts = next.attempts + 1;
      if (result.ok) this.update(next, { state: 'sent', ref: result.value.ref, attempts, error: undefined });
      else if (result.error.code === 'token_invalid') {
        // The token is refused for every job of this destination: none is tried again until a new one is set.
        for (const job of this.jobs) if (job.to === next.to && job.state === 'queued') this.update(job, { state: 'blocked', error: 'token_invalid', ...(job === next ? { attempts } : {}) });
      }
      else if (result.error.code === 'rate_limited') this.update(next, { notBefore: this.now() + (result.error.retryAfterMs ?? 1000), attempts, error: 'rate_limited' });
      else if (result.error.retryable) {
        const { base, max } = this.options.backoffMs ?? { base: 1000, max: 5 * 60_000 };
        this.update(next, { notBefore: this.now() + Math.min(max, base * 2 ** Math.min(attempts, 16)), attempts, error: result.error.code });
      } else this.update(next, { state: 'refused', attempts, error: result.error.code });
      await this.save();
    }
  }

  private update(job: ExportJob, changes: Partial<ExportJob>): void {
    Object.assign(job, changes);
    if (changes.error === undefined && 'error' in changes) delete job.error;
    this.options.onChanged?.(job);
  }

  /** One write at a time: adding a job and the sender's progress save concurrently; the file gets the newest list. */
  private save(): Promise<void> {
    return this.writes.run(async () => {
      await mkdir(dirname(this.options.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.options.file, JSON.stringify(this.jobs));
    });
  }
}
