// A modal panel's keyboard contract: focus its close button on open, Esc closes it (before any
// shortcut sees the key), and focus returns to where the moderator was.
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

export function useDialog(open: boolean, close: () => void): RefObject<HTMLButtonElement | null> {
  const closeRef = useRef<HTMLButtonElement>(null);
  const onClose = useRef(close);
  useEffect(() => {
    onClose.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onClose.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [open]);
  return closeRef;
}
