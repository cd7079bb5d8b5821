// The warn ladder's proposal for the item's author, with a button that opens that action's form. A
// self-harm flag is a care signal: the hint proposes a caring reply instead, never a warn, kick or ban.
import { useTranslation } from 'react-i18next';
import { proposeNextStep } from '@shared/domain/cases';
import { isMultiAccount, type InboxItem } from '@shared/domain/inbox';
import { durationLabel } from '../../lib/format';
import { useModeration } from '../../stores/moderation';
import { useMemberHistory } from '../members/useMemberHistory';
import { whyNot } from './ActionBar';
import { useBarRequests } from './requests';

export function LadderHint({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const ladder = useModeration((s) => s.ladder);
  const history = useMemberHistory(item.sourceId, item.authorId || undefined);
  if (item.categories.includes('self-harm')) {
    return (
      <p className="ladder notice care">
        <span>{t('act.ladder.care')}</span>{' '}
        <button type="button" className="link-button" onClick={() => useBarRequests.getState().insertMacro(item.id, 'support-resources')}>
          {t('act.ladder.careOpen')}
        </button>
      </p>
    );
  }
  if (!item.authorId || isMultiAccount(item)) return null;
  const next = proposeNextStep(history.cases, ladder, history.now, { platform: item.platform, memberId: item.authorId });
  if (next.action === 'none') return <p className="ladder muted">{t('act.ladder.banned')}</p>;
  const command = next.action;
  const words =
    next.action === 'warn'
      ? t('act.ladder.warn', { n: next.warnNumber, of: ladder.warns, days: ladder.windowDays })
      : t('act.ladder.climb', { action: t(`act.caseAction.${next.action}`), duration: next.durationSeconds ? ` (${durationLabel(t, next.durationSeconds)})` : '', warns: next.activeWarns, days: ladder.windowDays });
  const disabled = !!whyNot(item, command);
  return (
    <p className="ladder notice">
      <span>{words}</span>{' '}
      <button type="button" className="link-button" disabled={disabled} onClick={() => useBarRequests.getState().openForm(item.id, command)}>
        {t('act.ladder.open', { action: t(`act.caseAction.${next.action}`) })}
      </button>
    </p>
  );
}
