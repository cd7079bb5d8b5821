// `npm run bench`: builds, runs every bench/*.bench.ts (each prints one JSON object) and prints them
// together as one JSON document keyed by bench name. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// Bench names pick which run; options pass on to the benches: --items=10000,200000 (open: cached
// item counts), --renderer=DIR[,DIR] (open: measure other renderer builds in turn, e.g. main's and this
// one, for a before/after in one run).
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const optionEnv = { items: 'BENCH_ITEMS', renderer: 'BENCH_RENDERER_DIR' };
for (const arg of args.filter((a) => a.startsWith('--'))) {
  const [key, value] = arg.slice(2).split('=', 2);
  if (!Object.hasOwn(optionEnv, key) || !value) {
    process.stderr.write(`bench: unknown option ${arg} (known: ${Object.keys(optionEnv).map((k) => `--${k}=…`).join(', ')})\n`);
    process.exit(2);
  }
  process.env[optionEnv[key]] = value;
}

/** Benches of pure shared code run as one bundle, as the app ships them: tsx wraps every function
 *  expression in a naming helper (keepNames), which a per-message closure pays for on each call. */
const bundled = new Set(['triage', 'insights']);
/** Benches that state memory run with the collector exposed, so heap figures are after a collection. */
const exposeGc = new Set(['insights']);

async function entryFor(name, file) {
  if (!bundled.has(name)) return ['node_modules/tsx/dist/cli.mjs', `bench/${file}`];
  const { build } = await import('esbuild');
  const outfile = `out/bench/${name}.mjs`;
  await build({
    entryPoints: [`bench/${file}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    alias: { '@shared': './src/shared' },
    // The browser part of a bench drives Chromium through Playwright, loaded as installed.
    external: ['playwright-core', '@sparticuz/chromium'],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return [outfile];
}
const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(1);
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString() };
let failed = false;
for (const file of readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort()) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const run = spawnSync(process.execPath, [...(exposeGc.has(name) ? ['--expose-gc'] : []), ...(await entryFor(name, file))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
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
