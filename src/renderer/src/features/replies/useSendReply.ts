// Sending a reply in the channel (or, for an appeal, to the member privately): the replies feature's
// command. Each part of the draft goes through the actions store's outbox, in order, and the composer
// hears how it went, so a refused reply keeps its draft instead of vanishing.
import { useCallback } from 'react';
import type { ActionIntent } from '@shared/domain/actions';
import type { InboxItem } from '@shared/domain/inbox';
import type { ActionRow } from '../../db/schema';
import { useActions } from '../../stores/actions';
import { dmIntent, replyIntent } from '../conversation/intents';
import { outgoingTexts } from './draftText';

/** `sent`: every part is confirmed or in the outbox (offline, it goes on reconnect); `failed`: one was refused or could not be queued. */
export type ReplyOutcome = 'sent' | 'failed';

/**
 * Runs the parts one after another and stops at the first that failed: the member must not read the
 * second half of a reply without the first. (Why it failed is on the item, from the actions store.)
 */
export async function sendParts(texts: readonly string[], intentOf: (text: string) => ActionIntent, run: (intent: ActionIntent) => Promise<ActionRow | undefined>): Promise<ReplyOutcome> {
  for (const text of texts) {
    const row = await run(intentOf(text));
    if (!row || row.status === 'failed') return 'failed';
  }
  return 'sent';
}

export function useSendReply(item: InboxItem, mode: 'reply' | 'dm'): (draft: string) => Promise<ReplyOutcome> {
  const run = useActions((s) => s.run);
  return useCallback(
    async (draft: string) => {
      const intentOf = (text: string) => (mode === 'dm' ? dmIntent(item, text) : replyIntent(item, text));
      try {
        return await sendParts(outgoingTexts(draft, item.platform), intentOf, run);
      } catch (err) {
        // The outbox could not take it (the local store failed): the draft stays for another try.
        console.error('Could not send the reply', err);
        return 'failed';
      }
    },
    [item, mode, run],
  );
}
