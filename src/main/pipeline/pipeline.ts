// dedupe → sequence → triage (+ similarity keys of flagged messages) → batch (DESIGN.md §1). Each
// platform event is processed once per main run: a repeat (resume overlap, catch-up overlap) is
// dropped, and its first envelope is kept in a bounded journal so a renderer catching up gets the same
// flags without re-running triage.
import { textWithLinkTargets, type AutomaticAction, type ChatEvent, type Envelope, type Flag } from '@shared/domain/model';
import { cutForTriage, TRIAGE_MAX_CHARS } from '@shared/triage/engine';
import { similarityKeys } from '@shared/triage/similarity';
import type { Evaluation, PlannedAction, TriageContext } from '@shared/triage';
import type { RawEvent } from '../core/connector';
import { platformFlags } from './platformFlags';

export interface Triage {
  evaluate(event: ChatEvent, context?: TriageContext): Flag[];
  /** The flags and the automatic actions the matched rules ask for (a triage without actions has none). */
  evaluateDetailed?(event: ChatEvent, context?: TriageContext): Evaluation;
}

export interface PipelineOptions {
  triage: Triage;
  /** What triage should know that the event does not carry: the space's staff (impersonation). */
  context?: (event: ChatEvent) => TriageContext | undefined;
  /** How many envelopes the journal keeps (oldest dropped first). */
  journalSize?: number;
  onError?: (message: string, error: unknown) => void;
  /** Runs the automatic actions rules asked for on a new event; what it returns travels on the envelope. */
  automate?: (event: ChatEvent, actions: readonly PlannedAction[], context: TriageContext | undefined) => AutomaticAction[] | undefined;
}

export class Pipeline {
  private readonly seqBySource = new Map<string, number>();
  private readonly journal = new Map<string, Envelope>();
  private readonly journalSize: number;

  constructor(private readonly options: PipelineOptions) {
    this.journalSize = options.journalSize ?? 100_000;
  }

  /** Returns the envelope, and whether it is new (false: a repeat, already streamed). */
  process(raw: RawEvent): { envelope: Envelope; fresh: boolean } {
    const known = this.journal.get(raw.id);
    if (known) return { envelope: known, fresh: false };
    const seq = (this.seqBySource.get(raw.sourceId) ?? 0) + 1;
    this.seqBySource.set(raw.sourceId, seq);
    const event: ChatEvent = { ...raw, seq };
    // What the platform itself flagged (its AutoMod) needs no rule to become an item.
    let flags: Flag[] = platformFlags(event);
    let planned: readonly PlannedAction[] = [];
    let context: TriageContext | undefined;
    // Triage also reads the link targets the text hides (a text link's URL, buttons, previews). It reads
    // TRIAGE_MAX_CHARS at most: a long text is cut so that the hidden targets after it are still read.
    const hidden = event.linkTargets?.reduce((n, l) => n + l.url.length + 1, 0) ?? 0;
    const room = Math.max(0, TRIAGE_MAX_CHARS - hidden);
    const cut = hidden > 0 && event.text !== undefined && event.text.length > room ? cutForTriage(event.text, room) : undefined;
    const text = textWithLinkTargets(cut !== undefined ? { ...event, text: cut } : event);
    const read = text === event.text ? event : { ...event, ...(text !== undefined ? { text } : {}) };
    try {
      context = this.options.context?.(event);
      const triage = this.options.triage;
      let triaged: Flag[];
      if (triage.evaluateDetailed && this.options.automate) {
        const evaluation = context ? triage.evaluateDetailed(read, context) : triage.evaluateDetailed(read);
        triaged = evaluation.flags;
        planned = evaluation.actions;
      } else {
        triaged = context ? triage.evaluate(read, context) : triage.evaluate(read);
      }
      if (cut !== undefined) for (const f of triaged) f.checkedChars ??= cut.length;
      flags = flags.length > 0 ? [...flags, ...triaged] : triaged;
    } catch (error) {
      // A rule bug must never lose the event: it still reaches the inbox store, unflagged.
      this.options.onError?.(`triage failed on ${event.id}`, error);
    }
    const envelope: Envelope = { event, flags };
    if (planned.length > 0) {
      try {
        const automatic = this.options.automate?.(event, planned, context);
        if (automatic && automatic.length > 0) envelope.automatic = automatic;
      } catch (error) {
        this.options.onError?.(`automatic actions failed on ${event.id}`, error);
      }
    }
    if (flags.length > 0 && event.kind === 'message') {
      // Read no further than triage did (a multi-megabyte line costs nothing more).
      const similar = similarityKeys(text?.slice(0, TRIAGE_MAX_CHARS), flags);
      if (similar.length > 0) envelope.similar = similar;
    }
    this.journal.set(raw.id, envelope);
    if (this.journal.size > this.journalSize) {
      const oldest = this.journal.keys().next().value;
      if (oldest !== undefined) this.journal.delete(oldest);
    }
    return { envelope, fresh: true };
  }

  lastSeq(sourceId: string): number {
    return this.seqBySource.get(sourceId) ?? 0;
  }
}

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
