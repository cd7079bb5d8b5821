// Cheap gates before the context's frame regexes (speed, issue 14). A frame regex is an alternation of
// patterns, each of which cannot match without one of its core words ("say", "decir", "说" …). A gate looks
// for the cores alone, once per message: where it finds none, none of the patterns can match anywhere in the
// message, nor in any part of it, and the frame regex is not run. Most flagged messages name no frame, and a
// frame regex tried at every position of every evidence's sentence was most of a flagged message's cost.
import { Automaton } from './automaton';

/** One alternative of a frame regex: its pattern, and `core`, a part of the pattern every match contains. */
export interface Alt {
  pattern: string;
  core: string;
}

/**
 * An alternative whose matches all contain a match of `core` (a regex without anchors, boundaries or
 * lookarounds, so what it finds in a part of a text it finds in the whole text). By default the pattern is
 * the core itself; `wrap` builds the pattern around it.
 */
export const alt = (core: string, wrap: (core: string) => string = (c) => c): Alt => ({ core, pattern: wrap(core) });

/** The alternatives as one regex source. */
export const patternOf = (alts: readonly Alt[]): string => alts.map((a) => a.pattern).join('|');

/**
 * Finds any alternative's core. Case-insensitive whatever the frame regex's flags: it finds at least what
 * the frame regex could.
 */
export const gateOf = (alts: readonly Alt[]): RegExp => new RegExp(alts.map((a) => `(?:${a.core})`).join('|'), 'iu');

/** Texts longer than this are not gated (every cue counts as present): a gate reads the whole text. */
export const GATED_CHARS = 4000;

/** What a text of ASCII characters only can match of `\s`. */
const ASCII_SPACES = ['\t', '\n', '\v', '\f', '\r', ' '];

/** A literal a match begins with; `done`: the match's literal part ends there (after a `\s+`). */
interface Piece {
  s: string;
  done: boolean;
}

/**
 * ASCII literals (lower case), one of which every match of `core` in a text of ASCII characters contains, or
 * undefined when a match may contain none of them (an empty literal). Knows the syntax cores are written in:
 * `|`, `(?:…)`, `?`, `[…]`, `\s+` (a literal ends with the first whitespace) and escaped marks. A character
 * outside ASCII matches no ASCII character, even case-insensitively (cues.test.ts checks every one used), so
 * an alternative that needs one cannot match such a text and adds no literal.
 */
export function asciiLiteralsOf(core: string): string[] | undefined {
  let at = 0;
  const alternation = (): Piece[] => {
    const out: Piece[] = [...sequence()];
    while (core[at] === '|') {
      at++;
      out.push(...sequence());
    }
    return out;
  };
  const sequence = (): Piece[] => {
    let pieces: Piece[] = [{ s: '', done: false }];
    while (at < core.length && core[at] !== '|' && core[at] !== ')') {
      let atom = atomAt();
      if (core[at] === '?') {
        at++;
        atom = [...atom, { s: '', done: false }];
      }
      const next: Piece[] = [];
      for (const p of pieces) {
        if (p.done) next.push(p);
        else for (const a of atom) next.push({ s: p.s + a.s, done: a.done });
      }
      pieces = next;
    }
    return pieces;
  };
  const atomAt = (): Piece[] => {
    const c = core[at]!;
    if (c === '(') {
      if (!core.startsWith('(?:', at)) throw new Error(`cues: unsupported group in ${core}`);
      at += 3;
      const inner = alternation();
      if (core[at] !== ')') throw new Error(`cues: unclosed group in ${core}`);
      at++;
      return inner;
    }
    if (c === '[') {
      const close = core.indexOf(']', at);
      const chars = [...core.slice(at + 1, close)];
      at = close + 1;
      if (chars.includes('\\') || chars[0] === '^') throw new Error(`cues: unsupported class in ${core}`);
      return [...new Set(chars.filter((x) => x.charCodeAt(0) < 128).map((x) => x.toLowerCase()))].map((x) => ({ s: x, done: false }));
    }
    if (c === '\\') {
      const e = core[at + 1]!;
      at += 2;
      if (e === 's') {
        if (core[at] === '+') at++;
        return ASCII_SPACES.map((x) => ({ s: x, done: true }));
      }
      if (/[\p{L}\p{N}]/u.test(e)) throw new Error(`cues: unsupported escape \\${e} in ${core}`);
      return [{ s: e, done: false }];
    }
    if ('*+{}.^$'.includes(c)) throw new Error(`cues: unsupported ${c} in ${core}`);
    at += c.length;
    const code = c.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdbff) at++;
    return code < 128 ? [{ s: c.toLowerCase(), done: false }] : [];
  };
  const pieces = alternation();
  if (at !== core.length) throw new Error(`cues: cannot read ${core}`);
  if (pieces.some((p) => p.s === '')) return undefined;
  return [...new Set(pieces.map((p) => p.s))];
}

/**
 * The cues of a text as a bit mask (bit i: gate i finds one of its alternatives' cores), kept for the last text
 * asked about: the context asks once per evidence word of each flag, about the same message. A text of ASCII
 * characters only (most chat) is read in one pass of an automaton over the cores' ASCII literals, lower-cased
 * (in ASCII, what case-insensitive matching equates); any other text by each gate's regex.
 */
export function cueReader(gates: ReadonlyArray<readonly Alt[]>): (text: string) => number {
  const regexes = gates.map(gateOf);
  const literals = new Automaton();
  const bitsOf: number[] = [];
  /** Gates without ASCII literals (a core that may match without one): read by their regex on every text. */
  let byRegex = 0;
  gates.forEach((alts, i) => {
    const lits = alts.map((a) => asciiLiteralsOf(a.core));
    if (lits.some((l) => l === undefined)) byRegex |= 1 << i;
    else for (const l of lits.flat() as string[]) bitsOf[literals.add(l)] = 1 << i;
  });
  literals.build();
  const all = (1 << gates.length) - 1;
  let last: string | undefined;
  let mask = 0;
  return (text) => {
    if (text === last) return mask;
    let m = 0;
    if (text.length > GATED_CHARS) m = all;
    else {
      let ascii = true;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) ascii = false;
      const viaRegex = ascii ? byRegex : all;
      for (let i = 0; i < regexes.length; i++) if (viaRegex & (1 << i) && regexes[i]!.test(text)) m |= 1 << i;
      if (ascii) {
        const n = literals.collect(text.toLowerCase());
        const found = literals.found;
        for (let k = 0; k < n; k++) m |= bitsOf[found[3 * k]!]!;
      }
    }
    last = text;
    mask = m;
    return m;
  };
}
