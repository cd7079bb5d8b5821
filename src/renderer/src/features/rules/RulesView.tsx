// The rule editor (issue 4): the team's triage rules as data. A list of the pack's rules, an editor for
// one, a live dry run of the edited pack over recent stored messages (which would match, and why),
// save through main (which checks and compiles before the pack runs), import and export as JSON.
// Message text in the preview is shown as text with the evidence marked, never as markup.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlagCategorySchema, SeveritySchema, type ChatEvent } from '@shared/domain/model';
import { RuleSchema, type Rule, type RulePack } from '@shared/triage';
import { getDb } from '../../db/instance';
import { send } from '../../ipc/client';
import { useSettings } from '../../stores/settings';
import { EvidenceText } from '../conversation/MessageText';
import { freshRuleId, parsePackFile, parseTrigger, previewPack, type PackPreview } from './preview';
import './rules.css';

const RECENT = 500;
const SHOWN_MATCHES = 20;

type Status = { kind: 'ok' | 'error'; text: string; lines?: string[] } | undefined;

async function recentMessages(): Promise<ChatEvent[]> {
  const rows = await getDb()
    .events.orderBy('ts')
    .reverse()
    .filter((e) => e.kind === 'message' && !!e.text)
    .limit(RECENT)
    .toArray();
  return rows.reverse();
}

function triggerText(rule: Rule): string {
  return JSON.stringify(rule.trigger, null, 2);
}

function newRule(pack: RulePack, kind: 'keywords' | 'regex'): Rule {
  return RuleSchema.parse({
    id: freshRuleId(pack, `team.${kind}`),
    category: 'custom',
    severity: 'medium',
    reason: kind === 'keywords' ? 'Team keyword: {match}' : 'Team pattern: {match}',
    trigger: kind === 'keywords' ? { type: 'keywords', terms: ['example phrase'] } : { type: 'regex', patterns: ['\\bexample\\b'] },
  });
}

function download(pack: RulePack) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(pack, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${pack.id || 'rules'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function RuleEditor({ rule, text, problems, onChange, onTrigger, onRemove }: {
  rule: Rule;
  text: string;
  problems: string[];
  onChange(rule: Rule): void;
  onTrigger(text: string): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="rule-editor" aria-labelledby="rule-editor-title">
      <h3 id="rule-editor-title">{t('rules.editor.title', { id: rule.id })}</h3>
      <div className="rule-fields">
        <label>
          {t('rules.editor.id')}
          <input value={rule.id} maxLength={100} onChange={(e) => onChange({ ...rule, id: e.target.value })} />
        </label>
        <label className="wide">
          {t('rules.editor.reason')}
          <input value={rule.reason} maxLength={300} onChange={(e) => onChange({ ...rule, reason: e.target.value })} />
        </label>
        <label>
          {t('rules.editor.category')}
          <select value={rule.category} onChange={(e) => onChange({ ...rule, category: FlagCategorySchema.parse(e.target.value) })}>
            {FlagCategorySchema.options.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('rules.editor.severity')}
          <select value={rule.severity} onChange={(e) => onChange({ ...rule, severity: SeveritySchema.parse(e.target.value) })}>
            {SeveritySchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={rule.enabled} onChange={(e) => onChange({ ...rule, enabled: e.target.checked })} />
          {t('rules.editor.enabled')}
        </label>
        <label className="check wide">
          <input type="checkbox" checked={rule.dryRun} onChange={(e) => onChange({ ...rule, dryRun: e.target.checked })} />
          {t('rules.editor.dryRun')}
        </label>
      </div>
      <label className="trigger-label" htmlFor="rule-trigger">
        {t('rules.editor.trigger')}
      </label>
      <textarea
        id="rule-trigger"
        className="trigger-text"
        spellCheck={false}
        rows={Math.min(16, Math.max(5, text.split('\n').length + 1))}
        value={text}
        aria-describedby="rule-trigger-help"
        aria-invalid={problems.length > 0}
        onChange={(e) => onTrigger(e.target.value)}
      />
      <p id="rule-trigger-help" className="muted small">
        {t('rules.editor.triggerHelp')}
      </p>
      {problems.length > 0 && (
        <div className="rule-problems" role="alert">
          <p>{t('rules.editor.invalid')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" className="danger-link" onClick={onRemove}>
        {t('rules.editor.remove')}
      </button>
    </section>
  );
}

function Matches({ preview, ruleId, events }: { preview: PackPreview | undefined; ruleId: string; events: number }) {
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
              <div className="message-meta">
                <span className="author">{event.author?.displayName ?? event.author?.name ?? ''}</span>
                <span className="channel">{event.channelName ?? event.channelId}</span>
                <span className="muted">{new Date(event.ts).toLocaleString()}</span>
              </div>
              <EvidenceText text={event.text ?? ''} spans={flag.evidence} />
              <p className="preview-reason">{flag.reason}</p>
            </li>
          ))}
          {matches.length > SHOWN_MATCHES && <li className="muted">{t('rules.preview.more', { count: matches.length - SHOWN_MATCHES })}</li>}
        </ul>
      )}
    </section>
  );
}

