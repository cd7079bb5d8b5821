// Runs action intents exactly once: a per-conversation queue (actions on one channel keep their
// order), an idempotency journal keyed by the intent's uuid (an outbox replay gets the first answer,
// nothing runs twice), persisted so a restart of main keeps the promise.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction } from '../connectors/types';

export type RunAction = (action: ActionIntent) => Promise<Result<ConfirmedAction>>;

interface JournalLine {
  key: string;
  result: Result<ActionReceipt>;
}

export class ActionExecutor {
  private readonly done = new Map<string, Result<ActionReceipt>>();
  private readonly running = new Map<string, Promise<Result<ActionReceipt>>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private loaded: Promise<void> | undefined;

  constructor(private readonly journalPath: string | undefined) {}

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.journalPath) return;
      const text = await readFile(this.journalPath, 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as JournalLine;
          if (typeof entry.key === 'string') this.done.set(entry.key, entry.result);
        } catch {
          // A torn last line after a crash: that action was not confirmed, and may run again.
        }
      }
    })();
    return this.loaded;
  }

  async execute(action: ActionIntent, run: RunAction): Promise<Result<ActionReceipt>> {
    await this.load();
    const previous = this.done.get(action.key);
    if (previous) return previous.ok ? ok({ ...previous.value, duplicate: true }) : previous;
    const inFlight = this.running.get(action.key);
    if (inFlight) return inFlight;
    const conversation = `${action.sourceId}:${action.channelId}`;
    const before = this.queues.get(conversation) ?? Promise.resolve();
    const task = before.then(async (): Promise<Result<ActionReceipt>> => {
      let result: Result<ConfirmedAction>;
      try {
        result = await run(action);
      } catch (error) {
        result = fail('internal', error instanceof Error ? error.message : String(error));
      }
      if (!result.ok) return result;
      return ok({ ...result.value, key: action.key, confirmedAt: Date.now(), duplicate: false });
    });
    const tail = task.catch(() => undefined);
    this.queues.set(conversation, tail);
    this.running.set(action.key, task);
    try {
      const result = await task;
      // Only final answers are remembered: a retryable failure may be tried again with the same key.
      if (result.ok || !result.error.retryable) {
        this.done.set(action.key, result);
        await this.persist({ key: action.key, result });
      }
      return result;
    } finally {
      this.running.delete(action.key);
      if (this.queues.get(conversation) === tail) this.queues.delete(conversation);
    }
  }

  private async persist(line: JournalLine) {
    if (!this.journalPath) return;
    await mkdir(dirname(this.journalPath), { recursive: true });
    await appendFile(this.journalPath, JSON.stringify(line) + '\n', { mode: 0o600 });
  }
}
