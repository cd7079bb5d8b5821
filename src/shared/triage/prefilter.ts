// Which literals a regex needs: a set of strings one of which occurs in every text the regex matches
// on the folded view. The engine scans a message once for all such literals and runs only the regexes
// they open, so a pack of hundreds of regexes costs little on messages none of them can match.
// Parsed with regexpp (the parser ESLint uses), then the classic prefilter walk: exact string sets
// for small parts, multiplied across a sequence, joined across alternatives.
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** Sets larger than this stop being exact (their part then constrains nothing by itself). */
const MAX_SET = 64;
const MAX_LENGTH = 40;
/** A gate whose shortest literal is shorter than this opens on nearly every message: not worth it. */
export const MIN_GATE_LENGTH = 2;

interface Info {
  /** Every string this part can match on the folded view, when there are few; null otherwise. */
  exact: Set<string> | null;
  /** Strings one of which every match contains; null when nothing is required. */
  required: Set<string> | null;
}

const EMPTY: Info = { exact: new Set(['']), required: null };
const UNKNOWN: Info = { exact: null, required: null };

function shortest(set: Set<string>): number {
  let n = Infinity;
  for (const s of set) n = Math.min(n, s.length);
  return n;
}

/** The better of two requirements: the longer shortest literal, then the smaller set. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a || shortest(a) === 0) return b && shortest(b) > 0 ? b : null;
  if (!b || shortest(b) === 0) return a;
  const la = shortest(a);
  const lb = shortest(b);
  if (la !== lb) return la > lb ? a : b;
  return a.size <= b.size ? a : b;
}

function cross(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_SET) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) {
    if (x.length + y.length > MAX_LENGTH) return null;
    out.add(x + y);
  }
  return out;
}

function union(infos: Info[]): Info {
  let exact: Set<string> | null = new Set();
  let required: Set<string> | null = new Set();
  for (const info of infos) {
    if (exact && info.exact && exact.size + info.exact.size <= MAX_SET) for (const s of info.exact) exact.add(s);
    else exact = null;
    const req = info.required ?? (info.exact && shortest(info.exact) > 0 ? info.exact : null);
    if (required && req) for (const s of req) required.add(s);
    else required = null;
  }
  if (required && required.size > 4 * MAX_SET) required = null;
  return { exact, required };
}

function sequence(elements: AST.Element[]): Info {
  let exact: Set<string> | null = new Set(['']);
  let run: Set<string> | null = new Set(['']);
  let required: Set<string> | null = null;
  for (const element of elements) {
    const info = visit(element);
    // "rate[0-9]{2,4}": at least one repetition follows the run, so the run grows by one of it ("rate0"
    // … "rate9") and ends there (what comes after is not known exactly).
    if (!info.exact && run && element.type === 'Quantifier' && element.min >= 1) {
      const first = visit(element.element).exact;
      const grown = first ? cross(run, first) : null;
      if (grown) required = better(required, grown);
    }
    required = better(required, info.required);
    if (info.exact && run) {
      run = cross(run, info.exact);
      if (!run) {
        // The run outgrew exactness: what it had so far is still required.
        run = info.exact;
      }
    } else {
      if (run) required = better(required, run);
      run = info.exact;
    }
    if (run) required = better(required, run);
    exact = exact && info.exact ? cross(exact, info.exact) : null;
  }
  if (run) required = better(required, run);
  return { exact, required };
}

function characterSet(set: Set<string>): Info {
  return set.size <= 10 ? { exact: set, required: null } : UNKNOWN;
}

function visit(node: AST.Node): Info {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives.length === 1 ? sequence(node.alternatives[0]!.elements) : union(node.alternatives.map((a) => sequence(a.elements)));
    case 'Alternative':
      return sequence(node.elements);
    case 'Character': {
      const ch = String.fromCodePoint(node.value).toLowerCase();
      // Folded text has one space for any run of white space.
      return { exact: new Set([/\s/u.test(ch) ? ' ' : ch]), required: null };
    }
    case 'CharacterSet':
      if (node.kind === 'space' && !node.negate) return { exact: new Set([' ']), required: null };
      if (node.kind === 'digit' && !node.negate) return characterSet(new Set('0123456789'));
      return UNKNOWN;
    case 'CharacterClass': {
      if (node.negate || node.unicodeSets) return UNKNOWN;
      const out = new Set<string>();
      for (const el of node.elements) {
        if (el.type === 'Character') out.add(String.fromCodePoint(el.value).toLowerCase());
        else if (el.type === 'CharacterClassRange' && el.max.value - el.min.value < 10) {
          for (let c = el.min.value; c <= el.max.value; c++) out.add(String.fromCodePoint(c).toLowerCase());
        } else if (el.type === 'CharacterSet' && el.kind === 'space' && !el.negate) out.add(' ');
        else return UNKNOWN;
      }
      return characterSet(out);
    }
    case 'Assertion':
      return EMPTY;
    case 'Quantifier': {
      const inner = visit(node.element);
      if (node.min === 0) {
        if (node.max === 1 && inner.exact) return { exact: new Set(['', ...inner.exact]), required: null };
        return UNKNOWN;
      }
      // At least once: what the part requires is required; repeated exactly, it is still exact.
      let exact: Set<string> | null = null;
      if (inner.exact && node.min === node.max && node.min <= 4) {
        exact = new Set(['']);
        for (let i = 0; i < node.min && exact; i++) exact = cross(exact, inner.exact);
      }
      const required = better(inner.required, inner.exact && shortest(inner.exact) > 0 ? inner.exact : null);
      return { exact, required };
    }
    default:
      // Backreferences, class strings and anything else: no constraint, never a wrong one.
      return UNKNOWN;
  }
}

/**
 * The literals (lower case, folded-view spelling) one of which occurs in every text `source` matches,
 * or undefined when the regex must run on every message. Never wrong, sometimes too cautious.
 */
export function requiredLiterals(source: string): string[] | undefined {
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    return undefined;
  }
  const info = visit(pattern);
  const required = better(info.required, info.exact && shortest(info.exact) > 0 ? info.exact : null);
  if (!required || shortest(required) < MIN_GATE_LENGTH) return undefined;
  return [...required];
}

/**
 * Characters outside ASCII that match an ASCII letter case-insensitively (/iu: simple case folding):
 * ſ (long s) ~ s and the Kelvin sign K ~ k. Every other non-ASCII character matches no ASCII one
 * (prefilter.test.ts checks this over every code point).
 */
const FOLDS_TO_ASCII = new Set([0x17f, 0x212a]);

function needsNonAscii(node: AST.Node): boolean {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives.every((a) => needsNonAscii(a));
    case 'Alternative':
      return node.elements.some((e) => needsNonAscii(e));
    case 'Character':
      return node.value >= 0x80 && !FOLDS_TO_ASCII.has(node.value);
    case 'Quantifier':
      return node.min >= 1 && needsNonAscii(node.element);
    default:
      // Classes, sets, assertions, backreferences: they may match ASCII, or nothing at all.
      return false;
  }
}

/**
 * Does every match of `source` (compiled with the flags `giu`) contain a character outside ASCII? Then
 * the regex cannot match a plain-ASCII text, and a rule reading the original text skips it there (most
 * chat is plain ASCII). Never wrong, sometimes too cautious.
 */
export function requiresNonAscii(source: string): boolean {
  try {
    return needsNonAscii(new RegExpParser({ ecmaVersion: 2024 }).parsePattern(source, 0, source.length, { unicode: true }));
  } catch {
    return false;
  }
}
