// Property (issue 14): a flag recorded as dropped on context is always one the message would have had without
// context. The same conversation runs through two engines: as shipped (with the staff list and the replies), and
// with the context stage's readings switched off (this project's own modules answering "no context", nothing
// external mocked; no staff, no replies). Every drop the first records names a rule and category the second
// flags on that message, and the first does not; a flood drop, an author who reached the rule's fixed count in its window.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent, DroppedFlag, Flag } from '../domain/model';
import { createTriageEngine } from './index';
import { defaultPack } from './defaultPack';

const context = vi.hoisted(() => ({ on: true }));
vi.mock('./contextStage', async (original) => {
  const real = await original<typeof import('./contextStage')>();
  return { ...real, applyContext: (...a: Parameters<typeof real.applyContext>) => (context.on ? real.applyContext(...a) : undefined) };
});
vi.mock('./context', async (original) => {
  const real = await original<typeof import('./context')>();
  return {
    ...real,
    talksAboutScam: (text: string) => context.on && real.talksAboutScam(text),
    hasOwnLure: (text: string) => !context.on || real.hasOwnLure(text),
    withoutQuotations: (text: string) => (context.on ? real.withoutQuotations(text) : undefined),
    quotedSpeech: (text: string) => (context.on ? real.quotedSpeech(text) : []),
  };
});
vi.mock('./contextSelfHarm', async (original) => {
  const real = await original<typeof import('./contextSelfHarm')>();
  return {
    laughingHyperbole: (text: string) => context.on && real.laughingHyperbole(text),
    reportedOfOther: (text: string, start: number, end: number) => context.on && real.reportedOfOther(text, start, end),
    allReportedOfOther: (text: string, spans: ReadonlyArray<{ start: number; end: number }>) => context.on && real.allReportedOfOther(text, spans),
  };
});
vi.mock('./contextAbuse', async (original) => {
  const real = await original<typeof import('./contextAbuse')>();
  return {
    ...real,
    denouncedSpeech: (text: string, start: number, end: number) => context.on && real.denouncedSpeech(text, start, end),
    negatedInsult: (text: string, start: number, end: number) => context.on && real.negatedInsult(text, start, end),
    inWorkTitle: (text: string, start: number, end: number) => context.on && real.inWorkTitle(text, start, end),
    allDenounced: (text: string, spans: ReadonlyArray<{ start: number; end: number }>) => context.on && real.allDenounced(text, spans),
    withoutWorkTitles: (text: string) => (context.on ? real.withoutWorkTitles(text) : undefined),
  };
});

const frames = ['', 'Saying that ', 'Stop calling people ', 'I never said that ', 'the song "', 'beware, scam: "', 'my friend says she wants ', '说', '那首《', 'lol ', 'why would you call me a '];
const words = ['idiots', 'retard', 'to die', '想死', 'free nitro, claim your gift now', 'discord-gift.xyz', 'hello friends', 'lol', '+1', '<@1> <@2> <@3> <@4> <@5> <@6> hi', 'mort 😂', 'kill yourself'];
const ends = ['', ' is racist.', '" is great', '是歧视', '》的歌', '", do not click', ', how can I help?', ' 😂', '!'];
const FLOOD = defaultPack.rules.find((r) => r.trigger.type === 'flood')!.trigger as { messages: number; seconds: number };

const step = fc.record({
  author: fc.constantFrom('a', 'b', 'c', 'mod1'),
  text: fc.tuple(fc.constantFrom(...frames), fc.constantFrom(...words), fc.constantFrom(...ends)).map(([f, w, e]) => f + w + e),
  gap: fc.integer({ min: 50, max: 4000 }),
  replyTo: fc.option(fc.nat(30), { nil: undefined }),
});

const sameSubject = (f: Flag, d: DroppedFlag): boolean => (d.rule === 'model' ? f.category === d.category || (d.category === 'scam' && f.category === 'phishing') : f.rule === d.rule && f.category === d.category);

describe('what context drops', () => {
  // One pair of engines for every run: both read exactly the same stream, each run in a space of its own.
  const shipped = createTriageEngine({ domains: { blacklist: ['nitro-gifts.xyz'] } });
  const without = createTriageEngine({ domains: { blacklist: ['nitro-gifts.xyz'] } });
  const staff = { staffIds: ['mod1'], staffNames: ['Ana'] };
  let run = 0;
  let ts = 1_772_000_000_000;
  let drops = 0;

  it('is always a flag the message would have had without context (and the words are the message’s)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 24 }), (steps) => {
        run++;
        const seen: ChatEvent[] = [];
        steps.forEach((s, i) => {
          ts += s.gap;
          const event: ChatEvent = {
            id: `discord:p${run}:c:${i}`,
            sourceId: 's',
            platform: 'discord',
            kind: 'message',
            spaceId: `p${run}`,
            channelId: 'c',
            ts,
            messageId: `m${i}`,
            author: { id: s.author, name: `member ${s.author}`, bot: false },
            text: s.text,
            ...(s.replyTo !== undefined && s.replyTo < i ? { replyToMessageId: `m${s.replyTo}` } : {}),
          };
          seen.push(event);
          context.on = true;
          const evaluation = shipped.evaluateDetailed(event, staff);
          const dropped = evaluation.dropped ?? [];
          context.on = false;
          const { replyToMessageId: _reply, ...plain } = event;
          const flags = without.evaluate(plain, { staffNames: staff.staffNames });
          context.on = true;
          drops += dropped.length;
          for (const d of dropped) {
            // Dropped, so not kept: the message is not flagged for it.
            expect(evaluation.flags.some((f) => sameSubject(f, d)), JSON.stringify(d)).toBe(false);
            for (const w of d.evidence) expect(s.text).toContain(w.replace(/…$/, ''));
            if (d.category === 'flood') {
              const mine = seen.filter((e) => e.author!.id === s.author && ts - e.ts <= FLOOD.seconds * 1000).length;
              expect(mine, JSON.stringify(d)).toBeGreaterThanOrEqual(FLOOD.messages);
            } else {
              expect(flags.some((f) => sameSubject(f, d)), `${s.text}: ${JSON.stringify(d)} not in ${JSON.stringify(flags.map((f) => [f.rule, f.category]))}`).toBe(true);
            }
          }
        });
      }),
      { numRuns: 120 },
    );
    // The property was exercised: the conversations did drop flags.
    expect(drops).toBeGreaterThan(50);
  });
});
