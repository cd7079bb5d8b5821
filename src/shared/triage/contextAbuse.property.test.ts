// Property (issue 14): the counter-speech and title context only takes flags away. The same engine is run with
// the context's checks answering "not talked about" (this module's own code switched off, nothing external is
// mocked) and as shipped; on any message built from frames, hateful words and titles, the shipped engine's
// categories are a subset of the ones without the context.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createTriageEngine } from './index';
import { message } from './testkit';

const context = vi.hoisted(() => ({ on: true }));
vi.mock('./contextAbuse', async (original) => {
  const real = await original<typeof import('./contextAbuse')>();
  return {
    denouncedSpeech: (text: string, start: number, end: number) => context.on && real.denouncedSpeech(text, start, end),
    negatedInsult: (text: string, start: number, end: number) => context.on && real.negatedInsult(text, start, end),
    inWorkTitle: (text: string, start: number, end: number) => context.on && real.inWorkTitle(text, start, end),
    allDenounced: (text: string, spans: ReadonlyArray<{ start: number; end: number }>) => context.on && real.allDenounced(text, spans),
    withoutWorkTitles: (text: string) => (context.on ? real.withoutWorkTitles(text) : undefined),
    // Not a context check: who the words are aimed at, read by the other insult contexts (contextInsult.ts) too.
    aimedAtYou: real.aimedAtYou,
  };
});

describe('the counter-speech context', () => {
  const engine = createTriageEngine();
  const categories = (text: string): Set<string> => new Set(engine.evaluate(message(text)).map((f) => f.category));
  const frames = ['Saying that ', 'Stop calling people ', 'I never said that ', 'the song "', '说', '那首《', 'Deja de llamar ', 'Dizer que ', 'you are ', '', 'Hör auf, Leute ', 'people who call women ', '「'];
  const words = ['idiots', 'retards', 'I want to die', '傻逼', '想死', 'putas', 'hello friends', 'vagabundas', 'kill yourself', '贱人'];
  const ends = [' is racist.', '" is great', '是歧视', '》的歌', ' é preconceito.', '', ' zu nennen.', ', you idiot', ' will be banned', '」という曲が好き'];

  it('never adds a flag: with it, a subset of the categories flagged without it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...frames), fc.constantFrom(...words), fc.constantFrom(...ends), fc.string({ maxLength: 12 }), (frame, w, end, noise) => {
        const text = noise + frame + w + end;
        context.on = false;
        const without = categories(text);
        context.on = true;
        for (const c of categories(text)) expect(without).toContain(c);
      }),
      { numRuns: 300 },
    );
  });

  it('does take flags away (the switch is real)', () => {
    context.on = false;
    expect(categories('Saying that immigrants are idiots is racist.')).toContain('toxicity');
    context.on = true;
    expect(categories('Saying that immigrants are idiots is racist.')).not.toContain('toxicity');
  });
});
