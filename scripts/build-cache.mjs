// Builds only the bundles whose inputs changed since the last build (`npm start`): each of main,
// preload and renderer has a fingerprint of its source files (path, size, mtime), kept beside the
// output in out/.build-stamps.json; a bundle whose fingerprint matches and whose output exists is reused.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const COMMON = ['src/shared', 'electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json'];
export const TARGETS = {
  main: { inputs: ['src/main', 'tsconfig.node.json', ...COMMON], outputs: ['out/main/index.js', 'out/main/host.js'] },
  preload: { inputs: ['src/preload', 'tsconfig.node.json', ...COMMON], outputs: ['out/preload/index.js'] },
  renderer: { inputs: ['src/renderer', 'tsconfig.web.json', ...COMMON], outputs: ['out/renderer/index.html'] },
};
const STAMPS = 'out/.build-stamps.json';

/** Test files are not bundled: editing one does not make a bundle stale. */
const bundled = (path) => !/\.test\.tsx?$/.test(path);

function walk(root, path, into) {
  let st;
  try {
    st = statSync(path);
  } catch {
    into.push(`${relative(root, path)}\0missing`);
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(root, join(path, name), into);
  } else if (bundled(path)) {
    into.push(`${relative(root, path)}\0${st.size}\0${st.mtimeMs}`);
  }
}

export function fingerprint(root, inputs) {
  const entries = [];
  for (const input of inputs) walk(root, join(root, input), entries);
  return createHash('sha256').update(entries.join('\n')).digest('hex');
}

function readStamps(root) {
  try {
    const parsed = JSON.parse(readFileSync(join(root, STAMPS), 'utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Which bundles need building, with the fingerprints to record once they are built. */
export function planBuild(root = process.cwd()) {
  const stamps = readStamps(root);
  const fingerprints = {};
  const stale = [];
  for (const [name, target] of Object.entries(TARGETS)) {
    fingerprints[name] = fingerprint(root, target.inputs);
    const built = target.outputs.every((f) => existsSync(join(root, f)));
    if (!built || stamps[name] !== fingerprints[name]) stale.push(name);
  }
  return { stale, fingerprints };
}

/** Builds what changed (electron.vite.config.ts honours TRIBE_BUILD_TARGETS); returns what it built. */
export function buildIfChanged(root = process.cwd(), { stdio = ['ignore', 'ignore', 'inherit'] } = {}) {
  // Fingerprints are taken before building: an edit made during the build is seen next time.
  const { stale, fingerprints } = planBuild(root);
  if (stale.length === 0) return { built: [], ok: true };
  const run = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio,
    env: { ...process.env, TRIBE_BUILD_TARGETS: stale.join(',') },
  });
  if (run.status !== 0) return { built: [], ok: false };
  recordBuilt(root, stale, fingerprints);
  return { built: stale, ok: true };
}

/** Records that these bundles were built from inputs with these fingerprints. */
export function recordBuilt(root, names, fingerprints) {
  const stamps = readStamps(root);
  for (const name of names) stamps[name] = fingerprints[name];
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, STAMPS), JSON.stringify(stamps, null, 2));
}
