// The open item: the flagged message with its evidence, why it was flagged, what happened to it,
// the action bar, and the conversation around it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareSeverity, type InboxItem } from '@shared/domain/inbox';
import type { AutomaticAction } from '@shared/domain/model';
import { PlatformBadge } from '../../components/PlatformBadge';
import { RelativeTime } from '../../components/Time';
import { flagReasonInWords } from '../../lib/flagReason';
import { durationLabel, errorInWords, forwardNote, outcomeInWords, placeName } from '../../lib/format';
import { useActions } from '../../stores/actions';
import { useInbox } from '../../stores/inbox';
import { FeedbackMarker } from '../feedback/FeedbackMarker';
import { ActionBar } from './ActionBar';
import { ClaimGate } from '../shifts/Claim';
import { AppealPanel } from './AppealPanel';
import { BulkPanel } from './BulkPanel';
import { LadderHint } from './LadderHint';
import { useModeration } from '../../stores/moderation';
import { EvidenceText, LinkTargets, MarkdownText } from './MessageText';
import { holdOf, releaseHold, type HoldState } from './caseActions';
import { useConversation, useIncidentMessages, type ContextMessage } from './useConversation';
import { DroppedNotes } from './DroppedNotes';
import { FlagMessage, HandFlagMarks } from '../flag/FlagMessage';

function ContextRow({ message, flagged }: { message: ContextMessage; flagged: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`context-message${flagged ? ' flagged' : ''}${message.deleted ? ' deleted' : ''}`} tabIndex={0} data-flag-event={message.id}>
      <div className="context-meta">
        <span className="author">{message.author?.displayName ?? message.author?.name ?? '?'}</span>
        <RelativeTime ts={message.ts} />
        {flagged && <span className="tag tag-flagged">{t('item.flagged')}</span>}
        {message.deleted && <span className="tag tag-deleted">{t('item.deleted')}</span>}
        {message.editedAt !== undefined && <span className="tag">{t('item.edited')}</span>}
        {forwardNote(t, message) !== undefined && <span className="tag forwarded">{forwardNote(t, message)}</span>}
        {!message.deleted && !flagged && <FlagMessage message={message} />}
      </div>
      <MarkdownText text={message.text ?? ''} />
      <DroppedNotes dropped={message.dropped} />
    </li>
  );
}

function Outcome({ item }: { item: InboxItem }) {
  const { t, i18n } = useTranslation();
  const outcome = item.outcome;
  const latest = useActions((s) => s.latestByItem.get(item.id));
  if (!outcome) return null;
  const error = outcome.error;
  // The platform was already in the intended state: say what main found instead of claiming we acted.
  const receipt = latest && latest.key === outcome.actionKey ? latest.receipt : undefined;
  return (
    <div className={outcome.ok ? 'notice ok' : 'notice failed'} role={outcome.ok ? 'status' : 'alert'}>
      <p>{outcomeInWords(t, outcome, i18n.language)}</p>
      {!outcome.ok && error && <p>{errorInWords(t, error, item.platform)}</p>}
      {/* Worded from the action's kind here: main's `detail` is English for the log. */}
      {receipt?.alreadyDone && <p>{t(`act.alreadyDoneKind.${receipt.kind}`, { defaultValue: t('act.alreadyDone') })}</p>}
      {/* Done, but main could not journal it (disk full): said, never turned into a failure. */}
      {receipt?.warning && <p role="alert">{errorInWords(t, receipt.warning, item.platform)}</p>}
    </div>
  );
}

/** What happened to the item the moderator just acted on and left (act → next), with a way back to it. */
function PreviousItem({ current }: { current: string }) {
  const { t, i18n } = useTranslation();
  const previous = useInbox((s) => (s.previousId && s.previousId !== current ? s.byId.get(s.previousId) : undefined));
  if (!previous?.outcome) return null;
  return (
    <div className={`notice previous ${previous.outcome.ok ? 'ok' : 'failed'}`} role="status" data-testid="previous-item">
      <span>{outcomeInWords(t, previous.outcome, i18n.language)}</span>
      <span className="muted">
        {' '}
        · {previous.authorName}: {previous.text.slice(0, 80)}
      </span>{' '}
      <button type="button" className="link-button" onClick={() => useInbox.getState().open(previous.id)}>
        {t('item.showPrevious')}
      </button>
    </div>
  );
}

