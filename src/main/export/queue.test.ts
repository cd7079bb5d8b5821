// The export queue's file under concurrent writes: jobs added while the sender saves its progress all
// land on disk, and no write loses its temporary file to another (the cause of a failed CI run).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok } from '@shared/domain/result';
import { ExportQueue } from './queue';

describe('ExportQueue file', () => {
  it('keeps every job and leaves no temporary file when adds and sends save at once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-queue-'));
    const file = join(home, 'export-queue.json');
    let sent = 0;
    const queue = new ExportQueue({
      file,
      destinations: () => ({ slack: { send: async () => ok({ ref: `m${++sent}` }) } }),
      spacingMs: { notion: 0, slack: 0 },
    });
    const adds = Array.from({ length: 40 }, (_, i) => queue.addSlack({ channel: 'c', text: `digest ${i}` }).then(() => queue.run()));
    await Promise.all(adds);
    await queue.run();
    expect(sent).toBe(40);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { state: string }[];
    expect(saved).toHaveLength(40);
    expect(saved.every((j) => j.state === 'sent')).toBe(true);
    expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
