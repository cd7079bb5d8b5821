// Keyboard shortcuts for the whole console. Never steals a key while the moderator types, and leaves
// Enter/Space to whatever button or link has focus.
import { useEffect } from 'react';
import { useBarRequests } from './features/conversation/requests';
import { capabilityOf } from './features/conversation/intents';
import { runCommand, whyNot } from './features/conversation/ActionBar';
import { useActions } from './stores/actions';
import { currentItem, useInbox } from './stores/inbox';
import { useSettings } from './stores/settings';
import { FEEDBACK_KINDS } from './features/feedback/kinds';
import { useFeedback } from './features/feedback/useFeedback';
import { useHandFlags } from './stores/handFlags';

function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

function isActivatable(el: Element | null): boolean {
  return el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || (el instanceof HTMLElement && el.tagName === 'SUMMARY');
}

export function focusInboxList(): void {
  document.querySelector<HTMLElement>('.inbox-scroll')?.focus();
}

/** The item a shortcut acts on: the current one, highlighted in the list (it opens, so the result shows). */
function targetItem() {
  const inbox = useInbox.getState();
  const item = currentItem(inbox);
  if (item && !inbox.detailOpen) inbox.open(item.id);
  return item;
}

function actionPending(itemId: string): boolean {
  const latest = useActions.getState().latestByItem.get(itemId);
  return !!latest && (latest.status === 'queued' || latest.status === 'sent');
}

export function handleShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const settings = useSettings.getState();
  const inbox = useInbox.getState();
  const active = document.activeElement;

  if (e.key === 'Escape') {
    useBarRequests.getState().takeTyped('');
    if (settings.shortcutsOpen) settings.setShortcutsOpen(false);
    else if (useBarRequests.getState().pickerFor) useBarRequests.getState().closePicker();
    else if (isTyping(active) && active instanceof HTMLElement) active.blur();
    else if (settings.view === 'settings' || settings.view === 'rules' || settings.view === 'announcements' || settings.view === 'feedback' || settings.view === 'insights') settings.setView('inbox');
    else if (inbox.detailOpen) {
      inbox.open(undefined);
      focusInboxList();
    } else return;
    e.preventDefault();
    return;
  }
  if (isTyping(active)) return;
  // Asked for the reply box a moment ago: a fast typist's first letters belong to the reply.
  if (e.key.length === 1 && useBarRequests.getState().keepTyped(e.key, Date.now())) {
    e.preventDefault();
    return;
  }
  if (e.key === '?') {
    settings.setShortcutsOpen(!settings.shortcutsOpen);
    e.preventDefault();
    return;
  }
  if (e.key === 'I' && !settings.shortcutsOpen && (settings.view === 'inbox' || settings.view === 'insights')) {
    settings.setView(settings.view === 'insights' ? 'inbox' : 'insights');
    e.preventDefault();
    return;
  }
  if (settings.shortcutsOpen) return;
  if (e.key === 'a' && settings.view !== 'announcements') {
    settings.setView('announcements');
    e.preventDefault();
    return;
  }
  if (settings.view !== 'inbox') return;

  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      inbox.move(1);
      break;
    case 'k':
    case 'ArrowUp':
      inbox.move(-1);
      break;
    case 'Enter':
    case 'o':
      if (e.key === 'Enter' && isActivatable(active)) return;
      if (!inbox.currentId) return;
      inbox.open(inbox.currentId);
      break;
    case 'd': {
      const item = targetItem();
      if (!item || actionPending(item.id) || whyNot(item, 'delete')) return;
      runCommand(item, 'delete');
      break;
    }
    case 'r': {
      const item = targetItem();
      if (!item) return;
      useBarRequests.getState().focusReply(item.id);
      break;
    }
    case 't': {
      const item = targetItem();
      if (!item || !item.authorId || !capabilityOf(item, 'timeout').supported) return;
      useBarRequests.getState().openPicker(item.id);
      break;
    }
    case 'w':
    case 'm': {
      const item = targetItem();
      if (!item || (e.key === 'w' && actionPending(item.id))) return;
      runCommand(item, e.key === 'w' ? 'warn' : 'member');
      break;
    }
    case 'f':
    case 'b':
    case 'i': {
      const item = targetItem();
      const kind = FEEDBACK_KINDS.find((k) => k.key === e.key)?.kind;
      if (!item || !kind) return;
      void useFeedback.getState().mark(item, kind);
      break;
    }
    case 'x': {
      // The message that has focus (a row of an item's conversation or incident, or anything in it).
      const row = active instanceof HTMLElement ? active.closest<HTMLElement>('[data-flag-event]') : null;
      const id = row?.dataset['flagEvent'];
      if (!id || !row.querySelector('.hand-flag-open')) return;
      useHandFlags.getState().openForm(id);
      break;
    }
    case 'e': {
      const item = targetItem();
      if (!item || item.status === 'resolved' || actionPending(item.id)) return;
      void useActions.getState().dismiss(item.id);
      break;
    }
    default:
      return;
  }
  e.preventDefault();
}

export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);
}
