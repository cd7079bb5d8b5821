// Issue 17, finding 9 at main's pipeline: a long text is cut before triage, but a link target the
// text hides (read after the text) is still read, and the flag says how much of the text was checked.
import { describe, expect, it } from 'vitest';
import { createTriageEngine } from '@shared/triage';
import { TRIAGE_MAX_CHARS } from '@shared/triage/engine';
import type { RawEvent } from '../core/connector';
import { Pipeline } from './pipeline';

function raw(text: string, linkTargets?: RawEvent['linkTargets']): RawEvent {
  const event: RawEvent = {
    id: `discord:g:c:${text.length}:${linkTargets?.length ?? 0}`,
    sourceId: 's',
    platform: 'discord',
    kind: 'message',
    spaceId: 'g',
    channelId: 'c',
    messageId: String(text.length),
    ts: 1_700_000_000_000,
    author: { id: 'u1', name: 'user', bot: false },
    text,
  };
  if (linkTargets) event.linkTargets = linkTargets;
  return event;
}

describe('pipeline triage limits', () => {
  const pipeline = new Pipeline({ triage: createTriageEngine({ domains: { blacklist: ['discord-gift.ru'] } }) });

  it('still reads a hidden link target after a text longer than triage reads', () => {
    const padding = 'just chatting about the weekend '.repeat(Math.ceil((TRIAGE_MAX_CHARS + 10_000) / 32));
    const { envelope } = pipeline.process(raw(`click here ${padding}`, [{ via: 'text_link', shown: 'here', url: 'https://discord-gift.ru/claim' }]));
    const scam = envelope.flags.find((f) => f.evidence.some((e) => e.text.includes('discord-gift.ru')));
    expect(scam).toBeDefined();
    expect(scam?.checkedChars).toBeLessThan(TRIAGE_MAX_CHARS);
    expect(envelope.event.text?.length).toBeGreaterThan(TRIAGE_MAX_CHARS);
  });

  it('marks flags of a cut text without link targets, and leaves short texts alone', () => {
    const long = pipeline.process(raw(`https://discord-gift.ru/claim ${'a '.repeat(TRIAGE_MAX_CHARS)}`)).envelope;
    expect(long.flags.length).toBeGreaterThan(0);
    for (const f of long.flags) expect(f.checkedChars).toBe(TRIAGE_MAX_CHARS);
    const short = pipeline.process(raw('free nitro https://discord-gift.ru/claim')).envelope;
    expect(short.flags.length).toBeGreaterThan(0);
    for (const f of short.flags) expect(f.checkedChars).toBeUndefined();
  });
});
