// The renderer's store in small, for protocol tests that run a whole core: the envelopes of one
// source by id, and its cursors kept as the renderer keeps them (each event's cursor move as its
// connector produced it, and the positions of a finished catch-up), to hand to the next core.
import { applyCursorMove } from '../../src/shared/domain/cursor';
import type { Envelope, SourceCursor } from '../../src/shared/domain/model';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import type { Core, Session } from '../../src/main/core/app';

export class SmallRenderer {
  readonly envelopes = new Map<string, Envelope>();
  readonly positions: Record<string, string> = {};
  /** How many times the source finished catching up this renderer. */
  caughtUp = 0;
  readonly session: Session;

  constructor(
    from: Pick<Core, 'openSession'>,
    private readonly sourceId: string,
    cursors: SourceCursor[] = [],
  ) {
    this.session = from.openSession({
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'events.received') {
          for (const envelope of (payload as EventPayload<'events.received'>).envelopes) this.store(envelope);
        }
        if (name === 'sync.caughtUp') {
          const done = payload as EventPayload<'sync.caughtUp'>;
          if (done.sourceId !== this.sourceId) return;
          Object.assign(this.positions, done.positions ?? {});
          this.caughtUp++;
        }
      },
    });
    void this.session.invoke('sync.subscribe', { cursors });
  }

  private store(envelope: Envelope) {
    const { event } = envelope;
    if (event.sourceId !== this.sourceId) return;
    this.envelopes.set(event.id, envelope);
    if (event.cursor) applyCursorMove(this.positions, event.cursor);
  }

  cursors(): SourceCursor[] {
    return [{ sourceId: this.sourceId, positions: { ...this.positions } }];
  }
}
