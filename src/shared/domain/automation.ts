// Rule actions that run (issue 15): the intent an automatic action stands for, built the same way in
// main (which runs it) and in the renderer (whose outbox and case record it), and what can undo it.
import type { ActionIntent } from './actions';
import type { AutomaticAction, ChatEvent } from './model';
import { capabilities } from './capabilities';

/** The moderator name cases of automatic actions carry. */
export const AUTOMATION_MODERATOR = 'automation';

/** The platform intent of an automatic action on a message event; undefined when it cannot apply there. */
export function automaticIntent(event: ChatEvent, action: AutomaticAction): ActionIntent | undefined {
  const place = { key: action.key, sourceId: event.sourceId, platform: event.platform, spaceId: event.spaceId, channelId: event.channelId, reason: `rule ${action.rule}` };
  if (action.kind === 'notify') return undefined;
  // A hold takes the message down the way the platform allows: a delete on every platform (the capability matrix).
  const kind = action.kind === 'hold' ? 'delete' : action.kind;
  if (!capabilities[event.platform][kind].supported) return undefined;
  if (kind === 'delete') return event.messageId ? { ...place, kind: 'delete', messageId: event.messageId, ...(event.author ? { authorId: event.author.id } : {}), sentAt: event.ts } : undefined;
  if (!event.author) return undefined;
  const max = capabilities[event.platform].timeout.maxSeconds;
  const seconds = Math.min(action.durationSeconds ?? 600, max ?? Number.MAX_SAFE_INTEGER);
  return { ...place, kind: 'timeout', memberId: event.author.id, durationSeconds: seconds };
}

/**
 * The intent that undoes a done automatic action, where the platform allows one: a timeout is lifted
 * (a timeout of zero); a deleted message cannot be brought back on any platform.
 */
export function undoIntent(done: ActionIntent, key: string): ActionIntent | undefined {
  if (done.kind !== 'timeout') return undefined;
  return { ...done, key, durationSeconds: 0, reason: `undo of automatic ${done.kind}` };
}
