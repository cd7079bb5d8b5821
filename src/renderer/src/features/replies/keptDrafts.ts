// Drafts a moderator is writing (a reply, a warning's text, an announcement, a handoff) kept outside the
// box that shows them, by what they belong to: going to Settings to fill a link, or to another view,
// unmounts the box, and the words must be there on the way back. Once `keepDraftsOn` has run they are
// also kept on this computer (IndexedDB table `drafts`, schema v9): written at most WRITE_EVERY_MS after
// a key press and at once when the page is hidden or left, read back when the console starts, so a
// reload, a crash or a restart keeps them. A sent, saved or discarded draft is dropped (at once, on disk
// too); one nobody touched for DRAFT_DAYS is pruned when the console starts.
// Only boxes that call useKeptDraft are kept: the connection forms (tokens, phone codes, passwords) never do.
import { useCallback, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { TribeDb } from '../../db/db';
import type { DraftRow } from '../../db/schema';

/** A draft nobody touched for this long is pruned when the console starts. */
export const DRAFT_DAYS = 30;
/** While the moderator types, the draft is written at most this long after the first unsaved key press. */
export const WRITE_EVERY_MS = 400;
const DAY = 86_400_000;

interface KeptDrafts {
  drafts: Record<string, unknown>;
  /** When each draft read back from this computer was last written: the box says "Draft restored · 10:42". */
  restored: Record<string, number>;
  /** The last write to this computer failed: the words are only in memory until a write succeeds. */
  unsaved: boolean;
  put(key: string, value: unknown): void;
  drop(key: string): void;
}

export const useKeptDrafts = create<KeptDrafts>()((set) => ({
  drafts: {},
  restored: {},
  unsaved: false,
  put: (key, value) => {
    set((s) => ({ drafts: { ...s.drafts, [key]: value } }));
    changed(key);
  },
  drop: (key) => {
    set((s) => {
      const { [key]: _gone, ...rest } = s.drafts;
      const { [key]: _was, ...restored } = s.restored;
      return { drafts: rest, restored };
    });
    changed(key);
  },
}));

/** Where drafts are written once keeping has started; before that (and in unit tests of views) memory only. */
interface Disk {
  db: TribeDb;
  now: () => number;
  timer?: ReturnType<typeof setTimeout>;
}
let disk: Disk | undefined;
/** Keys changed since this tab started: what is not yet on disk, and what reading the disk must not overwrite. */
const pending = new Set<string>();
const touched = new Set<string>();
/** The read of the kept drafts when keeping started. */
let reading: Promise<void> = Promise.resolve();
/** Writes run one after another, so a drop is never overtaken by an older put of the same key. */
let writing: Promise<void> = Promise.resolve();

function changed(key: string): void {
  touched.add(key);
  pending.add(key);
  if (!disk) return;
  // A drop is written at once: a sent reply must not come back after a reload a moment later.
  if (!(key in useKeptDrafts.getState().drafts)) {
    void flushDrafts();
    return;
  }
  disk.timer ??= setTimeout(() => void flushDrafts(), WRITE_EVERY_MS);
}

/** Writes every changed draft now; resolves once the disk has them (or the write failed, see `unsaved`). */
export function flushDrafts(): Promise<void> {
  const target = disk;
  if (!target) return writing;
  clearTimeout(target.timer);
  target.timer = undefined;
  if (pending.size === 0) return writing;
  // The values as they are now, taken synchronously: later key presses make a later write.
  const { drafts } = useKeptDrafts.getState();
  const savedAt = target.now();
  const puts: DraftRow[] = [];
  const drops: string[] = [];
  for (const key of pending) {
    if (key in drafts) puts.push({ key, value: drafts[key], savedAt });
    else drops.push(key);
  }
  pending.clear();
  writing = writing.then(async () => {
    try {
      await target.db.transaction('rw', target.db.drafts, async () => {
        if (drops.length > 0) await target.db.drafts.bulkDelete(drops);
        if (puts.length > 0) await target.db.drafts.bulkPut(puts);
      });
      if (useKeptDrafts.getState().unsaved) useKeptDrafts.setState({ unsaved: false });
    } catch {
      // Tried again with the next change; the box says its words are not kept yet.
      for (const key of [...drops, ...puts.map((p) => p.key)]) pending.add(key);
      useKeptDrafts.setState({ unsaved: true });
    }
  });
  return writing;
}

/**
 * Starts keeping drafts in `db`: prunes drafts older than DRAFT_DAYS, shows the rest (except a box the
 * moderator already typed in since the page opened: theirs is newer), writes what changed meanwhile,
 * and writes on every change from now on. Returns how to stop (tests).
 */
export async function keepDraftsOn(db: TribeDb, now: () => number = Date.now): Promise<() => void> {
  const mine: Disk = { db, now };
  disk = mine;
  reading = readBack(db, now);
  await reading;
  await flushDrafts();
  const onHidden = () => {
    if (document.visibilityState === 'hidden') void flushDrafts();
  };
  const onLeave = () => void flushDrafts();
  const listening = typeof document !== 'undefined' && typeof window !== 'undefined';
  if (listening) {
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onLeave);
  }
  return () => {
    if (listening) {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onLeave);
    }
    if (disk === mine) {
      clearTimeout(mine.timer);
      disk = undefined;
    }
  };
}

