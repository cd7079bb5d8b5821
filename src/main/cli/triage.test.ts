// Issue 17, finding 10: the triage CLI reads a file that starts with a byte-order mark, and refuses a
// line whose platform it does not know, saying why, instead of reading it as Discord.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTriageCli } from './triage';

async function run(input: string): Promise<{ code: number; lines: Array<{ id: string | null; flags: unknown[] }>; errors: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await runTriageCli(['--no-domain-list'], Readable.from([input]), out, err);
  return { code, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string | null; flags: unknown[] }), errors: stderr };
}

describe('triage CLI input', () => {
  it('strips a byte-order mark from the first line', async () => {
    const result = await run('\uFEFF{"id":"a","platform":"telegram","text":"hello"}\n{"id":"b","text":"hi"}\n');
    expect(result.code).toBe(0);
    expect(result.lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(result.errors).not.toMatch(/skipped/);
  });

  it('refuses a line with an unknown platform, with the reason, and goes on', async () => {
    const result = await run('{"id":"x","platform":"slack","text":"hello"}\n{"id":"y","platform":"whatsapp","text":"hi"}\n{"id":"z","text":"no platform is Discord"}\n');
    expect(result.lines.map((l) => l.id)).toEqual(['x', 'y', 'z']);
    expect(result.errors).toMatch(/line 1 skipped: platform: unknown platform "slack" \(expected discord, telegram, whatsapp\)/);
    expect(result.errors).not.toMatch(/line [23] skipped/);
  });
});
