// `npm run bench`: builds, runs every bench/*.bench.ts (each prints one JSON object) and prints them
// together as one JSON document keyed by bench name. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(1);
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString() };
let failed = false;
for (const file of readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort()) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', `bench/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  const line = run.stdout.trim().split('\n').filter(Boolean).at(-1) ?? '';
  try {
    results[name] = JSON.parse(line);
  } catch {
    results[name] = { error: `exit ${run.status}`, output: run.stdout.slice(-500) };
    failed = true;
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
process.exit(failed ? 1 : 0);
