// Team store: the ledger state main folds (claims, roster, schedules, handoffs) and this console's
// standing, kept current by `team.changed`; the claim/ack/handoff commands go through here.
import { create } from 'zustand';
import type { CommandRequest } from '@shared/ipc/contract';
import type { TeamView } from '@shared/team';
import { send, subscribe } from '../ipc/client';

interface TeamStore {
  view: TeamView | undefined;
  /** Items whose claim this console has sent and not yet seen settled. */
  claiming: ReadonlySet<string>;
  set(view: TeamView): void;
  claim(item: string, label?: string): Promise<void>;
  release(item: string): Promise<void>;
}

export const useTeam = create<TeamStore>()((set, get) => ({
  view: undefined,
  claiming: new Set(),
  set: (view) => set({ view }),
  async claim(item, label) {
    const view = get().view;
    if (!view || view.standing !== 'member' || view.state.claims[item] || get().claiming.has(item)) return;
    set({ claiming: new Set([...get().claiming, item]) });
    try {
      await send('team.claim', label ? { item, label: label.slice(0, 200) } : { item });
    } finally {
      const claiming = new Set(get().claiming);
      claiming.delete(item);
      set({ claiming });
    }
  },
  async release(item) {
    await send('team.release', { item });
  },
}));

let started = false;
let listening = false;

/** Loads the team view once and follows main's changes; safe to call from every component that needs it. */
export function startTeamSync(): void {
  if (started) return;
  started = true;
  if (!listening) subscribe('team.changed', (view) => useTeam.getState().set(view));
  listening = true;
  send('team.state', {})
    .then((view) => useTeam.getState().set(view))
    .catch(() => {
      // Main is not reachable yet; team.changed fills the store once it is.
      started = false;
    });
}

export function memberName(view: TeamView | undefined, key: string | undefined): string {
  if (!view || !key) return '?';
  return view.state.roster[key]?.name ?? `${key.slice(0, 6)}…`;
}

export type HandoffDraft = CommandRequest<'team.handoff'>;
