// From an inbox item: mark its message as feedback, a bug or an idea (keys f, b, i) for the board.
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@shared/domain/inbox';
import { FEEDBACK_KINDS } from './kinds';
import { useFeedback } from './useFeedback';

export function FeedbackMarker({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const marked = useFeedback((s) => s.marked.get(item.id));
  if (!item.text || item.eventIds.length === 0) return null;
  return (
    <div role="group" aria-label={t('feedback.markAs')} className="feedback-marker inline-form">
      <span>{t('feedback.markAs')}:</span>
      {FEEDBACK_KINDS.map(({ kind, key }) => (
        <button key={kind} type="button" aria-pressed={marked === kind} aria-keyshortcuts={key} onClick={() => void useFeedback.getState().mark(item, kind)}>
          {t(`feedback.kind.${kind}`)}
        </button>
      ))}
      {marked && <span role="status">{t('feedback.marked', { kind: t(`feedback.kind.${marked}`) })}</span>}
    </div>
  );
}
