// The rule editor (issue 4, issue 12 §11): the team's triage rules as data. A list of the pack's rules,
// a form for one (keyword, regex and link rules in plain fields: terms one per line, a regex typed as
// is and checked as you type; other kinds and power users edit the trigger as JSON), a live dry run of
// the edited pack over recent stored messages, save through main (which checks and compiles before the
// pack runs; its problems come back as data and show beside the field they name), import and export
// as JSON. Message text in the preview is shown as text with the evidence marked, never as markup.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FlagCategorySchema, SeveritySchema, type ChatEvent } from '@shared/domain/model';
import type { Problem } from '@shared/domain/result';
import { regexProblems, type ActionSpec, type Rule, type RulePack, type Trigger } from '@shared/triage';
import { getDb } from '../../db/instance';
import { falseAlarmsByRule } from './decisions';
import { droppedInWords } from '../../lib/droppedReason';
import { flagReasonInWords } from '../../lib/flagReason';
import { errorInWords } from '../../lib/format';
import { problemInWords, problemPlace } from '../../lib/problems';
import { useSettings } from '../../stores/settings';
import { EvidenceText } from '../conversation/MessageText';
import { parsePackFile, parseTrigger, previewPack, type PackPreview, type PreviewDrop } from './preview';
import { Proposals } from './Proposals';
import { DraftRestored } from '../replies/DraftRestored';
import { RULES_DRAFT, isDirty, useRules, type RulesStatus } from './useRules';
import './rules.css';

const RECENT = 500;
const SHOWN_MATCHES = 20;
const LINK_CHECKS = ['scam-domain', 'lookalike', 'invite', 'shortener', 'obfuscated'] as const;
const AUTO_ACTIONS = ['hold', 'delete', 'timeout', 'notify'] as const;
type AutoAction = (typeof AUTO_ACTIONS)[number];

async function recentMessages(): Promise<ChatEvent[]> {
  const rows = await getDb()
    .events.orderBy('ts')
    .reverse()
    .filter((e) => e.kind === 'message' && !!e.text)
    .limit(RECENT)
    .toArray();
  return rows.reverse();
}