/** Resolves once the drafts kept on this computer are in memory (at once when keeping never started). */
export function whenDraftsRead(): Promise<void> {
  return reading.catch(() => undefined);
}

async function readBack(db: TribeDb, now: () => number): Promise<void> {
  await db.drafts.where('savedAt').below(now() - DRAFT_DAYS * DAY).delete();
  const rows = (await db.drafts.toArray()).filter((r) => !touched.has(r.key));
  if (rows.length === 0) return;
  useKeptDrafts.setState((s) => ({
    drafts: { ...Object.fromEntries(rows.map((r) => [r.key, r.value])), ...s.drafts },
    restored: { ...s.restored, ...Object.fromEntries(rows.map((r) => [r.key, r.savedAt])) },
  }));
}

/** Forgets every draft in memory and what changed (unit tests start each case from nothing). */
export function resetKeptDraftsForTest(): void {
  pending.clear();
  touched.clear();
  useKeptDrafts.setState({ drafts: {}, restored: {}, unsaved: false });
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** Whether a kept value can stand where `initial` stood: the same kind of thing (any, when it starts empty). */
export function sameKind(kept: unknown, initial: unknown): boolean {
  if (initial === undefined || initial === null) return true;
  return typeof kept === typeof initial && Array.isArray(kept) === Array.isArray(initial) && kept !== null;
}

/**
 * Sets the draft under `key` (a value, or a function of the kept one, else of `initial`). Set back to its
 * initial value (a sent reply's empty box), the draft is dropped; an untouched box never writes at all.
 */
export function setKeptDraft<T>(key: string, next: T | ((prev: T) => T), initial: T): void {
  const { drafts, put, drop } = useKeptDrafts.getState();
  const known = key in drafts;
  const prev = known && sameKind(drafts[key], initial) ? (drafts[key] as T) : initial;
  const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
  if (known && Object.is(value, prev)) return;
  if (sameValue(value, initial)) {
    if (known) drop(key);
    return;
  }
  put(key, value);
}

/**
 * Like useState, kept under `key` while the view changes and on this computer; `initial` is read once,
 * when nothing is kept yet. Set back to its initial value (a sent reply's empty box), the draft is dropped.
 */
export function useKeptDraft<T>(key: string, initial: () => T): [T, (next: T | ((prev: T) => T)) => void] {
  const [first] = useState(initial);
  const firstRef = useRef(first);
  const has = useKeptDrafts((s) => key in s.drafts);
  const kept = useKeptDrafts((s) => s.drafts[key]) as T;
  const set = useCallback((next: T | ((prev: T) => T)) => setKeptDraft(key, next, firstRef.current), [key]);
  // A kept value is read back from disk, maybe written by an older version of the console: one of
  // another kind than the box holds (text where a form's state belongs) is not shown.
  return [has && sameKind(kept, first) ? kept : first, set];
}

/**
 * A form's copy of a saved setting, kept under `key` while it differs from `saved`: what shows is the
 * moderator's edit when there is one, else the saved value (so a load or a save elsewhere shows through
 * an untouched form). An edit back to the saved value is dropped; the form drops it once saved.
 */
export function useKeptEdit<T>(key: string, saved: T): [T, (next: T | ((prev: T) => T)) => void] {
  const has = useKeptDrafts((s) => key in s.drafts);
  const kept = useKeptDrafts((s) => s.drafts[key]) as T;
  const savedRef = useRef(saved);
  useEffect(() => {
    savedRef.current = saved;
  }, [saved]);
  const set = useCallback((next: T | ((prev: T) => T)) => setKeptDraft(key, next, savedRef.current), [key]);
  return [has && sameKind(kept, saved) ? kept : saved, set];
}

/** Drops the drafts under `keys` (a form was saved, sent or discarded). */
export function dropKeptDrafts(keys: readonly string[]): void {
  const { drop } = useKeptDrafts.getState();
  for (const key of keys) drop(key);
}
