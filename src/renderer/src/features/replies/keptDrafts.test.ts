import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TribeDb } from '../../db/db';
import { uniqueDbName } from '../../db/testing';
import { DRAFT_DAYS, flushDrafts, keepDraftsOn, resetKeptDraftsForTest, sameKind, setKeptDraft, useKeptDrafts } from './keptDrafts';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

let db: TribeDb;
let stop: (() => void) | undefined;

beforeEach(async () => {
  resetKeptDraftsForTest();
  db = new TribeDb(uniqueDbName('drafts'));
  await db.open();
});

afterEach(() => {
  stop?.();
  stop = undefined;
  db.close();
});

const rows = async () => Object.fromEntries((await db.drafts.toArray()).map((r) => [r.key, r.value]));

describe('kept drafts', () => {
  it('writes a draft a moment after it changes, without being asked, and drops a sent one at once', async () => {
    stop = await keepDraftsOn(db, () => NOW);
    setKeptDraft('reply:item-1', 'Hi {member}, please', '');
    // Written by the store's own timer: nothing here flushes.
    await expect.poll(rows).toEqual({ 'reply:item-1': 'Hi {member}, please' });
    expect((await db.drafts.get('reply:item-1'))?.savedAt).toBe(NOW);

    setKeptDraft('reply:item-1', 'Hi {member}, please stop', '');
    setKeptDraft('reply:item-1', '', '');
    // Back to the empty box (sent): gone from memory and, without waiting for the timer, from disk.
    expect('reply:item-1' in useKeptDrafts.getState().drafts).toBe(false);
    await expect.poll(rows).toEqual({});
  });

  it('reads drafts back on start with when they were written, and keeps two items apart', async () => {
    await db.drafts.bulkPut([
      { key: 'reply:a', value: 'for A', savedAt: NOW - 60_000 },
      { key: 'reply:b', value: 'for B', savedAt: NOW - 120_000 },
      { key: 'form:warn:a', value: { ruleId: 'r1', typed: 'spam', written: '', ruleGone: false }, savedAt: NOW - 1000 },
    ]);
    stop = await keepDraftsOn(db, () => NOW);
    const s = useKeptDrafts.getState();
    expect(s.drafts).toEqual({ 'reply:a': 'for A', 'reply:b': 'for B', 'form:warn:a': { ruleId: 'r1', typed: 'spam', written: '', ruleGone: false } });
    expect(s.restored).toEqual({ 'reply:a': NOW - 60_000, 'reply:b': NOW - 120_000, 'form:warn:a': NOW - 1000 });

    // Discarding one leaves the other, on disk too.
    useKeptDrafts.getState().drop('reply:a');
    expect(useKeptDrafts.getState().restored['reply:a']).toBeUndefined();
    await expect.poll(async () => Object.keys(await rows()).sort()).toEqual(['form:warn:a', 'reply:b']);
  });

  it(`prunes drafts nobody touched for ${DRAFT_DAYS} days when the console starts`, async () => {
    await db.drafts.bulkPut([
      { key: 'reply:old', value: 'old', savedAt: NOW - DRAFT_DAYS * DAY - 1 },
      { key: 'reply:recent', value: 'recent', savedAt: NOW - (DRAFT_DAYS - 1) * DAY },
    ]);
    stop = await keepDraftsOn(db, () => NOW);
    expect(Object.keys(useKeptDrafts.getState().drafts)).toEqual(['reply:recent']);
    expect(await db.drafts.count()).toBe(1);
  });

  it('never overwrites what the moderator typed before the disk was read, and writes it then', async () => {
    await db.drafts.put({ key: 'reply:a', value: 'from last time', savedAt: NOW - 1000 });
    await db.drafts.put({ key: 'reply:b', value: 'sent since', savedAt: NOW - 1000 });
    // Typed in the first moments after a reload, before keeping started: memory only so far.
    setKeptDraft('reply:a', 'typed just now', '');
    useKeptDrafts.getState().put('reply:b', 'x');
    useKeptDrafts.getState().drop('reply:b');
    stop = await keepDraftsOn(db, () => NOW);
    expect(useKeptDrafts.getState().drafts).toEqual({ 'reply:a': 'typed just now' });
    expect(useKeptDrafts.getState().restored).toEqual({});
    expect(await rows()).toEqual({ 'reply:a': 'typed just now' });
  });

  it('writes at once when asked (the page is hidden or left), the latest value of each draft', async () => {
    stop = await keepDraftsOn(db, () => NOW);
    setKeptDraft('announce:text', 'Event on Friday', '');
    setKeptDraft<string>('announce:text', (d) => `${d} at 18:00`, '');
    setKeptDraft('announce:versions', [{ lang: 'fr', draft: 'Vendredi' }], []);
    await flushDrafts();
    expect(await rows()).toEqual({ 'announce:text': 'Event on Friday at 18:00', 'announce:versions': [{ lang: 'fr', draft: 'Vendredi' }] });
    // An object set back to its initial value is dropped too.
    setKeptDraft('announce:versions', [], []);
    await flushDrafts();
    expect(await rows()).toEqual({ 'announce:text': 'Event on Friday at 18:00' });
  });

  it('keeps hostile text as it was typed', async () => {
    stop = await keepDraftsOn(db, () => NOW);
    const hostile = '<img src=x onerror=alert(1)>{member} \u202e\u0000 ${7*7} \'"; DROP TABLE drafts;--';
    setKeptDraft('reply:x', hostile, '');
    await flushDrafts();
    stop();
    resetKeptDraftsForTest();
    stop = await keepDraftsOn(db, () => NOW);
    expect(useKeptDrafts.getState().drafts['reply:x']).toBe(hostile);
  });

  it('says when a write failed and writes again on the next change', async () => {
    stop = await keepDraftsOn(db, () => NOW);
    db.close();
    setKeptDraft('reply:a', 'words', '');
    await flushDrafts();
    expect(useKeptDrafts.getState().unsaved).toBe(true);
    await db.open();
    setKeptDraft('reply:a', 'more words', '');
    await flushDrafts();
    expect(useKeptDrafts.getState().unsaved).toBe(false);
    expect(await rows()).toEqual({ 'reply:a': 'more words' });
  });

  it('never writes an untouched box, and a kept value of another kind is not used', () => {
    setKeptDraft('reply:a', '', '');
    setKeptDraft<string>('reply:a', (d) => d, '');
    expect(useKeptDrafts.getState().drafts).toEqual({});
    expect(sameKind('text', { ruleId: 'r' })).toBe(false);
    expect(sameKind([], '')).toBe(false);
    expect(sameKind('text', undefined)).toBe(true);
    expect(sameKind({ a: 1 }, { b: 2 })).toBe(true);
    useKeptDrafts.getState().put('form:warn:a', 'text from an older console');
    setKeptDraft<{ n: number }>('form:warn:a', (d) => ({ n: d.n + 1 }), { n: 0 });
    expect(useKeptDrafts.getState().drafts['form:warn:a']).toEqual({ n: 1 });
  });
});