function download(pack: RulePack) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(pack, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${pack.id || 'rules'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Problems under `prefix` (a path inside the rule), with the prefix taken off. */
function under(problems: readonly Problem[], ...prefix: Array<string | number>): Problem[] {
  return problems.filter((p) => prefix.every((k, i) => p.path[i] === k)).map((p) => ({ ...p, path: p.path.slice(prefix.length) }));
}

function FieldProblems({ id, problems }: { id: string; problems: readonly Problem[] }) {
  const { t, i18n } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="field-problems" role="alert">
      {problems.map((p, i) => {
        const line = typeof p.path[0] === 'number' ? p.path[0] + 1 : undefined;
        return <li key={i}>{line !== undefined ? t('problems.where.lineSays', { n: line, words: problemInWords(t, i18n.language, p) }) : problemInWords(t, i18n.language, p)}</li>;
      })}
    </ul>
  );
}

/** A labelled field with its problems beside it, announced and tied to the control. */
function Field({ label, problems, className, children }: { label: string; problems: readonly Problem[]; className?: string; children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = useId();
  const invalid = problems.length > 0;
  return (
    <div className={`rule-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: invalid ? `${id}-problems` : undefined, invalid })}
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

/** A list typed one item per line; the text is kept as typed (blank lines too) while the rule gets the items. */
function LinesField({ label, hint, value, problems, onChange, mono }: { label: string; hint: string; value: readonly string[]; problems: readonly Problem[]; onChange(items: string[]): void; mono?: boolean }) {
  const [text, setText] = useState(() => value.join('\n'));
  const hintId = useId();
  // Keep the typed text unless the list changed from elsewhere (JSON editor, import).
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (lines(text).join('\n') !== value.join('\n')) setText(value.join('\n'));
  }
  return (
    <Field label={label} problems={problems} className="wide">
      {({ id, describedBy, invalid }) => (
        <>
          <textarea
            id={id}
            className={mono ? 'trigger-text' : 'lines-text'}
            spellCheck={false}
            rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
            value={text}
            aria-invalid={invalid}
            aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
            onChange={(e) => {
              setText(e.target.value);
              onChange(lines(e.target.value));
            }}
          />
          <p id={hintId} className="muted small">
            {hint}
          </p>
        </>
      )}
    </Field>
  );
}

/** Problems of a list of patterns as a regex engine sees them: checked as the moderator types. */
function patternProblems(patterns: readonly string[]): Problem[] {
  return patterns.flatMap((p, i) => regexProblems(p, [i]));
}

function TriggerForm({ trigger, problems, onChange }: { trigger: Trigger; problems: readonly Problem[]; onChange(trigger: Trigger): void }) {
  const { t } = useTranslation();
  if (trigger.type === 'keywords') {
    return (
      <>
        <LinesField label={t('rules.form.terms')} hint={t('rules.form.termsHint')} value={trigger.terms} problems={under(problems, 'terms')} onChange={(terms) => onChange({ ...trigger, terms })} />
        <Field label={t('rules.form.mode')} problems={under(problems, 'mode')}>
          {({ id }) => (
            <select id={id} value={trigger.mode} onChange={(e) => onChange({ ...trigger, mode: e.target.value === 'substring' ? 'substring' : 'word' })}>
              <option value="word">{t('rules.form.modeWord')}</option>
              <option value="substring">{t('rules.form.modeSubstring')}</option>
            </select>
          )}
        </Field>
        <LinesField label={t('rules.form.allow')} hint={t('rules.form.allowHint')} value={trigger.allow} problems={under(problems, 'allow')} onChange={(allow) => onChange({ ...trigger, allow })} />
      </>
    );
  }
  if (trigger.type === 'regex') {
    const live = patternProblems(trigger.patterns);
    const main = under(problems, 'patterns').filter((p) => !live.some((l) => JSON.stringify(l) === JSON.stringify(p)));
    return (
      <>
        <LinesField mono label={t('rules.form.patterns')} hint={t('rules.form.patternsHint')} value={trigger.patterns} problems={[...live, ...main]} onChange={(patterns) => onChange({ ...trigger, patterns })} />
        <Field label={t('rules.form.on')} problems={under(problems, 'on')}>
          {({ id }) => (
            <select id={id} value={trigger.on} onChange={(e) => onChange({ ...trigger, on: e.target.value === 'original' ? 'original' : 'folded' })}>
              <option value="folded">{t('rules.form.onFolded')}</option>
              <option value="original">{t('rules.form.onOriginal')}</option>
            </select>
          )}
        </Field>
      </>
    );
  }
  if (trigger.type === 'link') {
    return (
      <Field label={t('rules.form.linkCheck')} problems={under(problems, 'check')} className="wide">
        {({ id }) => (
          <select id={id} value={trigger.check} onChange={(e) => onChange({ ...trigger, check: LINK_CHECKS.find((c) => c === e.target.value) ?? 'shortener' })}>
            {LINK_CHECKS.map((c) => (
              <option key={c} value={c}>
                {t(`rules.form.link.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return null;
}

/** The trigger as JSON: the only editor for behaviour rules, and "advanced" for the others. */
function JsonTrigger({ rule, problems, label }: { rule: Rule; problems: readonly Problem[]; label: string }) {
  const { t, i18n } = useTranslation();
  const pretty = JSON.stringify(rule.trigger, null, 2);
  const [text, setText] = useState(pretty);
  const [own, setOwn] = useState<Problem[]>([]);
  const replaceRule = useRules((s) => s.replaceRule);
  const setTriggerProblems = useRules((s) => s.setTriggerProblems);
  // The form changed the trigger: show it, unless the JSON being typed already says the same.
  const [seen, setSeen] = useState(pretty);
  if (seen !== pretty) {
    setSeen(pretty);
    const parsed = parseTrigger(text);
    if (own.length === 0 && (!parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(rule.trigger))) setText(pretty);
  }
  useEffect(() => () => setTriggerProblems(rule.id, undefined), [rule.id, setTriggerProblems]);
  const shown = [...own, ...problems];
  return (
    <Field label={label} problems={[]} className="wide">
      {({ id }) => (
        <>
          <textarea
            id={id}
            className="trigger-text"
            spellCheck={false}
            rows={Math.min(16, Math.max(5, text.split('\n').length + 1))}
            value={text}
            aria-describedby={`${id}-help ${id}-json-problems`}
            aria-invalid={shown.length > 0}
            onChange={(e) => {
              setText(e.target.value);
              const parsed = parseTrigger(e.target.value);
              if (parsed.ok) {
                setOwn([]);
                setTriggerProblems(rule.id, undefined);
                replaceRule(rule, { ...rule, trigger: parsed.value });
              } else {
                setOwn(parsed.problems);
                setTriggerProblems(rule.id, parsed.problems);
              }
            }}
          />
          <p id={`${id}-help`} className="muted small">
            {t('rules.editor.triggerHelp')}
          </p>
          {shown.length > 0 && (
            <div id={`${id}-json-problems`} className="rule-problems" role="alert">
              <p>{t('rules.editor.invalid')}</p>
              <ul>
                {shown.map((p, i) => (
                  <li key={i}>{[problemPlace(t, p), problemInWords(t, i18n.language, p)].filter(Boolean).join(': ')}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </Field>
  );
}

function autoActionsOf(rule: Rule): { chosen: Set<AutoAction>; minutes: number; simple: boolean } {
  const chosen = new Set<AutoAction>();
  let minutes = 10;
  let simple = true;
  for (const a of rule.actions) {
    if (a.type === 'flag') continue;
    if (a.type === 'notify' && a.channelId) simple = false;
    if (a.type === 'timeout') minutes = a.minutes;
    chosen.add(a.type);
  }
  return { chosen, minutes, simple };
}

function actionsFrom(chosen: ReadonlySet<AutoAction>, minutes: number): ActionSpec[] {
  const out: ActionSpec[] = AUTO_ACTIONS.filter((a) => chosen.has(a)).map((a) => (a === 'timeout' ? { type: 'timeout', minutes } : { type: a }));
  return out.length > 0 ? out : [{ type: 'flag' }];
}

function ActionsField({ rule, problems, onChange }: { rule: Rule; problems: readonly Problem[]; onChange(actions: ActionSpec[]): void }) {
  const { t, i18n } = useTranslation();
  const { chosen, minutes, simple } = autoActionsOf(rule);
  const care = rule.category === 'self-harm';
  const toggle = (a: AutoAction, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(a);
    else next.delete(a);
    onChange(actionsFrom(next, minutes));
  };
  return (
    <fieldset className="rule-actions wide" aria-describedby={problems.length > 0 ? 'rule-actions-problems' : undefined}>
      <legend>{t('rules.form.actions')}</legend>
      <p className="muted small">{t('rules.form.actionsHint')}</p>
      {!simple && <p className="muted small">{t('rules.form.actionsCustom')}</p>}
      {AUTO_ACTIONS.map((a) => (
        <label key={a} className="check">
          <input type="checkbox" checked={chosen.has(a)} disabled={!simple || (care && a !== 'notify')} onChange={(e) => toggle(a, e.target.checked)} />
          {t(`rules.form.action.${a}`)}
          {a === 'timeout' && chosen.has('timeout') && (
            <input
              type="number"
              className="minutes"
              min={1}
              max={40_320}
              value={minutes}
              aria-label={t('rules.form.timeoutMinutes')}
              onChange={(e) => onChange(actionsFrom(chosen, Math.min(40_320, Math.max(1, Math.round(Number(e.target.value)) || 1))))}
            />
          )}
        </label>
      ))}
      {care && <p className="muted small">{t('rules.form.careOnly')}</p>}
      {problems.length > 0 && (
        <ul id="rule-actions-problems" className="field-problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{problemInWords(t, i18n.language, p)}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function RuleEditor({ rule, problems, duplicate }: { rule: Rule; problems: readonly Problem[]; duplicate: boolean }) {
  const { t } = useTranslation();
  const replaceRule = useRules((s) => s.replaceRule);
  const remove = useRules((s) => s.remove);
  const change = (next: Rule) => replaceRule(rule, next);
  const formKind = rule.trigger.type === 'keywords' || rule.trigger.type === 'regex' || rule.trigger.type === 'link';
  const idProblems: Problem[] = [...under(problems, 'id'), ...(duplicate && !problems.some((p) => p.code === 'duplicate_id') ? [{ path: [], code: 'duplicate_id', fields: { id: rule.id } }] : [])];
  const triggerProblems = under(problems, 'trigger');
  const placed = new Set(['id', 'reason', 'category', 'severity', 'channels', 'actions', 'trigger', 'enabled', 'dryRun']);
  const elsewhere = problems.filter((p) => typeof p.path[0] !== 'string' || !placed.has(p.path[0]));
  return (
    <section className="rule-editor" aria-labelledby="rule-editor-title">
      <h3 id="rule-editor-title">
        {t('rules.editor.title', { id: rule.id })} <span className="tag">{t(`ruleKind.${rule.trigger.type}`)}</span>
      </h3>
      {elsewhere.length > 0 && <FieldProblems id="rule-problems-other" problems={elsewhere} />}
      <div className="rule-fields">
        <Field label={t('rules.editor.id')} problems={idProblems}>
          {({ id, describedBy, invalid }) => <input id={id} value={rule.id} maxLength={100} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => change({ ...rule, id: e.target.value })} />}
        </Field>
        <Field label={t('rules.editor.reason')} problems={under(problems, 'reason')} className="wide">
          {({ id, describedBy, invalid }) => <input id={id} value={rule.reason} maxLength={300} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => change({ ...rule, reason: e.target.value })} />}
        </Field>
        <Field label={t('rules.editor.category')} problems={under(problems, 'category')}>
          {({ id, describedBy, invalid }) => (
            <select id={id} value={rule.category} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => change({ ...rule, category: FlagCategorySchema.parse(e.target.value) })}>
              {FlagCategorySchema.options.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('rules.editor.severity')} problems={under(problems, 'severity')}>
          {({ id, describedBy, invalid }) => (
            <select id={id} value={rule.severity} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => change({ ...rule, severity: SeveritySchema.parse(e.target.value) })}>
              {SeveritySchema.options.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {formKind && <TriggerForm trigger={rule.trigger} problems={triggerProblems} onChange={(trigger) => change({ ...rule, trigger })} />}
        <LinesField
          label={t('rules.form.channels')}
          hint={t('rules.form.channelsHint')}
          value={rule.channels ?? []}
          problems={under(problems, 'channels')}
          onChange={(channels) => {
            const { channels: _old, ...rest } = rule;
            change(channels.length > 0 ? { ...rest, channels } : rest);
          }}
        />
        <ActionsField rule={rule} problems={under(problems, 'actions')} onChange={(actions) => change({ ...rule, actions })} />
        <label className="check">
          <input type="checkbox" checked={rule.enabled} onChange={(e) => change({ ...rule, enabled: e.target.checked })} />
          {t('rules.editor.enabled')}
        </label>
        <label className="check wide">
          <input type="checkbox" checked={rule.dryRun} onChange={(e) => change({ ...rule, dryRun: e.target.checked })} />
          {t('rules.editor.dryRun')}
        </label>
      </div>
      {formKind ? (
        <details className="json-trigger" open={triggerProblems.length > 0 && under(triggerProblems, 'type').length > 0}>
          <summary>{t('rules.form.asJson')}</summary>
          <JsonTrigger rule={rule} problems={[]} label={t('rules.form.jsonLabel')} />
        </details>
      ) : (
        <JsonTrigger rule={rule} problems={triggerProblems} label={t('rules.editor.trigger')} />
      )}
      <button type="button" className="danger-link" onClick={() => remove(rule)}>
        {t('rules.editor.remove')}
      </button>
    </section>
  );
}

/** The learned model's flags carry this rule id (engine.ts); the list shows it after the pack's rules. */
const MODEL_ID = 'model';

function Matches({ preview, ruleId, events, falseAlarms = 0 }: { preview: PackPreview | undefined; ruleId: string; events: number; falseAlarms?: number }) {
  const { t } = useTranslation();
  const matches = preview?.byRule.get(ruleId) ?? [];
  return (
    <section className="rule-preview" aria-labelledby="rule-preview-title" aria-busy={!preview}>
      <h3 id="rule-preview-title">{t('rules.preview.title')}</h3>
      <p className="muted small">{t('rules.preview.scope', { count: events })}</p>
      {preview && (
        <p role="status" data-testid="preview-changes">
          {t('rules.preview.changes', { added: preview.added, removed: preview.removed })}
        </p>
      )}
      {falseAlarms > 0 && (
        <p className="notice" data-testid="preview-false-alarms">
          {t('rules.preview.falseAlarms', { count: falseAlarms })}
        </p>
      )}
      <h4>{t('rules.preview.rule')}</h4>
      {!preview ? (
        <p className="muted">{t('rules.preview.running')}</p>
      ) : events === 0 ? (
        <p className="muted">{t('rules.preview.empty')}</p>
      ) : matches.length === 0 ? (
        <p className="muted">{t('rules.preview.none')}</p>
      ) : (
        <ul className="preview-matches" data-testid="preview-matches">
          {matches.slice(-SHOWN_MATCHES).reverse().map(({ event, flag }) => (
            <li key={event.id}>
              <PreviewMeta event={event} />
              <EvidenceText text={event.text ?? ''} spans={flag.evidence} />
              <p className="preview-reason">{flagReasonInWords(t, flag)}</p>
            </li>
          ))}
          {matches.length > SHOWN_MATCHES && <li className="muted">{t('rules.preview.more', { count: matches.length - SHOWN_MATCHES })}</li>}
        </ul>
      )}
      {preview && <DroppedMatches drops={preview.droppedByRule.get(ruleId) ?? []} />}
    </section>
  );
}

/** Who wrote a previewed message, where and when. */
function PreviewMeta({ event }: { event: PreviewDrop['event'] }) {
  const { i18n } = useTranslation();
  return (
    <div className="message-meta">
      <span className="author">{event.author?.displayName ?? event.author?.name ?? ''}</span>
      <span className="channel">{event.channelName ?? event.channelId}</span>
      <span className="muted">{new Date(event.ts).toLocaleString(i18n.language)}</span>
    </div>
  );
}

/** Where a word the engine quotes sits in the message (its first occurrence), to mark it as evidence. */
function spansOfWords(text: string, words: readonly string[]): Array<{ start: number; end: number; text: string }> {
  const spans = [];
  for (const w of words) {
    const start = text.indexOf(w.replace(/…$/, ''));
    if (start >= 0) spans.push({ start, end: start + w.replace(/…$/, '').length, text: w });
  }
  return spans;
}

/** The messages this rule matched that context keeps unflagged (issue 14), each with why: the judgement, to check. */
function DroppedMatches({ drops }: { drops: readonly PreviewDrop[] }) {
  const { t } = useTranslation();
  if (drops.length === 0) return null;
  return (
    <>
      <h4>{t('why.preview.title')}</h4>
      <p className="muted small">{t('why.preview.hint')}</p>
      <ul className="preview-matches" data-testid="preview-dropped">
        {drops.slice(-SHOWN_MATCHES).reverse().map(({ event, dropped }) => (
          <li key={event.id}>
            <PreviewMeta event={event} />
            <EvidenceText text={event.text ?? ''} spans={spansOfWords(event.text ?? '', dropped.evidence)} />
            <p className="preview-reason dropped-flag">{droppedInWords(t, dropped)}</p>
          </li>
        ))}
        {drops.length > SHOWN_MATCHES && <li className="muted">{t('rules.preview.more', { count: drops.length - SHOWN_MATCHES })}</li>}
      </ul>
    </>
  );
}

function StatusLine({ status }: { status: RulesStatus }) {
  const { t, i18n } = useTranslation();
  if (!status) return null;
  const ok = status.kind === 'saved' || status.kind === 'imported' || status.kind === 'reset';
  let text: string;
  let problems: Problem[] = [];
  switch (status.kind) {
    case 'saved':
      text = t('rules.saved', { count: status.count });
      break;
    case 'imported':
      text = t('rules.imported', { count: status.count, file: status.file });
      break;
    case 'reset':
      text = t('rules.resetDone');
      break;
    case 'notSaved':
      text = status.error && status.error.code !== 'invalid_input' ? `${t('rules.notSaved')} ${errorInWords(t, status.error)}` : t('rules.notSavedProblems');
      problems = status.problems;
      break;
    case 'importFailed':
      text = t('rules.importFailed', { file: status.file });
      problems = status.problems.slice(0, 20);
      break;
    case 'loadFailed':
      text = t('rules.loadFailed', { words: errorInWords(t, status.error) });
      break;
    case 'resetFailed':
      text = `${t('rules.resetFailed')} ${errorInWords(t, status.error)}`;
      break;
  }
  return (
    <div className={ok ? 'rules-status ok' : 'rules-status error'} role={ok ? 'status' : 'alert'}>
      <p>{text}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{[problemPlace(t, p), problemInWords(t, i18n.language, p)].filter(Boolean).join(': ')}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RulesView() {
  const { t } = useTranslation();
  const setView = useSettings((s) => s.setView);
  const { saved, custom, draft, selectedId, status, busy, saveProblems, brokenTriggers } = useRules();
  const store = useRules.getState();
  const [events, setEvents] = useState<ChatEvent[]>();
  const [tried, setTried] = useState<{ draft: RulePack; saved: RulePack | undefined; events: ChatEvent[]; preview: PackPreview }>();
  const [confirmReset, setConfirmReset] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const [falseAlarms, setFalseAlarms] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    void useRules.getState().load();
    void recentMessages().then(setEvents, () => setEvents([]));
    void falseAlarmsByRule(getDb(), Date.now()).then(setFalseAlarms, () => undefined);
  }, []);

  // The dry run follows the draft, a moment after the moderator stops typing.
  useEffect(() => {
    if (!draft || !events) return;
    const timer = setTimeout(() => setTried({ draft, saved, events, preview: previewPack(draft, saved, events) }), 250);
    return () => clearTimeout(timer);
  }, [draft, saved, events]);
  // Only a dry run of exactly what is on screen is shown; while it runs, "trying the rules…".
  const preview = tried && tried.draft === draft && tried.saved === saved && tried.events === events ? tried.preview : undefined;

  const dirty = useMemo(() => isDirty({ draft, saved }), [draft, saved]);
  const rule = draft?.rules.find((r) => r.id === selectedId);
  const duplicate = rule && draft ? draft.rules.filter((r) => r.id === rule.id).length > 1 : false;
  const ruleIndex = rule && draft ? draft.rules.indexOf(rule) : -1;
  const ruleProblems = rule ? (saveProblems[rule.id] ?? []) : [];
  const problemCount = (id: string) => (saveProblems[id]?.length ?? 0) + (brokenTriggers[id]?.length ?? 0);

  const importFile = async (file: File) => {
    const parsed = parsePackFile(await file.text());
    if (!parsed.ok) store.importFailed(file.name, parsed.problems);
    else store.importPack(parsed.value, file.name);
  };

  return (
    <main id="rules" className="rules-view" aria-labelledby="rules-title">
      <div className="item-head">
        <h2 id="rules-title">{t('rules.title')}</h2>
        <button type="button" className="link-button" aria-keyshortcuts="Escape" onClick={() => setView('inbox')}>
          {t('shifts.close')}
        </button>
      </div>
      <p className="muted">{t('rules.intro')}</p>
      <Proposals />
      <div className="rules-toolbar">
        <button type="button" className="primary" onClick={() => void store.save()} disabled={!draft || busy || !dirty}>
          {busy ? t('rules.saving') : t('rules.save')}
        </button>
        {dirty && <span className="tag tag-pending">{t('rules.unsaved')}</span>}
        {dirty && <DraftRestored draftKey={RULES_DRAFT} discard={false} />}
        {dirty && (
          <button type="button" onClick={() => store.discard()}>
            {t('rules.draft.discard')}
          </button>
        )}
        <button type="button" onClick={() => store.add('keywords')} disabled={!draft}>
          {t('rules.newKeywords')}
        </button>
        <button type="button" onClick={() => store.add('regex')} disabled={!draft}>
          {t('rules.newRegex')}
        </button>
        <button type="button" onClick={() => store.add('link')} disabled={!draft}>
          {t('rules.newLink')}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          {t('rules.import')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label={t('rules.importLabel')}
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button type="button" onClick={() => draft && download(draft)} disabled={!draft}>
          {t('rules.export')}
        </button>
        {custom &&
          (confirmReset ? (
            <span className="confirm-inline" role="group" aria-label={t('rules.reset')}>
              <span>{t('rules.resetConfirm')}</span>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirmReset(false);
                  void store.reset();
                }}
              >
                {t('rules.reset')}
              </button>
              <button type="button" onClick={() => setConfirmReset(false)}>
                {t('act.form.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmReset(true)}>
              {t('rules.reset')}
            </button>
          ))}
      </div>
      <StatusLine status={status} />
      {!draft ? (
        <p className="muted">{t('rules.loading')}</p>
      ) : (
        <div className="rules-body">
          <nav className="rules-list" aria-labelledby="rules-list-title">
            <h3 id="rules-list-title">
              {t('rules.list')} · {custom ? t('rules.custom') : t('rules.builtIn')}
            </h3>
            <ul>
              {draft.rules.map((r, i) => {
                const count = preview?.byRule.get(r.id)?.length ?? 0;
                const wrong = problemCount(r.id);
                return (
                  <li key={`${i}:${r.id}`}>
                    <button type="button" aria-current={r.id === selectedId ? 'true' : undefined} onClick={() => store.select(r.id)}>
                      <span className="rule-id">{r.id}</span>
                      <span className="rule-meta">
                        {t(`category.${r.category}`)} · {t(`severity.${r.severity}`)} · {t(`ruleKind.${r.trigger.type}`)}
                        {!r.enabled && <span className="tag">{t('rules.off')}</span>}
                        {r.dryRun && <span className="tag">{t('rules.dryRun')}</span>}
                        {wrong > 0 && <span className="tag tag-problem">{t('rules.problemCount', { count: wrong })}</span>}
                        {preview && count > 0 && <span className="tag tag-count">{t('rules.matches', { count })}</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {/* Beside the pack's rules, not one of them: the list's items stay the rules. */}
            <div className="rules-model">
              <button type="button" aria-current={!rule && selectedId === MODEL_ID ? 'true' : undefined} onClick={() => store.select(MODEL_ID)}>
                <span className="rule-id">{t('rules.model.title')}</span>
                <span className="rule-meta">
                  {!draft.model?.enabled && <span className="tag">{t('rules.off')}</span>}
                  {preview && (preview.byRule.get(MODEL_ID)?.length ?? 0) > 0 && <span className="tag tag-count">{t('rules.matches', { count: preview.byRule.get(MODEL_ID)?.length ?? 0 })}</span>}
                </span>
              </button>
            </div>
          </nav>
          <div className="rules-detail">
            {rule ? (
              <>
                <RuleEditor key={ruleIndex} rule={rule} problems={ruleProblems} duplicate={duplicate} />
                <Matches preview={preview} ruleId={rule.id} events={events?.length ?? 0} falseAlarms={falseAlarms.get(rule.id) ?? 0} />
              </>
            ) : selectedId === MODEL_ID ? (
              <>
                <section className="rule-editor" aria-labelledby="model-title">
                  <h3 id="model-title">{t('rules.model.title')}</h3>
                  <p className="muted">{t('rules.model.about')}</p>
                  <label>
                    <input type="checkbox" checked={draft.model?.enabled === true} onChange={(e) => store.setModel(e.target.checked)} /> {t('rules.model.enabled')}
                  </label>
                </section>
                <Matches preview={preview} ruleId={MODEL_ID} events={events?.length ?? 0} falseAlarms={falseAlarms.get(MODEL_ID) ?? 0} />
              </>
            ) : (
              <p className="muted">{t('rules.editor.none')}</p>
            )}
          </div>
        </div>
      )}
    </main>
  );
}

export default RulesView;
