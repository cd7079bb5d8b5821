// `npm start`: builds, then opens the Electron window — or, where no Electron binary can be had,
// starts host mode and prints the URL to open in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfChanged } from './build-cache.mjs';
import { electronForStart, takeRetryFlag } from './electron-availability.mjs';

const { retry, rest: args } = takeRetryFlag(process.argv.slice(2));
const build = buildIfChanged();
if (!build.ok || !existsSync('out/main/host.js')) {
  console.error('The build failed; see the messages above.');
  process.exit(1);
}

const electron = process.env.TRIBE_HOST_MODE === '1' ? { reason: 'TRIBE_HOST_MODE=1' } : electronForStart({ retry });
const child = electron.path
  ? spawn(electron.path, ['.', ...args], { stdio: 'inherit' })
  : (console.log(`No Electron window: ${electron.reason}. Starting host mode.`),
    spawn(process.execPath, ['out/main/host.js', ...args], { stdio: 'inherit' }));
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
