// The real `npm run tone` entry, spawned once: stdin JSON Lines in, one line out per draft, in order.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function run(input: string, args: string[] = []) {
  const r = spawnSync(tsx, ['src/main/cli/tone.ts', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, lines: r.stdout.split('\n').filter((l) => l !== ''), stderr: r.stderr };
}

describe('npm run tone', () => {
  it('round-trips drafts in order, with a guide file, and survives a malformed line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tone-'));
    const guide = join(dir, 'guide.json');
    writeFileSync(guide, JSON.stringify({ emoji: 'none', avoid: [{ phrase: 'folks' }] }));
    const input = [
      JSON.stringify({ id: 1, text: 'You people never read the rules', platform: 'discord' }),
      '{"id": 2, "text": ',
      JSON.stringify({ id: '3', text: 'Hi folks, welcome 🎉', platform: 'telegram', situation: 'welcome' }),
      JSON.stringify({ id: 'zh', text: '闭嘴！', platform: 'whatsapp', memberLanguage: 'zh-CN' }),
    ].join('\n');
    const { code, lines, stderr } = run(input + '\n', ['--guide', guide]);
    expect(code).toBe(0);
    const out = lines.map((l) => JSON.parse(l) as { id: unknown; findings: { kind: string; span: [number, number] }[] });
    expect(out.map((o) => o.id)).toEqual([1, null, '3', 'zh']);
    expect(out[0]?.findings.map((f) => f.kind)).toEqual(['blaming']);
    expect(out[1]?.findings).toEqual([]);
    expect(out[2]?.findings.map((f) => [f.kind, f.span])).toEqual([
      ['avoid-word', [3, 8]],
      ['emoji', [18, 20]],
    ]);
    expect(out[3]?.findings.map((f) => [f.kind, f.span])).toEqual([['harsh', [0, 2]]]);
    expect(stderr).toMatch(/line 2: not valid JSON/);
  });

  it('reports a missing part only where the guide requires it: never with the default guide, and on --guide (issue 14 §3)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tone-'));
    const guide = join(dir, 'required.json');
    writeFileSync(guide, JSON.stringify({ requiredParts: { greeting: ['warning'], ruleLink: ['warning'] } }));
    const input = [
      JSON.stringify({ id: 'ru', text: 'Привет! Сообщение удалено: это нарушает правило 2.', platform: 'telegram', situation: 'warning' }),
      JSON.stringify({ id: 'en', text: 'Your message was removed.', platform: 'discord', situation: 'warning' }),
    ].join('\n');
    const kinds = (args: string[]) =>
      run(input + '\n', args).lines.map((l) => (JSON.parse(l) as { findings: { kind: string; span: [number, number] }[] }).findings.map((f) => [f.kind, f.span]));
    expect(kinds([])).toEqual([[], []]);
    expect(kinds(['--guide', guide])).toEqual([
      [],
      [
        ['missing-part', [0, 0]],
        ['missing-part', [25, 25]],
      ],
    ]);
  });

  it('refuses an unreadable or invalid guide with a clear message', () => {
    const r = run('', ['--guide', '/nonexistent/guide.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read voice guide/);
  });
});
