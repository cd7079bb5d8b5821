// Which of the act-and-reply overlays is open: the command palette or the outbox panel.
import { create } from 'zustand';

interface PanelsState {
  palette: boolean;
  outbox: boolean;
  setPalette(open: boolean): void;
  setOutbox(open: boolean): void;
}

export const usePanels = create<PanelsState>()((set) => ({
  palette: false,
  outbox: false,
  setPalette: (palette) => set({ palette, ...(palette ? { outbox: false } : {}) }),
  setOutbox: (outbox) => set({ outbox, ...(outbox ? { palette: false } : {}) }),
}));
