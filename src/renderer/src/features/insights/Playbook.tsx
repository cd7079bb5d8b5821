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
import { capabilityOf, channelLockIntent, channelPostIntent, channelSlowmodeIntent, type ActionPlace } from '../conversation/intents';

export function Playbook({ signal }: { signal: CrisisSignal }) {
  const { t } = useTranslation();
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
  const [text, setText] = useState(() => t('insights.crisis.announcementText'));
  const [result, setResult] = useState<string | undefined>(undefined);
  const lead = team ? Object.values(team.state.roster).find((m) => m.role === 'lead' && team.state.onShift[m.key] !== undefined) : undefined;

  if (!sourceId || !spaceId) return null;
  const place: ActionPlace | undefined = chosen ? { sourceId, platform: signal.platform, spaceId, channelId: chosen } : undefined;

  async function step(name: string, intent: ActionIntent | undefined) {
    if (!intent) return;
    const row = await useActions.getState().run(intent);
    const ok = row !== undefined && row.status !== 'failed';
    setResult(ok ? t('insights.crisis.queued') : t('insights.crisis.failedStep'));
    if (alert) await useAlerts.getState().markDone(alert.id, name, ok);
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
      <button type="button" disabled={!place || !text.trim()} onClick={() => void step('announcement', place && channelPostIntent(place, chosen!, text.trim()))}>
        {t('insights.crisis.announce')}
      </button>
      <p className="muted">
        <strong>{t('insights.crisis.page')}:</strong> {lead ? t('insights.crisis.pageMissing', { lead: lead.name }) : t('insights.crisis.noLead')}
      </p>
      {result && (
        <p role="status" className="muted">
          {result}
        </p>
      )}
      {alert && alert.done.length > 0 && <p className="muted">{t('insights.crisis.done', { steps: alert.done.map((d) => d.step).join(', ') })}</p>}
    </div>
  );
}
