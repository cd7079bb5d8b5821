// The "?" overlay listing the keyboard shortcuts: every key keyboard.ts handles, nothing it does not.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../stores/settings';

const rows: Array<[string[], string]> = [
  [['j', 'k', '↓', '↑'], 'shortcuts.move'],
  [['Enter', 'o'], 'shortcuts.open'],
  [['d'], 'shortcuts.delete'],
  [['r'], 'shortcuts.reply'],
  [['t'], 'shortcuts.timeout'],
  [['e'], 'shortcuts.resolve'],
  [['w'], 'shortcuts.warn'],
  [['m'], 'shortcuts.member'],
  [['a'], 'shortcuts.announcements'],
  [['f', 'b', 'i'], 'shortcuts.feedback'],
  [['x'], 'shortcuts.flag'],
  [['Shift+I'], 'insights.key'],
  [['Ctrl/⌘', 'K'], 'shortcuts.palette'],
  [['Esc'], 'shortcuts.back'],
  [['?'], 'shortcuts.help'],
];

export function ShortcutHelp() {
  const { t } = useTranslation();
  const open = useSettings((s) => s.shortcutsOpen);
  const setOpen = useSettings((s) => s.setShortcutsOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  // Focus goes into the dialog, and back where it was when the dialog closes.
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" onClick={() => setOpen(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <dl className="shortcut-list">
          {rows.map(([keys, label]) => (
            <div key={label}>
              <dt>
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeRef} onClick={() => setOpen(false)}>
          {t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
