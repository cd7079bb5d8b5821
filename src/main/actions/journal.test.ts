import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import { ok } from '@shared/domain/result';
import { ActionExecutor } from './executor';
import { ActionJournal, journalFile } from './journal';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function intent(n: number): ActionIntent {
  return { key: uuid(n), kind: 'delete', sourceId: 's', platform: 'discord', spaceId: 'g', channelId: 'c', messageId: String(n) };
}
const pathOf = () => join(mkdtempSync(join(tmpdir(), 'tk-journal-')), 'actions-journal.jsonl');
const linesOf = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
const done = async () => ok({ kind: 'delete' as const });

describe('the action journal', () => {
  it('stays small however many actions run: dead lines and the oldest results are compacted away', async () => {
    const path = pathOf();
    const executor = new ActionExecutor(path, { maxResults: 100, compactAfter: 50 });
    let longest = 0;
    for (let n = 1; n <= 600; n++) {
      await executor.execute(intent(n), done);
      longest = Math.max(longest, linesOf(path));
    }
    // Without compaction: 1,200 lines (an intent and a result per action), loaded whole on start.
    expect(longest).toBeLessThan(450);
    const restarted = new ActionExecutor(path, { maxResults: 100, compactAfter: 50 });
    let runs = 0;
    const counted = async () => {
      runs++;
      return ok({ kind: 'delete' as const });
    };
    for (let n = 501; n <= 600; n++) expect(await restarted.execute(intent(n), counted)).toMatchObject({ ok: true, value: { duplicate: true } });
    expect(runs).toBe(0);
  });

  it('drops results past the retention when it loads', async () => {
    const path = pathOf();
    let now = 1_000_000;
    const options = { retentionMs: 1000, now: () => now };
    const first = new ActionJournal(journalFile(path), options);
    await first.load();
    await first.recordResult(uuid(1), ok({ key: uuid(1), kind: 'delete', confirmedAt: now, duplicate: false }), now);
    now += 500;
    await first.recordResult(uuid(2), ok({ key: uuid(2), kind: 'delete', confirmedAt: now, duplicate: false }), now);
    now += 800;
    const later = new ActionJournal(journalFile(path), options);
    await later.load();
    expect(later.result(uuid(1))).toBeUndefined();
    expect(later.result(uuid(2))).toMatchObject({ ok: true });
    expect(linesOf(path)).toBe(1);
  });

  it('reads the lines written before intents were journaled, and survives a torn last line', async () => {
    const path = pathOf();
    const legacy = JSON.stringify({ key: uuid(1), result: ok({ key: uuid(1), kind: 'delete', confirmedAt: Date.now(), duplicate: false }) });
    const torn = JSON.stringify({ t: 'intent', key: uuid(2), at: Date.now(), action: intent(2) }).slice(0, 30);
    writeFileSync(path, `${legacy}\n${torn}`);
    const executor = new ActionExecutor(path);
    let runs = 0;
    const counted = async () => {
      runs++;
      return ok({ kind: 'delete' as const });
    };
    expect(await executor.execute(intent(1), counted)).toMatchObject({ ok: true, value: { duplicate: true } });
    // The torn intent never completed, so its call never started: the action runs, once.
    expect(await executor.execute(intent(2), counted)).toMatchObject({ ok: true, value: { duplicate: false } });
    expect(runs).toBe(1);
    // The torn tail was rewritten away, so the next line did not glue onto it.
    const again = new ActionJournal(journalFile(path));
    await again.load();
    expect(again.result(uuid(2))).toMatchObject({ ok: true });
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });
});
