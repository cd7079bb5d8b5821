// Builds eval/dev.jsonl and eval/heldout.jsonl from eval/data.ts (plus eval/archetypes.ts, dev only):
// the hand-written messages plus evasive variants made by the disguises spammers use (homoglyphs, leet,
// spacing, zero-width, full-width, repeats, combining marks).
// The split: a base message goes to the held-out part when FNV-1a of its text is 0, 1 or 2 mod 10
// (≈30%), and its disguised twin goes with it. Every choice about a message (twin or not, which
// disguise, the disguise's randomness) is seeded by the same hash, so adding messages to data.ts only
// adds lines: the held-out part is never tuned on and only grows (growHeldOut keeps every line already in
// heldout.jsonl as it is and appends new ones; it refuses a changed or removed held-out message).
// Archetype coverage is dev only.
// Run: npx tsx eval/build.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archetypes } from './archetypes';
import { samples } from './data';
import type { Sample } from './sample';
import { fnv } from './hash';

let state = 12345;
const rand = (): number => ((state = ((Math.imul(state, 1103515245) + 12345) >>> 0) % 2147483648) / 2147483648);

const homoglyphs: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у', s: 'ѕ', A: 'Α', B: 'Β', E: 'Ε', H: 'Η', K: 'Κ', M: 'Μ', N: 'Ν', O: 'Ο', P: 'Ρ', T: 'Τ', X: 'Χ' };
const leet: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
const zw = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

type Transform = (t: string) => string;
const transforms: Record<string, Transform> = {
  homoglyph: (t) => [...t].map((c) => (homoglyphs[c] && rand() < 0.7 ? homoglyphs[c] : c)).join(''),
  leet: (t) => [...t].map((c) => (leet[c.toLowerCase()] && rand() < 0.6 ? leet[c.toLowerCase()] : c)).join(''),
  zeroWidth: (t) => [...t].map((c) => (c !== ' ' && rand() < 0.5 ? c + zw[Math.floor(rand() * zw.length)] : c)).join(''),
  fullwidth: (t) => [...t].map((c) => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c === ' ' ? '\u3000' : c)).join(''),
  spacing: (t) => {
    const sep = [' ', '.', '-', ' ✨ '][Math.floor(rand() * 4)]!;
    // Spammers space out the words that filters look for: here, every word of 3+ letters.
    return t
      .split(' ')
      .map((w) => (/^[\p{L}]{3,}$/u.test(w) ? [...w].join(sep) : w))
      .join('  ');
  },
  repeats: (t) => [...t].map((c) => (/\p{L}/u.test(c) && rand() < 0.3 ? c.repeat(2 + Math.floor(rand() * 3)) : c)).join(''),
  combining: (t) => [...t].map((c) => (/[a-z]/i.test(c) && rand() < 0.5 ? c + ['\u0301', '\u0308', '\u0336', '\u0323'][Math.floor(rand() * 4)] : c)).join(''),
  mixed: (t) => transforms.zeroWidth!(transforms.leet!(transforms.homoglyph!(t))),
};
const names = Object.keys(transforms);
// A spammer's link must still work, so only look-alike letters (IDN) and full-width touch links;
// benign links stay as they are (a disguised host is a different, suspicious host).
const linkSafe = new Set(['homoglyph', 'combining', 'fullwidth']);
const linkToken = /\S*[a-z0-9-]\.[a-z]{2,}\S*/gi;
function disguise(text: string, name: string, benign: boolean): string {
  const keepLinks = benign || !linkSafe.has(name);
  if (!keepLinks) return transforms[name]!(text);
  const parts = text.split(linkToken);
  const links = text.match(linkToken) ?? [];
  return parts.map((p, i) => (p.trim() === '' ? p : transforms[name]!(p)) + (links[i] ?? '')).join('');
}

export interface Row extends Sample {
  transform?: string;
}

/** Which part a base message (and its twin) belongs to. */
const isHeldOut = (text: string): boolean => fnv(text) % 10 < 3;

