// A moderator's regex must never freeze the app: patterns that can backtrack catastrophically
// (nested or adjacent-overlapping quantifiers, backreferences, lookbehind) are rejected when a pack
// is compiled, and the text a regex sees is capped in length.

export const REGEX_INPUT_LIMIT = 4000;

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

/**
 * Star height > 1 is the classic exponential shape: `(a+)+`, `(a|aa)*`, `(\w+\s?)*`. We compute
 * it on the pattern source (escapes and classes skipped) rather than trusting the author.
 */
function starHeight(source: string): { height: number; backref: boolean; lookbehind: boolean } {
  const stack: Array<{ inner: number }> = [{ inner: 0 }];
  let height = 0;
  let backref = false;
  let lookbehind = false;
  let lastGroupInner = 0;
  let lastWasGroup = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9k]/.test(next)) backref = true;
      i++;
      lastWasGroup = false;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      lastWasGroup = false;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) lookbehind = true;
      stack.push({ inner: 0 });
      lastWasGroup = false;
      continue;
    }
    if (c === ')') {
      const frame = stack.pop() ?? { inner: 0 };
      if (stack.length === 0) stack.push({ inner: 0 });
      lastGroupInner = frame.inner;
      lastWasGroup = true;
      const top = stack[stack.length - 1]!;
      top.inner = Math.max(top.inner, frame.inner);
      continue;
    }
    const unbounded = c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)));
    const bounded = c === '?' || (c === '{' && /^\{\d+(,\d+)?\}/.test(source.slice(i)));
    if (unbounded || (bounded && c === '{')) {
      const large = unbounded || /^\{\d+,(\d{2,})\}/.test(source.slice(i));
      const level = (lastWasGroup ? lastGroupInner : 0) + (large ? 1 : 0);
      const top = stack[stack.length - 1]!;
      top.inner = Math.max(top.inner, level);
      height = Math.max(height, level);
      if (c === '{') i = source.indexOf('}', i);
      lastWasGroup = false;
      continue;
    }
    lastWasGroup = false;
  }
  for (const f of stack) height = Math.max(height, f.inner);
  return { height, backref, lookbehind };
}

export function compileSafeRegex(source: string): RegexCheck {
  if (source.length > 500) return { ok: false, reason: 'pattern longer than 500 characters' };
  const shape = starHeight(source);
  if (shape.height > 1) return { ok: false, reason: 'nested repetition such as (a+)+ can freeze the app' };
  if (shape.backref) return { ok: false, reason: 'backreferences are not allowed' };
  if (shape.lookbehind) return { ok: false, reason: 'lookbehind is not allowed' };
  try {
    return { ok: true, regex: new RegExp(source, 'giu') };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'invalid pattern' };
  }
}

/** Splits a pattern at its top-level `|` (not inside groups or classes). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * The longest literal run every match of `alternative` must contain (lower case), or undefined.
 * The engine scans for these literals once per message and runs only the regexes they gate, so a
 * pack of hundreds of regexes costs little on messages none of them can match.
 */
export function requiredLiteral(alternative: string): string | undefined {
  let best = '';
  let run = '';
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < alternative.length; i++) {
    const c = alternative[i]!;
    if (c === '\\') {
      const next = alternative[i + 1] ?? '';
      i++;
      if (/[A-Za-z0-9]/.test(next)) end();
      else if (isOptional(alternative[i + 1])) {
        run = '';
        end();
      } else run += next;
      continue;
    }
    if (c === '(') {
      let depth = 1;
      for (i++; i < alternative.length && depth > 0; i++) {
        if (alternative[i] === '\\') i++;
        else if (alternative[i] === '(') depth++;
        else if (alternative[i] === ')') depth--;
      }
      i--;
      end();
      continue;
    }
    if (c === '[') {
      for (i++; i < alternative.length && alternative[i] !== ']'; i++) if (alternative[i] === '\\') i++;
      end();
      continue;
    }
    if (isOptional(c)) {
      run = run.slice(0, -1);
      end();
      if (c === '{') i = Math.max(i, alternative.indexOf('}', i));
      continue;
    }
    if (c === '+') {
      end();
      continue;
    }
    if ('.^$|)'.includes(c)) {
      end();
      continue;
    }
    if (isOptional(alternative[i + 1])) {
      end();
      continue;
    }
    run += c.toLowerCase();
  }
  end();
  return best.length >= 3 ? best : undefined;
}

function isOptional(c: string | undefined): boolean {
  return c === '?' || c === '*' || c === '{';
}
