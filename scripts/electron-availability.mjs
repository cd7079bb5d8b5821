// Remembers for a day that Electron's binary could not be had here, so `npm start` does not wait on
// a download that fails every time; `npm start -- --retry-electron` tries again at once.
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureElectron } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
export const REMEMBER_MS = 24 * 60 * 60 * 1000;
export const RETRY_FLAG = '--retry-electron';
export const DEFAULT_MEMO = 'node_modules/.cache/tribekeeper/electron-unavailable.json';

function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return 'none';
  }
}

export function readMemo(file) {
  try {
    const memo = JSON.parse(readFileSync(file, 'utf8'));
    return typeof memo?.at === 'number' && typeof memo?.reason === 'string' ? memo : undefined;
  } catch {
    return undefined;
  }
}

/** Is a remembered failure still to be believed? Not after a day, nor for another Electron version. */
export function memoHolds(memo, now, version) {
  return !!memo && memo.version === version && now - memo.at >= 0 && now - memo.at < REMEMBER_MS;
}

/**
 * The Electron binary's path, or the reason there is none. Asks the installer only when no failure
 * is remembered (or `retry`); a failure is remembered, a success forgets it.
 */
export function electronForStart({ retry = false, memoFile = DEFAULT_MEMO, now = Date.now(), ensure = ensureElectron, version = electronVersion() } = {}) {
  const installed = ensure({ tryDownload: false });
  if (installed.path) {
    rmSync(memoFile, { force: true });
    return installed;
  }
  if (process.env.TRIBE_NO_ELECTRON === '1') return installed;
  const memo = readMemo(memoFile);
  if (!retry && memoHolds(memo, now, version)) {
    const since = new Date(memo.at).toISOString().slice(0, 16).replace('T', ' ');
    return { reason: `${memo.reason} (remembered since ${since} UTC; \`npm start -- ${RETRY_FLAG}\` tries again)`, remembered: true };
  }
  const tried = ensure({ tryDownload: true });
  if (tried.path) {
    rmSync(memoFile, { force: true });
    return tried;
  }
  mkdirSync(dirname(memoFile), { recursive: true });
  writeFileSync(memoFile, JSON.stringify({ at: now, version, reason: tried.reason }));
  return tried;
}

/** Splits `--retry-electron` from the arguments the console itself gets. */
export function takeRetryFlag(args) {
  return { retry: args.includes(RETRY_FLAG), rest: args.filter((a) => a !== RETRY_FLAG) };
}

export const memoPath = (root) => join(root, DEFAULT_MEMO);
