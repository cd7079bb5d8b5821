// Link extraction for hostile text: finds URLs and bare domains even when defanged ("hxxps",
// "discord[.]gift", full-width dots) or spelled with look-alike letters, and classifies their hosts.
import type { Normalized } from './normalize';
import { skeleton } from './normalize';

export interface FoundLink {
  /** Host as the reader would see it (lower case, IDN decoded). */
  host: string;
  /** Host after folding confusables: what it pretends to be. */
  foldedHost: string;
  path: string;
  start: number;
  end: number;
  /** Written defanged (hxxp, [.]) — typical of warnings, and of scams dodging filters. */
  obfuscated: boolean;
  /** Spelled with non-ASCII look-alikes or punycode. */
  confusable: boolean;
}

const commonTlds = new Set(
  (
    'com net org io gg co me ru cn xyz app gift gifts info biz us uk de fr es it nl pl br pt id vn jp kr tr ar in ' +
    'tv online site store shop club top live pro link click fun space website icu vip cc ly gl to be ai dev ' +
    'tk ml ga cf gq su ua kz by eu ca au nz mx cl sg hk tw my th ph pk ng za ke eg sa ae ir il gr ro cz sk hu ' +
    'se no fi dk at ch ie money finance exchange trade market network digital cloud tech today world codes ' +
    'claims rewards promo bonus win bet casino games game ink ws la st cx sh ac im is gd nu am fm'
  ).split(' '),
);

// Defanging patterns seen in the wild, longest first; each maps to the plain character.
const defangs: Array<[string, string]> = [
  ['[dot]', '.'],
  ['(dot)', '.'],
  ['{dot}', '.'],
  [' [.] ', '.'],
  ['[.]', '.'],
  ['(.)', '.'],
  ['{.}', '.'],
  ['[:]', ':'],
  ['hxxps', 'https'],
  ['hxxp', 'http'],
  ['h**ps', 'https'],
  ['h**p', 'http'],
];

