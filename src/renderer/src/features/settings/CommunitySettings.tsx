// Settings → Community (issue 6): the rule list cases pick their reason from, the warn ladder, the
// voice guide the tone check reads, the mod-log channel and entry, the crisis line of the support reply and the links replies give. Each part saves on its own and
// says in words what is wrong before anything is kept.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityRule, LadderStep, WarnLadder } from '@shared/domain/cases';
import { SituationSchema, avoidList, type Situation, type VoiceGuide } from '@shared/replies';
import type { Problem } from '@shared/domain/result';
import { problemInWords } from '../../lib/problems';
import { useModeration } from '../../stores/moderation';
import { useSettings, type SettingPart } from '../../stores/settings';
import { useSources } from '../../stores/sources';
import { welcomeGaps } from '@shared/welcome/welcome';
import { useSavedWelcomes } from './welcome';
import { modLogPreview } from '../conversation/caseActions';
import { MarkdownText } from '../conversation/MessageText';
import { DraftRestored } from '../replies/DraftRestored';
import { dropKeptDrafts, useKeptEdit } from '../replies/keptDrafts';
import { avoidToLines, linesToAvoid, linesToWords, ruleIdFor } from './communityText';
import './community.css';

type Outcome = { ok: true } | { ok: false; problems: Problem[] } | undefined;

