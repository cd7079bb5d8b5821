// Announcements store: publishes one draft to the chosen spaces through the outbox (one action per
// message and space, run in order so the parts of a long one arrive in order), and keeps the list of
// sent announcements read from the outbox, reloaded whenever the outbox changes.
import { create } from 'zustand';
import { announcementIntents, type AnnouncementTarget } from '@shared/announce/compose';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { sentAnnouncements, type SentAnnouncement } from './history';

interface AnnouncementsState {
  sent: SentAnnouncement[];
  publishing: boolean;
  /** Why the last publish could not run, as an i18n key. */
  problem: string | undefined;
  publish(input: { draft: string; targets: readonly AnnouncementTarget[]; pin: boolean }): Promise<void>;
  load(): Promise<void>;
}

export const useAnnouncements = create<AnnouncementsState>()((set, get) => ({
  sent: [],
  publishing: false,
  problem: undefined,

  async publish({ draft, targets, pin }) {
    if (get().publishing) return;
    if (!draft.trim()) return set({ problem: 'announce.problem.empty' });
    if (targets.length === 0) return set({ problem: 'announce.problem.noSpace' });
    set({ publishing: true, problem: undefined });
    try {
      const intents = announcementIntents({ announcementId: crypto.randomUUID(), draft, targets, pin, newKey: () => crypto.randomUUID() });
      // Each intent is in the outbox before it runs: offline, they wait and replay in this order.
      for (const intent of intents) await useActions.getState().run(intent);
    } catch {
      set({ problem: 'announce.problem.store' });
    } finally {
      set({ publishing: false });
      await get().load();
    }
  },

  async load() {
    const rows = await getDb().actions.toArray();
    set({ sent: sentAnnouncements(rows) });
  },
}));
