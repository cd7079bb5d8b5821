// One inbox row: where and who, a safe text preview, why it was flagged, when, and the outcome.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { leadingFlag, type InboxItem } from '@shared/domain/inbox';
import { PlatformBadge } from '../../components/PlatformBadge';
import { RelativeTime } from '../../components/Time';
import { flagReasonInWords } from '../../lib/flagReason';
import { communityName, outcomeInWords, placeName } from '../../lib/format';
import { useSources } from '../../stores/sources';
import { ClaimBadge } from '../shifts/Claim';

/** "Mika, Jo +8" for a group of accounts; undefined for one author. */
function groupAuthors(item: InboxItem): string | undefined {
  const accounts = item.accounts;
  const count = item.accountCount ?? accounts?.length ?? 1;
  if (!accounts || count < 2) return undefined;
  const shown = accounts.slice(0, 2).map((a) => a.name);
  return count > shown.length ? `${shown.join(', ')} +${count - shown.length}` : shown.join(', ');
}

interface Props {
  item: InboxItem;
  selected: boolean;
  open: boolean;
  domId: string;
  onPick(id: string): void;
}

export const InboxRow = memo(function InboxRow({ item, selected, open, domId, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const flag = leadingFlag(item.flags);
  const more = item.flags.length - 1;
  // A WhatsApp group's Community, by name (a string: the row re-renders only when it changes).
  const community = useSources((s) => (item.platform === 'whatsapp' ? communityName(s.sources, item) : undefined));
  return (
    <div
      id={domId}
      role="option"
      aria-selected={selected}
      className={`inbox-row sev-${item.severity}${selected ? ' selected' : ''}${open ? ' open' : ''} status-${item.status}`}
      onClick={() => onPick(item.id)}
    >
      <div className="row-line row-head">
        <PlatformBadge platform={item.platform} />
        <span className="channel">{community ? t('inbox.inCommunity', { community, group: placeName(item.platform, item.channelName) }) : placeName(item.platform, item.channelName)}</span>
        <span className="author">{groupAuthors(item) ?? item.authorName}</span>
        {item.kind === 'incident' && <span className="tag">{t('inbox.events', { count: item.eventCount ?? item.eventIds.length })}</span>}
        {item.reports && item.reports.count > 0 && <span className="tag tag-reports">{t('inbox.reports', { count: item.reports.count })}</span>}
        <ClaimBadge itemId={item.id} />
        <span className="row-time">
          <RelativeTime ts={item.createdAt} />
        </span>
      </div>
      <div className="row-line row-text">
        {item.messageDeleted && <span className="tag tag-deleted">{t('inbox.messageDeleted')}</span>}
        <span className="preview">{item.text || t('inbox.noText')}</span>
      </div>
      <div className="row-line row-why">
        {item.outcome ? (
          <span className={item.outcome.ok ? 'outcome ok' : 'outcome failed'}>{outcomeInWords(t, item.outcome, i18n.language)}</span>
        ) : item.kind === 'newcomer' ? (
          <span className="category newcomer">{t('inbox.newcomerFirst')}</span>
        ) : (
          flag && (
            <>
              <span className={`sev sev-${flag.severity}`}>{t(`severity.${flag.severity}`)}</span>
              <span className="category">{t(`category.${flag.category}`)}</span>
              <span className="rule">{flag.rule}</span>
              <span className="reason">{flagReasonInWords(t, flag)}</span>
              {more > 0 && <span className="more">{t('inbox.moreFlags', { count: more })}</span>}
            </>
          )
        )}
      </div>
    </div>
  );
});
