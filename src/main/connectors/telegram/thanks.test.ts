// The file of thank-yous still to take down: concurrent changes all land, a file that does not parse is
// read as empty (and rewritten whole on the next change), and a restart reads what was written.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PendingTakedowns, type Takedown } from './thanks';

const entry = (n: number): Takedown => ({ key: `k${n}`, sourceId: 'tg', spaceId: '-100', channelId: '-100', messageId: String(n), accessHash: '42', dueAt: 1_000 + n });

describe('pending thank-you takedowns', () => {
  it('keeps every concurrent change, and a new reader finds them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-takedowns-')), 'telegram', 'tg.thanks.json');
    const file = new PendingTakedowns(path);
    await Promise.all([1, 2, 3, 4].map((n) => file.add(entry(n))));
    await file.remove('k2');
    expect((await new PendingTakedowns(path).load()).map((e) => e.key).sort()).toEqual(['k1', 'k3', 'k4']);
  });

  it('reads a file that does not parse as empty and writes it whole again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-takedowns-'));
    const path = join(dir, 'tg.thanks.json');
    writeFileSync(path, '[{"key": "k1", "messageId": ');
    const file = new PendingTakedowns(path);
    expect(await file.load()).toEqual([]);
    await file.add(entry(5));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual([entry(5)]);
    writeFileSync(path, JSON.stringify([{ ...entry(6), dueAt: -1 }]));
    expect(await new PendingTakedowns(path).load()).toEqual([]);
  });
});
