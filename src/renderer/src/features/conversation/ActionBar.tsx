// The action bar: delete, reply, timeout (with a duration), resolve without action. Each action goes
// through the outbox; what the platform cannot do is disabled with the reason next to it. Mounted
// per item (key), so a half-written reply never jumps to another item.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionKind } from '@shared/domain/actions';
import type { InboxItem } from '@shared/domain/inbox';
import { TIMEOUT_CHOICES, placeName } from '../../lib/format';
import { useActions } from '../../stores/actions';
import { capabilityOf, deleteIntent, replyIntent, timeoutIntent } from './intents';
import { useBarRequests } from './requests';

function useWhyNot(item: InboxItem, kind: ActionKind): string | undefined {
  const { t } = useTranslation();
  const cap = capabilityOf(item, kind);
  if (!cap.supported) return cap.whyNot ? t(cap.whyNot) : t('errors.unsupported');
  if (kind === 'delete' && item.messageDeleted) return t('actions.alreadyDeleted');
  if (kind === 'timeout' && !item.authorId) return t('actions.noAuthor');
  return undefined;
}

export function ActionBar({ item, busy }: { item: InboxItem; busy: boolean }) {
  const { t } = useTranslation();
  const run = useActions((s) => s.run);
  const dismiss = useActions((s) => s.dismiss);
  const pickerOpen = useBarRequests((s) => s.pickerFor === item.id);
  const replyRequest = useBarRequests((s) => (s.replyFor === item.id ? s.replySeq : 0));
  const [reply, setReply] = useState('');
  const [duration, setDuration] = useState<number>(600);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const durationRef = useRef<HTMLSelectElement>(null);
  const ids = useId();
  const deleteWhy = useWhyNot(item, 'delete');
  const replyWhy = useWhyNot(item, 'reply');
  const timeoutWhy = useWhyNot(item, 'timeout');
  const resolved = item.status === 'resolved';

  useEffect(() => {
    if (replyRequest) replyRef.current?.focus();
  }, [replyRequest]);

  useEffect(() => {
    if (pickerOpen) durationRef.current?.focus();
  }, [pickerOpen]);

  const sendReply = () => {
    const text = reply.trim();
    if (!text || busy) return;
    setReply('');
    void run(replyIntent(item, text));
  };

  return (
    <section className="action-bar" aria-label={t('actions.bar')}>
      <div className="action-buttons">
        <div className="action">
          <button type="button" className="danger" disabled={busy || !!deleteWhy} aria-describedby={deleteWhy ? `${ids}-del` : undefined} aria-keyshortcuts="d" onClick={() => void run(deleteIntent(item))}>
            {t('actions.delete')}
          </button>
          {deleteWhy && (
            <span id={`${ids}-del`} className="why-not">
              {deleteWhy}
            </span>
          )}
        </div>
        <div className="action">
          <button type="button" disabled={busy || !!timeoutWhy} aria-expanded={pickerOpen} aria-controls={`${ids}-picker`} aria-describedby={timeoutWhy ? `${ids}-to` : undefined} aria-keyshortcuts="t" onClick={() => (pickerOpen ? useBarRequests.getState().closePicker() : useBarRequests.getState().openPicker(item.id))}>
            {t('actions.timeout')}
          </button>
          {timeoutWhy && (
            <span id={`${ids}-to`} className="why-not">
              {timeoutWhy}
            </span>
          )}
        </div>
        <div className="action">
          <button type="button" disabled={busy || resolved} aria-keyshortcuts="e" onClick={() => void dismiss(item.id)}>
            {t('actions.resolve')}
          </button>
        </div>
      </div>
      {pickerOpen && !timeoutWhy && (
        <form
          id={`${ids}-picker`}
          className="timeout-picker"
          onSubmit={(e) => {
            e.preventDefault();
            useBarRequests.getState().closePicker();
            void run(timeoutIntent(item, duration));
          }}
        >
          <label htmlFor={`${ids}-dur`}>{t('actions.timeoutDuration')}</label>
          <select id={`${ids}-dur`} ref={durationRef} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {TIMEOUT_CHOICES.map((c) => (
              <option key={c.seconds} value={c.seconds}>
                {t(c.key)}
              </option>
            ))}
          </select>
          <button type="submit" className="danger" disabled={busy}>
            {t('actions.timeoutApply')}
          </button>
        </form>
      )}
      <form
        className="reply"
        onSubmit={(e) => {
          e.preventDefault();
          sendReply();
        }}
      >
        <label htmlFor={`${ids}-reply`}>{t('actions.replyLabel', { channel: placeName(item.platform, item.channelName) })}</label>
        <textarea
          id={`${ids}-reply`}
          ref={replyRef}
          rows={2}
          maxLength={4000}
          value={reply}
          disabled={!!replyWhy}
          placeholder={t('actions.replyPlaceholder')}
          aria-keyshortcuts="r"
          onChange={(e) => setReply(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              sendReply();
            }
          }}
        />
        <button type="submit" disabled={busy || !!replyWhy || reply.trim() === ''}>
          {t('actions.send')}
        </button>
      </form>
    </section>
  );
}
