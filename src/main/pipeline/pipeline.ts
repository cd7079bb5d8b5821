// The pipeline: what main does with every platform event before a renderer sees it. Read this file
// first; each stage is one step of `process`, in the order they run (DESIGN.md §1):
//
//   1. dedupe      a repeat (resume and catch-up overlap) gets the envelope it got the first time
//   2. platform    what the platform flagged itself (Discord's AutoMod) becomes a flag: platformFlags.ts
//   3. triage      the rules (src/shared/triage) read the text and the link targets it hides, with the
//                  space's staff for the impersonation check (staff.ts gives that context); the flags
//                  context dropped travel on the envelope too, so the console can say why (issue 14)
//   4. automation  the automatic actions the matched rules ask for run (rules/automation.ts, given as
//                  `automate`); what they did travels on the envelope
//   5. similarity  a flagged message gets keys that find its copies (shared/triage/similarity.ts)
//   6. journal     the envelope is kept (bounded), so a repeat and a renderer catching up get the same
//                  flags without triage (or automation) running again
//   7. batch       envelopes go to each renderer in batches (batch.ts, held per renderer by core/sync.ts)
//
// Grouping into inbox items (a raid, a burst, a campaign) is the renderer's, where the items are
// stored (renderer db/ingest.ts), in the same transaction as the events.
import { textWithLinkTargets, type AutomaticAction, type ChatEvent, type DroppedFlag, type Envelope, type Flag } from '@shared/domain/model';
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
  /** Sees every new event in order; true marks a newcomer's first message (welcome/firstMessages.ts). */
  newcomerFirst?: (event: ChatEvent) => boolean;
}

export class Pipeline {
  private readonly journal: Journal;

  constructor(private readonly options: PipelineOptions) {
    this.journal = new Journal(options.journalSize ?? 100_000);
  }

  /** Returns the envelope, and whether it is new (false: a repeat, already streamed). */
  process(raw: RawEvent): { envelope: Envelope; fresh: boolean } {
    // 1. dedupe
    const repeat = this.journal.get(raw.id);
    if (repeat) return { envelope: repeat, fresh: false };
    const event: ChatEvent = { ...raw };
    // 2. platform flags: what the platform itself flagged needs no rule to become an item.
    const platform = platformFlags(event);
    // 3. triage
    const input = triageInput(event);
    const triaged = this.triage(event, input);
    const flags = platform.length > 0 ? [...platform, ...triaged.flags] : triaged.flags;
    const envelope: Envelope = { event, flags };
    if (triaged.dropped !== undefined && triaged.dropped.length > 0) envelope.dropped = triaged.dropped;
    // 4. automation: what the matched rules ask for runs once, on the event's first time.
    const automatic = this.automate(event, triaged);
    if (automatic && automatic.length > 0) envelope.automatic = automatic;
    // 5. similarity keys of a flagged message, reading no further than triage did (a multi-megabyte
    // line costs nothing more).
    if (flags.length > 0 && event.kind === 'message') {
      const similar = similarityKeys(input.text?.slice(0, TRIAGE_MAX_CHARS), flags);
      if (similar.length > 0) envelope.similar = similar;
    }
    // A newcomer's first message is marked once, on the event's first time (a repeat gets the journaled envelope).
    if (this.options.newcomerFirst?.(event) && flags.length === 0) envelope.newcomerFirst = true;
    // 6. journal (7. batch is the caller's: core/sync.ts)
    this.journal.remember(raw.id, envelope);
    return { envelope, fresh: true };
  }

  /**
   * Stage 3: the flags, and the actions the matched rules ask for when automation is on. Never throws:
   * a rule bug must never lose the event; it still reaches the inbox store, unflagged.
   */
  private triage(event: ChatEvent, input: TriageInput): { flags: Flag[]; planned: readonly PlannedAction[]; context: TriageContext | undefined; dropped?: DroppedFlag[] | undefined } {
    let context: TriageContext | undefined;
    try {
      context = this.options.context?.(event);
      const triage = this.options.triage;
      let flags: Flag[];
      let planned: readonly PlannedAction[] = [];
      let dropped: DroppedFlag[] | undefined;
      if (triage.evaluateDetailed) {
        const evaluation = context ? triage.evaluateDetailed(input.read, context) : triage.evaluateDetailed(input.read);
        flags = evaluation.flags;
        dropped = evaluation.dropped;
        if (this.options.automate) planned = evaluation.actions;
      } else {
        flags = context ? triage.evaluate(input.read, context) : triage.evaluate(input.read);
      }
      if (input.cut !== undefined) for (const f of flags) f.checkedChars ??= input.cut.length;
      return { flags, planned, context, dropped };
    } catch (error) {
      this.options.onError?.(`triage failed on ${event.id}`, error);
      return { flags: [], planned: [], context };
    }
  }

  /** Stage 4. A failing action never loses the event either. */
  private automate(event: ChatEvent, triaged: { planned: readonly PlannedAction[]; context: TriageContext | undefined }): AutomaticAction[] | undefined {
    if (triaged.planned.length === 0) return undefined;
    try {
      return this.options.automate?.(event, triaged.planned, triaged.context);
    } catch (error) {
      this.options.onError?.(`automatic actions failed on ${event.id}`, error);
      return undefined;
    }
  }
}

interface TriageInput {
  /** The event as triage reads it: its text with the link targets it hides. */
  read: ChatEvent;
  text: string | undefined;
  /** The text as cut to leave room for the hidden targets, when it had to be. */
  cut: string | undefined;
}

/**
 * Triage also reads the link targets the text hides (a text link's URL, buttons, previews). It reads
 * TRIAGE_MAX_CHARS at most: a long text is cut so that the hidden targets after it are still read.
 */
function triageInput(event: ChatEvent): TriageInput {
  const hidden = event.linkTargets?.reduce((n, l) => n + l.url.length + 1, 0) ?? 0;
  const room = Math.max(0, TRIAGE_MAX_CHARS - hidden);
  const cut = hidden > 0 && event.text !== undefined && event.text.length > room ? cutForTriage(event.text, room) : undefined;
  const text = textWithLinkTargets(cut !== undefined ? { ...event, text: cut } : event);
  const read = text === event.text ? event : { ...event, ...(text !== undefined ? { text } : {}) };
  return { read, text, cut };
}

/** Stage 5: the first envelope of each event, oldest dropped first past `size`. */
class Journal {
  private readonly byId = new Map<string, Envelope>();

  constructor(private readonly size: number) {}

  get(id: string): Envelope | undefined {
    return this.byId.get(id);
  }

  remember(id: string, envelope: Envelope): void {
    this.byId.set(id, envelope);
    if (this.byId.size > this.size) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
  }
}
