// Licences and engines of what ships: THIRD_PARTY_NOTICES lists every shipped package with an
// allowed licence (what a GPL-3.0-or-later app may ship); package.json's engines is true for every installed package.
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

  it('refuses licences a GPL-3.0 app cannot ship, and unknown ones', () => {
    for (const license of ['GPL-2.0-only', 'GPL-2.0', 'AGPL-3.0', 'UNKNOWN', 'MIT AND GPL-2.0-only', 'DBAD-1.1', 'SSPL-1.0']) {
      expect(acceptable({ name: 'x', version: '1.0.0', license, text: '' }), license).toBe(false);
    }
    for (const license of ['(MIT OR GPL-2.0-only)', 'GPL-3.0', 'GPL-3.0-or-later', 'LGPL-3.0-or-later']) {
      expect(acceptable({ name: 'x', version: '1.0.0', license, text: '' }), license).toBe(true);
    }
  });

  it('ships WhatsApp’s Signal code under its own GPL-3.0, and no sharp binaries', async () => {
    const list = (await shippedPackages(root)) as Shipped[];
    expect(list.find((p) => p.name === 'libsignal')?.license).toBe('GPL-3.0');
    expect(list.filter((p) => p.name.startsWith('@img/')).map((p) => p.name)).toEqual([]);
    expect(list.find((p) => p.name === 'sharp')?.version).toBe('0.0.0-not-shipped');
    expect(readFileSync(resolve(root, 'LICENSE'), 'utf8')).toMatch(/GNU GENERAL PUBLIC LICENSE\s+Version 3/);
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
