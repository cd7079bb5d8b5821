// The reply box: stackable macros filled from the item, tone and language preselected for the
// situation, the tone check explained inline as the moderator types, and a preview of the same draft
// on Discord, Telegram and WhatsApp with the length split shown. Sends through the feature's
// useSendReply; the draft is cleared once the reply went (kept when it was refused).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { priorCaseCount } from '@shared/domain/cases';
import type { InboxItem } from '@shared/domain/inbox';
import type { Platform } from '@shared/domain/model';
import {
  DEFAULT_MACRO_LIBRARY,
  REPLY_LANGUAGES,
  checkTone,
  suggestParts,
  composeReply,
  parseDraft,
  preselectReply,
  renderForPlatform,
  type MacroVariables,
  type ReplyLanguage,
  type Tone,
} from '@shared/replies';
import { placeName } from '../../lib/format';
import { useLanguageProfiles } from '../../lib/languageProfiles';
import { ruleForItem, useModeration } from '../../stores/moderation';
import { useSources } from '../../stores/sources';
import { evidenceSegments } from '../conversation/MessageText';
import { useBarRequests } from '../conversation/requests';
import { useMemberHistory } from '../members/useMemberHistory';
import { documentToSource, fillSettingsPlaceholders } from './draftText';
import { DraftRestored } from './DraftRestored';
import { useKeptDraft } from './keptDrafts';
import { PlaceholdersLeft, usePlaceholderGuard } from './PlaceholdersLeft';
import { useSendReply } from './useSendReply';

const TONES: Tone[] = ['warm', 'neutral', 'firm'];
const PLATFORMS: Platform[] = ['discord', 'telegram', 'whatsapp'];

/** Values for a macro's {placeholders}, from the item and this moderator. */
export function useMacroVariables(item: InboxItem): MacroVariables {
  const moderator = useModeration((s) => s.moderatorName);
  const rules = useModeration((s) => s.rules);
  const crisisLine = useModeration((s) => s.crisisLine);
  const links = useModeration((s) => s.replyLinks);
  const community = useSources((s) => s.sources.find((src) => src.id === item.sourceId)?.spaces.find((sp) => sp.id === item.spaceId)?.name);
  return {
    member: item.authorName,
    channel: placeName(item.platform, item.channelName),
    rule: ruleForItem(item, rules)?.title ?? '',
    moderator,
    ...(community ? { community } : {}),
    // The team's own crisis line; without one the placeholder stays visible for the moderator to fill.
    ...(crisisLine ? { support_link: crisisLine } : {}),
    // The team's rules and appeal pages from Settings → Community; likewise kept visible until set.
    ...(links.rulesLink ? { rule_link: links.rulesLink } : {}),
    ...(links.appealLink ? { appeal_link: links.appealLink } : {}),
  };
}

