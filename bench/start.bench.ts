// Warm `npm start` (issue 17): from launching scripts/start.mjs to the host-mode address printed, on a
// machine where the bundles are built and Electron's binary is known to be unavailable. One start
// warms up (it may build and try Electron once), then WARM_RUNS are timed. Prints one JSON object.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WARM_RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const BUDGET_MS = 5_000;
const root = resolve(__dirname, '..');

/** Milliseconds until the address appears on stdout; the console is stopped afterwards. */
function timeToAddress(): Promise<{ ms: number; host: boolean }> {
  const home = mkdtempSync(join(tmpdir(), 'tk-bench-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, TRIBE_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const done = (result: { ms: number; host: boolean } | Error) => {
      child.stdout.removeAllListeners('data');
      child.once('exit', () => {
        rmSync(home, { recursive: true, force: true });
        if (result instanceof Error) reject(result);
        else resolvePromise(result);
      });
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/http:\/\/127\.0\.0\.1:\d+\/#token=/.test(out)) done({ ms: Math.round(performance.now() - started), host: /host mode/.test(out) });
    });
    child.once('exit', (code) => {
      if (!/#token=/.test(out)) reject(new Error(`start exited (${code}) before printing an address: ${out.slice(-400)}`));
    });
  });
}

async function main() {
  const warmup = await timeToAddress();
  const runs: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) runs.push((await timeToAddress()).ms);
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  process.stdout.write(
    JSON.stringify({ firstStartMs: warmup.ms, warmMs: runs, warmMedianMs: median, budgetMs: BUDGET_MS, withinBudget: median < BUDGET_MS, hostMode: warmup.host }) + '\n',
  );
}

void main();
