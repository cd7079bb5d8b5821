// `npm test`: every check a change must pass — types, lint, the build, then every vitest project
// (unit, protocol, packaging, browser, electron). Ends with one summary line "N passed, N failed, N skipped".
//
// The work runs on two workers at once, one per core of a small CI machine: one builds and runs the
// browser tests (one file at a time, much of it waiting on Chromium and the practice servers), the other
// runs the other vitest projects; the type checks and lint go to whichever is free first. Each line of
// output carries its step's label.
// `npm test -- <vitest args>` passes the arguments to both vitest runs (a file filter, say).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const node = process.execPath;
const extra = process.argv.slice(2);
const rendererDir = resolve('out/renderer');

// Longest first (CPU seconds measured on the CI machine: about 80, 37, 28, 28).
const checks = [
  ['types (tests, bench)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json', '--noEmit']],
  ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
  ['types (main, preload, shared)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['types (renderer)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.web.json', '--noEmit']],
];
const build = ['build', ['node_modules/electron-vite/bin/electron-vite.js', 'build']];

/** A vitest run of some projects, its JSON report in its own file (merged into vitest.json at the end). */
function vitest(label, projects, report) {
  const argv = ['node_modules/vitest/vitest.mjs', 'run', ...projects.flatMap((p) => ['--project', p])];
  argv.push('--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra);
  return [label, argv, { TRIBE_RENDERER_DIR: rendererDir }];
}

/** Runs one step with its output prefixed line by line; resolves to its exit status and seconds taken. */
function run([label, argv, env]) {
  const started = Date.now();
  console.log(`▶ ${label}`);
  return new Promise((done) => {
    const child = spawn(node, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => console.log(`[${label}] ${line}`));
    }
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`${code === 0 ? '✔' : '✘'} ${label} (${seconds} s)`);
      done({ label, ok: code === 0, seconds });
    });
  });
}

/**
 * Two workers. Each first runs its own steps in order (a failed step ends that list: no browser tests
 * without a build), then both take the remaining checks from one queue, longest first, until none is
 * left: whichever worker is free does the next one, so neither core sits idle while the other has work.
 */
async function twoWorkers(own, shared) {
  const queue = [...shared];
  const worker = async (steps) => {
    const outcomes = [];
    for (const step of steps) {
      const outcome = await run(step);
      outcomes.push(outcome);
      if (!outcome.ok) break;
    }
    for (let next = queue.shift(); next; next = queue.shift()) outcomes.push(await run(next));
    return outcomes;
  };
  return (await Promise.all(own.map(worker))).flat();
}

mkdirSync('test-results', { recursive: true });
const reports = ['test-results/vitest-browser.json', 'test-results/vitest-others.json'];
for (const report of [...reports, 'test-results/vitest.json']) rmSync(report, { force: true });

const onlyProjects = extra.includes('--project');
const outcomes = onlyProjects
  ? await twoWorkers([[build, vitest('tests', [], reports[1])], []], checks)
  : await twoWorkers([[build, vitest('browser tests', ['browser'], reports[0])], [vitest('tests', ['unit', 'protocol', 'packaging', 'electron'], reports[1])]], checks);

// One vitest.json for the whole run, as a single vitest run would have written it.
const merged = { numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTestSuites: 0, numPassedTestSuites: 0, numFailedTestSuites: 0, numPendingTestSuites: 0, startTime: Infinity, success: true, testResults: [] };
let reportMissing = false;
for (const report of onlyProjects ? [reports[1]] : reports) {
  let part;
  try {
    part = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    reportMissing = true;
    continue;
  }
  for (const key of Object.keys(merged)) if (typeof merged[key] === 'number' && key !== 'startTime') merged[key] += part[key] ?? 0;
  merged.startTime = Math.min(merged.startTime, part.startTime);
  merged.success &&= part.success;
  merged.testResults.push(...part.testResults);
}
writeFileSync('test-results/vitest.json', JSON.stringify(merged));

const failedSteps = outcomes.filter((o) => !o.ok);
for (const o of failedSteps) console.log(`\n${o.label} failed.`);
const skipped = merged.numPendingTests + merged.numTodoTests;
// A step that failed without a failing test (types, lint, build, an unhandled error) counts as one failure.
const vitestFailedWithoutTest = failedSteps.some((o) => /tests$/.test(o.label)) && merged.numFailedTests === 0;
const failed = merged.numFailedTests + failedSteps.filter((o) => !/tests$/.test(o.label)).length + (vitestFailedWithoutTest || reportMissing ? 1 : 0);
if (merged.numTotalTests === 0) {
  console.log('No test ran.');
  process.exit(1);
}
console.log(`\n${merged.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
