// Bulk action on a group item (a raid, a spam campaign): ban every account not yet handled and delete
// their messages, after a confirmation that says exactly what will happen. Each target is its own outbox
// action with its own case; the list shows every account's state (handled here or natively, running,
// refused), and the item stays open until each is handled or the moderator resolves the rest.
import { useEffect, useId, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { itemAccounts, type GroupAccount, type InboxItem } from '@shared/domain/inbox';
import { sameNameTells, type AccountTell } from '@shared/domain/sameNames';
import { PlatformBadge } from '../../components/PlatformBadge';
import { errorInWords, relativeTime } from '../../lib/format';
import type { ActionRow, EventRow } from '../../db/schema';
import { useActions } from '../../stores/actions';
import { ruleForItem, useModeration } from '../../stores/moderation';
import { runBulkCases, type BulkTarget } from './caseActions';
import { bulkBanPlan, bulkBannable } from './bulkPlan';
import { banDeletesHistory, capabilityOf } from './intents';

interface Target {
  account: GroupAccount;
  messages: EventRow[];
}

/**
 * The accounts of a group item with the messages of theirs stored here, in order of appearance; bots
 * are never targets. Accounts come from the item (all of them), messages from the rows loaded.
 */
export function incidentTargets(item: InboxItem, rows: readonly EventRow[]): Target[] {
  const bots = new Set(rows.filter((r) => r.author?.bot).map((r) => `${r.sourceId}\u0000${r.author!.id}`));
  const byKey = new Map<string, Target>();
  for (const account of itemAccounts(item)) {
    const key = `${account.sourceId}\u0000${account.id}`;
    if (!bots.has(key)) byKey.set(key, { account, messages: [] });
  }
  for (const r of rows) {
    const target = r.author ? byKey.get(`${r.sourceId}\u0000${r.author.id}`) : undefined;
    if (target && r.kind === 'message' && r.messageId && !r.deleted) target.messages.push(r);
  }
  return [...byKey.values()];
}

export function statusWords(t: TFunction, row: ActionRow | undefined, platform: InboxItem['platform']): string {
  if (!row) return t('act.outbox.status.waiting');
  if (row.status === 'failed' && row.error) return `${t('act.outbox.status.failed')}: ${errorInWords(t, row.error, platform)}`;
  // Main cannot tell yet whether an action it started before a restart landed: say so, it is not a failure.
  if (row.status === 'sent' && row.error?.code === 'in_doubt') return `${t('act.outbox.status.sent')}: ${errorInWords(t, row.error, platform)}`;
  if (row.status === 'confirmed' && row.receipt?.alreadyDone) return `${t('act.outbox.status.alreadyDone')}${row.receipt.detail ? `: ${row.receipt.detail}` : ''}`;
  return t(`act.outbox.status.${row.status}`);
}

/**
 * One account's state in an action: a bulk ban answers per account (banned, already banned, refused), and
 * so does a WhatsApp bulk removal (removed, no longer in the group, refused).
 */
export function accountStatusWords(t: TFunction, row: ActionRow | undefined, account: Pick<GroupAccount, 'id' | 'platform'>): string {
  const mine = row?.status === 'confirmed' ? row.receipt?.accounts?.find((x) => x.memberId === account.id) : undefined;
  if (mine?.state === 'failed') return `${t('act.outbox.status.failed')}: ${t(row?.intent.kind === 'bulkRemove' ? 'act.bulk.accountNotRemoved' : 'act.bulk.accountRefused')}`;
  if (mine?.state === 'alreadyBanned') return `${t('act.outbox.status.alreadyDone')}: ${t('act.bulk.alreadyBanned')}`;
  if (mine?.state === 'alreadyGone') return `${t('act.outbox.status.alreadyDone')}: ${t('act.bulk.alreadyGone')}`;
  if (mine?.state === 'banned' || mine?.state === 'removed') return t('act.outbox.status.confirmed');
  return statusWords(t, row, account.platform);
}

function handledWords(t: TFunction, account: GroupAccount): string | undefined {
  const h = account.handled;
  if (!h) return undefined;
  const what = t(`act.bulk.handled.${h.kind}`);
  return h.by ? t('act.bulk.handledBy', { what, name: h.by }) : what;
}

/** What sets an account apart from the same-named ones of the list, in words ("id …4821 · made 2 days ago · joined 5 min ago"). */
function tellWords(t: TFunction, tell: AccountTell, lang: string, now: number): string {
  const when = (ts: number) => relativeTime(ts, now, lang, t('time.justNow'));
  return [
    t('act.bulk.tell.id', { tail: tell.idTail }),
    ...(tell.handle ? [t('act.bulk.tell.handle', { handle: tell.handle })] : []),
    ...(tell.accountCreatedAt !== undefined ? [t('act.bulk.tell.made', { when: when(tell.accountCreatedAt) })] : []),
    ...(tell.joinedAt !== undefined ? [t('act.bulk.tell.joined', { when: when(tell.joinedAt) })] : []),
  ].join(' · ');
}

/** An account's name as the list shows it: with what tells it apart when another account shows the same name. */
function accountLabel(t: TFunction, account: GroupAccount, tells: ReadonlyMap<string, AccountTell>, lang: string, now: number): string {
  const tell = tells.get(`${account.sourceId}\u0000${account.id}`);
  return tell ? `${account.name} (${tellWords(t, tell, lang, now)})` : account.name;
}

export function BulkPanel({ item, rows }: { item: InboxItem; rows: EventRow[] }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const rules = useModeration((s) => s.rules);
  const [confirming, setConfirming] = useState(false);
  /** The one account whose own ban waits for its confirmation (`sourceId\0id`). */
  const [confirmOne, setConfirmOne] = useState<string | undefined>();
  const [withMessages, setWithMessages] = useState(true);
  const [plan, setPlan] = useState<Array<{ target: Target; keys: string[] }> | undefined>();
  const [resetKeys, setResetKeys] = useState<string[]>([]);
  const byKey = useActions((s) => s.byKey);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const all = incidentTargets(item, rows);
  const mixed = new Set(all.map((tg) => tg.account.platform)).size > 1;
  // Two "Alex" accounts: each says what sets it apart, so the moderator bans the one they mean.
  const tells = sameNameTells(all.map((tg) => tg.account));
  const [now] = useState(() => Date.now());
  const labelOf = (account: GroupAccount) => accountLabel(t, account, tells, i18n.language, now);
  // Accounts already handled (here, natively, or by an earlier bulk run) are not asked again.
  // On WhatsApp the ban's stand-in (remove + one invite reset for the group) is used.
  const targets = all.filter((tg) => !tg.account.handled && bulkBannable(tg.account));
  const unsupported = all.filter((tg) => !tg.account.handled && !bulkBannable(tg.account));
  const banWhy = bulkBannable(item) ? { supported: true as const, whyNot: undefined } : capabilityOf(item, 'ban');
  const standIns = targets.filter((tg) => !capabilityOf(tg.account, 'ban').supported);
  const standInGroups = new Set(standIns.map((tg) => `${tg.account.sourceId}\u0000${tg.account.spaceId}`)).size;
  const messageCount = targets.reduce((n, tg) => n + tg.messages.length, 0);
  const counted = item.accountCount ?? all.length;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (all.length === 0 && !plan) return null;
  const reason = ruleForItem(item, rules)?.title ?? t('act.bulk.reason');
  const open = item.status !== 'resolved';

  const start = async () => {
    setConfirming(false);
    // Each action names the item, so its answer settles that account of the incident (and only that one).
    const { first, batches, accounts } = bulkBanPlan(item.id, item.channelId, targets, reason, withMessages);
    const work: BulkTarget[] = accounts;
    setPlan(work.map((w, i) => ({ target: targets[i]!, keys: [...(w.batchKey ? [w.batchKey] : []), ...w.intents.map((x) => x.key)] })));
    setResetKeys(first.map((x) => x.key));
    await runBulkCases(t, item, 'ban', reason, work, [...first, ...batches]);
  };

  /** One account of the incident banned on its own (the same plan as the bulk ban, for that account only). */
  const banOne = async (target: Target) => {
    setConfirmOne(undefined);
    const { first, batches, accounts } = bulkBanPlan(item.id, item.channelId, [target], reason, true, false);
    await runBulkCases(t, item, 'ban', reason, accounts, [...first, ...batches]);
  };

  const done = plan?.filter((p) => p.keys.every((k) => {
    const s = byKey.get(k)?.status;
    return s === 'confirmed' || s === 'failed';
  })).length ?? 0;
  const viaBanAll = targets.every((tg) => banDeletesHistory(tg.account.platform));
  /** Accounts a platform bans many to a request (Discord, 200 a request); WhatsApp's removals (50 a request) say so in standIn. */
  const batched = targets.filter((tg) => capabilityOf(tg.account, 'bulkBan').supported).length;
  /** Accounts banned one request each (Telegram). */
  const single = targets.filter((tg) => !capabilityOf(tg.account, 'bulkBan').supported && !capabilityOf(tg.account, 'bulkRemove').supported).length;

  return (
    <section className="bulk" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('act.bulk.title', { count: counted })}</h3>
      {!plan && !confirming && open && targets.length > 0 && (
        <button type="button" className="danger" disabled={!banWhy.supported} onClick={() => setConfirming(true)}>
          {t('act.bulk.banAll', { count: targets.length })}
        </button>
      )}
      {!banWhy.supported && banWhy.whyNot && <p className="why-not">{t(banWhy.whyNot)}</p>}
      {unsupported.length > 0 && <p className="why-not">{t('act.bulk.cannotBan', { count: unsupported.length })}</p>}
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
              ? t(viaBanAll ? 'act.bulk.exactlyBanDelete' : 'act.bulk.exactlyBanDeleteEach', { count: targets.length, messages: messageCount })
              : t('act.bulk.exactlyBan', { count: targets.length })}{' '}
            {standIns.length > 0 && <>{t('act.bulk.standIn', { count: standIns.length, groups: standInGroups })} </>}
            {batched > 0 && <>{t('act.bulk.exactlyCasesBatch', { count: batched })} </>}
            {single > 0 && t('act.bulk.exactlyCases')}
          </p>
          <p className="muted">{targets.map((tg) => labelOf(tg.account)).join(', ')}</p>
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
          {resetKeys.map((k) => (
            <p key={k} className="bulk-reset">
              {t('act.bulk.inviteReset', { status: statusWords(t, byKey.get(k), item.platform) })}
            </p>
          ))}
        </>
      )}
      <ul className="bulk-results" aria-label={t('act.bulk.accountsLabel')}>
        {all.map((tg) => {
          // A campaign across platforms: "Nitro Drops" seven times says nothing without where each one is.
          const badge = mixed ? <PlatformBadge platform={tg.account.platform} /> : null;
          const planned = plan?.find((p) => p.target.account.id === tg.account.id && p.target.account.sourceId === tg.account.sourceId);
          const words = planned ? planned.keys.map((k) => accountStatusWords(t, byKey.get(k), tg.account)).join(' · ') : (handledWords(t, tg.account) ?? t('act.bulk.notHandled'));
          const key = `${tg.account.sourceId}\u0000${tg.account.id}`;
          const label = labelOf(tg.account);
          const own = open && !plan && !tg.account.handled && bulkBannable(tg.account) && banWhy.supported;
          return (
            <li key={key} data-member={tg.account.id} data-handled={tg.account.handled ? 'true' : 'false'}>
              {badge} <span className="author">{label}</span>: {words}
              {own && confirmOne !== key && (
                <button type="button" className="danger inline" aria-label={t('act.bulk.banOne', { name: label })} onClick={() => setConfirmOne(key)}>
                  {t('act.bulk.banOneShort')}
                </button>
              )}
              {own && confirmOne === key && (
                <span className="confirm-one" role="group" aria-label={t('act.bulk.confirmOneLabel', { name: label })}>
                  <button type="button" className="danger inline" autoFocus onClick={() => void banOne(tg)}>
                    {t('act.bulk.confirmOne', { name: label })}
                  </button>
                  <button type="button" className="inline" onClick={() => setConfirmOne(undefined)}>
                    {t('act.form.cancel')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
        {counted > all.length && <li className="muted">{t('act.bulk.more', { count: counted - all.length })}</li>}
      </ul>
      {open && all.some((tg) => tg.account.handled) && all.some((tg) => !tg.account.handled) && (
        <button type="button" onClick={() => void useActions.getState().dismiss(item.id)}>
          {t('act.bulk.resolveRest', { count: all.filter((tg) => !tg.account.handled).length })}
        </button>
      )}
    </section>
  );
}
