// The insights bench's real-browser part: the stored aggregate records written into a Chromium page's
// IndexedDB (as the worker's checkpoint puts them), the page reloaded (a later start), then read back
// as the worker's load does — every record in one read transaction (getAll) — and, as a later start
// reads first, the glance (snapshot.ts: the records under the prefixes the first paint needs).
// Measures wall time and the page's main-thread task time (CDP), where the records are deserialized.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AggregateRecord } from '@shared/insights/snapshot';
import { benchBrowser } from './console';

/** Typed arrays out of the records into one buffer, the rest as JSON (the page puts them back). */
export function pack(records: readonly AggregateRecord[]): { json: string; bin: Buffer } {
  const parts: Buffer[] = [];
  let at = 0;
  const json = JSON.stringify(records, (_k, v: unknown) => {
    if (v instanceof Float64Array || v instanceof Int32Array) {
      // Each part starts at a multiple of 8 so the page can view it in place.
      const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      const pad = (8 - (at % 8)) % 8;
      if (pad) parts.push(Buffer.alloc(pad));
      at += pad;
      const ref = { $t: v instanceof Float64Array ? 'f64' : 'i32', o: at, n: v.length };
      parts.push(bytes);
      at += bytes.length;
      return ref;
    }
    return v;
  });
  return { json, bin: Buffer.concat(parts) };
}

export interface IdbFigures {
  idb_records: number;
  idb_write_ms: number;
  idb_read_all_ms: number;
  idb_read_all_main_thread_ms: number;
  idb_read_glance_ms: number;
  idb_read_glance_records: number;
  idb_read_glance_main_thread_ms: number;
}

export async function measureIdb(records: readonly AggregateRecord[], glancePrefixes: readonly string[]): Promise<IdbFigures> {
  const { json, bin } = pack(records);
  const server = createServer((req, res) => {
    if (req.url === '/records.json') res.end(json);
    else if (req.url === '/records.bin') res.end(bin);
    else res.end('<!doctype html><title>idb bench</title>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const context = await benchBrowser();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const written = await page.evaluate(async () => {
      const [meta, buf] = await Promise.all([fetch('/records.json').then((r) => r.text()), fetch('/records.bin').then((r) => r.arrayBuffer())]);
      const rows = JSON.parse(meta, (_k, v: { $t?: string; o: number; n: number }) =>
        v && typeof v === 'object' && v.$t ? (v.$t === 'f64' ? new Float64Array(buf, v.o, v.n).slice() : new Int32Array(buf, v.o, v.n).slice()) : v,
      ) as { key: string }[];
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open('insights-bench', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('insightAggregates', { keyPath: 'key' });
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const t = performance.now();
      const tx = db.transaction('insightAggregates', 'readwrite');
      for (const r of rows) tx.objectStore('insightAggregates').put(r);
      await new Promise<void>((ok, fail) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
      db.close();
      return { n: rows.length, ms: performance.now() - t };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskMs = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    // Each read on a freshly loaded page: nothing of the records is in the page's memory.
    const read = async (prefixes?: readonly string[]) => {
      await page.reload();
      const before = await taskMs();
      const out = await page.evaluate(async (from) => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const req = indexedDB.open('insights-bench', 1);
          req.onsuccess = () => ok(req.result);
          req.onerror = () => fail(req.error);
        });
        const t = performance.now();
        const tx = db.transaction('insightAggregates', 'readonly');
        const store = tx.objectStore('insightAggregates');
        const get = (range?: IDBKeyRange) =>
          new Promise<unknown[]>((ok, fail) => {
            const req = store.getAll(range);
            req.onsuccess = () => ok(req.result);
            req.onerror = () => fail(req.error);
          });
        // One range per prefix, in one transaction (as Dexie's startsWithAnyOf reads them).
        const rows = from === undefined ? await get() : (await Promise.all(from.map((p) => get(IDBKeyRange.bound(p, `${p}\uffff`))))).flat();
        const ms = performance.now() - t;
        db.close();
        return { n: rows.length, ms };
      }, prefixes);
      return { ...out, task: (await taskMs()) - before };
    };
    const all = await read();
    const glance = await read(glancePrefixes);
    return {
      idb_records: written.n,
      idb_write_ms: Math.round(written.ms),
      idb_read_all_ms: Math.round(all.ms),
      idb_read_all_main_thread_ms: Math.round(all.task),
      idb_read_glance_ms: Math.round(glance.ms),
      idb_read_glance_records: glance.n,
      idb_read_glance_main_thread_ms: Math.round(glance.task),
    };
  } finally {
    await context.close();
    server.close();
  }
}
