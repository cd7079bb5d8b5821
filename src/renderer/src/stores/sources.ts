// Sources store: the connections main reports and the state of the link to main itself.
import { create } from 'zustand';
import type { SourceInfo } from '@shared/domain/model';
import type { BridgeState } from '../ipc/client';

interface SourcesState {
  sources: SourceInfo[];
  bridge: BridgeState;
  /** Sources that finished catching up since the last (re)subscribe. */
  caughtUp: ReadonlySet<string>;
  setAll(sources: SourceInfo[]): void;
  upsert(source: SourceInfo): void;
  remove(sourceId: string): void;
  setBridge(state: BridgeState): void;
  markCaughtUp(sourceId: string): void;
  resetCaughtUp(): void;
}

export const useSources = create<SourcesState>()((set, get) => ({
  sources: [],
  bridge: 'connecting',
  caughtUp: new Set(),
  setAll: (sources) => set({ sources }),
  upsert(source) {
    const sources = get().sources;
    const at = sources.findIndex((s) => s.id === source.id);
    set({ sources: at === -1 ? [...sources, source] : sources.map((s, i) => (i === at ? source : s)) });
  },
  remove: (sourceId) => set({ sources: get().sources.filter((s) => s.id !== sourceId) }),
  setBridge: (bridge) => set({ bridge }),
  markCaughtUp: (sourceId) => set({ caughtUp: new Set([...get().caughtUp, sourceId]) }),
  resetCaughtUp: () => set({ caughtUp: new Set() }),
}));
