// Licences and engines of what ships: THIRD_PARTY_NOTICES lists every shipped package with an
// allowed licence (no GPL in an MIT app); package.json's engines is true for every installed package.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ESM script shared with `npm run dist`
import { acceptable, renderNotices, shippedPackages } from '../../scripts/notices.mjs';

interface Shipped { name: string; version: string; license: string; text: string }
const root = resolve(import.meta.dirname, '../..');

describe('THIRD_PARTY_NOTICES', () => {
  it('lists every shipped package with an allowed licence and its text', async () => {
    const list = (await shippedPackages(root)) as Shipped[];
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const names = new Set(list.map((p) => p.name));
    for (const dep of Object.keys(pkg.dependencies)) expect(names, dep).toContain(dep);
    expect(names).not.toContain('electron-builder');
    expect(list.filter((p) => !acceptable(p)).map((p) => `${p.name} ${p.license}`)).toEqual([]);
    expect(list.find((p) => p.name === '@cryptography/aes')?.license).toBe('MIT');
    expect(list.find((p) => p.name === 'eth-phishing-detect')?.license).toBe('DBAD-1.1');
    const notices = renderNotices(list) as string;
    expect(notices).toContain("DON'T BE A DICK PUBLIC LICENSE");
    expect(notices).toMatch(/^- telegram 2\.26\.22 — MIT/m);
  });

  it('refuses copyleft and unknown licences', () => {
    for (const license of ['GPL-3.0-or-later', 'AGPL-3.0', 'UNKNOWN', 'MIT AND GPL-2.0', 'DBAD-1.1']) {
      expect(acceptable({ name: 'x', version: '1.0.0', license, text: '' }), license).toBe(false);
    }
    expect(acceptable({ name: 'x', version: '1.0.0', license: '(MIT OR GPL-3.0)', text: '' })).toBe(true);
  });
});

describe('engines', () => {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };

  it('names a Node range every installed package supports', () => {
    const narrower = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.subset(pkg.engines.node, (p.engines as { node: string }).node, { loose: true }))
      .map(([path, p]) => `${path} ${(p.engines as { node: string }).node}`);
    expect(narrower).toEqual([]);
  });

  it('includes the Node these tests run on (the one CI runs)', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });
});
