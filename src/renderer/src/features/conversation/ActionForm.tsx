// The form an action opens before it runs: the required reason (a community rule or typed), the
// duration, "delete their recent messages", the warning text; and one sentence saying exactly what
// will happen. Enter confirms, Esc cancels (keyboard.ts closes it).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionIntent } from '@shared/domain/actions';
import type { TFunction } from 'i18next';
import { DEFAULT_RULES, type CaseAction } from '@shared/domain/cases';
import type { InboxItem } from '@shared/domain/inbox';
import { DEFAULT_MACRO_LIBRARY, composeReply } from '@shared/replies';
import { TIMEOUT_CHOICES, durationLabel, placeName } from '../../lib/format';
import { useActions } from '../../stores/actions';
import { ruleForItem, useModeration } from '../../stores/moderation';
import { documentToSource, outgoingTexts, refillRule, variableSource } from '../replies/draftText';
import { DraftRestored } from '../replies/DraftRestored';
import { useKeptDraft, useKeptDrafts } from '../replies/keptDrafts';
import { PlaceholdersLeft, usePlaceholderGuard } from '../replies/PlaceholdersLeft';
import { useMacroVariables, usePreselection } from '../replies/ReplyComposer';
import { runCase } from './caseActions';
import { banDeletesHistory, banPlan, deleteIntent, dmIntent, kickIntent, lockIntent, replyIntent, slowmodeIntent, timeoutIntent, unbanIntent } from './intents';
import { useBarRequests, type ActionChoice } from './requests';

const SLOWMODE_CHOICES = [0, 5, 30, 60, 300, 3600];
const DEFAULT_TITLES = new Map(DEFAULT_RULES.map((r) => [r.id, r.title]));

/** A built-in community rule the team left as it came reads in the moderator's language; the team's own words stay. */
function communityRuleTitle(t: TFunction, rule: { id: string; title: string }): string {
  return DEFAULT_TITLES.get(rule.id) === rule.title ? t(`act.communityRule.${rule.id}`, { defaultValue: rule.title }) : rule.title;
}

const HISTORY_CHOICES = [3600, 86_400, 7 * 86_400];
const OTHER = '__other';

/** The form's state kept outside it (keptDrafts): the reason, and the warning's text once edited. */
interface WarnDraft {
  ruleId: string;
  typed: string;
  /** The moderator's own text; undefined while the warning is the macro as composed. */
  message?: string;
  /** How the edited text writes the reason the form last put in it (a rule's name, or `{rule}`). */
  written: string;
  /** The last change of reason found nowhere to go: the moderator had rewritten it. */
  ruleGone: boolean;
}

/** The reason as a composed warning writes it; without one, the `{rule}` a moderator must fill. */
function ruleSource(reason: string): string {
  return variableSource('rule', { rule: reason }) ?? '{rule}';
}

const CASE_OF: Partial<Record<ActionChoice, CaseAction>> = { warn: 'warn', timeout: 'timeout', deleteTimeout: 'timeout', kick: 'kick', ban: 'ban', unban: 'unban' };

