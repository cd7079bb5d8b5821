// The full `npm run dist` for this OS: runs where the Electron binary exists (electron-builder also
// fetches its installer tools then); reported as skipped, with the reason, where it does not.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ESM script shared with `npm start`
import { ensureElectron } from '../../scripts/electron-binary.mjs';
// @ts-expect-error — a plain ESM script shared with `npm run dist`
import { dist } from '../../scripts/dist.mjs';

const found = (ensureElectron as (o: { tryDownload: boolean }) => { path?: string; reason?: string })({ tryDownload: false });
if (!found.path) console.log(`npm run dist test skipped: ${found.reason}; the unpacked build is checked in tests/packaging.`);

const expected: Record<string, RegExp[]> = {
  linux: [/\.AppImage$/, /\.deb$/],
  win32: [/Setup-.*\.exe$/],
  darwin: [/\.dmg$/],
};

describe.skipIf(!found.path)('npm run dist', () => {
  it('builds this OS’s installers', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tk-dist-'));
    try {
      await dist([`-c.directories.output=${out}`], { stdio: 'pipe' });
      const made = readdirSync(out);
      for (const pattern of expected[process.platform] ?? []) expect(made.some((f) => pattern.test(f)), String(pattern)).toBe(true);
      expect(existsSync(join(out, process.platform === 'darwin' ? 'mac' : `${process.platform === 'win32' ? 'win' : 'linux'}-unpacked`))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 900_000);
});
