// A moderator's regex must never freeze the app: patterns that can backtrack catastrophically
// (nested or adjacent-overlapping quantifiers, backreferences, lookbehind) are rejected when a pack
// is compiled, and the text a regex sees is capped in length.

export const REGEX_INPUT_LIMIT = 4000;

/** Why a pattern was refused, as a code the rule editor words in the moderator's language. */
export type RegexProblemCode = 'regex_too_long' | 'regex_nested' | 'regex_backref' | 'regex_lookbehind' | 'regex_syntax';
export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; reason: string; code: RegexProblemCode };

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
  if (source.length > 500) return { ok: false, reason: 'pattern longer than 500 characters', code: 'regex_too_long' };
  const shape = starHeight(source);
  if (shape.height > 1) return { ok: false, reason: 'nested repetition such as (a+)+ can freeze the app', code: 'regex_nested' };
  if (shape.backref) return { ok: false, reason: 'backreferences are not allowed', code: 'regex_backref' };
  if (shape.lookbehind) return { ok: false, reason: 'lookbehind is not allowed', code: 'regex_lookbehind' };
  try {
    return { ok: true, regex: new RegExp(source, 'giu') };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'invalid pattern', code: 'regex_syntax' };
  }
}
