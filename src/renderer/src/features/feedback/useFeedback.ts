// Feedback store: the board main keeps (clusters, statuses, export states), followed through
// `feedback.changed`; every command's failure is kept for the view that sent it, never dropped.
import { create } from 'zustand';
import type { FeedbackKind } from '@shared/feedback/cluster';
import type { FeedbackBoard } from '@shared/feedback/board';
import type { InboxItem } from '@shared/domain/inbox';
import type { ActionError } from '@shared/domain/result';
import type { CommandRequest, CommandResponse } from '@shared/ipc/contract';
import { bridgeState, onBridgeState, send, subscribe } from '../../ipc/client';

type FeedbackCommand = 'feedback.mark' | 'feedback.setStatus' | 'feedback.configure' | 'feedback.export';

interface FeedbackState {
  board: FeedbackBoard | undefined;
  /** Inbox items marked from this console, by kind (the item view shows the mark). */
  marked: ReadonlyMap<string, FeedbackKind>;
  failure: Pick<ActionError, 'code' | 'fields'> | undefined;
  run<N extends FeedbackCommand>(name: N, request: CommandRequest<N>): Promise<boolean>;
  mark(item: InboxItem, kind: FeedbackKind): Promise<void>;
}

export const useFeedback = create<FeedbackState>()((set, get) => ({
  board: undefined,
  marked: new Map(),
  failure: undefined,
  async run(name, request) {
    try {
      const result = (await send(name, request)) as CommandResponse<FeedbackCommand>;
      if (result.ok) {
        set({ board: result.value, failure: undefined });
        return true;
      }
      set({ failure: { code: result.error.code, ...(result.error.fields ? { fields: result.error.fields } : {}) } });
    } catch {
      set({ failure: { code: 'offline', fields: { reason: 'unreachable' } } });
    }
    return false;
  },
  async mark(item, kind) {
    const eventId = item.eventIds[0];
    if (!eventId || !item.text) return;
    const ok = await get().run('feedback.mark', {
      mark: { eventId, kind, text: item.text.slice(0, 4000), platform: item.platform, spaceId: item.spaceId, author: item.authorName || item.authorId, at: item.createdAt },
    });
    if (ok) set({ marked: new Map([...get().marked, [item.id, kind]]) });
  },
}));

let started = false;
/** Follows main's board; safe to call from every component that shows it. */
export function startFeedbackSync(): void {
  if (started) return;
  started = true;
  subscribe('feedback.changed', (board) => useFeedback.setState({ board }));
  const load = () => {
    send('feedback.list', {})
      .then((board) => useFeedback.setState({ board }))
      .catch(() => undefined);
  };
  onBridgeState((state) => {
    if (state === 'connected') load();
  });
  if (bridgeState() === 'connected') load();
}
