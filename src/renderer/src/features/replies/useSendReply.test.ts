import { describe, expect, it } from 'vitest';
import type { ActionIntent, ActionStatus } from '@shared/domain/actions';
import type { ActionRow } from '../../db/schema';
import { sendParts } from './useSendReply';

const intentOf = (text: string) => ({ text }) as unknown as ActionIntent;
/** A run that answers each part with the next status, recording what was asked. */
function runner(statuses: Array<ActionStatus | undefined>) {
  const asked: string[] = [];
  const run = async (intent: ActionIntent): Promise<ActionRow | undefined> => {
    asked.push((intent as unknown as { text: string }).text);
    const status = statuses.shift();
    return status === undefined ? undefined : ({ key: 'k', intent, status, createdAt: 0, updatedAt: 0, attempts: 1 } satisfies ActionRow);
  };
  return { asked, run };
}

describe('sending a reply', () => {
  it('sends every part in order and counts confirmed or queued parts as sent', async () => {
    const r = runner(['confirmed', 'queued']);
    expect(await sendParts(['one', 'two'], intentOf, r.run)).toBe('sent');
    expect(r.asked).toEqual(['one', 'two']);
  });

  it('stops at the first refused part and reports the failure (the composer keeps the draft)', async () => {
    const r = runner(['failed', 'confirmed']);
    expect(await sendParts(['one', 'two'], intentOf, r.run)).toBe('failed');
    expect(r.asked).toEqual(['one']);
    expect(await sendParts(['x'], intentOf, runner([undefined]).run)).toBe('failed');
  });
});
