// Cheap gates before the context's frame regexes (speed, issue 14). A frame regex is an alternation of
// patterns, each of which cannot match without one of its core words ("say", "decir", "说" …). A gate looks
// for the cores alone, once per message: where it finds none, none of the patterns can match anywhere in the
// message, nor in any part of it, and the frame regex is not run. Most flagged messages name no frame, and a
// frame regex tried at every position of every evidence's sentence was most of a flagged message's cost.

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

/**
 * The cues of a text as a bit mask (bit i: gate i finds its cores), kept for the last text asked about: the
 * context asks once per evidence word of each flag, about the same message.
 */
export function cueReader(gates: readonly RegExp[]): (text: string) => number {
  let last: string | undefined;
  let mask = 0;
  return (text) => {
    if (text === last) return mask;
    let m = 0;
    if (text.length > GATED_CHARS) m = (1 << gates.length) - 1;
    else for (let i = 0; i < gates.length; i++) if (gates[i]!.test(text)) m |= 1 << i;
    last = text;
    mask = m;
    return m;
  };
}