export function RulesView() {
  const { t } = useTranslation();
  const setView = useSettings((s) => s.setView);
  const [saved, setSaved] = useState<RulePack>();
  const [custom, setCustom] = useState(false);
  const [draft, setDraft] = useState<RulePack>();
  const [selectedId, setSelectedId] = useState<string>();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [events, setEvents] = useState<ChatEvent[]>();
  const [preview, setPreview] = useState<PackPreview>();
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = async () => {
    try {
      const got = await send('rules.get', {});
      setSaved(got.pack);
      setDraft(got.pack);
      setCustom(got.custom);
      setTexts({});
      setProblems({});
      setSelectedId((id) => (id && got.pack.rules.some((r) => r.id === id) ? id : got.pack.rules[0]?.id));
    } catch (error) {
      setStatus({ kind: 'error', text: t('rules.loadFailed', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };
  useEffect(() => {
    void load();
    void recentMessages().then(setEvents, () => setEvents([]));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // The dry run follows the draft, a moment after the moderator stops typing.
  useEffect(() => {
    if (!draft || !events) return;
    setPreview(undefined);
    const timer = setTimeout(() => setPreview(previewPack(draft, saved, events)), 250);
    return () => clearTimeout(timer);
  }, [draft, saved, events]);

  const dirty = useMemo(() => !!draft && !!saved && JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  const rule = draft?.rules.find((r) => r.id === selectedId);
  const ruleProblems = rule ? [...(problems[rule.id] ?? []), ...(preview?.problems.get(rule.id) ?? [])] : [];
  const duplicateId = rule && draft ? draft.rules.filter((r) => r.id === rule.id).length > 1 : false;

  const replaceRule = (next: Rule) => {
    if (!draft || !rule) return;
    setDraft({ ...draft, rules: draft.rules.map((r) => (r === rule ? next : r)) });
    if (next.id !== rule.id) {
      setTexts(({ [rule.id]: text, ...rest }) => (text === undefined ? rest : { ...rest, [next.id]: text }));
      setProblems(({ [rule.id]: _gone, ...rest }) => rest);
      setSelectedId(next.id);
    }
  };

  const editTrigger = (text: string) => {
    if (!rule) return;
    setTexts((all) => ({ ...all, [rule.id]: text }));
    const parsed = parseTrigger(text);
    if (parsed.ok) {
      setProblems(({ [rule.id]: _gone, ...rest }) => rest);
      replaceRule({ ...rule, trigger: parsed.value });
    } else {
      setProblems((all) => ({ ...all, [rule.id]: parsed.problems }));
    }
  };

  const add = (kind: 'keywords' | 'regex') => {
    if (!draft) return;
    const created = newRule(draft, kind);
    setDraft({ ...draft, rules: [...draft.rules, created] });
    setSelectedId(created.id);
  };

  const remove = () => {
    if (!draft || !rule) return;
    const rules = draft.rules.filter((r) => r !== rule);
    setDraft({ ...draft, rules });
    setSelectedId(rules[0]?.id);
  };

  const save = async () => {
    if (!draft || busy) return;
    if (Object.keys(problems).length > 0) {
      setStatus({ kind: 'error', text: t('rules.notSaved'), lines: Object.entries(problems).flatMap(([id, lines]) => lines.map((l) => `rule ${id}: ${l}`)) });
      return;
    }
    setBusy(true);
    try {
      const result = await send('rules.save', { pack: draft });
      if (result.ok) {
        setSaved(draft);
        setCustom(true);
        setStatus({ kind: 'ok', text: t('rules.saved', { count: result.value.rules }) });
      } else {
        setStatus({ kind: 'error', text: t('rules.notSaved'), lines: result.error.message.split('\n').slice(1) });
      }
    } catch (error) {
      setStatus({ kind: 'error', text: t('rules.notSaved'), lines: [error instanceof Error ? error.message : String(error)] });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    const parsed = parsePackFile(await file.text());
    if (!parsed.ok) {
      setStatus({ kind: 'error', text: t('rules.importFailed', { file: file.name }), lines: parsed.problems.slice(0, 20) });
      return;
    }
    setDraft(parsed.value);
    setTexts({});
    setProblems({});
    setSelectedId(parsed.value.rules[0]?.id);
    setStatus({ kind: 'ok', text: t('rules.imported', { count: parsed.value.rules.length, file: file.name }) });
  };

  const reset = async () => {
    setConfirmReset(false);
    const result = await send('rules.reset', {});
    if (result.ok) {
      await load();
      setStatus({ kind: 'ok', text: t('rules.resetDone') });
    } else setStatus({ kind: 'error', text: result.error.message });
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
      <div className="rules-toolbar">
        <button type="button" className="primary" onClick={() => void save()} disabled={!draft || busy || !dirty}>
          {busy ? t('rules.saving') : t('rules.save')}
        </button>
        {dirty && <span className="tag tag-pending">{t('rules.unsaved')}</span>}
        <button type="button" onClick={() => add('keywords')} disabled={!draft}>
          {t('rules.newKeywords')}
        </button>
        <button type="button" onClick={() => add('regex')} disabled={!draft}>
          {t('rules.newRegex')}
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
              <button type="button" className="danger" onClick={() => void reset()}>
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
      {status && (
        <div className={status.kind === 'ok' ? 'rules-status ok' : 'rules-status error'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          <p>{status.text}</p>
          {status.lines && status.lines.length > 0 && (
            <ul>
              {status.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
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
                return (
                  <li key={`${i}:${r.id}`}>
                    <button type="button" aria-current={r.id === selectedId ? 'true' : undefined} onClick={() => setSelectedId(r.id)}>
                      <span className="rule-id">{r.id}</span>
                      <span className="rule-meta">
                        {t(`category.${r.category}`)} · {t(`severity.${r.severity}`)} · {r.trigger.type}
                        {!r.enabled && <span className="tag">{t('rules.off')}</span>}
                        {r.dryRun && <span className="tag">{t('rules.dryRun')}</span>}
                        {preview && count > 0 && <span className="tag tag-count">{t('rules.matches', { count })}</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="rules-detail">
            {rule ? (
              <>
                <RuleEditor
                  rule={rule}
                  text={texts[rule.id] ?? triggerText(rule)}
                  problems={duplicateId ? [...ruleProblems, `${rule.id}: two rules share this id`] : ruleProblems}
                  onChange={replaceRule}
                  onTrigger={editTrigger}
                  onRemove={remove}
                />
                <Matches preview={preview} ruleId={rule.id} events={events?.length ?? 0} />
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
