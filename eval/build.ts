// Builds eval/set.jsonl from eval/data.ts: the hand-written messages plus evasive variants made
// by the disguises spammers use (homoglyphs, leet, spacing, zero-width, full-width, repeats,
// combining marks). Deterministic, so the set only changes when data.ts or this file does.
// Run: npx tsx eval/build.ts
import { writeFileSync } from 'node:fs';
import { samples, type Sample } from './data';

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

interface Row extends Sample {
  transform?: string;
}

const rows: Row[] = samples.map((x) => ({ ...x }));
let k = 0;
samples.forEach((x, i) => {
  if (x.evasive) return;
  const bad = x.label !== 'benign';
  // Every other bad message gets a disguised twin; every other benign one does too (no new FPs).
  if ((bad && i % 2 === 0) || (!bad && i % 2 === 0)) {
    const name = names[k++ % names.length]!;
    rows.push({ ...x, text: disguise(x.text, name, !bad), evasive: true, transform: name });
  }
});

const platforms = ['discord', 'telegram', 'whatsapp'];
const t0 = Date.parse('2026-03-01T12:00:00Z');
const lines = rows.map((r, i) =>
  JSON.stringify({
    id: `e${String(i + 1).padStart(4, '0')}`,
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
  }),
);
writeFileSync(new URL('./set.jsonl', import.meta.url), lines.join('\n') + '\n');
const count = (f: (r: Row) => boolean): number => rows.filter(f).length;
process.stdout.write(
  JSON.stringify({ total: rows.length, benign: count((r) => r.label === 'benign'), hard: count((r) => !!r.hard), bad: count((r) => r.label !== 'benign'), badEvasive: count((r) => r.label !== 'benign' && !!r.evasive) }) + '\n',
);
