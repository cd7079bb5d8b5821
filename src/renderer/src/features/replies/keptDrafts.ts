// Drafts a moderator is writing (a reply, a warning's text) kept outside the box that shows them, by item:
// going to Settings to fill a link, or to another view, unmounts the box, and the words must be there on
// the way back. Kept in memory for this tab; a sent draft is dropped.
import { useCallback, useRef, useState } from 'react';
import { create } from 'zustand';

interface KeptDrafts {
  drafts: Record<string, unknown>;
  put(key: string, value: unknown): void;
  drop(key: string): void;
}

export const useKeptDrafts = create<KeptDrafts>()((set) => ({
  drafts: {},
  put: (key, value) => set((s) => ({ drafts: { ...s.drafts, [key]: value } })),
  drop: (key) =>
    set((s) => {
      const { [key]: _gone, ...rest } = s.drafts;
      return { drafts: rest };
    }),
}));

/** Like useState, kept under `key` while the view changes; `initial` is read once, when nothing is kept yet. */
export function useKeptDraft<T>(key: string, initial: () => T): [T, (next: T | ((prev: T) => T)) => void] {
  const [first] = useState(initial);
  const firstRef = useRef(first);
  const has = useKeptDrafts((s) => key in s.drafts);
  const kept = useKeptDrafts((s) => s.drafts[key]) as T;
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      const { drafts, put } = useKeptDrafts.getState();
      const prev = key in drafts ? (drafts[key] as T) : firstRef.current;
      const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      if (key in drafts && Object.is(value, prev)) return;
      put(key, value);
    },
    [key],
  );
  return [has ? kept : first, set];
}
