import { describe, expect, it } from 'vitest';
import type { Envelope, SourceInfo } from '@shared/domain/model';
import type { EventName, EventPayload } from '@shared/ipc/contract';
import { Pipeline } from '../pipeline/pipeline';
import type { Connector, RawEvent } from './connector';
import { SyncHub } from './sync';

function message(n: number): RawEvent {
  return { id: `discord:g:c:${n}`, sourceId: 's1', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', messageId: String(n), ts: n, text: `message ${n}`, cursor: { after: { c: String(n) } } };
}

/** A ready source whose catch-ups answer when the test says, with what the test says. */
function source() {
  const answers: Array<(events: RawEvent[]) => void> = [];
  const info: SourceInfo = { id: 's1', platform: 'discord', label: 'Practice', practice: true, state: 'ready', spaces: [] };
  const connector = {
    sourceId: 's1',
    info: () => info,
    catchUp: () => new Promise<RawEvent[]>((resolve) => answers.push(resolve)),
  } as Pick<Connector, 'sourceId' | 'info' | 'catchUp'> as Connector;
  return { connector, answers };
}

/** A renderer's view of the stream: event ids received, and its catch-ups done. */
function renderer(hub: SyncHub) {
  const ids: string[] = [];
  let caughtUp = 0;
  const attached = hub.attach({
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name === 'events.received') ids.push(...(payload as EventPayload<'events.received'>).envelopes.map((e: Envelope) => e.event.id));
      if (name === 'sync.caughtUp') caughtUp++;
    },
  });
  return { ids, attached, caughtUp: () => caughtUp };
}

describe('SyncHub', () => {
  it('gives a live renderer an event another renderer\'s catch-up read before the platform pushed it live', async () => {
    const { connector, answers } = source();
    const hub = new SyncHub(new Pipeline({ triage: { evaluate: () => [] } }), () => [connector], { backfill: 10 });
    const live = renderer(hub);
    live.attached.subscribe([]);
    answers.shift()!([message(1)]);
    await expect.poll(() => live.caughtUp()).toBe(1);
    expect(live.ids).toEqual(['discord:g:c:1']);

    // A second console opens; its catch-up reads message 2 back before the gateway's copy reaches main.
    const second = renderer(hub);
    second.attached.subscribe([{ sourceId: 's1', positions: { c: '1' } }]);
    answers.shift()!([message(2)]);
    await expect.poll(() => second.caughtUp()).toBe(1);
    hub.ingest(message(2));
    hub.ingest(message(3));
    hub.flushAll();
    expect(second.ids).toEqual(['discord:g:c:2', 'discord:g:c:3']);
    expect(live.ids).toEqual(['discord:g:c:1', 'discord:g:c:2', 'discord:g:c:3']);
    live.attached.detach();
    second.attached.detach();
  });
});
