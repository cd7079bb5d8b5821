// Polls store: the polls this console posted and their tally as main keeps them, followed through
// `polls.changed` (a member's vote read from WhatsApp moves a count at once).
import { create } from 'zustand';
import type { PollTally } from '@shared/polls/tally';
import { bridgeState, onBridgeState, send, subscribe } from '../../ipc/client';

interface PollsState {
  polls: readonly PollTally[] | undefined;
  /** main could not be asked (the list shows it rather than an empty one). */
  unreachable: boolean;
}

export const usePolls = create<PollsState>()(() => ({ polls: undefined, unreachable: false }));

let started = false;
/** Follows main's poll list; safe to call from every component that shows it. */
export function startPollSync(): void {
  if (started) return;
  started = true;
  subscribe('polls.changed', ({ polls }) => usePolls.setState({ polls, unreachable: false }));
  const load = () => {
    send('polls.list', {})
      .then(({ polls }) => usePolls.setState({ polls, unreachable: false }))
      .catch(() => usePolls.setState({ unreachable: true }));
  };
  onBridgeState((state) => {
    if (state === 'connected') load();
  });
  if (bridgeState() === 'connected') load();
}
