// `npm test`: every check a change must pass — types, lint, the build, then every vitest project
// (unit, protocol, packaging, browser, electron). Ends with one summary line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const node = process.execPath;
const steps = [
  ['types (main, preload, shared)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['types (tests, bench)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json', '--noEmit']],
  ['types (renderer)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
  ['build', ['node_modules/electron-vite/bin/electron-vite.js', 'build']],
];
for (const [label, argv] of steps) {
  console.log(`\n▶ ${label}`);
  const run = spawnSync(node, argv, { stdio: 'inherit' });
  if (run.status !== 0) {
    console.log(`\n${label} failed.\n0 passed, 1 failed`);
    process.exit(1);
  }
}

console.log('\n▶ tests (vitest: unit, protocol, packaging, browser, electron)');
mkdirSync('test-results', { recursive: true });
const extra = process.argv.slice(2);
const vitest = spawnSync(
  node,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json', ...extra],
  { stdio: 'inherit', env: { ...process.env, TRIBE_RENDERER_DIR: resolve('out/renderer') } },
);
let summary;
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // Unhandled errors fail the run without failing a test: count them as a failure in the summary.
  const failed = report.numFailedTests + (vitest.status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  summary = `${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
  if (report.numTotalTests === 0) {
    console.log('No test ran.');
    process.exit(1);
  }
} catch {
  summary = `0 passed, 1 failed`;
}
console.log(`\n${summary}`);
process.exit(vitest.status ?? 1);
