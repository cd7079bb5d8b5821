// The outbox you can see: every action with its state in words, newest first; a queued one can be
// cancelled before it is sent. Replay keeps the order the moderator acted in.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionIntent } from '@shared/domain/actions';
import { getDb } from '../../db/instance';
import type { ActionRow } from '../../db/schema';
import { absoluteTime } from '../../lib/format';
import { useActions } from '../../stores/actions';
import { usePanels } from '../../stores/panels';
import { statusWords } from './BulkPanel';
import { useDialog } from '../../components/useDialog';
import '../replies/act.css';

function target(intent: ActionIntent): string {
  switch (intent.kind) {
    case 'reply':
    case 'dm':
    case 'announce':
    case 'edit':
      return intent.text.length > 60 ? `${intent.text.slice(0, 59)}…` : intent.text;
    case 'delete':
      return intent.messageId;
    case 'event':
      return intent.name;
    case 'poll':
      return intent.question;
    case 'slowmode':
      return `${intent.seconds} s`;
    case 'lock':
      return intent.locked ? '🔒' : '🔓';
    case 'pin':
      return intent.messageId;
    case 'resetInvite':
      return '🔗';
    case 'bulkBan':
    case 'bulkRemove':
      return `${intent.memberIds.length} × 👤`;
    default:
      return intent.memberId;
  }
}

export function OutboxBadge() {
  const { t } = useTranslation();
  const count = useActions((s) => s.pendingCount);
  useEffect(() => {
    void useActions.getState().refreshPending();
  }, []);
  return (
    <button type="button" className="outbox-badge" onClick={() => usePanels.getState().setOutbox(!usePanels.getState().outbox)}>
      {count === undefined ? t('act.outbox.badgeCounting') : t('act.outbox.badge', { count })}
    </button>
  );
}

export function OutboxPanel() {
  const { t, i18n } = useTranslation();
  const open = usePanels((s) => s.outbox);
  const version = useActions((s) => s.outboxVersion);
  const cancel = useActions((s) => s.cancel);
  const [rows, setRows] = useState<ActionRow[]>([]);
  /** A cancel that lost to the send (the row was claimed meanwhile): said, not swallowed. */
  const [tooLate, setTooLate] = useState<string | undefined>();

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void getDb()
      .actions.orderBy('createdAt')
      .reverse()
      .limit(200)
      .toArray()
      .then((r) => {
        if (!cancelled) setRows(r);
      });
    return () => {
      cancelled = true;
    };
  }, [open, version]);

  const closeRef = useDialog(open, () => usePanels.getState().setOutbox(false));

  if (!open) return null;
  const close = () => usePanels.getState().setOutbox(false);
  return (
    <div className="overlay" onClick={close}>
      <div className="dialog outbox-panel" role="dialog" aria-modal="true" aria-labelledby="outbox-title" onClick={(e) => e.stopPropagation()}>
        <div className="item-head">
          <h2 id="outbox-title">{t('act.outbox.title')}</h2>
          <button type="button" ref={closeRef} onClick={close}>
            {t('act.member.close')}
          </button>
        </div>
        <p className="muted">{t('act.outbox.explain')}</p>
        {rows.length === 0 ? (
          <p className="muted">{t('act.outbox.empty')}</p>
        ) : (
          <ol className="outbox-list">
            {rows.map((row) => (
              <li key={row.key} className={`outbox-row status-${row.status}`}>
                <strong>{t(`act.kind.${row.intent.kind}`)}</strong> · <span>{target(row.intent)}</span> · <span className="state">{statusWords(t, row, row.intent.platform)}</span> ·{' '}
                <span className="muted">{absoluteTime(row.createdAt, i18n.language)}</span>
                {row.status === 'queued' && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void cancel(row.key).then((done) => setTooLate(done ? undefined : row.key))}
                  >
                    {t('act.outbox.cancel')}
                  </button>
                )}
                {tooLate === row.key && row.status !== 'queued' && (
                  <p className="notice" role="status">
                    {t('act.outbox.cancelTooLate')}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
