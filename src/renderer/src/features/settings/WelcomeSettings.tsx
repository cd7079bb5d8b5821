// Settings → Welcomes (issue 19): per space, whether new members are welcomed, where (the channel, or a
// DM where the platform allows one), the rules link and the message in English and Simplified Chinese,
// with {member}, {space} and {rules}. Main sends it, one welcome per join wave.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilities } from '@shared/domain/capabilities';
import { DIRECT_MESSAGE_SPACE, type SourceInfo, type SpaceInfo } from '@shared/domain/model';
import { DEFAULT_WELCOME_MACROS, WelcomeSettingsSchema, welcomeGaps, type WelcomeSettings } from '@shared/welcome/welcome';
import { errorInWords, unreachable } from '../../lib/format';
import { useModeration } from '../../stores/moderation';
import { useSettings } from '../../stores/settings';
import { useSources } from '../../stores/sources';
import { DraftRestored } from '../replies/DraftRestored';
import { dropKeptDrafts, useKeptEdit } from '../replies/keptDrafts';
import { loadWelcomes, saveWelcome, useSavedWelcomes } from './welcome';

type Outcome = { ok: true } | { ok: false; text: string } | undefined;

function SpaceWelcome({ source, space, saved, onSaved }: { source: SourceInfo; space: SpaceInfo; saved: WelcomeSettings[]; onSaved(all: WelcomeSettings[]): void }) {
  const { t } = useTranslation();
  const formId = useId();
  const known = saved.find((s) => s.sourceId === source.id && s.spaceId === space.id);
  const channels = space.channels.filter((c) => c.kind === 'text' || c.kind === 'announcement');
  const dmAllowed = capabilities[source.platform].dm.supported;
  const [enabled, setEnabled] = useState(known?.enabled ?? false);
  const [delivery, setDelivery] = useState<'channel' | 'dm'>(known?.delivery ?? 'channel');
  const [channelId, setChannelId] = useState(known?.channelId ?? channels[0]?.id ?? '');
  // The typed parts (rules link, both messages) are kept on this computer until saved (keptDrafts).
  const draftKeys = (['rulesLink', 'en', 'zh'] as const).map((part) => `welcome:${source.id}:${space.id}:${part}`);
  const [rulesLink, setRulesLink] = useKeptEdit(draftKeys[0]!, known?.rulesLink ?? '');
  const [en, setEn] = useKeptEdit(draftKeys[1]!, known?.macros.find((m) => m.lang === 'en')?.text ?? DEFAULT_WELCOME_MACROS.en);
  const [zh, setZh] = useKeptEdit(draftKeys[2]!, known?.macros.find((m) => m.lang === 'zh-CN')?.text ?? DEFAULT_WELCOME_MACROS['zh-CN']);
  const [outcome, setOutcome] = useState<Outcome>();
  // One rules link for the console (Settings → Community); a space's own, when set, overrides it.
  const inherited = useModeration((s) => s.replyLinks.rulesLink);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const macros = [
      ...(en.trim() ? [{ lang: 'en', text: en }] : []),
      ...(zh.trim() ? [{ lang: 'zh-CN', text: zh }] : []),
    ];
    const parsed = WelcomeSettingsSchema.safeParse({
      sourceId: source.id,
      platform: source.platform,
      spaceId: space.id,
      enabled,
      delivery,
      ...(channelId ? { channelId } : {}),
      ...(rulesLink.trim() ? { rulesLink: rulesLink.trim() } : {}),
      macros,
    });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path[0];
      setOutcome({ ok: false, text: t(path === 'channelId' ? 'welcome.problem.channel' : path === 'rulesLink' ? 'welcome.problem.rules' : 'welcome.problem.text') });
      return;
    }
    // A welcome that would go out with braces is not switched on (main would hold it back anyway).
    const gaps = parsed.data.enabled ? welcomeGaps(parsed.data, inherited) : [];
    if (gaps.length > 0) {
      setOutcome({ ok: false, text: t('welcome.problem.gaps', { names: gaps.join(', ') }) });
      return;
    }
    try {
      const res = await saveWelcome(saved, parsed.data);
      if (!res.ok) return setOutcome({ ok: false, text: errorInWords(t, res.error, source.platform) });
      dropKeptDrafts(draftKeys);
      onSaved(await loadWelcomes());
      setOutcome({ ok: true });
    } catch (err) {
      console.warn('welcome.save did not reach the console', err);
      setOutcome({ ok: false, text: errorInWords(t, unreachable()) });
    }
  };

  return (
    <form className="welcome-space" aria-labelledby={`${formId}-title`} onSubmit={(e) => void submit(e)}>
      <h4 id={`${formId}-title`}>{t('welcome.space', { space: space.name, source: source.label })}</h4>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('welcome.enabled')}
      </label>
      <label htmlFor={`${formId}-delivery`}>{t('welcome.delivery')}</label>
      <select id={`${formId}-delivery`} value={delivery} onChange={(e) => setDelivery(e.target.value === 'dm' ? 'dm' : 'channel')}>
        <option value="channel">{t('welcome.inChannel')}</option>
        <option value="dm" disabled={!dmAllowed}>
          {t('welcome.inDm')}
        </option>
      </select>
      <label htmlFor={`${formId}-channel`}>{t('welcome.channel')}</label>
      <select id={`${formId}-channel`} value={channelId} onChange={(e) => setChannelId(e.target.value)}>
        {channels.map((c) => (
          <option key={c.id} value={c.id}>
            #{c.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${formId}-rules`}>{t('welcome.rulesLink')}</label>
      <input
        id={`${formId}-rules`}
        type="url"
        value={rulesLink}
        onChange={(e) => setRulesLink(e.target.value)}
        placeholder={inherited || 'https://'}
        aria-describedby={`${formId}-rules-source`}
      />
      <p id={`${formId}-rules-source`} className="muted rules-source">
        {rulesLink.trim()
          ? t('welcome.own', { also: inherited ? t('welcome.ownAlso', { link: inherited }) : '' })
          : inherited
            ? t('welcome.inherits', { link: inherited })
            : t('welcome.inheritsNone')}{' '}
        {!rulesLink.trim() && !inherited && (
          <button type="button" className="link" onClick={() => useSettings.getState().openSetting('links')}>
            {t('welcome.openLinks')}
          </button>
        )}
      </p>
      <label htmlFor={`${formId}-en`}>{t('welcome.textEn')}</label>
      <textarea id={`${formId}-en`} value={en} maxLength={1000} onChange={(e) => setEn(e.target.value)} />
      <label htmlFor={`${formId}-zh`}>{t('welcome.textZh')}</label>
      <textarea id={`${formId}-zh`} value={zh} maxLength={1000} onChange={(e) => setZh(e.target.value)} lang="zh-CN" />
      <p className="muted">{t('welcome.help')}</p>
      <DraftRestored draftKey={draftKeys} />
      <div className="save-row">
        <button type="submit">{t('welcome.save')}</button>
        {outcome?.ok && (
          <span role="status" className="notice ok">
            {t('welcome.saved')}
          </span>
        )}
        {outcome && !outcome.ok && (
          <span role="alert" className="notice failed">
            {outcome.text}
          </span>
        )}
      </div>
    </form>
  );
}

export function WelcomeSettingsSection() {
  const { t } = useTranslation();
  const sources = useSources((s) => s.sources);
  const { saved, setSaved, failed } = useSavedWelcomes();
  const spaces = sources.flatMap((source) => source.spaces.filter((s) => s.id !== DIRECT_MESSAGE_SPACE && s.movedTo === undefined).map((space) => ({ source, space })));
  return (
    <section aria-labelledby="welcome-title">
      <h3 id="welcome-title">{t('welcome.title')}</h3>
      {failed && (
        <p role="alert" className="notice failed">
          {errorInWords(t, unreachable())}
        </p>
      )}
      {saved && spaces.length === 0 && <p className="muted">{t('welcome.noSpaces')}</p>}
      {saved &&
        spaces.map(({ source, space }) => <SpaceWelcome key={`${source.id}:${space.id}`} source={source} space={space} saved={saved} onSaved={setSaved} />)}
    </section>
  );
}
