// Turns the public, independently labeled sources listed in eval/SOURCES.md into eval/public/*.jsonl:
// one line per message with our label, its language, hard-negative and evasion marks, and the part it
// belongs to ('train': the learned model may learn from it; 'test': the public evaluation, never
// trained or tuned on). The split is deterministic (FNV-1a of a stable key, see `part`), so re-running
// this on the same files gives the same lines. The raw files are not in the repository; this script is
// how eval/public/ was made from them (CI never runs it: it needs the files).
// Run: npx tsx eval/import-public.ts DIR   (DIR holds the files named in SOURCES.md)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fnv } from './hash';

type Label = 'benign' | 'scam' | 'spam' | 'toxicity' | 'self-harm';
interface Row {
  id: string;
  text: string;
  label: Label;
  lang: string;
  hard: boolean;
  evasive: boolean;
  part: 'train' | 'test';
  source: string;
  /** The source does not tell scam from spam: either category counts as caught. */
  coarse?: boolean;
}

/** Half of the keys learn, half test; the key keeps a template's variants on one side. */
const part = (key: string): 'train' | 'test' => (fnv(key) % 2 === 0 ? 'train' : 'test');

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
function csv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.length > 1);
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx eval/import-public.ts DIR');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const out = new Map<string, Row[]>();
const add = (file: string, r: Row): void => {
  if (r.text.trim() === '') return;
  const list = out.get(file) ?? [];
  list.push(r);
  out.set(file, list);
};

// SMS Spam Collection v.1 (en): spam mixes prize scams and ads, so it is coarse.
for (const [i, line] of read('sms.tsv').split('\n').entries()) {
  const [label, ...rest] = line.split('\t');
  const text = rest.join('\t').trim();
  if ((label !== 'ham' && label !== 'spam') || !text) continue;
  add('sms-spam-collection', { id: `sms-${i}`, text, label: label === 'spam' ? 'spam' : 'benign', lang: 'en', hard: false, evasive: false, part: part(text), source: 'sms-spam-collection', ...(label === 'spam' ? { coarse: true } : {}) });
}

// HateCheck (en) and Multilingual HateCheck: functional tests of hate speech. `*_h` cases are hateful
// (toxicity); abuse at individuals or non-protected groups is not hate but is toxicity for a moderator;
// every other non-hateful case (counter-speech, quotes, negation, reclaimed slurs, neutral mentions,
// non-hateful profanity, abuse at objects) is a hard negative. Spelling-variation cases are evasive.
function hatecheck(file: string, lang: string, source: string, text: (r: Record<string, string>) => string, idOf: (r: Record<string, string>) => string): void {
  for (const r of csv(read(file))) {
    const f = r.functionality ?? '';
    const hateful = r.label_gold === 'hateful';
    const abusive = f === 'target_indiv_nh' || f === 'target_group_nh';
    const label: Label = hateful || abusive ? 'toxicity' : 'benign';
    add(source, { id: `${source}-${idOf(r)}`, text: text(r).trim(), label, lang, hard: label === 'benign', evasive: f.startsWith('spell_'), part: part(`${source}:${r.templ_id}`), source });
  }
}
hatecheck('hatecheck_en.csv', 'en', 'hatecheck-en', (r) => r.test_case ?? '', (r) => r.case_id ?? '');
for (const [name, lang] of [['arabic', 'ar'], ['french', 'fr'], ['german', 'de'], ['mandarin', 'zh'], ['portuguese', 'pt'], ['spanish', 'es']] as const) {
  hatecheck(`mhc_${name}.csv`, lang, `mhc-${lang}`, (r) => r.test_case ?? '', (r) => r.mhc_case_id ?? '');
}

// COLD (zh): offensive comments on race, gender and region. Its own train split may be learned from (a
// fixed sample of 8,000, every 3rd row); its test split is the public evaluation; "anti-bias" test
// comments (fine-grained 3) are hard negatives.
for (const [i, r] of csv(read('cold_train.csv')).entries()) {
  if (i % 3 !== 0) continue;
  add('cold', { id: `cold-train-${r[''] ?? i}`, text: (r.TEXT ?? '').trim(), label: r.label === '1' ? 'toxicity' : 'benign', lang: 'zh', hard: false, evasive: false, part: 'train', source: 'cold' });
}
for (const [i, r] of csv(read('cold_test.csv')).entries()) {
  add('cold', { id: `cold-test-${r[''] ?? i}`, text: (r.TEXT ?? '').trim(), label: r.label === '1' ? 'toxicity' : 'benign', lang: 'zh', hard: r['fine-grained-label'] === '3', evasive: false, part: 'test', source: 'cold' });
}

const target = new URL('./public/', import.meta.url);
mkdirSync(target, { recursive: true });
const summary: Record<string, { train: number; test: number }> = {};
for (const [file, rows] of out) {
  writeFileSync(new URL(`${file}.jsonl`, target), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  summary[file] = { train: rows.filter((r) => r.part === 'train').length, test: rows.filter((r) => r.part === 'test').length };
}
process.stdout.write(JSON.stringify(summary) + '\n');
