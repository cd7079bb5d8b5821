// What a bulk ban of an incident's accounts sends, per platform: on Discord ONE bulk ban per server for
// up to 200 accounts (their recent messages go with it); a ban per account where the platform has only
// that (Telegram); on WhatsApp (no ban) its stand-in, ONE removal request per group and 50 accounts, and ONE
// invite-link reset per group for all of them, so a raid of twenty does not reset the link twenty times
// (each reset makes a new link).
import { MAX_BULK_BAN, MAX_BULK_REMOVE, type ActionIntent } from '@shared/domain/actions';
import { capabilities } from '@shared/domain/capabilities';
import type { CaseAction } from '@shared/domain/cases';
import type { GroupAccount } from '@shared/domain/inbox';
import { banDeletesHistory, memberBanIntent, memberBulkBanIntent, memberBulkRemoveIntent, messageDeleteIntent, inviteResetIntent, type ActionPlace } from './intents';

export interface BulkAccount {
  account: GroupAccount;
  /** The account's messages seen here (deleted one by one where the ban cannot take them along). */
  messages: ReadonlyArray<{ channelId: string; messageId?: string | undefined; ts?: number | undefined }>;
}

export interface BulkAccountWork {
  member: { id: string; name: string };
  /** The case this account gets: a ban, or the kick WhatsApp's stand-in is. */
  caseAction: CaseAction;
  /** The actions on this account alone; the first one carries the case, unless a batch does. */
  intents: ActionIntent[];
  /** The key of the batch (a Discord bulk ban, a WhatsApp bulk removal) that carries this account's case, when one does. */
  batchKey?: string;
}

export interface BulkBanPlan {
  /**
   * Invite-link resets, one per WhatsApp group with accounts in the plan. They run before the removals:
   * the old link stops letting the raid in (or the removed back) at once, while the removals go at a
   * human pace.
   */
  first: ActionIntent[];
  /**
   * Bulk bans, each for up to 200 accounts of one Discord server, and bulk removals, each for up to 50
   * accounts of one WhatsApp group; they name the item, so their answer settles those accounts.
   */
  batches: ActionIntent[];
  accounts: BulkAccountWork[];
}

/** Whether the bulk ban can act on this account: a ban, or a stand-in for one. */
export function bulkBannable(account: Pick<GroupAccount, 'platform'>): boolean {
  const cap = capabilities[account.platform].ban;
  return cap.supported || cap.instead === 'kickResetInvite';
}

/** The actions of a bulk ban, each naming the item so its answer settles that account (or those accounts) of the incident. */
/** `batched: false` bans each Discord account with its own request (one account banned on its own needs no Manage Server). */
export function bulkBanPlan(itemId: string, fallbackChannelId: string, targets: readonly BulkAccount[], reason: string, withMessages: boolean, batched = true): BulkBanPlan {
  const first: ActionIntent[] = [];
  const resetFor = new Set<string>();
  /** Discord accounts by server and WhatsApp accounts by group, in order, for the bulk bans and removals. */
  const batchFor = new Map<string, { place: ActionPlace; ids: string[]; works: BulkAccountWork[]; removal: boolean }>();
  const accounts = targets.filter((tg) => bulkBannable(tg.account)).map((target): BulkAccountWork => {
    const a = target.account;
    const place: ActionPlace = { sourceId: a.sourceId, platform: a.platform, spaceId: a.spaceId, channelId: target.messages[0]?.channelId ?? fallbackChannelId };
    const member = { id: a.id, name: a.name };
    const standIn = !capabilities[a.platform].ban.supported;
    const removal = standIn && capabilities[a.platform].bulkRemove.supported;
    if ((batched && capabilities[a.platform].bulkBan.supported) || removal) {
      const space = `${a.sourceId}\u0000${a.spaceId}`;
      // A WhatsApp group is its own chat: the removal acts on the group, whatever channel the item is in.
      const batch = batchFor.get(space) ?? { place: removal ? { ...place, channelId: a.spaceId } : place, ids: [], works: [], removal };
      batchFor.set(space, batch);
      // A removal takes no messages along: those seen here are deleted one by one.
      const intents: ActionIntent[] = [];
      if (removal && withMessages) for (const m of target.messages) if (m.messageId) intents.push(messageDeleteIntent(place, m.channelId, m.messageId, reason, itemId, { authorId: a.id, sentAt: m.ts }));
      const work: BulkAccountWork = { member, caseAction: removal ? 'kick' : 'ban', intents };
      batch.ids.push(a.id);
      batch.works.push(work);
      if (removal && !resetFor.has(space)) first.push(inviteResetIntent({ ...place, channelId: a.spaceId }, reason));
      resetFor.add(space);
      return work;
    }
    const viaBan = banDeletesHistory(a.platform);
    const intents: ActionIntent[] = [memberBanIntent(place, a.id, reason, withMessages && viaBan ? 86_400 : undefined, itemId)];
    if (withMessages && !viaBan) for (const m of target.messages) if (m.messageId) intents.push(messageDeleteIntent(place, m.channelId, m.messageId, reason, itemId, { authorId: a.id, sentAt: m.ts }));
    return { member, caseAction: 'ban', intents };
  });
  const batches: ActionIntent[] = [];
  for (const { place, ids, works, removal } of batchFor.values()) {
    const size = removal ? MAX_BULK_REMOVE : MAX_BULK_BAN;
    for (let at = 0; at < ids.length; at += size) {
      const some = ids.slice(at, at + size);
      const intent = removal ? memberBulkRemoveIntent(place, some, reason, itemId) : memberBulkBanIntent(place, some, reason, withMessages ? 86_400 : undefined, itemId);
      for (const work of works.slice(at, at + size)) work.batchKey = intent.key;
      batches.push(intent);
    }
  }
  return { first, batches, accounts };
}