function withTwins(base: Sample[]): Row[] {
  const rows: Row[] = base.map((x) => ({ ...x }));
  for (const x of base) {
    if (x.evasive) continue;
    const h = fnv(x.text);
    // Every other message (by hash) gets a disguised twin, benign ones too (no new false positives).
    if ((h >>> 4) % 2 !== 0) continue;
    const name = names[(h >>> 8) % names.length]!;
    state = (h % 2147483647) + 1;
    rows.push({ ...x, text: disguise(x.text, name, x.label === 'benign'), evasive: true, transform: name });
  }
  return rows;
}

const platforms = ['discord', 'telegram', 'whatsapp'];
const t0 = Date.parse('2026-03-01T12:00:00Z');

/** One line of a part; its place `i` gives its platform, member, channel and time. */
function lineOf(r: Row, i: number, prefix: string): string {
  return JSON.stringify({
    id: `${prefix}${fnv(r.text).toString(36)}${r.evasive ? 'x' : ''}`,
    platform: platforms[i % 3],
    text: r.text,
    authorId: `member${i + 1}`,
    authorName: `member${i + 1}`,
    accountCreatedAt: t0 - 800 * 86_400_000,
    joinedAt: t0 - 300 * 86_400_000,
    channelId: `ch${i % 7}`,
    ts: t0 + i * 600_000,
    label: r.label,
    lang: r.lang,
    hard: r.hard === true,
    evasive: r.evasive === true,
    ...(r.transform ? { transform: r.transform } : {}),
  });
}


/**
 * The held-out part only grows: every line already written stays as it was, byte for byte and in its
 * place, and a new message (with its twin) is appended after them with places of its own. (Written from
 * scratch, a message added to data.ts that hashes into the held-out part shifted the place, so the
 * platform, member, channel and time, of every twin after it.) A line whose message is gone or changed
 * from data.ts is an error: change the held-out part only by adding.
 */
export function growHeldOut(existing: readonly string[], rows: readonly Row[]): string[] {
  const wanted = new Map<string, Row>();
  for (const r of rows) wanted.set(`h${fnv(r.text).toString(36)}${r.evasive ? 'x' : ''}`, r);
  const kept = new Set<string>();
  for (const line of existing) {
    const old = JSON.parse(line) as { id: string; text: string; label: string };
    const now = wanted.get(old.id);
    if (!now || now.text !== old.text || now.label !== old.label) {
      throw new Error(`held-out only grows: ${old.id} (${JSON.stringify(old.text.slice(0, 60))}) is no longer in eval/data.ts as it was; add a message instead of changing or removing one`);
    }
    kept.add(old.id);
  }
  const out = [...existing];
  for (const [id, r] of wanted) if (!kept.has(id)) out.push(lineOf(r, out.length, 'h'));
  return out;
}

function summary(file: string, rows: readonly Row[]): string {
  const count = (f: (r: Row) => boolean): number => rows.filter(f).length;
  return JSON.stringify({ file, total: rows.length, benign: count((r) => r.label === 'benign'), hard: count((r) => !!r.hard), bad: count((r) => r.label !== 'benign'), badEvasive: count((r) => r.label !== 'benign' && !!r.evasive) });
}

/** Both parts' contents: the held-out part grown from `existingHeldOut` (its current lines), dev written afresh. */
export function buildParts(base: readonly Sample[], coverage: readonly Sample[], existingHeldOut: readonly string[]): { heldout: string[]; dev: string[]; report: string[] } {
  const held = withTwins(base.filter((x) => isHeldOut(x.text)));
  const dev = withTwins([...base.filter((x) => !isHeldOut(x.text)), ...coverage]);
  return { heldout: growHeldOut(existingHeldOut, held), dev: dev.map((r, i) => lineOf(r, i, 'd')), report: [summary('./heldout.jsonl', held), summary('./dev.jsonl', dev)] };
}

function main(): void {
  const heldFile = new URL('./heldout.jsonl', import.meta.url);
  const existing = existsSync(heldFile) ? readFileSync(heldFile, 'utf8').split('\n').filter((l) => l.trim() !== '') : [];
  const parts = buildParts(samples, archetypes, existing);
  writeFileSync(heldFile, parts.heldout.join('\n') + '\n');
  writeFileSync(new URL('./dev.jsonl', import.meta.url), parts.dev.join('\n') + '\n');
  for (const line of parts.report) process.stdout.write(line + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
