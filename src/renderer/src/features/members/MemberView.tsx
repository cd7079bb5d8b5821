// The member view: one member's history on this computer — cases, flagged messages, join date and
// account age, and moderators' notes (add one). Opened by clicking an author or pressing m.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTOMATION_MODERATOR } from '@shared/domain/automation';
import { absoluteTime, errorInWords, relativeTime } from '../../lib/format';
import { useModeration } from '../../stores/moderation';
import { PlatformBadge } from '../../components/PlatformBadge';
import { useMemberHistory } from './useMemberHistory';
import { PersonPanel } from './PersonPanel';
import { RecentMessages } from '../flag/RecentMessages';
import { useDialog } from '../../components/useDialog';
import { canUndoAutomatic, undoAutomaticCase } from '../conversation/caseActions';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft } from '../replies/keptDrafts';
import '../replies/act.css';

export function MemberView() {
  const { t, i18n } = useTranslation();
  const member = useModeration((s) => s.member);
  const addNote = useModeration((s) => s.addNote);
  const history = useMemberHistory(member?.sourceId, member?.memberId, true);
  // A note being written is kept by member on this computer (keptDrafts) until it is saved.
  const noteKey = `note:${member?.sourceId ?? ''}:${member?.memberId ?? ''}`;
  const [note, setNote] = useKeptDraft(noteKey, () => '');
  const [undo, setUndo] = useState<{ id: string; result: 'done' | 'failed' | 'waiting' }>();
  const ids = useId();
  const close = () => useModeration.getState().openMember(undefined);

  const closeRef = useDialog(!!member, close);

  if (!member) return null;
  const now = history.now;
  const lang = i18n.language;
  const a = history.author;
  return (
    <div className="overlay" onClick={close}>
      <div className="dialog member-view" role="dialog" aria-modal="true" aria-labelledby={`${ids}-title`} onClick={(e) => e.stopPropagation()}>
        <div className="item-head">
          <h2 id={`${ids}-title`}>
            <PlatformBadge platform={member.platform} /> {member.name || member.memberId}
          </h2>
          <button type="button" ref={closeRef} onClick={close}>
            {t('act.member.close')}
          </button>
        </div>
        <dl className="member-facts">
          <div>
            <dt>{t('act.member.id')}</dt>
            <dd>
              <code>{member.memberId}</code>
            </dd>
          </div>
          <div>
            <dt>{t('act.member.joined')}</dt>
            <dd>{a?.joinedAt ? `${absoluteTime(a.joinedAt, lang)} (${relativeTime(a.joinedAt, now, lang, t('time.justNow'))})` : t('act.member.unknown')}</dd>
          </div>
          <div>
            <dt>{t('act.member.accountAge')}</dt>
            <dd>{a?.accountCreatedAt ? `${absoluteTime(a.accountCreatedAt, lang)} (${relativeTime(a.accountCreatedAt, now, lang, t('time.justNow'))})` : t('act.member.unknown')}</dd>
          </div>
        </dl>
        <PersonPanel member={member} cases={history.cases} />
        <section aria-labelledby={`${ids}-cases`}>
          <h3 id={`${ids}-cases`}>{t('act.member.cases', { count: history.cases.length })}</h3>
          {history.cases.length === 0 ? (
            <p className="muted">{t('act.member.noCases')}</p>
          ) : (
            <ul className="case-list">
              {history.cases.map((c) => (
                <li key={c.id} className="case">
                  {c.platform !== member.platform && <PlatformBadge platform={c.platform} />} <strong>{t(`act.caseAction.${c.action}`)}</strong> · {c.reason} · {t('act.member.by', { name: c.moderator === AUTOMATION_MODERATOR ? t('act.member.automation') : c.moderator || '?' })} · {absoluteTime(c.createdAt, lang)}
                  {c.result === 'pending' && <span className="tag case-pending"> {t('act.member.pending')}</span>}
                  {c.result === 'failed' && (
                    <span className="tag case-failed"> {t('act.member.failed', { why: c.error ? errorInWords(t, c.error, c.platform) : t('act.outbox.status.failed') })}</span>
                  )}
                  {c.expiresAt && c.result !== 'failed' && <span className="muted"> · {t('act.member.expires', { time: absoluteTime(c.expiresAt, lang) })}</span>}
                  {c.appeal && <span className="tag">{t(`act.appeal.${c.appeal.outcome}`, { name: c.appeal.reviewer || '?' })}</span>}
                  {canUndoAutomatic(c) && (
                    <button type="button" className="link" onClick={() => void undoAutomaticCase(c).then((r) => setUndo({ id: c.id, result: r }))}>
                      {t('act.member.undoAutomatic')}
                    </button>
                  )}
                  {c.moderator === AUTOMATION_MODERATOR && c.action === 'delete' && <span className="muted small"> · {t('act.member.noUndoDelete')}</span>}
                  {undo?.id === c.id && undo.result !== 'done' && <span role="status"> {t(`act.member.undo.${undo.result}`)}</span>}
                  {c.evidence.length > 0 && (
                    <ul className="evidence">
                      {c.evidence.map((ev) => (
                        <li key={ev.eventId}>
                          <q>{ev.text}</q>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby={`${ids}-flagged`}>
          <h3 id={`${ids}-flagged`}>{t('act.member.flagged', { count: history.items.length })}</h3>
          <ul className="flagged-list">
            {history.items.slice(0, 20).map((item) => (
              <li key={item.id}>
                {item.text || t('inbox.noText')} <span className="muted">· {absoluteTime(item.createdAt, lang)}</span>
              </li>
            ))}
          </ul>
        </section>
        <RecentMessages member={member} />
        <section aria-labelledby={`${ids}-notes`}>
          <h3 id={`${ids}-notes`}>{t('act.member.notes')}</h3>
          <ul className="notes">
            {history.notes.map((n) => (
              <li key={n.id}>
                {n.text} <span className="muted">· {t('act.member.by', { name: n.author || '?' })} · {absoluteTime(n.createdAt, lang)}</span>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!note.trim()) return;
              const written = note;
              // Cleared once stored; a note that could not be stored stays in the box (and on this computer).
              void addNote(member, written.trim()).then(
                () => setNote((d) => (d === written ? '' : d)),
                (err: unknown) => console.error('Could not store the note', err),
              );
            }}
          >
            <label htmlFor={`${ids}-note`}>{t('act.member.addNote')}</label>
            <textarea id={`${ids}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
            <DraftRestored draftKey={noteKey} />
            <button type="submit" disabled={!note.trim()}>
              {t('act.member.saveNote')}
            </button>
          </form>
        </section>
      </div>
    </div>
  );
}
