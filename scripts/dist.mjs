// `npm run dist`: the installers for this OS — build the app, draw the icons, write
// THIRD_PARTY_NOTICES, then electron-builder (electron-builder.cjs). Extra arguments go to
// electron-builder, e.g. `npm run dist -- --dir` for an unpacked app only.
import { spawnSync } from 'node:child_process';
import { generateIcons } from './icons.mjs';
import { writeNotices } from './notices.mjs';

const targets = { linux: '--linux', win32: '--win', darwin: '--mac' };

export async function dist(extra = [], { build = true, stdio = 'inherit' } = {}) {
  if (build) {
    const run = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio });
    if (run.status !== 0) throw new Error('the build failed');
  }
  await generateIcons('build');
  await writeNotices('build/THIRD_PARTY_NOTICES');
  const platform = targets[process.platform];
  if (!platform) throw new Error(`no installer target for ${process.platform}`);
  const builder = spawnSync(process.execPath, ['node_modules/electron-builder/cli.js', platform, '--publish', 'never', ...extra], { stdio, encoding: 'utf8' });
  if (builder.status !== 0) throw new Error(`electron-builder failed (exit ${builder.status})${builder.stderr ? `:\n${builder.stderr.slice(-2000)}` : ''}`);
  return builder;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await dist(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
