// Keyboard shortcuts ask the action bar to focus the reply box or open the timeout picker. The
// request names its item, so it survives the bar mounting for an item opened by the same key press.
import { create } from 'zustand';

interface RequestState {
  /** The item whose timeout picker is open. */
  pickerFor: string | undefined;
  replyFor: string | undefined;
  /** Bumped per reply request so asking twice focuses twice. */
  replySeq: number;
  openPicker(itemId: string): void;
  closePicker(): void;
  focusReply(itemId: string): void;
}

export const useBarRequests = create<RequestState>()((set, get) => ({
  pickerFor: undefined,
  replyFor: undefined,
  replySeq: 0,
  openPicker: (itemId) => set({ pickerFor: itemId }),
  closePicker: () => set({ pickerFor: undefined }),
  focusReply: (itemId) => set({ replyFor: itemId, replySeq: get().replySeq + 1 }),
}));
