import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvelopeSchema, type ChatEvent } from '@shared/domain/model';
import { createTriageEngine } from '@shared/triage';
import type { RawEvent } from '../core/connector';
import { Batcher } from './batch';
import { Pipeline } from './pipeline';

function raw(n: number, text = `message ${n}`, sourceId = 's1'): RawEvent {
  return {
    id: `discord:g:c:${n}`,
    sourceId,
    platform: 'discord',
    kind: 'message',
    spaceId: 'g',
    channelId: 'c',
    messageId: String(n),
    ts: n,
    text,
  };
}

describe('Pipeline', () => {
  it('drops repeats: a repeat gets the envelope of its first time', () => {
    const p = new Pipeline({ triage: { evaluate: () => [] } });
    const first = p.process(raw(1));
    expect(first.fresh).toBe(true);
    expect(p.process(raw(2)).fresh).toBe(true);
    const again = p.process(raw(1, 'edited in transit'));
    expect(again.fresh).toBe(false);
    expect(again.envelope).toBe(first.envelope);
  });

  it('attaches triage flags and keeps them for repeats', () => {
    const p = new Pipeline({ triage: createTriageEngine() });
    const first = p.process(raw(1, 'Free Nitro! claim here https://discord-gift.ru/claim'));
    expect(first.envelope.flags.length).toBeGreaterThan(0);
    expect(p.process(raw(1, 'Free Nitro! claim here https://discord-gift.ru/claim')).envelope.flags).toEqual(first.envelope.flags);
  });

  it('carries the flags context dropped, and why, on the envelope (issue 14); none on an ordinary message', () => {
    const p = new Pipeline({ triage: createTriageEngine() });
    const counter = p.process(raw(1, 'Saying that immigrants are idiots is racist.')).envelope;
    expect(counter.flags).toEqual([]);
    expect(counter.dropped).toContainEqual(expect.objectContaining({ category: 'toxicity', context: 'counter-speech', evidence: expect.arrayContaining(['idiots']) }));
    expect(EnvelopeSchema.parse(counter).dropped).toEqual(counter.dropped);
    expect(p.process(raw(2, 'hello everyone')).envelope).not.toHaveProperty('dropped');
  });

  it('never loses an event when a rule throws', () => {
    const errors: string[] = [];
    const p = new Pipeline({
      triage: {
        evaluate: (e: ChatEvent) => {
          throw new Error(`bad rule on ${e.id}`);
        },
      },
      onError: (m) => errors.push(m),
    });
    const out = p.process(raw(1));
    expect(out.fresh).toBe(true);
    expect(out.envelope.flags).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('forgets the oldest envelopes beyond the journal size', () => {
    const p = new Pipeline({ triage: { evaluate: () => [] }, journalSize: 2 });
    p.process(raw(1));
    p.process(raw(2));
    p.process(raw(3));
    expect(p.process(raw(1)).fresh).toBe(true);
    expect(p.process(raw(3)).fresh).toBe(false);
  });
});

describe('Batcher', () => {
  afterEach(() => vi.useRealTimers());

  it('flushes at the size cap at once and the rest after the delay', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const b = new Batcher<number>((batch) => batches.push(batch), 16, 500);
    for (let i = 0; i < 1_200; i++) b.push(i);
    expect(batches.map((x) => x.length)).toEqual([500, 500]);
    vi.advanceTimersByTime(16);
    expect(batches.map((x) => x.length)).toEqual([500, 500, 200]);
    expect(batches.flat()).toEqual(Array.from({ length: 1_200 }, (_, i) => i));
  });

  it('coalesces a trickle into one batch per window', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const b = new Batcher<number>((batch) => batches.push(batch), 16, 500);
    b.push(1);
    vi.advanceTimersByTime(5);
    b.push(2);
    vi.advanceTimersByTime(11);
    expect(batches).toEqual([[1, 2]]);
  });
});
