// The action bar: every moderation action the platform allows (what it cannot do is disabled with
// the reason next to it), the form an action opens, and the reply box. Each action goes through the
// outbox. Mounted per item (key), so a half-written reply never jumps to another item.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionKind } from '@shared/domain/actions';
import { isMultiAccount, type InboxItem } from '@shared/domain/inbox';
import { deleteGroupMessages } from './groupDelete';
import { inMovedSpace } from './moved';
import { useSources } from '../../stores/sources';
import { useActions } from '../../stores/actions';
import { useModeration } from '../../stores/moderation';
import { ReplyComposer } from '../replies/ReplyComposer';
import { ActionForm } from './ActionForm';
import { adminIntent, capabilityOf, deleteIntent, pinIntent, resetInviteIntent } from './intents';
import { useBarRequests, type ActionChoice } from './requests';

export type BarCommand = ActionChoice | 'delete' | 'reply' | 'resolve' | 'member' | 'pin' | 'resetInvite' | 'promote' | 'demote';

/** What each command needs from the platform (the first kind that is missing disables it). */
const NEEDS: Record<BarCommand, ActionKind[]> = {
  delete: ['delete'],
  deleteTimeout: ['delete', 'timeout'],
  warn: ['reply'],
  timeout: ['timeout'],
  kick: ['kick'],
  ban: ['ban'],
  unban: ['unban'],
  slowmode: ['slowmode'],
  lock: ['lock'],
  unlock: ['lock'],
  dm: ['dm'],
  reply: ['reply'],
  resolve: [],
  member: [],
  pin: ['pin'],
  resetInvite: ['resetInvite'],
  promote: ['promote'],
  demote: ['demote'],
};

/** Group admin commands only some platforms have (WhatsApp): hidden, not greyed out, where they do not exist. */
const PLATFORM_ONLY = new Set<BarCommand>(['pin', 'resetInvite', 'promote', 'demote']);
/** Commands that run at once, without a form. */
const ONE_STEP = new Set<BarCommand>(['delete', 'resolve', 'member', 'pin', 'resetInvite', 'promote', 'demote']);

/** The i18n key naming a command on this item: Ban on WhatsApp is its stand-in, named as such. */
export function commandLabelKey(item: InboxItem, command: BarCommand): string {
  return command === 'ban' && capabilityOf(item, 'ban').instead ? 'act.command.kickResetInvite' : `act.command.${command}`;
}

/** Whether the bar (and the palette) lists the command for this item at all; a webhook's message has no member to act on (one note says so). */
export function offered(item: InboxItem, command: BarCommand): boolean {
  if (item.authorWebhook && NEEDS_MEMBER.has(command)) return false;
  return !PLATFORM_ONLY.has(command) || NEEDS[command].every((kind) => capabilityOf(item, kind).supported);
}

const NEEDS_MEMBER = new Set<BarCommand>(['deleteTimeout', 'warn', 'timeout', 'kick', 'ban', 'unban', 'dm', 'member', 'promote', 'demote']);
const NEEDS_MESSAGE = new Set<BarCommand>(['delete', 'deleteTimeout', 'pin']);

/** Why a command cannot run on this item, as an i18n key with values; undefined when it can. */
export function whyNot(item: InboxItem, command: BarCommand): { key: string } | undefined {
  for (const kind of NEEDS[command]) {
    const cap = capabilityOf(item, kind);
    // A stand-in (WhatsApp: remove + reset the invite link for a ban) runs under the command; its form says so.
    if (!cap.supported && !(cap.instead && command === kind)) return { key: cap.whyNot ?? 'errors.unsupported' };
  }
  if (NEEDS_MESSAGE.has(command) && (item.messageDeleted || !item.messageId) && !(command === 'delete' && isMultiAccount(item))) return { key: 'actions.alreadyDeleted' };
  // A message from before its group became a supergroup is history there: said before the moderator tries.
  if (NEEDS_MESSAGE.has(command) && inMovedSpace(item, useSources.getState().sources)) return { key: 'act.why.migrated' };
  if (NEEDS_MEMBER.has(command) && !item.authorId) return { key: 'actions.noAuthor' };
  if (NEEDS_MEMBER.has(command) && item.authorWebhook) return { key: 'act.why.webhook' };
  if (command === 'resolve' && item.status === 'resolved') return { key: 'act.why.resolved' };
  return undefined;
}

