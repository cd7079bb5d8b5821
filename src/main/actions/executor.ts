// Runs action intents exactly once: a per-conversation queue (actions on one channel keep their
// order) and an idempotency journal keyed by the intent's uuid (an outbox replay gets the first
// answer). The intent is journaled before the platform call and the result after it; a key whose
// result is missing after a crash is "in doubt", and is checked with the platform before it may run.
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction, Reconciled } from '../core/connector';
import { logger } from '../util/log';
import { ActionJournal, journalFile } from './journal';
import type { JournalFile, JournalOptions } from './journal';

const log = logger('actions');

export type RunAction = (action: ActionIntent) => Promise<Result<ConfirmedAction>>;

/** What the executor needs from a connection: its hands, its eyes, and whether it is up. */
export interface ActionPlatform {
  run: RunAction;
  /** Whether an intent started at `since` took effect; absent means the platform cannot tell. */
  reconcile?: (action: ActionIntent, since: number) => Promise<Result<Reconciled>>;
  /** False while the connection is down: nothing is journaled or sent, and the action waits. */
  ready?: () => boolean;
}

const JOURNAL_UNWRITABLE = 'Tribekeeper could not write its action journal.';

export class ActionExecutor {
  private readonly journal: ActionJournal;
  private readonly running = new Map<string, Promise<Result<ActionReceipt>>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private loaded: Promise<void> | undefined;

  constructor(journal: string | JournalFile | undefined, options: JournalOptions = {}) {
    this.journal = new ActionJournal(typeof journal === 'string' ? journalFile(journal) : journal, options);
  }

  private load(): Promise<void> {
    this.loaded ??= this.journal.load().catch((error: unknown) => {
      // An unreadable journal must not stop moderation; actions in doubt still meet the platform's own checks.
      log.error('the action journal could not be read', error);
    });
    return this.loaded;
  }

  /** The confirmed answer journaled for a key, if any (what a send created, for a later edit). */
  async receipt(key: string): Promise<ActionReceipt | undefined> {
    await this.load();
    const result = this.journal.result(key);
    return result?.ok ? result.value : undefined;
  }

  async execute(action: ActionIntent, platform: ActionPlatform | RunAction): Promise<Result<ActionReceipt>> {
    const hands = typeof platform === 'function' ? { run: platform } : platform;
    await this.load();
    const previous = this.journal.result(action.key);
    if (previous) return previous.ok ? ok({ ...previous.value, duplicate: true }) : previous;
    // A replay while the same key is running joins it: one platform call, and the replay is told it is one.
    const inFlight = this.running.get(action.key);
    if (inFlight) return inFlight.then((r) => (r.ok ? ok({ ...r.value, duplicate: true }) : r));
    const conversation = `${action.sourceId}:${action.channelId}`;
    const before = this.queues.get(conversation) ?? Promise.resolve();
    const task = before.then(() => this.attempt(action, hands));
    const tail = task.catch(() => undefined);
    this.queues.set(conversation, tail);
    this.running.set(action.key, task);
    try {
      return await task;
    } finally {
      this.running.delete(action.key);
      if (this.queues.get(conversation) === tail) this.queues.delete(conversation);
    }
  }

  private async attempt(action: ActionIntent, platform: ActionPlatform): Promise<Result<ActionReceipt>> {
    // Answered while this one waited in the conversation's queue (a replay of the same key).
    const previous = this.journal.result(action.key);
    if (previous) return previous.ok ? ok({ ...previous.value, duplicate: true }) : previous;
    const doubt = this.journal.inDoubt(action.key);
    if (platform.ready && !platform.ready()) {
      // "Offline" tells the outbox nothing happened (the moderator may cancel): not true of a key in doubt.
      if (doubt) return fail('in_doubt', 'This action was started before and cannot be checked while the connection is down.');
      return fail('offline', 'The connection is down; the action waits in the outbox.');
    }
    if (doubt) {
      const checked = await this.check(action, doubt.at, platform);
      if (checked.state === 'answered') return checked.result;
      if (checked.state === 'landed') return this.finish(action, ok(checked.confirmed));
    }
    try {
      await this.journal.recordIntent(action, Date.now());
    } catch (error) {
      // Without the intent on disk a crash during the call could make it run twice: send nothing.
      log.error('the action journal could not be written; the action was not sent', error);
      return fail('journal_unwritable', `${JOURNAL_UNWRITABLE} Nothing was sent.`, { retryable: false });
    }
    let result: Result<ConfirmedAction>;
    try {
      result = await platform.run(action);
    } catch (error) {
      result = fail('internal', error instanceof Error ? error.message : String(error));
    }
    if (result.ok || !result.error.retryable) return this.finish(action, result);
    // Rate-limited: the platform refused before acting, and the same key may simply try again later.
    if (result.error.code === 'rate_limited') return result;
    // A retryable failure after the call started (the connection dropped, a 5xx): the platform may
    // have acted. Look once; what cannot be told now stays in doubt, not cancellable in the outbox.
    const checked = await this.check(action, this.journal.inDoubt(action.key)?.at ?? Date.now(), platform);
    if (checked.state === 'landed') return this.finish(action, ok(checked.confirmed));
    if (checked.state === 'not_landed') return result;
    if (checked.state === 'answered') return checked.result;
    return fail('in_doubt', `${result.error.message} Whether the action happened is not known yet.`, {
      ...(result.error.retryAfterMs !== undefined ? { retryAfterMs: result.error.retryAfterMs } : {}),
    });
  }

  /** Asks the platform about a started action; an answer that cannot be had is itself the answer ("in doubt"). */
  private async check(
    action: ActionIntent,
    since: number,
    platform: ActionPlatform,
  ): Promise<{ state: 'landed'; confirmed: ConfirmedAction } | { state: 'not_landed' | 'unknown' } | { state: 'answered'; result: Result<never> }> {
    if (!platform.reconcile) return { state: 'unknown' };
    let seen: Result<Reconciled>;
    try {
      seen = await platform.reconcile(action, since);
    } catch (error) {
      seen = fail('internal', error instanceof Error ? error.message : String(error));
    }
    if (!seen.ok) {
      return { state: 'answered', result: fail('in_doubt', `This action was started before and could not be checked with the platform yet: ${seen.error.message}`) };
    }
    const value = seen.value;
    if (value.state === 'landed') return { state: 'landed', confirmed: value.confirmed };
    if (value.state === 'unknown') log.info(`${action.kind} ${action.key}: the platform cannot tell whether it landed (${value.why}); sending again with the same key`);
    return { state: value.state };
  }

  /** Journals a final answer. A journal that cannot be written is reported with the answer, never turned into a failure. */
  private async finish(action: ActionIntent, result: Result<ConfirmedAction>): Promise<Result<ActionReceipt>> {
    const final: Result<ActionReceipt> = result.ok ? ok({ ...result.value, key: action.key, confirmedAt: Date.now(), duplicate: false }) : result;
    try {
      await this.journal.recordResult(action.key, final, Date.now());
    } catch (error) {
      log.error(`the action journal could not be written after ${action.kind} ${action.key}`, error);
      if (final.ok) {
        return ok({ ...final.value, warning: { code: 'journal_unwritable', message: `${JOURNAL_UNWRITABLE} The action was done.`, retryable: false } });
      }
    }
    return final;
  }
}