function SaveRow({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="save-row">
      <button type="submit">{t('community.save')}</button>
      {outcome?.ok && (
        <span role="status" className="notice ok">
          {t('community.saved')}
        </span>
      )}
      {outcome && !outcome.ok && (
        <div role="alert" className="notice failed">
          {t('community.notSaved')}
          <ul>
            {outcome.problems.map((p, i) => (
              <li key={i}>{[p.path.join('.'), problemInWords(t, i18n.language, p)].filter(Boolean).join(': ')}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** `draftKey`: where the part's unsaved edits are kept on this computer (keptDrafts), dropped once saved. */
function Part({ title, help, onSubmit, children, part, draftKey }: { title: string; help?: string; onSubmit(): Promise<Problem[]>; children: ReactNode; part?: SettingPart; draftKey: string }) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>();
  const formRef = useRef<HTMLFormElement>(null);
  // Asked for by a stopped reply ("Open Settings → Community → Links in replies"): in view, its first field focused.
  const focused = useSettings((s) => part !== undefined && s.settingFocus === part);
  useEffect(() => {
    if (!focused) return;
    const form = formRef.current;
    form?.scrollIntoView({ block: 'center' });
    form?.querySelector<HTMLInputElement>('input, textarea')?.focus();
    useSettings.getState().openSetting(undefined);
  }, [focused]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = await onSubmit();
    if (problems.length === 0) dropKeptDrafts([draftKey]);
    setOutcome(problems.length === 0 ? { ok: true } : { ok: false, problems });
  };
  return (
    <form ref={formRef} className="community-part" aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void submit(e)}>
      <h4 id={`${id}-title`}>{title}</h4>
      {help && <p className="muted">{help}</p>}
      {children}
      <DraftRestored draftKey={draftKey} />
      <SaveRow outcome={outcome} />
    </form>
  );
}

// Each part's unsaved edits, kept on this computer until saved (keptDrafts).
const RULES_KEY = 'settings:community:rules';
const LADDER_KEY = 'settings:community:ladder';
const VOICE_KEY = 'settings:community:voice';
const MODLOG_KEY = 'settings:community:modLog';
const CRISIS_KEY = 'settings:community:crisisLine';
const LINKS_KEY = 'settings:community:replyLinks';

function RulesPart() {
  const { t } = useTranslation();
  const saved = useModeration((s) => s.rules);
  const [rules, setRules] = useKeptEdit<CommunityRule[]>(RULES_KEY, saved);
  const move = (i: number, by: number) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    setRules(next);
  };
  return (
    <Part draftKey={RULES_KEY} title={t('community.rules.title')} help={t('community.rules.help')} onSubmit={() => useModeration.getState().setRules(rules.map((r) => ({ ...r, title: r.title.trim() })))}>
      <ol className="rule-list-edit">
        {rules.map((r, i) => (
          <li key={r.id}>
            <input aria-label={t('community.rules.ruleTitle', { n: i + 1 })} value={r.title} maxLength={200} onChange={(e) => setRules(rules.map((x) => (x === r ? { ...x, title: e.target.value } : x)))} />
            <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`${t('community.rules.up')}: ${r.title}`}>
              ↑
            </button>
            <button type="button" onClick={() => move(i, 1)} disabled={i === rules.length - 1} aria-label={`${t('community.rules.down')}: ${r.title}`}>
              ↓
            </button>
            <button type="button" onClick={() => setRules(rules.filter((x) => x !== r))} disabled={rules.length === 1}>
              {t('community.rules.remove')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setRules([...rules, { id: ruleIdFor(t('community.rules.newTitle'), new Set(rules.map((r) => r.id))), title: t('community.rules.newTitle') }])}>
        {t('community.rules.add')}
      </button>
    </Part>
  );
}

function LadderPart() {
  const { t } = useTranslation();
  const saved = useModeration((s) => s.ladder);
  const [ladder, setLadder] = useKeptEdit<WarnLadder>(LADDER_KEY, saved);
  const setStep = (i: number, step: LadderStep) => setLadder({ ...ladder, steps: ladder.steps.map((s, j) => (j === i ? step : s)) });
  return (
    <Part draftKey={LADDER_KEY} title={t('community.ladder.title')} help={t('community.ladder.help')} onSubmit={() => useModeration.getState().setLadder(ladder)}>
      <div className="inline-fields">
        <label>
          {t('community.ladder.warns')}
          <input type="number" min={1} max={20} value={ladder.warns} onChange={(e) => setLadder({ ...ladder, warns: e.target.valueAsNumber })} />
        </label>
        <label>
          {t('community.ladder.days')}
          <input type="number" min={1} max={365} value={ladder.windowDays} onChange={(e) => setLadder({ ...ladder, windowDays: e.target.valueAsNumber })} />
        </label>
      </div>
      <ol className="ladder-steps">
        {ladder.steps.map((step, i) => (
          <li key={i} className="inline-fields">
            <label>
              {t('community.ladder.step', { n: i + 1 })} · {t('community.ladder.action')}
              <select value={step.action} onChange={(e) => setStep(i, { action: e.target.value as LadderStep['action'], ...(e.target.value === 'timeout' ? { durationSeconds: step.durationSeconds ?? 86_400 } : {}) })}>
                {(['timeout', 'kick', 'ban'] as const).map((a) => (
                  <option key={a} value={a}>
                    {t(`act.caseAction.${a}`)}
                  </option>
                ))}
              </select>
            </label>
            {step.action === 'timeout' && (
              <label>
                {t('community.ladder.hours')}
                <input
                  type="number"
                  min={1}
                  max={672}
                  value={Math.round((step.durationSeconds ?? 0) / 3600)}
                  onChange={(e) => setStep(i, { ...step, durationSeconds: Math.round(e.target.valueAsNumber * 3600) || 0 })}
                />
              </label>
            )}
            <button type="button" onClick={() => setLadder({ ...ladder, steps: ladder.steps.filter((_, j) => j !== i) })} disabled={ladder.steps.length === 1}>
              {t('community.ladder.removeStep')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setLadder({ ...ladder, steps: [...ladder.steps, { action: 'ban' }] })} disabled={ladder.steps.length >= 10}>
        {t('community.ladder.addStep')}
      </button>
    </Part>
  );
}

function VoicePart() {
  const { t } = useTranslation();
  const saved = useModeration((s) => s.voiceGuide);
  const savedForm = useMemo(() => ({ guide: saved, avoid: avoidToLines(avoidList(saved)), harsh: saved.harshWords.join('\n') }), [saved]);
  const [form, setForm] = useKeptEdit(VOICE_KEY, savedForm);
  const { guide, avoid, harsh } = form;
  const setGuide = (next: VoiceGuide) => setForm((f) => ({ ...f, guide: next }));
  const setAvoid = (next: string) => setForm((f) => ({ ...f, avoid: next }));
  const setHarsh = (next: string) => setForm((f) => ({ ...f, harsh: next }));
  // A part the team requires is a tone finding; one it does not is only suggested (issue 14 §3).
  const togglePart = (part: 'greeting' | 'ruleLink', s: Situation, on: boolean) => {
    const list = guide.requiredParts[part];
    const next = on ? [...new Set([...list, s])] : list.filter((x) => x !== s);
    setGuide({ ...guide, requiredParts: { ...guide.requiredParts, [part]: next } });
  };
  return (
    <Part
      draftKey={VOICE_KEY}
      title={t('community.voice.title')}
      help={t('community.voice.help')}
      onSubmit={() => useModeration.getState().setVoiceGuide({ ...guide, avoid: linesToAvoid(avoid), harshWords: linesToWords(harsh) })}
    >
      <div className="inline-fields">
        <label>
          {t('community.voice.formality')}
          <select value={guide.formality} onChange={(e) => setGuide({ ...guide, formality: e.target.value as VoiceGuide['formality'] })}>
            {(['casual', 'friendly', 'formal'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`community.voice.formalityOption.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('community.voice.emoji')}
          <select value={guide.emoji} onChange={(e) => setGuide({ ...guide, emoji: e.target.value as VoiceGuide['emoji'] })}>
            {(['none', 'few', 'any'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`community.voice.emojiOption.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {guide.emoji === 'few' && (
          <label>
            {t('community.voice.maxEmoji')}
            <input type="number" min={0} max={50} value={guide.maxEmoji} onChange={(e) => setGuide({ ...guide, maxEmoji: e.target.valueAsNumber })} />
          </label>
        )}
      </div>
      <label className="block">
        {t('community.voice.avoid')}
        <textarea rows={6} value={avoid} onChange={(e) => setAvoid(e.target.value)} />
      </label>
      <label className="block">
        {t('community.voice.harsh')}
        <textarea rows={3} value={harsh} onChange={(e) => setHarsh(e.target.value)} />
      </label>
      <div className="inline-fields">
        {(['discord', 'telegram', 'whatsapp'] as const).map((p) => (
          <label key={p}>
            {t('community.voice.maxLength', { platform: t(`platform.${p}`) })}
            <input type="number" min={50} max={65536} value={guide.maxLength[p]} onChange={(e) => setGuide({ ...guide, maxLength: { ...guide.maxLength, [p]: e.target.valueAsNumber } })} />
          </label>
        ))}
      </div>
      {(['greeting', 'ruleLink'] as const).map((part) => (
        <fieldset key={part}>
          <legend>{t(`community.voice.${part}`)}</legend>
          {SituationSchema.options.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={guide.requiredParts[part].includes(s)} onChange={(e) => togglePart(part, s, e.target.checked)} />
              {t(`community.voice.situation.${s}`)}
            </label>
          ))}
        </fieldset>
      ))}
    </Part>
  );
}

function ModLogPart() {
  const { t } = useTranslation();
  const savedChannel = useModeration((s) => s.modLogChannel);
  const savedTemplate = useModeration((s) => s.modLogTemplate);
  const savedForm = useMemo(() => ({ channel: savedChannel, template: savedTemplate }), [savedChannel, savedTemplate]);
  const [form, setForm] = useKeptEdit(MODLOG_KEY, savedForm);
  const { channel, template } = form;
  const setChannel = (next: string) => setForm((f) => ({ ...f, channel: next }));
  const setTemplate = (next: string) => setForm((f) => ({ ...f, template: next }));
  const preview = modLogPreview(t, template);
  return (
    <Part
      draftKey={MODLOG_KEY}
      title={t('community.modLog.title')}
      onSubmit={async () => {
        const problems = await useModeration.getState().setModLogTemplate(template);
        if (problems.length === 0) await useModeration.getState().setModLogChannel(channel);
        return problems;
      }}
    >
      <label className="block">
        {t('community.modLog.channel')}
        <input value={channel} maxLength={100} onChange={(e) => setChannel(e.target.value)} />
      </label>
      <label className="block">
        {t('community.modLog.template')}
        <textarea rows={2} value={template} maxLength={500} aria-describedby="modlog-vars" onChange={(e) => setTemplate(e.target.value)} />
      </label>
      <p id="modlog-vars" className="muted">
        {t('community.modLog.variables')}
      </p>
      {preview && (
        <div className="modlog-preview">
          <span className="muted">{t('community.modLog.preview')} (Discord)</span>
          <MarkdownText text={preview} />
        </div>
      )}
    </Part>
  );
}

/** The crisis line the support reply gives a member who may be at risk: the team's own, never one made up. */
function CrisisLinePart() {
  const { t } = useTranslation();
  const saved = useModeration((s) => s.crisisLine);
  const [line, setLine] = useKeptEdit(CRISIS_KEY, saved);
  return (
    <Part draftKey={CRISIS_KEY} part="crisis" title={t('community.crisis.title')} help={t('community.crisis.help')} onSubmit={() => useModeration.getState().setCrisisLine(line)}>
      <label className="block">
        {t('community.crisis.line')}
        <input value={line} maxLength={300} onChange={(e) => setLine(e.target.value)} />
      </label>
    </Part>
  );
}

/**
 * The spaces whose switched-on welcome gives {rules} with no link of its own, so this rules link: with it empty
 * main holds those welcomes back, and the team should know before saving, not from a log line.
 */
function useWelcomesHeldBack(rulesLink: string): string[] {
  const sources = useSources((s) => s.sources);
  // Only an empty link can leave a welcome's {rules} unfilled: the saved welcomes are read afresh each time it empties.
  const empty = rulesLink === '';
  const welcomes = useSavedWelcomes(empty).saved ?? [];
  if (!empty) return [];
  return welcomes
    .filter((w) => w.enabled && welcomeGaps(w, rulesLink).length > 0)
    .map((w) => sources.find((s) => s.id === w.sourceId)?.spaces.find((sp) => sp.id === w.spaceId)?.name ?? w.spaceId);
}

/** The rules page and the appeal page replies link to ({rule_link}, {appeal_link}): the team's own. */
function ReplyLinksPart() {
  const { t } = useTranslation();
  const saved = useModeration((s) => s.replyLinks);
  const [links, setLinks] = useKeptEdit(LINKS_KEY, saved);
  const label = { rulesLink: t('community.links.rules'), appealLink: t('community.links.appeal') };
  // A problem names its field in words, not by its key.
  const save = async () =>
    (await useModeration.getState().setReplyLinks(links)).map((p) => ({ ...p, path: p.path.map((k) => (k === 'rulesLink' || k === 'appealLink' ? label[k] : k)) }));
  const held = useWelcomesHeldBack(links.rulesLink.trim());
  return (
    <Part draftKey={LINKS_KEY} part="links" title={t('community.links.title')} help={t('community.links.help')} onSubmit={save}>
      {(['rulesLink', 'appealLink'] as const).map((key) => (
        <label key={key} className="block">
          {label[key]}
          <input type="url" value={links[key]} maxLength={500} placeholder="https://" onChange={(e) => setLinks({ ...links, [key]: e.target.value })} />
        </label>
      ))}
      {held.length > 0 && (
        <p className="notice failed" data-testid="welcomes-held">
          {t('community.links.welcomesHeld', { count: held.length, spaces: held.join(', ') })}
        </p>
      )}
    </Part>
  );
}

export function CommunitySettings() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="community-title" className="community-settings">
      <h3 id="community-title">{t('community.title')}</h3>
      <p className="muted">{t('community.intro')}</p>
      <RulesPart />
      <LadderPart />
      <VoicePart />
      <ModLogPart />
      <CrisisLinePart />
      <ReplyLinksPart />
    </section>
  );
}