export function ItemView({ item }: { item: InboxItem | undefined }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const conversation = useConversation(item);
  const incident = useIncidentMessages(item);
  const latest = useActions((s) => (item ? s.latestByItem.get(item.id) : undefined));
  const waiting = useActions((s) => (item ? s.waiting.has(item.id) : false));
  // One action at a time per item, also while it waits for the connection: a second press would act twice.
  const pending = !!latest && (latest.status === 'queued' || latest.status === 'sent');
  const busy = pending || waiting;

  useEffect(() => {
    if (item) headingRef.current?.focus({ preventScroll: true });
  }, [item?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!item) {
    return (
      <main id="item" className="item-view empty-view">
        <PreviousItem current="" />
        <p>{t('item.none')}</p>
      </main>
    );
  }
  const primary = conversation.primary;
  const text = primary?.text ?? item.text;
  // An item an edit opened carries the edit's evidence; the message row keeps the create's.
  const spans = [...item.flags, ...(primary?.flags ?? [])].flatMap((f) => f.evidence);
  // What the message said before it was edited (the edit may be what made it harmful).
  const before = primary?.originalText !== undefined && primary.originalText !== primary.text ? primary.originalText : undefined;

  return (
    <main id="item" className="item-view" aria-labelledby="item-title">
      <div className="item-head">
        <h2 id="item-title" ref={headingRef} tabIndex={-1}>
          {t(`kind.${item.kind}`)} · {t(`item.status.${item.status}`)}
        </h2>
        <button type="button" className="link-button" aria-keyshortcuts="Escape" onClick={() => useInbox.getState().open(undefined)}>
          {t('item.close')}
        </button>
      </div>

      <PreviousItem current={item.id} />
      <section className={`flagged-message sev-${item.severity}`} aria-labelledby="flagged-title">
        <h3 id="flagged-title" className="visually-hidden">
          {t('item.flaggedMessage')}
        </h3>
        <div className="message-meta">
          <PlatformBadge platform={item.platform} />
          <span className="channel">{placeName(item.platform, item.channelName)}</span>
          {item.authorId ? (
            <button
              type="button"
              className="link-button author"
              aria-keyshortcuts="m"
              title={t('act.member.open')}
              onClick={() => useModeration.getState().openMember({ sourceId: item.sourceId, platform: item.platform, spaceId: item.spaceId, memberId: item.authorId, name: item.authorName })}
            >
              {item.authorName}
            </button>
          ) : (
            <span className="author">{item.authorName}</span>
          )}
          <RelativeTime ts={item.createdAt} />
          {item.messageDeleted && <span className="tag tag-deleted">{t('inbox.messageDeleted')}</span>}
        </div>
        {primary && forwardNote(t, primary) !== undefined && (
          <p className="forwarded muted" data-testid="forwarded-from">
            {forwardNote(t, primary)}
          </p>
        )}
        {before !== undefined && (
          <div className="edit-before" data-testid="edit-before">
            <h4 className="edit-label">{t('item.beforeEdit')}</h4>
            {before ? <p className="message-text plain">{before}</p> : <p className="muted">{t('inbox.noText')}</p>}
            <h4 className="edit-label">{t('item.afterEdit')}</h4>
          </div>
        )}
        <div className={item.messageDeleted ? 'deleted-text' : undefined}>{text ? <EvidenceText text={text} spans={spans} /> : <p className="muted">{t('inbox.noText')}</p>}</div>
        {primary?.linkTargets && primary.linkTargets.length > 0 && <LinkTargets targets={primary.linkTargets} />}
      </section>

      {primary?.automatic && primary.automatic.length > 0 && <AutomaticActions actions={primary.automatic} item={item} />}
      {item.reports && item.reports.count > 0 && <Reports item={item} />}
      {item.handFlags && item.handFlags.length > 0 && <HandFlagMarks marks={item.handFlags} />}
      <Outcome item={item} />
      {pending && !waiting && (
        <p className="notice pending" role="status">
          {t('item.pending')}
        </p>
      )}
      {waiting && (
        <p className="notice pending" role="status">
          {t('item.retryLater')}
        </p>
      )}

      <LadderHint item={item} />
      {item.kind === 'appeal' && <AppealPanel item={item} />}
      {item.kind === 'newcomer' && (
        <p className="newcomer-note">
          <strong>{t('inbox.newcomerFirst')}</strong> {t('inbox.newcomerHint')}
        </p>
      )}
      {/* Stays mounted while the incident's rows reload, so a bulk run in progress keeps its plan. */}
      {item.kind === 'incident' && <BulkPanel key={`bulk:${item.id}`} item={item} rows={incident} />}
      <ClaimGate key={`claim:${item.id}`} item={item}>
        <ActionBar key={item.id} item={item} busy={busy} />
        <FeedbackMarker item={item} />
      </ClaimGate>

      <section className="flags" aria-labelledby="flags-title">
        <h3 id="flags-title">{t('item.flags')}</h3>
        <TruncationNote flags={item.flags} />
        <ul>
          {[...item.flags].sort((a, b) => compareSeverity(b.severity, a.severity)).map((f, i) => (
            <li key={`${f.rule}-${i}`} className="flag">
              <span className={`sev sev-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
              <span className="category">{t(`category.${f.category}`)}</span>
              <span className="rule">
                {t('item.rule')}: <code>{f.rule}</code>
              </span>
              <p className="reason">{flagReasonInWords(t, f)}</p>
            </li>
          ))}
        </ul>
        {/* What context kept off this message (a scam flag on a warning that is also rude, say), and why. */}
        <DroppedNotes dropped={primary?.dropped} />
      </section>

      {incident.length > 0 && (
        <section className="context" aria-labelledby="incident-title">
          <h3 id="incident-title">{item.kind === 'appeal' ? t('act.appeal.messages') : t('item.incidentMessages')}</h3>
          <ol className="context-list">
            {incident.map((m) => (
              <ContextRow key={m.id} message={m} flagged={m.id === item.primaryEventId} />
            ))}
          </ol>
        </section>
      )}

      <section className="context" aria-labelledby="context-title" aria-busy={conversation.status === 'loading'}>
        <h3 id="context-title">{t('item.context')}</h3>
        {conversation.status === 'loading' && <p className="muted">{t('item.contextLoading')}</p>}
        {conversation.status === 'local' && <p className="muted">{t('item.contextOffline')}</p>}
        {conversation.status !== 'loading' && conversation.messages.length === 0 && <p className="muted">{t('item.contextEmpty')}</p>}
        <ol className="context-list">
          {conversation.messages.map((m) => (
            <ContextRow key={m.id} message={m} flagged={m.id === item.primaryEventId || (!!item.messageId && m.messageId === item.messageId)} />
          ))}
        </ol>
      </section>
    </main>
  );
}

/** Triage reads a bounded prefix of a message (issue 17): say so when this one was longer. */
function TruncationNote({ flags }: { flags: InboxItem['flags'] }) {
  const { t, i18n } = useTranslation();
  const checked = flags.find((f) => f.checkedChars !== undefined)?.checkedChars;
  if (checked === undefined) return null;
  return (
    <p className="notice truncated" role="note">
      {t('item.truncated', { chars: checked.toLocaleString(i18n.language) })}
    </p>
  );
}

/** Who reported the message (issue 15): the count, and each reporter with what makes their report weigh more. */
function Reports({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const reports = item.reports!;
  return (
    <section className="item-reports" aria-labelledby="reports-title" data-testid="item-reports">
      <h3 id="reports-title">
        {t('item.reports.title', { count: reports.count })} <span className="muted small">({t('item.reports.weight', { weight: reports.weight })})</span>
      </h3>
      <ul className="reporters">
        {reports.reporters.map((r) => (
          <li key={`${r.sourceId}:${r.id}`}>
            <PlatformBadge platform={r.platform} /> {r.name}
            {r.trust.length > 0 && <span className="muted small"> · {r.trust.map((k) => t(`item.reports.trust.${k}`)).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the matched rules did to the message on their own, or (in dry run) would have done (issue 15). */
function AutomaticActions({ actions, item }: { actions: readonly AutomaticAction[]; item: InboxItem }) {
  const { t } = useTranslation();
  return (
    <ul className="automatic-actions" data-testid="automatic-actions">
      {actions.map((a) => {
        const what = a.kind === 'timeout' ? t('item.automatic.timeout', { duration: durationLabel(t, a.durationSeconds ?? 600) }) : t(`item.automatic.${a.kind}`);
        return (
          <li key={a.key} className={a.dryRun ? 'notice' : 'notice ok'}>
            {a.dryRun ? t('item.automatic.dryRun', { rule: a.rule, what }) : t('item.automatic.done', { rule: a.rule, what })}
            {a.kind === 'hold' && !a.dryRun && <HoldRelease item={item} />}
          </li>
        );
      })}
    </ul>
  );
}

/** "Release" for a held message: the bot posts it again, quoted (caseActions.releaseHold); then where that stands. */
function HoldRelease({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const outboxVersion = useActions((s) => s.outboxVersion);
  const [state, setState] = useState<HoldState>();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<'done' | 'failed' | 'waiting'>();

  useEffect(() => {
    let cancelled = false;
    void holdOf(item).then(
      (s) => !cancelled && setState(s),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [item, outboxVersion, answer]);

  if (!state?.held) return null;
  const status = state.release?.status;
  if (status === 'confirmed') return <span data-testid="hold-released"> {t('item.automatic.released')}</span>;
  const release = () => {
    setBusy(true);
    void releaseHold(item)
      .then(setAnswer, () => setAnswer('failed'))
      .finally(() => setBusy(false));
  };
  return (
    <>
      {' '}
      {status === 'queued' || status === 'sent' ? (
        <span role="status">{t('item.automatic.releaseWaiting')}</span>
      ) : (
        <button type="button" className="link" disabled={busy} onClick={release} title={t('item.automatic.releaseHint')}>
          {t('item.automatic.release')}
        </button>
      )}
      {(status === 'failed' || answer === 'failed') && <span role="alert"> {t('item.automatic.releaseFailed')}</span>}
    </>
  );
}