/** Could any defanging pattern occur? (Most text has none: then the text is read as it is.) */
const mayBeDefanged = /[[({]|h(?:xx|\*\*)p/;

function defang(folded: string): { text: string; map: number[]; changed: Uint8Array } | undefined {
  if (!mayBeDefanged.test(folded)) return undefined;
  let text = '';
  const map: number[] = [];
  const changedList: number[] = [];
  for (let i = 0; i < folded.length; ) {
    let replaced = false;
    const c = folded[i];
    if (c === '[' || c === '(' || c === '{' || c === 'h' || c === ' ') {
      for (const [from, to] of defangs) {
        if (folded.startsWith(from, i)) {
          for (const t of to) {
            text += t;
            map.push(i);
            changedList.push(1);
          }
          i += from.length;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      text += c;
      map.push(i);
      changedList.push(0);
      i++;
    }
  }
  map.push(folded.length);
  return { text, map, changed: Uint8Array.from(changedList) };
}

export const urlPattern =
  /(?:(https?):\/\/)?((?:[\p{L}\p{N}](?:[\p{L}\p{N}_-]{0,62})?\.){1,6}(?:[\p{L}]{2,24}|xn--[a-z0-9-]{1,59}))(?::\d{1,5})?(\/[^\s<>"'`]*)?/gu;

/** RFC 3492 decoding of one `xn--` label; returns the label unchanged when it is not valid. */
export function decodePunycodeLabel(label: string): string {
  if (!label.startsWith('xn--')) return label;
  const input = label.slice(4);
  const base = 36;
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) output.push(input.charCodeAt(j));
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let idx = delimiter > 0 ? delimiter + 1 : 0; idx < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (idx >= input.length) return label;
      const cp = input.charCodeAt(idx++);
      const digit = cp - 48 < 10 ? cp - 22 : cp - 65 < 26 ? cp - 65 : cp - 97 < 26 ? cp - 97 : base;
      if (digit >= base) return label;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= base - t;
      if (w > 1e9) return label;
    }
    const len = output.length + 1;
    let delta = oldi === 0 ? Math.floor((i - oldi) / 700) : (i - oldi) >> 1;
    delta += Math.floor(delta / len);
    let k = 0;
    while (delta > 455) {
      delta = Math.floor(delta / 35);
      k += base;
    }
    bias = k + Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / len);
    i %= len;
    if (n > 0x10ffff) return label;
    output.splice(i, 0, n);
    i++;
  }
  try {
    return String.fromCodePoint(...output);
  } catch {
    return label;
  }
}

const nonAscii = /[^\p{ASCII}]/u;
const letterOrNumber = /^[\p{L}\p{N}]$/u;

/** Can this character be part of a link before its first '.' (host letters, digits, "_-.", a scheme's "://")? */
function mayPrecedeDot(code: number, ch: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 45 || code === 46 || code === 47;
  // Half of an astral letter: assume it is one (stopping early would be wrong, going on is only slower).
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return letterOrNumber.test(ch);
}

/**
 * Where a link search from `from` may start. Every match holds a '.', reached from its start through
 * host characters and a scheme's "://" only: no match starts before the run of such characters around
 * the next '.' (the regex, tried at every position, cost more than the rest of a short message's
 * evaluation). The text's length when no '.' follows (no match at all).
 */
export function firstLinkStart(text: string, from = 0): number {
  const dot = text.indexOf('.', from);
  if (dot < 0) return text.length;
  let at = dot;
  while (at > from && mayPrecedeDot(text.charCodeAt(at - 1), text[at - 1]!)) at--;
  return at;
}

/** Every match of the link pattern in `text`, as a search trying every position would find them. */
export function linkMatches(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  // exec over the shared regex (matchAll would clone it per message); every match is non-empty.
  for (let from = firstLinkStart(text); from < text.length; from = firstLinkStart(text, urlPattern.lastIndex)) {
    urlPattern.lastIndex = from;
    const m = urlPattern.exec(text);
    if (m === null) break;
    out.push(m);
  }
  return out;
}

export function extractLinks(norm: Normalized): FoundLink[] {
  const { folded, original } = norm;
  if (folded.indexOf('.') < 0 && folded.indexOf('[') < 0 && folded.indexOf('(') < 0 && folded.indexOf('{') < 0) return [];
  const d = defang(folded);
  const links: FoundLink[] = [];
  const text = d?.text ?? folded;
  for (const m of linkMatches(text)) {
    const scheme = m[1];
    const rawHost = m[2] ?? '';
    const tld = rawHost.slice(rawHost.lastIndexOf('.') + 1);
    // "e.g." and "file.txt" are not links: a bare host needs a known TLD.
    const bare = scheme === undefined && !rawHost.startsWith('www.');
    if (bare && !commonTlds.has(tld) && !tld.startsWith('xn--')) continue;
    const at = m.index;
    const fStart = d ? (d.map[at] ?? 0) : at;
    const fEnd = (d ? (d.map[at + m[0].length - 1] ?? folded.length - 1) : at + m[0].length - 1) + 1;
    const start = norm.foldStart(fStart) ?? 0;
    const end = norm.foldEnd(Math.min(fEnd, folded.length) - 1) ?? original.length;
    let obfuscated = false;
    if (d) for (let k = at; k < at + m[0].length; k++) if (d.changed[k]) obfuscated = true;
    let host = rawHost;
    let foldedHost = rawHost;
    let confusable = false;
    if (rawHost.includes('xn--')) {
      const labels = rawHost.split('.');
      const decodedLabels = labels.map(decodePunycodeLabel);
      if (decodedLabels.some((l, k) => l !== labels[k])) {
        host = decodedLabels.join('.');
        foldedHost = decodedLabels.map((l) => skeleton(l)).join('.');
        confusable = true;
      }
    }
    // The original spelling of the host decides whether look-alike letters were used.
    const written = original.slice(start, end);
    if (!confusable && nonAscii.test(written)) confusable = nonAscii.test(written.normalize('NFKC').toLowerCase().split('/')[scheme ? 2 : 0] ?? '');
    links.push({ host, foldedHost, path: m[3] ?? '', start, end, obfuscated, confusable });
  }
  return links;
}

/** Bounded Levenshtein distance: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain);
}

/** `host` and each parent domain, longest first ("a.b.evil.com" → …, "evil.com"). */
export function hostSuffixes(host: string): string[] {
  const parts = host.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.slice(i).join('.'));
  return out;
}