export function ActionForm({ item, kind, busy, initialDuration }: { item: InboxItem; kind: ActionChoice; busy: boolean; initialDuration?: number }) {
  const { t } = useTranslation();
  const ids = useId();
  const rules = useModeration((s) => s.rules);
  const me = useModeration((s) => s.moderatorName);
  const pre = usePreselection(item);
  const variables = useMacroVariables(item);
  const preRule = ruleForItem(item, rules);
  // The reason and the warning's text are kept by item outside the form: a trip to Settings to fill a
  // link closes it, and the moderator's words and choice are there on the way back.
  const draftKey = `form:${kind}:${item.id}`;
  const [kept, setKept] = useKeptDraft<WarnDraft>(draftKey, () => ({ ruleId: preRule?.id ?? OTHER, typed: '', written: '', ruleGone: false }));
  const { ruleId, typed } = kept;
  const [duration, setDuration] = useState<number>(initialDuration ?? 600);
  const [deleteHistory, setDeleteHistory] = useState(false);
  const [historySeconds, setHistorySeconds] = useState(86_400);
  const [slowmode, setSlowmode] = useState(30);
  const [delivery, setDelivery] = useState<'reply' | 'dm'>('reply');
  const reason = ruleId === OTHER ? typed.trim() : (rules.find((r) => r.id === ruleId)?.title ?? '');
  // The warning names the reason chosen above ({rule}); without one the placeholder stays to fill.
  const warning = useMemo(
    () => documentToSource(composeReply(DEFAULT_MACRO_LIBRARY, ['warning'], { tone: pre.tone, language: pre.language }, { ...variables, rule: reason }).doc),
    [pre.tone, pre.language, variables, reason],
  );
  const message = kept.message;
  const guard = usePlaceholderGuard();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const firstRef = useRef<HTMLSelectElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const ban = kind === 'ban' ? banPlan(item) : undefined;
  const caseAction = ban ? ban.caseAction : CASE_OF[kind];
  const text = message ?? warning;

  /**
   * The reason changed. An untouched warning is composed afresh; one the moderator edited keeps every
   * word of theirs, and only the places the form wrote the previous reason (or the bare {rule}) say the
   * new one. If the moderator rewrote all of those, the text stays as written and the form says so.
   */
  const refill = (next: Pick<WarnDraft, 'ruleId' | 'typed'>) =>
    setKept((k) => {
      const nextReason = next.ruleId === OTHER ? next.typed.trim() : (rules.find((r) => r.id === next.ruleId)?.title ?? '');
      if (k.message === undefined) return { ...k, ...next };
      const now = ruleSource(nextReason);
      const { text: refilled, found } = refillRule(k.message, k.written, now);
      return { ...k, ...next, message: refilled, written: now, ruleGone: !found && k.written !== now };
    });
  /** The reason as the text says it once refilled (a typed reason refills when the moderator leaves its field, or sends). */
  const finalText = () => (message === undefined ? warning : refillRule(message, kept.written, ruleSource(reason)).text);

  useEffect(() => {
    // A form without fields (lock, unlock) starts on its confirm button: Enter confirms. A frame
    // later, so an item opened by the same key press has focused its heading first.
    const frame = requestAnimationFrame(() => (firstRef.current ?? submitRef.current)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [kind]);

  const member = item.authorName || item.authorId;
  const channel = placeName(item.platform, item.channelName);
  const summary = (() => {
    switch (kind) {
      case 'warn':
        return t(delivery === 'dm' ? 'act.summary.warnDm' : 'act.summary.warn', { member, channel });
      case 'timeout':
        return t('act.summary.timeout', { member, duration: durationLabel(t, duration) });
      case 'deleteTimeout':
        return t('act.summary.deleteTimeout', { member, duration: durationLabel(t, duration) });
      case 'kick':
        return t('act.summary.kick', { member });
      case 'ban':
        if (ban?.standIn) return t('act.summary.kickResetInvite', { member });
        return deleteHistory ? t('act.summary.banDelete', { member, duration: durationLabel(t, historySeconds) }) : t('act.summary.ban', { member });
      case 'unban':
        return t('act.summary.unban', { member });
      case 'slowmode':
        return slowmode === 0 ? t('act.summary.slowmodeOff', { channel }) : t('act.summary.slowmode', { channel, duration: durationLabel(t, slowmode) });
      case 'lock':
        return t('act.summary.lock', { channel });
      case 'unlock':
        return t('act.summary.unlock', { channel });
      case 'dm':
        return t('act.summary.dm', { member });
    }
  })();

  const submit = async (asWritten = false) => {
    if (busy) return;
    if (caseAction && !reason) return;
    const text = kind === 'warn' || kind === 'dm' ? finalText() : '';
    // An unfilled {placeholder} would reach the member as braces: stopped, the text stays, focus with it.
    if ((kind === 'warn' || kind === 'dm') && !guard.mayGo(text, asWritten)) {
      textRef.current?.focus();
      return;
    }
    const close = () => {
      useKeptDrafts.getState().drop(draftKey);
      useBarRequests.getState().closePicker();
    };
    const r = reason || undefined;
    let intents: ActionIntent[] = [];
    switch (kind) {
      case 'warn': {
        const texts = outgoingTexts(text, item.platform);
        intents = texts.map((tx) => (delivery === 'dm' ? dmIntent(item, tx) : replyIntent(item, tx)));
        break;
      }
      case 'timeout':
        intents = [timeoutIntent(item, duration, r)];
        break;
      case 'deleteTimeout':
        intents = [...(item.messageDeleted ? [] : [deleteIntent(item, r)]), timeoutIntent(item, duration, r)];
        break;
      case 'kick':
        intents = [kickIntent(item, r)];
        break;
      case 'ban':
        intents = banPlan(item, r, deleteHistory && banDeletesHistory(item.platform) ? historySeconds : undefined).intents;
        break;
      case 'unban':
        intents = [unbanIntent(item, r)];
        break;
      case 'slowmode':
        intents = [slowmodeIntent(item, slowmode)];
        break;
      case 'lock':
      case 'unlock':
        intents = [lockIntent(item, kind === 'lock')];
        break;
      case 'dm':
        intents = outgoingTexts(text, item.platform).map((tx) => dmIntent(item, tx));
        break;
    }
    close();
    if (caseAction) await runCase(t, { item, action: caseAction, reason, ...(ruleId !== OTHER ? { ruleId } : {}), ...(kind === 'timeout' || kind === 'deleteTimeout' ? { durationSeconds: duration } : {}), intents });
    else for (const intent of intents) await useActions.getState().run(intent);
  };

  const submitLabel = ban?.standIn ? t('act.submit.kickResetInvite') : t(`act.submit.${kind}`);
  return (
    <form
      id={`form-${item.id}`}
      className="action-form"
      aria-label={ban?.standIn ? t('act.do.kickResetInvite') : t(`act.do.${kind}`)}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        // Enter confirms from any field (a select or checkbox does not submit by itself); in the
        // message box Ctrl+Enter does, so a plain Enter can still start a new line.
        const el = e.target;
        const inText = el instanceof HTMLTextAreaElement;
        if (e.key !== 'Enter' || el instanceof HTMLButtonElement || (inText && !(e.ctrlKey || e.metaKey))) return;
        e.preventDefault();
        e.currentTarget.requestSubmit();
      }}
    >
      <h3 className="form-title">{ban?.standIn ? t('act.do.kickResetInvite') : t(`act.do.${kind}`)}</h3>
      {ban?.standIn && <p className="why-not">{t('capability.whatsappNoBan')}</p>}
      {caseAction && (
        <div className="field">
          <label htmlFor={`${ids}-rule`}>{t('act.form.reason')}</label>
          <select id={`${ids}-rule`} ref={firstRef} value={ruleId} onChange={(e) => refill({ ruleId: e.target.value, typed })} required>
            {rules.map((rule) => (
              <option key={rule.id} value={rule.id}>
                {communityRuleTitle(t, rule)}
              </option>
            ))}
            <option value={OTHER}>{t('act.form.otherReason')}</option>
          </select>
          {ruleId === OTHER && (
            <>
              <label htmlFor={`${ids}-typed`}>{t('act.form.typedReason')}</label>
              <input
                id={`${ids}-typed`}
                value={typed}
                maxLength={512}
                required
                onChange={(e) => {
                  const value = e.target.value;
                  setKept((k) => ({ ...k, typed: value }));
                }}
                onBlur={() => refill({ ruleId, typed })}
              />
            </>
          )}
        </div>
      )}
      {caseAction && (
        <div className="field">
          <label htmlFor={`${ids}-me`}>{t('act.form.yourName')}</label>
          <input id={`${ids}-me`} value={me} maxLength={100} autoComplete="nickname" onChange={(e) => void useModeration.getState().setModeratorName(e.target.value)} />
        </div>
      )}
      {(kind === 'timeout' || kind === 'deleteTimeout') && (
        <div className="field">
          <label htmlFor={`${ids}-dur`}>{t('actions.timeoutDuration')}</label>
          <select id={`${ids}-dur`} ref={caseAction ? undefined : firstRef} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {[...new Set([...TIMEOUT_CHOICES.map((c) => c.seconds as number), duration])].sort((a, b) => a - b).map((s) => (
              <option key={s} value={s}>
                {durationLabel(t, s)}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'ban' && banDeletesHistory(item.platform) && (
        <div className="field">
          <label>
            <input type="checkbox" checked={deleteHistory} onChange={(e) => setDeleteHistory(e.target.checked)} /> {t('act.form.deleteHistory')}
          </label>
          {deleteHistory && (
            <select aria-label={t('act.form.historyWindow')} value={historySeconds} onChange={(e) => setHistorySeconds(Number(e.target.value))}>
              {HISTORY_CHOICES.map((s) => (
                <option key={s} value={s}>
                  {durationLabel(t, s)}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {kind === 'slowmode' && (
        <div className="field">
          <label htmlFor={`${ids}-slow`}>{t('act.form.slowmode')}</label>
          <select id={`${ids}-slow`} ref={firstRef} value={slowmode} onChange={(e) => setSlowmode(Number(e.target.value))}>
            {SLOWMODE_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('act.form.off') : durationLabel(t, s)}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'warn' && (
        <div className="field">
          <label htmlFor={`${ids}-delivery`}>{t('act.form.delivery')}</label>
          <select id={`${ids}-delivery`} value={delivery} onChange={(e) => setDelivery(e.target.value as 'reply' | 'dm')}>
            <option value="reply">{t('act.form.inChannel', { channel })}</option>
            <option value="dm">{t('act.form.byDm')}</option>
          </select>
        </div>
      )}
      {(kind === 'warn' || kind === 'dm') && (
        <div className="field">
          <label htmlFor={`${ids}-msg`}>{t('act.form.message')}</label>
          <textarea
            id={`${ids}-msg`}
            ref={textRef}
            rows={4}
            maxLength={4000}
            value={text}
            onChange={(e) => {
              const value = e.target.value;
              // From the first edit on, the form remembers how it wrote the reason, to re-fill only that.
              setKept((k) => ({ ...k, message: value, written: k.message === undefined ? ruleSource(reason) : k.written }));
            }}
          />
          {kind === 'warn' && kept.ruleGone && <p className="notice">{t('act.form.ruleNotInText', { reason })}</p>}
          <PlaceholdersLeft text={text} where={kind === 'warn' ? 'warn' : 'reply'} stopped={guard.stopped} onSendAsWritten={() => void submit(true)} />
        </div>
      )}
      <DraftRestored draftKey={draftKey} item={item} />
      <p className="summary" id={`${ids}-summary`}>
        {summary}
        {caseAction ? ` ${t('act.summary.case')}` : ''}
      </p>
      <div className="form-buttons">
        <button type="submit" ref={submitRef} className="danger" disabled={busy || (!!caseAction && !reason) || ((kind === 'warn' || kind === 'dm') && !text.trim())} aria-describedby={`${ids}-summary`}>
          {submitLabel}
        </button>
        <button
          type="button"
          aria-keyshortcuts="Escape"
          onClick={() => {
            // Cancel drops the draft on purpose; Esc only closes the form and keeps it.
            useKeptDrafts.getState().drop(draftKey);
            useBarRequests.getState().closePicker();
          }}
        >
          {t('act.form.cancel')}
        </button>
      </div>
    </form>
  );
}
