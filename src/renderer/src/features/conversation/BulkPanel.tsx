// Bulk action on an incident (a raid): ban every account in it and delete their messages, after a
// confirmation that says exactly what will happen. Each target is its own outbox action, so progress
// and a per-target result list come from the outbox.
import { useEffect, useId, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ActionIntent } from '@shared/domain/actions';
import type { InboxItem } from '@shared/domain/inbox';
import { errorInWords } from '../../lib/format';
import type { ActionRow, EventRow } from '../../db/schema';
import { useActions } from '../../stores/actions';
import { ruleForItem, useModeration } from '../../stores/moderation';
import { postBulkToModLog } from './caseActions';
import { banDeletesHistory, capabilityOf, memberBanIntent, messageDeleteIntent } from './intents';

interface Target {
  id: string;
  name: string;
  messages: EventRow[];
}

/** The accounts of an incident, in the order they appeared; bots are never targets. */
export function incidentTargets(rows: readonly EventRow[]): Target[] {
  const byId = new Map<string, Target>();
  for (const r of rows) {
    const a = r.author;
    if (!a || a.bot) continue;
    let target = byId.get(a.id);
    if (!target) byId.set(a.id, (target = { id: a.id, name: a.displayName ?? a.name, messages: [] }));
    if (r.kind === 'message' && r.messageId && !r.deleted) target.messages.push(r);
  }
  return [...byId.values()];
}

export function statusWords(t: TFunction, row: ActionRow | undefined, platform: InboxItem['platform']): string {
  if (!row) return t('act.outbox.status.waiting');
  if (row.status === 'failed' && row.error) return `${t('act.outbox.status.failed')}: ${errorInWords(t, row.error, platform)}`;
  if (row.status === 'confirmed' && row.receipt?.alreadyDone) return `${t('act.outbox.status.alreadyDone')}${row.receipt.detail ? `: ${row.receipt.detail}` : ''}`;
  return t(`act.outbox.status.${row.status}`);
}

export function BulkPanel({ item, rows }: { item: InboxItem; rows: EventRow[] }) {
  const { t } = useTranslation();
  const ids = useId();
  const rules = useModeration((s) => s.rules);
  const [confirming, setConfirming] = useState(false);
  const [withMessages, setWithMessages] = useState(true);
  const [plan, setPlan] = useState<Array<{ target: Target; keys: string[] }> | undefined>();
  const byKey = useActions((s) => s.byKey);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const targets = incidentTargets(rows);
  const banWhy = capabilityOf(item, 'ban');
  const messageCount = targets.reduce((n, tg) => n + tg.messages.length, 0);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (targets.length === 0 && !plan) return null;
  const reason = ruleForItem(item, rules)?.title ?? t('act.bulk.reason');
  const viaBan = banDeletesHistory(item.platform);

  const start = async () => {
    setConfirming(false);
    const place = { sourceId: item.sourceId, platform: item.platform, spaceId: item.spaceId, channelId: item.channelId };
    const work = targets.map((target) => {
      const intents: ActionIntent[] = [memberBanIntent(place, target.id, reason, withMessages && viaBan ? 86_400 : undefined)];
      if (withMessages && !viaBan) for (const m of target.messages) intents.push(messageDeleteIntent(place, m.channelId, m.messageId!, reason));
      return { target, intents };
    });
    setPlan(work.map((w) => ({ target: w.target, keys: w.intents.map((i) => i.key) })));
    const moderation = useModeration.getState();
    for (const w of work) {
      await moderation.recordCase({ item, action: 'ban', reason, actionKey: w.intents[0]!.key, member: { id: w.target.id, name: w.target.name } });
      for (const intent of w.intents) await useActions.getState().run(intent);
    }
    await postBulkToModLog(t, item, t('act.bulk.accounts', { count: targets.length }), reason);
  };

  const done = plan?.filter((p) => p.keys.every((k) => {
    const s = byKey.get(k)?.status;
    return s === 'confirmed' || s === 'failed';
  })).length ?? 0;

  return (
    <section className="bulk" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('act.bulk.title', { count: targets.length })}</h3>
      {!plan && !confirming && (
        <button type="button" className="danger" disabled={!banWhy.supported} onClick={() => setConfirming(true)}>
          {t('act.bulk.banAll', { count: targets.length })}
        </button>
      )}
      {!banWhy.supported && banWhy.whyNot && <p className="why-not">{t(banWhy.whyNot)}</p>}
      {confirming && (
        <form
          className="action-form"
          aria-label={t('act.bulk.confirmTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label>
            <input type="checkbox" checked={withMessages} onChange={(e) => setWithMessages(e.target.checked)} /> {t('act.bulk.withMessages')}
          </label>
          <p className="summary" id={`${ids}-what`}>
            {withMessages
              ? t(viaBan ? 'act.bulk.exactlyBanDelete' : 'act.bulk.exactlyBanDeleteEach', { count: targets.length, messages: messageCount })
              : t('act.bulk.exactlyBan', { count: targets.length })}{' '}
            {t('act.bulk.exactlyCases')}
          </p>
          <p className="muted">{targets.map((tg) => tg.name).join(', ')}</p>
          <div className="form-buttons">
            <button type="submit" ref={confirmRef} className="danger" aria-describedby={`${ids}-what`}>
              {t('act.bulk.confirm', { count: targets.length })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('act.form.cancel')}
            </button>
          </div>
        </form>
      )}
      {plan && (
        <>
          <p role="status">{t('act.bulk.progress', { done, count: plan.length })}</p>
          <progress max={plan.length} value={done} aria-label={t('act.bulk.progressLabel')} />
          <ul className="bulk-results">
            {plan.map((p) => (
              <li key={p.target.id} data-member={p.target.id}>
                <span className="author">{p.target.name}</span>: {p.keys.map((k) => statusWords(t, byKey.get(k), item.platform)).join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
