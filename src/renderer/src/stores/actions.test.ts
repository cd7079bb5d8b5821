// The outbox store against a stand-in for main (the Electron bridge shape): an action whose answer says
// "offline" after the reconnect's replay already passed it over (it was on its way) runs again at once,
// instead of waiting in the outbox for the next reconnect (a bulk run then stood "one short").
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import type { TribeBridge } from '@shared/ipc/contract';
import { fail, ok } from '@shared/domain/result';

type Answer = (request: { action: ActionIntent }) => Promise<unknown>;
const answers: Answer[] = [];
const sent: string[] = [];
const bridge = {
  invoke: (name: string, request: { action: ActionIntent }) => {
    if (name !== 'actions.execute') return Promise.reject(new Error(`not expected: ${name}`));
    sent.push(request.action.key);
    const next = answers.shift();
    return next ? next(request) : Promise.resolve(ok({ key: request.action.key, kind: request.action.kind, confirmedAt: Date.now(), duplicate: false }));
  },
  on: () => () => undefined,
} as unknown as TribeBridge;
(globalThis as { window?: unknown }).window = { tribe: bridge };

describe('the outbox store', () => {
  it('runs again an action answered "offline" after a replay passed it over while it was in flight', async () => {
    const { useActions } = await import('./actions');
    const intent: ActionIntent = { key: '00000000-0000-4000-8000-0000000000b1', kind: 'slowmode', sourceId: 's1', platform: 'discord', spaceId: 'g1', channelId: 'c1', seconds: 5 };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Main answers "offline" (its connection dropped), but only after the connection came back and the
    // renderer's replay ran past this action, which was still on its way.
    answers.push(async () => {
      await held;
      return fail('offline', 'The Discord connection is down; the action waits in the outbox.');
    });
    const running = useActions.getState().run(intent);
    await expect.poll(() => sent.length).toBe(1);
    await useActions.getState().replay();
    release();
    expect((await running)?.status).toBe('queued');
    await expect.poll(() => useActions.getState().byKey.get(intent.key)?.status).toBe('confirmed');
    expect(sent).toEqual([intent.key, intent.key]);
  });
});
