// Test helpers for the ledger: a stand-in signature (shared code cannot reach node:crypto) that still
// fails for a changed record or another key, and a builder for signed records at positions.
import { digest } from './canonical';
import { signingInput } from './records';
import type { LedgerEntry, RecordBody, SignedRecord } from './records';
import type { Verifier } from './state';

export function toyKey(name: string): string {
  return (name + '_'.repeat(43)).slice(0, 43).replace(/[^A-Za-z0-9_-]/g, '-');
}

function toySignature(message: string, key: string): string {
  let out = '';
  for (let i = 0; out.length < 86; i++) out += digest(`${i}|${key}|${message}`);
  return out.slice(0, 86);
}

export const toyVerify: Verifier = (message, key, signature) => toySignature(message, key) === signature;

export function toySign(key: string, n: number, ts: number, r: RecordBody): SignedRecord {
  const unsigned = { v: 1 as const, a: key, n, ts, r };
  return { ...unsigned, s: toySignature(signingInput(unsigned), key) };
}

/** A ledger of records by author, each in its own message with growing snowflake-like ids. */
export class ToyLedger {
  private readonly counters = new Map<string, number>();
  readonly entries: LedgerEntry[] = [];
  private nextId = 1_000_000_000_000_000n;

  add(key: string, r: RecordBody, ts = 1_700_000_000_000 + this.entries.length * 1000): LedgerEntry {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return this.push(toySign(key, n, ts, r));
  }

  push(raw: unknown): LedgerEntry {
    this.nextId += 7n;
    const entry = { pos: { m: this.nextId.toString(), i: 0 }, raw };
    this.entries.push(entry);
    return entry;
  }
}