export function usePreselection(item: InboxItem) {
  const history = useMemberHistory(item.sourceId, item.authorId || undefined);
  const ladder = useModeration((s) => s.ladder);
  // The member's language is guessed again once the detector's profiles are in.
  const profiles = useLanguageProfiles();
  return useMemo(
    () =>
      preselectReply({
        categories: item.categories,
        ...(item.kind === 'appeal' ? { situation: 'appeal' as const } : {}),
        priorCases: priorCaseCount(history.cases, ladder, history.now),
        memberTexts: item.text ? [item.text] : [],
        communityLanguage: 'en',
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `profiles`: the detector reads them once they are in
    [item.categories, item.kind, item.text, history.cases, history.now, ladder, profiles],
  );
}

/** One macro as editable draft text, its values filled in and escaped. */
function composeSource(macroId: string, choice: { tone: Tone; language: ReplyLanguage }, variables: MacroVariables): string {
  return documentToSource(composeReply(DEFAULT_MACRO_LIBRARY, [macroId], choice, variables).doc);
}

export function ReplyComposer({ item, busy, mode }: { item: InboxItem; busy: boolean; mode: 'reply' | 'dm' }) {
  const { t } = useTranslation();
  const ids = useId();
  const pre = usePreselection(item);
  const variables = useMacroVariables(item);
  const [tone, setTone] = useState<Tone | undefined>();
  const [language, setLanguage] = useState<ReplyLanguage | undefined>();
  const [macroId, setMacroId] = useState<string>('');
  // Kept by item outside the box: a trip to Settings to fill a link (or any other view) keeps the words.
  const draftKey = `${mode}:${item.id}`;
  const [draft, setDraft] = useKeptDraft(draftKey, () => {
    // A macro asked for by the palette before this box mounted (the item opened with the request).
    const pending = useBarRequests.getState().macroFor;
    return pending?.itemId === item.id ? composeSource(pending.macroId, { tone: pre.tone, language: pre.language }, variables) : '';
  });
  const [preview, setPreview] = useState<Platform>(item.platform);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const replyRequest = useBarRequests((s) => (s.replyFor === item.id ? s.replySeq : 0));
  const choice = { tone: tone ?? pre.tone, language: language ?? pre.language };

  useEffect(() => {
    if (!replyRequest) return;
    // A frame later, so an item opened by the same key press has focused its heading first.
    // The typed-ahead letters are in the box before it takes focus, all in one synchronous step: a key
    // arriving after focus finds them there (a later render would overwrite it, or it them).
    const frame = requestAnimationFrame(() => {
      const typed = useBarRequests.getState().takeTyped(item.id);
      if (typed) flushSync(() => setDraft((d) => d + typed));
      const box = replyRef.current;
      if (!box) return;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
    return () => cancelAnimationFrame(frame);
  }, [replyRequest, item.id, setDraft]);

  // Links set in Settings after the draft was written (the stop's "Open Settings" and back) fill in now.
  useEffect(() => {
    setDraft((d) => fillSettingsPlaceholders(d, variables));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a link's value changes
  }, [variables.rule_link, variables.appeal_link, variables.support_link, setDraft]);

  const insert = (id: string) => {
    const text = composeSource(id, choice, variables);
    setDraft((d) => (d.trim() ? `${d.trimEnd()}\n\n${text}` : text));
    replyRef.current?.focus();
  };
  const insertRef = useRef(insert);
  useEffect(() => {
    insertRef.current = insert;
  });
  useEffect(
    () =>
      useBarRequests.subscribe((s, prev) => {
        if (s.macroFor && s.macroFor !== prev.macroFor && s.macroFor.itemId === item.id) insertRef.current(s.macroFor.macroId);
      }),
    [item.id],
  );

  const guide = useModeration((s) => s.voiceGuide);
  const communityRules = useModeration((s) => s.rules);
  const ruleNames = useMemo(() => communityRules.map((r) => r.title), [communityRules]);
  const toCheck = useMemo(
    () => ({ text: draft, platform: item.platform, ...(pre.situation ? { situation: pre.situation } : {}), memberName: item.authorName, memberLanguage: choice.language, ruleNames }),
    [draft, item.platform, item.authorName, pre.situation, choice.language, ruleNames],
  );
  const profiles = useLanguageProfiles();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `profiles`: the detector reads them once they are in
  const findings = useMemo(() => (draft.trim() ? checkTone(toCheck, guide) : []), [draft, toCheck, guide, profiles]);
  // Parts the voice guide suggests but does not require: a hint, never a finding against the draft.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const suggestions = useMemo(() => suggestParts(toCheck, guide), [toCheck, guide, profiles]);
  const rendered = useMemo(() => (draft.trim() ? renderForPlatform(parseDraft(draft), preview) : undefined), [draft, preview]);
  const macros = DEFAULT_MACRO_LIBRARY.macros;
  const suggested = new Set(pre.macroIds);

  const sendReply = useSendReply(item, mode);
  const [sending, setSending] = useState(false);
  const guard = usePlaceholderGuard();
  const send = (asWritten = false) => {
    if (!draft.trim() || busy || sending) return;
    // An unfilled {placeholder} would reach the member as braces: stopped, the draft stays, focus with it.
    if (!guard.mayGo(draft, asWritten)) {
      replyRef.current?.focus();
      return;
    }
    const sent = draft;
    setSending(true);
    void sendReply(sent).then((outcome) => {
      setSending(false);
      // Refused: the draft stays for another try. Sent: cleared, unless the moderator typed on meanwhile.
      if (outcome === 'sent') setDraft((d) => (d === sent ? '' : d));
    });
  };

  const label = mode === 'dm' ? t('act.reply.dmLabel', { member: item.authorName }) : t('actions.replyLabel', { channel: placeName(item.platform, item.channelName) });
  return (
    <form
      className="reply composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="composer-tools">
        <label htmlFor={`${ids}-macro`}>{t('act.reply.macro')}</label>
        <select id={`${ids}-macro`} value={macroId} onChange={(e) => setMacroId(e.target.value)}>
          <option value="">{t('act.reply.pickMacro')}</option>
          {macros.map((m) => (
            <option key={m.id} value={m.id}>
              {suggested.has(m.id) ? `★ ${m.title}` : m.title}
            </option>
          ))}
        </select>
        <button type="button" disabled={!macroId} onClick={() => macroId && insert(macroId)}>
          {t('act.reply.insert')}
        </button>
        <fieldset className="tone-choice">
          <legend>{t('act.reply.tone')}</legend>
          {TONES.map((tn) => (
            <label key={tn}>
              <input type="radio" name={`${ids}-tone`} value={tn} checked={choice.tone === tn} onChange={() => setTone(tn)} />
              {t(`act.tone.${tn}`)}
            </label>
          ))}
        </fieldset>
        {/* The label and its menu wrap to the next line together, never apart. */}
        <span className="tool-pair">
          <label htmlFor={`${ids}-lang`}>{t('act.reply.language')}</label>
          <select id={`${ids}-lang`} value={choice.language} onChange={(e) => setLanguage(e.target.value as ReplyLanguage)}>
            {REPLY_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </span>
      </div>
      <p className="muted hint">{t('act.reply.preselected', { tone: t(`act.tone.${pre.tone}`), language: pre.language, why: pre.reason })}</p>
      <label htmlFor={`${ids}-reply`}>{label}</label>
      <textarea
        id={`${ids}-reply`}
        ref={replyRef}
        rows={3}
        maxLength={4000}
        value={draft}
        placeholder={t('actions.replyPlaceholder')}
        aria-keyshortcuts="r"
        aria-describedby={findings.length > 0 ? `${ids}-tone-check` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <DraftRestored draftKey={draftKey} item={item} />
      <PlaceholdersLeft text={draft} where="reply" stopped={guard.stopped} onSendAsWritten={() => send(true)} />
      {findings.length > 0 && (
        <section id={`${ids}-tone-check`} className="tone-check" aria-label={t('act.reply.toneCheck')} aria-live="polite">
          <p className="tone-check-title">{t('act.reply.findings', { count: findings.length })}</p>
          <p className="message-text plain tone-marked">
            {evidenceSegments(
              draft,
              findings.filter((f) => f.span[1] > f.span[0]).map((f) => ({ start: f.span[0], end: f.span[1], text: draft.slice(f.span[0], f.span[1]) })),
            ).map((seg, i) => (seg.marked ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
          </p>
          <ul>
            {findings.map((f, i) => (
              <li key={`${f.kind}-${i}`} className={`finding finding-${f.kind}`}>
                <strong>{t(`act.finding.${f.kind}`)}</strong>: {f.message}
                {f.span[1] > f.span[0] && <q>{draft.slice(f.span[0], f.span[1])}</q>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {suggestions.length > 0 && (
        <section className="tone-suggestions" aria-label={t('act.reply.suggestions')}>
          <ul>
            {suggestions.map((sg) => (
              <li key={sg.part} className={`suggestion suggestion-${sg.part}`}>
                {t(sg.part === 'greeting' ? (sg.byName ? 'act.suggest.greetingByName' : 'act.suggest.greeting') : 'act.suggest.ruleLink', { name: item.authorName })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {rendered && (
        <section className="reply-preview" aria-label={t('act.reply.preview')}>
          <div role="group" aria-label={t('act.reply.previewOn')} className="preview-tabs">
            {PLATFORMS.map((p) => (
              <button key={p} type="button" aria-pressed={preview === p} onClick={() => setPreview(p)}>
                {t(`platform.${p}`)}
              </button>
            ))}
          </div>
          {rendered.messages.map((m, i) => (
            <pre key={i} className="preview-message">
              {m.text}
            </pre>
          ))}
          {rendered.messages.length > 1 && <p className="notice">{t('act.reply.split', { count: rendered.messages.length, platform: t(`platform.${preview}`) })}</p>}
        </section>
      )}
      <button type="submit" disabled={busy || draft.trim() === ''}>
        {mode === 'dm' ? t('act.reply.sendDm') : t('actions.send')}
      </button>
    </form>
  );
}
