// A new user follows the README literally: every command it gives must exist, every variable it names
// must be one the console reads (and every one a user may set must be named there), every file it points
// to must be there, and the figures it quotes must be the code's.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISCORD_INTENTS, DISCORD_PERMISSIONS } from '@shared/domain/discordNeeds';
import { en } from '../../src/renderer/src/i18n/en';
import { REPORT_LIMIT, REPORT_WINDOW_MS } from '../../src/main/pipeline/reports';
import { THANK_CHAT_LIMIT, THANK_REPORTER_WINDOW_MS } from '../../src/main/connectors/telegram/thanks';

const repo = resolve(__dirname, '../..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(name) ? [path] : [];
  });
}

/** TRIBE_* variables the console's own code reads (tests and bench excluded). */
function variablesRead(): Set<string> {
  const sources = [
    ...files(join(repo, 'src/main'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')),
    ...files(join(repo, 'scripts'), (n) => n.endsWith('.mjs')),
    join(repo, 'electron.vite.config.ts'),
  ];
  const found = new Set<string>();
  for (const file of sources) for (const m of readFileSync(file, 'utf8').matchAll(/\bTRIBE_[A-Z_]*[A-Z]\b/g)) found.add(m[0]);
  return found;
}

/** Variables only the build and the test runner pass between their own processes. */
const INTERNAL = new Set(['TRIBE_BUILD_TARGETS', 'TRIBE_RENDERER_DIR']);

describe('the README, followed literally', () => {
  it('gives only npm commands that exist', () => {
    const builtIn = new Set(['install', 'start', 'test']);
    // A command is in backticks or on a line of a shell block.
    const used = [...readme.matchAll(/(?:`|^)npm (?:run (?:--silent )?)?([a-z][\w:-]*)/gm)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect([name, builtIn.has(name) || name in pkg.scripts]).toEqual([name, true]);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });

  it('names only variables the console reads, and every one a user may set', () => {
    const read = variablesRead();
    const named = new Set([...readme.matchAll(/\bTRIBE_[A-Z_]*[A-Z]\b/g)].map((m) => m[0]));
    // TRIBE_DISCORD_* and the like name a family, not a variable.
    const families = [...readme.matchAll(/\b(TRIBE_[A-Z]+_)\*/g)].map((m) => m[1]!);
    for (const v of named) {
      if (families.includes(`${v}_`)) continue;
      expect([v, read.has(v)]).toEqual([v, true]);
    }
    for (const v of read) {
      if (INTERNAL.has(v) || families.some((f) => v === f.slice(0, -1))) continue;
      expect([v, named.has(v)]).toEqual([v, true]);
    }
  });

  it('points only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links).toContain('resources/screenshot-inbox.png');
    const quoted = [...readme.matchAll(/`((?:src|tests|scripts|eval|docs|resources|vendor|bench)\/[\w./-]+)`/g)].map((m) => m[1]!);
    for (const path of [...links, ...quoted, '.ci/run', '.npmrc', 'LICENSE', 'SECURITY.md']) expect([path, existsSync(join(repo, path))]).toEqual([path, true]);
  });

  it('maps the repository with folders and files that exist', () => {
    const block = /## Where things live\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    let root = '';
    const entries: string[] = [];
    for (const line of block!.split('\n')) {
      const m = /^(\s*)([\w.-]+(?:\/[\w.-]+)*\/?)\s/.exec(`${line} `);
      if (!m || m[2]!.length < 2) continue;
      // Wrapped description lines are indented further than any entry.
      if (m[1]!.length === 0) entries.push((root = m[2]!));
      else if (m[1]!.length === 2 && root.endsWith('/')) entries.push(root + m[2]!);
    }
    expect(entries.length).toBeGreaterThan(30);
    for (const path of entries) expect([path, existsSync(join(repo, path))]).toEqual([path, true]);
  });

  it('asks for the Node versions package.json requires', () => {
    for (const floor of pkg.engines.node.match(/\d+\.\d+(?:\.\d+)?/g) ?? []) expect(readme).toContain(floor.replace(/\.0$/, ''));
  });

  it('lists every intent and permission the Discord bot needs, as Settings does', () => {
    const intents = (/### Discord bot\n([\s\S]*?)\n### /.exec(readme)?.[1] ?? '').replace(/\s+/g, ' ');
    for (const { name } of DISCORD_INTENTS) expect([name, intents.includes(name)]).toEqual([name, true]);
    for (const { key } of DISCORD_PERMISSIONS) {
      const words = (en.settings.permission as Record<string, string>)[key]!.replace(/ \(.*\)$/, '');
      expect([words, intents.includes(words)]).toEqual([words, true]);
    }
  });

  it('quotes the rate limits and report limits the code keeps', async () => {
    const { WHATSAPP_PACE } = await import('../../src/main/connectors/whatsapp/client');
    const text = readme.replace(/\s+/g, ' ');
    expect(text).toContain(`at least **${WHATSAPP_PACE.spacingMs / 1000} s between two sends**`);
    expect(text).toContain(`at most **${WHATSAPP_PACE.perMinute} sends per minute**`);
    expect(text).toContain(`at most once per member every ${THANK_REPORTER_WINDOW_MS / 60_000} minutes and at most ${THANK_CHAT_LIMIT} times a minute per chat`);
    expect(text).toContain(`more than ${REPORT_LIMIT} reports in ${REPORT_WINDOW_MS / 60_000} minutes from one member are not heard`);
  });
});
