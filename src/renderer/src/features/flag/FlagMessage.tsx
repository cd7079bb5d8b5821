// "Flag…" on a message shown in the console (an item's conversation, an incident's messages): a category
// and an optional note open an item for a message triage missed. A message already flagged says so instead.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HAND_FLAG_CATEGORIES, HAND_FLAG_NOTE_MAX, type HandFlagCategory, type HandFlagMark } from '@shared/domain/handFlags';
import { getDb } from '../../db/instance';
import { useHandFlags, type FlagTarget } from '../../stores/handFlags';
import { useInbox } from '../../stores/inbox';
import { useTeam } from '../../stores/team';

/** Who flagged the message by hand (the team ledger), or whether an item already holds it; undefined: not flagged. */
function useFlaggedState(eventId: string, known: boolean): { by?: string } | undefined {
  const byLedger = useTeam((s) => {
    const flag = s.view?.state.handFlags?.find((f) => f.ev === eventId);
    return flag ? (s.view?.state.roster[flag.by]?.name ?? '?') : undefined;
  });
  const mine = useHandFlags((s) => s.flagged.has(eventId));
  // Read again when new items were stored (one may hold this message now); not on every batch, which under a
  // raid would ask the store for every message on screen many times a second.
  const inboxVersion = useInbox((s) => s.announcement.seq);
  const [inItem, setInItem] = useState(known);
  useEffect(() => {
    if (known) return;
    let cancelled = false;
    void getDb()
      .inboxItems.where('eventIds')
      .equals(eventId)
      .count()
      .then(
        (n) => !cancelled && setInItem(n > 0),
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
  }, [eventId, known, inboxVersion]);
  if (byLedger !== undefined) return { by: byLedger };
  if (mine || inItem || known) return {};
  return undefined;
}

export function FlagMessage({ message, flagged = false }: { message: FlagTarget; flagged?: boolean }) {
  const { t } = useTranslation();
  const ids = useId();
  const state = useFlaggedState(message.id, flagged);
  const open = useHandFlags((s) => s.formFor === message.id);
  const outcome = useHandFlags((s) => s.flagged.get(message.id));
  const [category, setCategory] = useState<HandFlagCategory>('scam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (open) selectRef.current?.focus();
  }, [open]);

  if (!message.messageId) return null;
  if (state) {
    return (
      <span className="hand-flag-state" data-testid="hand-flag-state">
        <span className="tag tag-flagged">{state.by !== undefined ? t('handFlag.flaggedBy', { name: state.by }) : t('handFlag.alreadyFlagged')}</span>
        {outcome && (
          <span role="status" className="muted small">
            {' '}
            {t(`handFlag.${outcome}`)}
          </span>
        )}
      </span>
    );
  }
  if (!open) {
    return (
      <button type="button" className="link-button hand-flag-open" aria-keyshortcuts="x" aria-label={t('handFlag.openLabel')} onClick={() => useHandFlags.getState().openForm(message.id)}>
        {t('handFlag.open')}
      </button>
    );
  }
  const close = () => {
    useHandFlags.getState().openForm(undefined);
    // Back to the message the form was for, so the keyboard goes on from there.
    (formRef.current?.closest('[data-flag-event]') as HTMLElement | null)?.focus();
  };
  return (
    <form
      ref={formRef}
      className="hand-flag-form inline-form"
      aria-label={t('handFlag.form')}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        const row = formRef.current?.closest('[data-flag-event]') as HTMLElement | null;
        void useHandFlags
          .getState()
          .flag(message, category, note)
          .finally(() => {
            setBusy(false);
            row?.focus();
          });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <label htmlFor={`${ids}-cat`}>{t('handFlag.category')}</label>
      <select id={`${ids}-cat`} ref={selectRef} value={category} onChange={(e) => setCategory(e.target.value as HandFlagCategory)}>
        {HAND_FLAG_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`handFlag.categories.${c}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-note`}>{t('handFlag.note')}</label>
      <input id={`${ids}-note`} type="text" maxLength={HAND_FLAG_NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={busy}>
        {t('handFlag.submit')}
      </button>
      <button type="button" onClick={close}>
        {t('handFlag.cancel')}
      </button>
    </form>
  );
}

/** Who flagged the item's message by hand because triage missed it, as what, and their note (as text). */
export function HandFlagMarks({ marks }: { marks: readonly HandFlagMark[] }) {
  const { t } = useTranslation();
  return (
    <section className="item-hand-flags" aria-labelledby="hand-flags-title" data-testid="hand-flags">
      <h3 id="hand-flags-title">{t('handFlag.marks')}</h3>
      <ul>
        {marks.map((m) => (
          <li key={m.id}>
            <strong>{t('handFlag.flaggedBy', { name: m.name })}</strong> <span className="muted small">{t('handFlag.mark', { name: m.name, category: t(`handFlag.categories.${m.category}`) })}</span>
            {m.note && <p className="hand-flag-note">{m.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
