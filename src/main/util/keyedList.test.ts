import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KeyedListFile } from './keyedList';

const Entry = z.object({ key: z.string(), n: z.number() });
type Entry = z.infer<typeof Entry>;
const list = (path: string | undefined, max = 3) => {
  const said: string[] = [];
  return { said, file: new KeyedListFile<Entry>({ path, schema: Entry, max, onUnreadable: () => said.push('unreadable') }) };
};

describe('a keyed list in a file', () => {
  it('keeps entries across a fresh reader, one per key, the newest past the cap', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyed-')), 'sub', 'list.json');
    const { file } = list(path);
    await file.add({ key: 'a', n: 1 });
    await file.add({ key: 'b', n: 2 });
    await file.add({ key: 'a', n: 3 });
    await file.add({ key: 'c', n: 4 });
    await file.add({ key: 'd', n: 5 });
    await file.remove('c');
    expect(await list(path).file.load()).toEqual([{ key: 'a', n: 3 }, { key: 'd', n: 5 }]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(2);
  });

  it('starts over from a file that does not parse or breaks the schema, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyed-'));
    for (const [name, text] of [['garbage', '{not json'], ['wrong', '[{"key":1}]'], ['toolong', JSON.stringify([1, 2, 3, 4].map((n) => ({ key: String(n), n })))]]) {
      writeFileSync(join(dir, name!), text!);
      const { file, said } = list(join(dir, name!));
      expect(await file.load()).toEqual([]);
      expect(said).toEqual(['unreadable']);
    }
    const { file, said } = list(join(dir, 'missing'));
    expect(await file.load()).toEqual([]);
    expect(said).toEqual([]);
  });

  it('without a path keeps the list in memory only', async () => {
    const { file } = list(undefined);
    await file.add({ key: 'a', n: 1 });
    expect(await file.load()).toEqual([{ key: 'a', n: 1 }]);
    expect(await list(undefined).file.load()).toEqual([]);
  });
});