/** The order of the bar, and of the palette. */
export const BAR_COMMANDS: BarCommand[] = ['reply', 'dm', 'delete', 'deleteTimeout', 'warn', 'timeout', 'kick', 'ban', 'unban', 'slowmode', 'lock', 'unlock', 'pin', 'resetInvite', 'promote', 'demote', 'resolve', 'member'];
export const SHORTCUT_OF: Partial<Record<BarCommand, string>> = { delete: 'd', reply: 'r', timeout: 't', resolve: 'e', warn: 'w', member: 'm' };

/** Runs a command on an item: one-step ones at once, the others by opening their form. */
export function runCommand(item: InboxItem, command: BarCommand): void {
  if (whyNot(item, command)) return;
  const requests = useBarRequests.getState();
  switch (command) {
    case 'delete':
      // A group's "delete" takes every message of it, not only the first one shown.
      if (isMultiAccount(item)) void deleteGroupMessages(item);
      else void useActions.getState().run(deleteIntent(item));
      return;
    case 'reply':
      requests.focusReply(item.id);
      return;
    case 'resolve':
      void useActions.getState().dismiss(item.id);
      return;
    case 'member':
      useModeration.getState().openMember({ sourceId: item.sourceId, platform: item.platform, spaceId: item.spaceId, memberId: item.authorId, name: item.authorName });
      return;
    case 'pin':
      void useActions.getState().run(pinIntent(item));
      return;
    case 'resetInvite':
      void useActions.getState().run(resetInviteIntent(item));
      return;
    case 'promote':
    case 'demote':
      void useActions.getState().run(adminIntent(item, command));
      return;
    default:
      requests.openForm(item.id, command);
  }
}

export function ActionBar({ item, busy }: { item: InboxItem; busy: boolean }) {
  const { t } = useTranslation();
  const formOpen = useBarRequests((s) => (s.pickerFor === item.id ? s.formKind : undefined));
  // Drawn again when the item's group moves on (whyNot reads the sources when asked).
  useSources((s) => inMovedSpace(item, s.sources));
  const ids = useId();
  // An appeal is answered privately: the member wrote to the bot.
  const replyMode = item.kind === 'appeal' ? 'dm' : 'reply';
  const replyWhy = whyNot(item, replyMode);

  return (
    <section className="action-bar" aria-label={t('actions.bar')}>
      <div className="action-buttons">
        {BAR_COMMANDS.filter((c) => c !== 'reply' && offered(item, c)).map((command) => {
          const why = whyNot(item, command);
          const isForm = !ONE_STEP.has(command);
          const oneStepBusy = busy && command !== 'member';
          return (
            <div className="action" key={command}>
              <button
                type="button"
                className={command === 'delete' || command === 'ban' || command === 'kick' ? 'danger' : undefined}
                disabled={oneStepBusy || !!why}
                aria-describedby={why ? `${ids}-${command}` : undefined}
                aria-keyshortcuts={SHORTCUT_OF[command]}
                aria-expanded={isForm ? formOpen === command : undefined}
                onClick={() => (isForm && formOpen === command ? useBarRequests.getState().closePicker() : runCommand(item, command))}
              >
                {t(commandLabelKey(item, command))}
              </button>
              {why && (
                <span id={`${ids}-${command}`} className="why-not">
                  {t(why.key)}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {item.authorWebhook && <p className="why-not">{t('act.why.webhook')}</p>}
      {formOpen && !whyNot(item, formOpen) && <ActionForm key={formOpen} item={item} kind={formOpen} busy={busy} />}
      {replyWhy ? (
        <p className="why-not">{t(replyWhy.key)}</p>
      ) : (
        <ReplyComposer item={item} busy={busy} mode={replyMode} />
      )}
    </section>
  );
}
