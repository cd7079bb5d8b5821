// Streams the pipeline's envelopes to every attached renderer. A renderer subscribes with its cursors;
// per source it is first caught up (platform fetch after the cursor), with live events held back
// meanwhile, then switched to live — so its store sees no gap and, with stable ids, no duplicate.
import type { Envelope, SourceCursor } from '@shared/domain/model';
import type { EventName, EventPayload } from '@shared/ipc/contract';
import type { Connector, RawEvent } from './connector';
import { logger } from '../util/log';
import { Batcher } from '../pipeline/batch';
import { Pipeline } from '../pipeline/pipeline';

const log = logger('sync');

export interface Subscriber {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

type Phase = 'waiting' | 'catching' | 'live';

interface Attached {
  subscriber: Subscriber;
  batcher: Batcher<Envelope>;
  subscribed: boolean;
  positions: Map<string, Record<string, string>>;
  phase: Map<string, Phase>;
  held: Map<string, Envelope[]>;
}

export interface SyncOptions {
  /** Messages fetched per channel for a renderer that has no cursor there yet. */
  backfill: number;
}

export class SyncHub {
  private readonly attached = new Set<Attached>();

  constructor(
    private readonly pipeline: Pipeline,
    private readonly connectors: () => Connector[],
    private readonly options: SyncOptions,
  ) {}

  attach(subscriber: Subscriber): { subscribe(cursors: SourceCursor[]): void; detach(): void } {
    const entry: Attached = {
      subscriber,
      batcher: new Batcher((envelopes) => subscriber.emit('events.received', { envelopes })),
      subscribed: false,
      positions: new Map(),
      phase: new Map(),
      held: new Map(),
    };
    this.attached.add(entry);
    return {
      subscribe: (cursors) => {
        entry.subscribed = true;
        entry.positions = new Map(cursors.map((c) => [c.sourceId, c.positions]));
        entry.phase.clear();
        entry.held.clear();
        for (const connector of this.connectors()) this.startCatchUp(entry, connector);
      },
      detach: () => {
        entry.batcher.flush();
        entry.batcher.dispose();
        this.attached.delete(entry);
      },
    };
  }

  /** A live event from a connector; returns its envelope (the flags triage gave it, also for a repeat). */
  ingest(raw: RawEvent): Envelope {
    const { envelope, fresh } = this.pipeline.process(raw);
    if (fresh) this.deliver(envelope);
    return envelope;
  }

  /**
   * A new envelope to every subscribed renderer (but `except`): at once to one live on its source, held
   * back for one still catching up there. Sent once: a later copy of the event is a repeat (the journal's).
   */
  private deliver(envelope: Envelope, except?: Attached): void {
    const sourceId = envelope.event.sourceId;
    for (const entry of this.attached) {
      if (!entry.subscribed || entry === except) continue;
      const phase = entry.phase.get(sourceId) ?? 'waiting';
      if (phase === 'live') entry.batcher.push(envelope);
      else {
        const held = entry.held.get(sourceId) ?? [];
        held.push(envelope);
        entry.held.set(sourceId, held);
      }
    }
  }

  /** A source became ready: renderers still waiting on it catch up now. */
  sourceReady(connector: Connector): void {
    for (const entry of this.attached) {
      if (entry.subscribed && (entry.phase.get(connector.sourceId) ?? 'waiting') === 'waiting') this.startCatchUp(entry, connector);
    }
  }

  sourceRemoved(sourceId: string): void {
    for (const entry of this.attached) {
      entry.phase.delete(sourceId);
      entry.held.delete(sourceId);
    }
  }

  private startCatchUp(entry: Attached, connector: Connector) {
    if (connector.info().state !== 'ready') {
      entry.phase.set(connector.sourceId, 'waiting');
      return;
    }
    entry.phase.set(connector.sourceId, 'catching');
    const positions = entry.positions.get(connector.sourceId) ?? {};
    void connector
      .catchUp(positions, this.options.backfill)
      .then((events) => {
        if (!this.attached.has(entry) || entry.phase.get(connector.sourceId) !== 'catching') return;
        const sent = new Set<string>();
        for (const raw of events) {
          const { envelope, fresh } = this.pipeline.process(raw);
          sent.add(envelope.event.id);
          entry.batcher.push(envelope);
          // Read back before the platform pushed it live (REST answered ahead of the gateway): the live
          // copy will be a repeat, so the other renderers get it now or never.
          if (fresh) this.deliver(envelope, entry);
        }
        for (const envelope of entry.held.get(connector.sourceId) ?? []) {
          if (!sent.has(envelope.event.id)) entry.batcher.push(envelope);
        }
        entry.held.delete(connector.sourceId);
        entry.phase.set(connector.sourceId, 'live');
        entry.batcher.flush();
        const positions = connector.positions?.();
        entry.subscriber.emit('sync.caughtUp', { sourceId: connector.sourceId, fetched: events.length, ...(positions ? { positions } : {}) });
      })
      .catch((error: unknown) => {
        log.warn(`catch-up of ${connector.sourceId} failed; will retry when it is ready again`, error);
        if (entry.phase.get(connector.sourceId) !== 'catching') return;
        entry.phase.set(connector.sourceId, 'waiting');
        setTimeout(() => {
          if (this.attached.has(entry) && entry.phase.get(connector.sourceId) === 'waiting') this.startCatchUp(entry, connector);
        }, 3_000).unref?.();
      });
  }

  broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const entry of this.attached) entry.subscriber.emit(name, payload);
  }

  flushAll(): void {
    for (const entry of this.attached) entry.batcher.flush();
  }
}
