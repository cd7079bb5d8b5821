// Cleans a hostile variable value (a member's name, a channel name) before it enters a reply:
// invisible and direction-changing characters go, line breaks flatten, the length is capped.
// Platform escaping (markdown, HTML, mentions) happens later, in format.ts, per platform.

/** Bidi overrides/isolates/marks: U+202E can make "gnp.exe" read as "exe.png". */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Zero-width and invisible joiners used to dodge filters or hide text (incl. BOM and Mongolian vowel separator). */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
/** C0/C1 controls except tab and line breaks, which are flattened separately. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\r\n\t\u2028\u2029\u0085]+/g;
/** Combining marks stacked deeper than this are "zalgo" that spills over neighbouring lines. */
const ZALGO = /(\p{M}{3})\p{M}+/gu;

export const MAX_VARIABLE_LENGTH = 100;

/**
 * The visible, single-line, bounded form of a value. Idempotent, so cleaning twice is harmless.
 * Length is counted in code points so an emoji is never cut in half.
 */
export function sanitizeVariable(value: string, maxLength = MAX_VARIABLE_LENGTH): string {
  let v = value
    .replace(BIDI, '')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, '')
    .replace(LINE_BREAKS, ' ')
    .replace(ZALGO, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
  const points = Array.from(v);
  if (points.length > maxLength) v = points.slice(0, maxLength - 1).join('').trimEnd() + '…';
  return v;
}
