// The command palette (Ctrl/Cmd+K): a fuzzy list of the actions for the open item and of the macros,
// run with the keyboard only. Disabled entries say why. Focus returns where it was on close.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@shared/domain/inbox';
import { DEFAULT_MACRO_LIBRARY } from '@shared/replies';
import { currentItem, useInbox } from '../../stores/inbox';
import { usePanels } from '../../stores/panels';
import { BAR_COMMANDS, SHORTCUT_OF, commandLabelKey, offered, runCommand, whyNot } from '../conversation/ActionBar';
import { useBarRequests } from '../conversation/requests';
import { fuzzyFilter } from './fuzzy';
import '../replies/act.css';

interface Entry {
  id: string;
  label: string;
  hint?: string;
  why?: string;
  run(): void;
}

function useEntries(item: InboxItem | undefined): Entry[] {
  const { t } = useTranslation();
  return useMemo(() => {
    const entries: Entry[] = [];
    if (item) {
      for (const command of BAR_COMMANDS) {
        if (!offered(item, command)) continue;
        const why = whyNot(item, command);
        entries.push({ id: `cmd-${command}`, label: t(commandLabelKey(item, command)), ...(SHORTCUT_OF[command] ? { hint: SHORTCUT_OF[command] } : {}), ...(why ? { why: t(why.key) } : {}), run: () => runCommand(item, command) });
      }
      const replyWhy = whyNot(item, item.kind === 'appeal' ? 'dm' : 'reply');
      for (const macro of DEFAULT_MACRO_LIBRARY.macros) {
        entries.push({
          id: `macro-${macro.id}`,
          label: t('act.palette.macro', { title: macro.title }),
          ...(replyWhy ? { why: t(replyWhy.key) } : {}),
          run: () => useBarRequests.getState().insertMacro(item.id, macro.id),
        });
      }
    }
    entries.push({ id: 'outbox', label: t('act.palette.outbox'), run: () => usePanels.getState().setOutbox(true) });
    return entries;
  }, [item, t]);
}

export function CommandPalette() {
  const { t } = useTranslation();
  const open = usePanels((s) => s.palette);
  const item = useInbox(currentItem);
  const entries = useEntries(item);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const shown = fuzzyFilter(entries, query, (e) => e.label);
  const current = shown[Math.min(active, shown.length - 1)];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setQuery('');
        setActive(0);
        usePanels.getState().setPalette(!usePanels.getState().palette);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    const before = document.activeElement;
    inputRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected && before !== document.body) before.focus();
    };
  }, [open]);

  if (!open) return null;
  const close = () => usePanels.getState().setPalette(false);
  const choose = (entry: Entry | undefined) => {
    if (!entry || entry.why) return;
    // The item opens first, so its bar is mounted to take the request.
    if (item && !useInbox.getState().detailOpen) useInbox.getState().open(item.id);
    close();
    entry.run();
  };

  return (
    <div className="overlay" onClick={close}>
      <div className="dialog palette" role="dialog" aria-modal="true" aria-label={t('act.palette.title')} onClick={(e) => e.stopPropagation()}>
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded="true"
          aria-controls={`${ids}-list`}
          aria-activedescendant={current ? `${ids}-${current.id}` : undefined}
          aria-label={t('act.palette.search')}
          placeholder={item ? t('act.palette.placeholder', { name: item.authorName }) : t('act.palette.placeholderNoItem')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter') choose(current);
            else if (e.key === 'Escape') close();
            else return;
            e.preventDefault();
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
          }}
        />
        <ul id={`${ids}-list`} role="listbox" aria-label={t('act.palette.results')}>
          {shown.map((entry) => (
            <li
              key={entry.id}
              id={`${ids}-${entry.id}`}
              role="option"
              aria-selected={entry === current}
              aria-disabled={entry.why ? true : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(entry)}
            >
              {entry.label}
              {entry.hint && <kbd className="why">{entry.hint}</kbd>}
              {entry.why && <span className="why">— {entry.why}</span>}
            </li>
          ))}
          {shown.length === 0 && <li className="muted">{t('act.palette.none')}</li>}
        </ul>
      </div>
    </div>
  );
}
