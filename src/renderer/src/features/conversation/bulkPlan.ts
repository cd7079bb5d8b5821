// What a bulk ban of an incident's accounts sends, per platform: a ban where the platform has one; on
// WhatsApp (no ban) its stand-in, a removal per account and ONE invite-link reset per group for all of
// them, so a raid of twenty does not reset the link twenty times (each reset makes a new link).
import type { ActionIntent } from '@shared/domain/actions';
import { capabilities } from '@shared/domain/capabilities';
import type { CaseAction } from '@shared/domain/cases';
import type { GroupAccount } from '@shared/domain/inbox';
import { banDeletesHistory, memberBanIntent, memberRemoveIntent, messageDeleteIntent, inviteResetIntent, type ActionPlace } from './intents';

export interface BulkAccount {
  account: GroupAccount;
  /** The account's messages seen here (deleted one by one where the ban cannot take them along). */
  messages: ReadonlyArray<{ channelId: string; messageId?: string | undefined }>;
}

export interface BulkAccountWork {
  member: { id: string; name: string };
  /** The case this account gets: a ban, or the kick WhatsApp's stand-in is. */
  caseAction: CaseAction;
  /** The actions on this account; the first one carries the case. */
  intents: ActionIntent[];
}

export interface BulkBanPlan {
  /**
   * Invite-link resets, one per WhatsApp group with accounts in the plan. They run before the removals:
   * the old link stops letting the raid in (or the removed back) at once, while the removals go at a
   * human pace.
   */
  first: ActionIntent[];
  accounts: BulkAccountWork[];
}

/** Whether the bulk ban can act on this account: a ban, or a stand-in for one. */
export function bulkBannable(account: Pick<GroupAccount, 'platform'>): boolean {
  const cap = capabilities[account.platform].ban;
  return cap.supported || cap.instead === 'kickResetInvite';
}

/** The actions of a bulk ban, each naming the item so its answer settles that account of the incident. */
export function bulkBanPlan(itemId: string, fallbackChannelId: string, targets: readonly BulkAccount[], reason: string, withMessages: boolean): BulkBanPlan {
  const first: ActionIntent[] = [];
  const resetFor = new Set<string>();
  const accounts = targets.filter((tg) => bulkBannable(tg.account)).map((target): BulkAccountWork => {
    const a = target.account;
    const place: ActionPlace = { sourceId: a.sourceId, platform: a.platform, spaceId: a.spaceId, channelId: target.messages[0]?.channelId ?? fallbackChannelId };
    const standIn = !capabilities[a.platform].ban.supported;
    const viaBan = !standIn && banDeletesHistory(a.platform);
    const intents: ActionIntent[] = [standIn ? memberRemoveIntent(place, a.id, reason, itemId) : memberBanIntent(place, a.id, reason, withMessages && viaBan ? 86_400 : undefined, itemId)];
    if (withMessages && !viaBan) for (const m of target.messages) if (m.messageId) intents.push(messageDeleteIntent(place, m.channelId, m.messageId, reason, itemId));
    if (standIn) {
      const group = `${a.sourceId}\u0000${a.spaceId}`;
      // A WhatsApp group is its own chat: the reset acts on the group, whatever channel the item is in.
      if (!resetFor.has(group)) first.push(inviteResetIntent({ ...place, channelId: a.spaceId }, reason));
      resetFor.add(group);
    }
    return { member: { id: a.id, name: a.name }, caseAction: standIn ? 'kick' : 'ban', intents };
  });
  return { first, accounts };
}
