// Scores the triage CLI on a labeled JSONL set (default eval/set.jsonl; a held-out set in the same
// format with --file): precision/recall per category, false positives on benign and on hard
// negatives, and recall on evasive vs plain messages. Run: npx tsx eval/score.ts [--file F] [--json]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Labeled = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string().optional(),
  label: z.enum(['benign', 'scam', 'spam', 'toxicity', 'self-harm']),
  lang: z.string().optional(),
  hard: z.boolean().optional(),
  evasive: z.boolean().optional(),
});
const Output = z.object({ id: z.string().nullable(), flags: z.array(z.object({ category: z.string(), rule: z.string() })) });

const args = process.argv.slice(2);
const fileArg = args.indexOf('--file');
const file = fileArg >= 0 ? args[fileArg + 1]! : fileURLToPath(new URL('./set.jsonl', import.meta.url));
const input = readFileSync(file, 'utf8');
const rows = input.split('\n').filter((l) => l.trim() !== '').map((l) => Labeled.parse(JSON.parse(l)));

async function main(): Promise<void> {
const cli = fileURLToPath(new URL('../src/main/cli/triage.ts', import.meta.url));
const started = performance.now();
const out = await new Promise<string>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', cli], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (buf += d));
  child.on('error', reject);
  child.on('close', (code) => (code === 0 ? resolve(buf) : reject(new Error(`triage exited ${code}`))));
  child.stdin.end(input);
});
const elapsed = performance.now() - started;
const results = out.split('\n').filter((l) => l.trim() !== '').map((l) => Output.parse(JSON.parse(l)));
if (results.length !== rows.length) throw new Error(`expected ${rows.length} output lines, got ${results.length}`);

// Phishing links are scams as far as the labels go.
const scored = ['scam', 'spam', 'toxicity', 'self-harm'] as const;
const predicted = results.map((r) => new Set(r.flags.map((f) => (f.category === 'phishing' ? 'scam' : f.category))));

const pct = (a: number, b: number): number | null => (b === 0 ? null : Math.round((1000 * a) / b) / 10);
const perCategory: Record<string, { precision: number | null; recall: number | null; recallPlain: number | null; recallEvasive: number | null; support: number }> = {};
for (const c of scored) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let plainTp = 0;
  let plainN = 0;
  let evTp = 0;
  let evN = 0;
  rows.forEach((r, i) => {
    const hit = predicted[i]!.has(c);
    if (r.label === c) {
      if (hit) tp++;
      else fn++;
      if (r.evasive) {
        evN++;
        if (hit) evTp++;
      } else {
        plainN++;
        if (hit) plainTp++;
      }
    } else if (hit) fp++;
  });
  perCategory[c] = { precision: pct(tp, tp + fp), recall: pct(tp, tp + fn), recallPlain: pct(plainTp, plainN), recallEvasive: pct(evTp, evN), support: tp + fn };
}

const isBad = (i: number): boolean => rows[i]!.label !== 'benign';
const caught = (i: number): boolean => predicted[i]!.has(rows[i]!.label);
const idx = rows.map((_, i) => i);
const benign = idx.filter((i) => !isBad(i));
const hard = benign.filter((i) => rows[i]!.hard);
const benignFlagged = benign.filter((i) => predicted[i]!.size > 0);
const bad = idx.filter(isBad);
const plain = bad.filter((i) => !rows[i]!.evasive);
const evasive = bad.filter((i) => rows[i]!.evasive);
const summary = {
  file,
  messages: rows.length,
  perCategory,
  benignFalsePositiveRate: pct(benignFlagged.length, benign.length),
  hardNegativeFalsePositiveRate: pct(hard.filter((i) => predicted[i]!.size > 0).length, hard.length),
  recallPlain: pct(plain.filter(caught).length, plain.length),
  recallEvasive: pct(evasive.filter(caught).length, evasive.length),
  msPerMessageIncludingStartup: Math.round((elapsed / rows.length) * 100) / 100,
};

if (args.includes('--json')) process.stdout.write(JSON.stringify(summary) + '\n');
else {
  const line = (cells: Array<string | number | null>): string => cells.map((c) => String(c ?? '–').padEnd(14)).join('');
  process.stdout.write(`${rows.length} messages from ${file}\n\n`);
  process.stdout.write(line(['category', 'precision %', 'recall %', 'plain %', 'evasive %', 'support']) + '\n');
  for (const c of scored) {
    const p = perCategory[c]!;
    process.stdout.write(line([c, p.precision, p.recall, p.recallPlain, p.recallEvasive, p.support]) + '\n');
  }
  process.stdout.write(`\nbenign false positives: ${summary.benignFalsePositiveRate}% (${benignFlagged.length}/${benign.length})\n`);
  process.stdout.write(`hard-negative false positives: ${summary.hardNegativeFalsePositiveRate}%\n`);
  process.stdout.write(`recall plain ${summary.recallPlain}% / evasive ${summary.recallEvasive}%\n`);
  if (args.includes('--misses')) {
    for (const i of idx) {
      const r = rows[i]!;
      const got = [...predicted[i]!].join(',');
      if ((isBad(i) && !caught(i)) || (!isBad(i) && predicted[i]!.size > 0)) process.stdout.write(`  ${r.label.padEnd(10)} got [${got}] ${JSON.stringify(r.text)}\n`);
    }
  }
}
}

main().catch((error: unknown) => {
  process.stderr.write(`score: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
