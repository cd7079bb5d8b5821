// The crisis playbook of one space, one click from its warning: slowmode, lock, the prepared
// announcement, and who to page. Each step goes through the outbox like any action, and is recorded
// on the alert (what was done feeds the handoff digest).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionIntent, ActionKind } from '@shared/domain/actions';
import type { CrisisSignal } from '@shared/insights/crisis';
import { useActions } from '../../stores/actions';
import { useAlerts } from '../../stores/alerts';
import { useInbox } from '../../stores/inbox';
import { useSources } from '../../stores/sources';
import { useTeam } from '../../stores/team';
import { onNow } from '@shared/team/schedule';
import { useMinuteClock } from '../shifts/clock';
import { errorInWords } from '../../lib/format';
import { explainTerms, weekdayHour } from '../../lib/crisisWords';
import { DraftRestored } from '../replies/DraftRestored';
import { dropKeptDrafts, useKeptDraft } from '../replies/keptDrafts';
import { capabilityOf, channelLockIntent, channelPostIntent, channelSlowmodeIntent, type ActionPlace } from '../conversation/intents';

export function Playbook({ signal }: { signal: CrisisSignal }) {
  const { t, i18n } = useTranslation();
  const sources = useSources((s) => s.sources);
  const byId = useInbox((s) => s.byId);
  const team = useTeam((s) => s.view);
  const alert = useAlerts((s) => s.alerts.findLast((a) => a.spaceKey === signal.spaceKey));
  const [sourceId, spaceId] = signal.spaceKey.split('|').slice(1);
  const channels = useMemo(() => {
    const space = sources.find((s) => s.id === sourceId)?.spaces.find((s) => s.id === spaceId);
    return (space?.channels ?? []).filter((c) => c.kind === 'text' || c.kind === 'announcement' || c.kind === 'other');
  }, [sources, sourceId, spaceId]);
  // The channel of the newest inbox item in this space: where the trouble is.
  const busiest = useMemo(() => {
    let best: { channelId: string; at: number } | undefined;
    for (const item of byId.values()) if (item.sourceId === sourceId && item.spaceId === spaceId && (!best || item.updatedAt > best.at)) best = { channelId: item.channelId, at: item.updatedAt };
    return best?.channelId;
  }, [byId, sourceId, spaceId]);
  const [channelId, setChannelId] = useState<string | undefined>(undefined);
  const chosen = channelId ?? busiest ?? channels[0]?.id;
  // The announcement as the moderator rewrites it is kept on this computer (keptDrafts) until it went out.
  const announceKey = `crisis-announcement:${sourceId ?? ''}:${spaceId ?? ''}`;
  const [text, setText] = useKeptDraft(announceKey, () => t('insights.crisis.announcementText'));
  const [result, setResult] = useState<string | undefined>(undefined);
  const now = useMinuteClock();
  // The lead on shift (scheduled now or clocked in); else any lead, said to be off shift.
  const onNowKeys = team ? onNow(team.state, now) : [];
  const leads = team ? Object.values(team.state.roster).filter((m) => m.role === 'lead' && m.key !== team.me.key) : [];
  const lead = leads.find((m) => onNowKeys.includes(m.key)) ?? leads[0];
  const leadOnShift = !!lead && onNowKeys.includes(lead.key);
  const myPage = team && lead ? team.state.pages.filter((p) => p.by === team.me.key && p.to === lead.key && !p.of).at(-1) : undefined;
  // Not acknowledged in time: main escalated it to the next on the rota (shared/team/escalate.ts).
  const escalations = team && myPage && myPage.ackedAt === undefined ? team.state.pages.filter((p) => p.of === myPage.id) : [];

  if (!sourceId || !spaceId) return null;
  const place: ActionPlace | undefined = chosen ? { sourceId, platform: signal.platform, spaceId, channelId: chosen } : undefined;

  async function step(name: string, intent: ActionIntent | undefined) {
    if (!intent) return;
    const row = await useActions.getState().run(intent);
    const ok = row !== undefined && row.status !== 'failed';
    setResult(ok ? t('insights.crisis.queued') : t('insights.crisis.failedStep'));
    if (ok && name === 'announcement') dropKeptDrafts([announceKey]);
    if (alert) await useAlerts.getState().markDone(alert.id, name, ok);
  }
  async function page(to: string) {
    const text = t('people.page.text', { level: t(`insights.crisis.level.${signal.level}`), space: signal.name, why: explainTerms(t, signal.terms, i18n.language) }).slice(0, 300);
    const ok = await useTeam.getState().run('team.page', { to, text });
    if (alert) await useAlerts.getState().markDone(alert.id, 'page', ok);
  }
  const unsupported = (kind: ActionKind) => !capabilityOf({ platform: signal.platform }, kind).supported;

  return (
    <div className="insights-playbook" role="group" aria-label={t('insights.crisis.playbookFor', { space: signal.name })}>
      {channels.length === 0 && !chosen ? (
        <p className="muted">{t('insights.crisis.noChannel')}</p>
      ) : (
        <label>
          {t('insights.crisis.channel')}{' '}
          <select value={chosen} onChange={(e) => setChannelId(e.target.value)}>
            {chosen && !channels.some((c) => c.id === chosen) && <option value={chosen}>{chosen}</option>}
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                #{c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="insights-playbook-steps">
        <button type="button" disabled={!place || unsupported('slowmode')} title={unsupported('slowmode') ? t('insights.crisis.cannot', { platform: signal.platform }) : undefined} onClick={() => void step('slowmode', place && channelSlowmodeIntent(place, 30))}>
          {t('insights.crisis.slowmode')}
        </button>
        <button type="button" disabled={!place || unsupported('lock')} title={unsupported('lock') ? t('insights.crisis.cannot', { platform: signal.platform }) : undefined} onClick={() => void step('lock', place && channelLockIntent(place, true))}>
          {t('insights.crisis.lock')}
        </button>
      </div>
      <label className="insights-announcement">
        {t('insights.crisis.announcement')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} />
      </label>
      <DraftRestored draftKey={announceKey} />
      <button type="button" disabled={!place || !text.trim()} onClick={() => void step('announcement', place && channelPostIntent(place, chosen!, text.trim()))}>
        {t('insights.crisis.announce')}
      </button>
      <div className="insights-page">
        <strong>{t('insights.crisis.page')}:</strong>{' '}
        {team?.standing !== 'member' ? (
          <span className="muted">{t('people.page.noTeam')}</span>
        ) : !lead ? (
          <span className="muted">{t('people.page.noLead')}</span>
        ) : (
          <>
            <button type="button" onClick={() => void page(lead.key)}>
              {t('people.page.button', { lead: lead.name })}
            </button>
            {!leadOnShift && <span className="muted"> {t('people.page.offShift', { lead: lead.name })}</span>}
            {myPage && (
              <span className="muted" data-testid="page-status">
                {' '}
                {myPage.ackedAt !== undefined ? t('people.page.acked', { lead: lead.name, time: weekdayHour(myPage.ackedAt, i18n.language) }) : t('people.page.sent', { lead: lead.name, time: weekdayHour(myPage.at, i18n.language) })}
                {escalations.length > 0 &&
                  ` ${t('people.page.escalatedTo', { paged: lead.name, names: escalations.map((p) => team?.state.roster[p.to]?.name ?? p.to.slice(0, 6)).join(', '), time: weekdayHour(escalations[0]!.at, i18n.language) })}`}
              </span>
            )}
          </>
        )}
        <PageFailure />
      </div>
      {result && (
        <p role="status" className="muted">
          {result}
        </p>
      )}
      {alert && alert.done.length > 0 && <p className="muted">{t('insights.crisis.done', { steps: alert.done.map((d) => d.step).join(', ') })}</p>}
    </div>
  );
}

function PageFailure() {
  const { t } = useTranslation();
  const failure = useTeam((s) => s.failures['team.page']);
  if (!failure) return null;
  return (
    <p className="notice failed" role="alert">
      {t('people.page.failed')} {errorInWords(t, failure)}
    </p>
  );
}
