// Finds Electron's binary, fetching it once through electron's own install script where that is
// reachable (the project's .npmrc skips install scripts so `npm install` succeeds where it is not).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

function currentPath() {
  try {
    const dir = join(require.resolve('electron/package.json'), '..');
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Returns the binary's path, or undefined with the reason. */
export function ensureElectron({ tryDownload = true } = {}) {
  const found = currentPath();
  if (found) return { path: found };
  if (process.env.TRIBE_NO_ELECTRON === '1') return { reason: 'TRIBE_NO_ELECTRON=1' };
  if (!tryDownload) return { reason: 'the Electron binary is not installed' };
  let installer;
  try {
    installer = join(require.resolve('electron/package.json'), '..', 'install.js');
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' };
  }
  const run = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 180_000, encoding: 'utf8' });
  const after = currentPath();
  if (after) return { path: after };
  const why = (run.stderr || run.stdout || '').split('\n').find((l) => l.trim()) ?? `exit ${run.status}`;
  return { reason: `the Electron binary could not be downloaded here (${why.trim()})` };
}
