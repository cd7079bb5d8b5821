// Sources store: the connections main reports and the state of the link to main itself.
import { create } from 'zustand';
import type { ConnectionState, SourceInfo } from '@shared/domain/model';
import type { BridgeState } from '../ipc/client';

/** A source's state as the moderator may be told it: only main knows it, so without main it is unknown. */
export type ShownSourceState = ConnectionState | 'unknown';

/**
 * What a connection badge says. While the link to main is down the last state main reported is
 * stale (main may not even run), so nothing claims "connected" then.
 */
export function shownSourceState(source: Pick<SourceInfo, 'state'>, bridge: BridgeState): ShownSourceState {
  return bridge === 'connected' ? source.state : 'unknown';
}

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

/** The badge state of one source, following the link to main. */
export function useShownSourceState(source: Pick<SourceInfo, 'state'>): ShownSourceState {
  return useSources((s) => shownSourceState(source, s.bridge));
}
