// Under a message: the flags triage dropped on context, and why (issue 14), so a moderator can tell a judged
// message from a missed one and check the judgement. Plain text only: the words are platform text.
import { useTranslation } from 'react-i18next';
import type { DroppedFlag } from '@shared/domain/model';
import { droppedBy, droppedInWords } from '../../lib/droppedReason';

export function DroppedNotes({ dropped }: { dropped: readonly DroppedFlag[] | undefined }) {
  const { t } = useTranslation();
  if (!dropped || dropped.length === 0) return null;
  return (
    <ul className="dropped-flags" data-testid="dropped-flags">
      {dropped.map((d, i) => (
        <li key={`${d.rule}:${d.category}:${i}`} className="dropped-flag">
          {droppedInWords(t, d)} <span className="muted small">({droppedBy(t, d)})</span>
        </li>
      ))}
    </ul>
  );
}
