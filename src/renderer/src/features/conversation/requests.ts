// Keyboard shortcuts and the command palette ask the action bar to focus the reply box, open an
// action's form or insert a macro. A request names its item, so it survives the bar mounting for an
// item opened by the same key press.
import { create } from 'zustand';

/** The actions that open a form (a reason, a duration, a confirmation) before they run. */
export type ActionChoice = 'warn' | 'timeout' | 'deleteTimeout' | 'kick' | 'ban' | 'unban' | 'slowmode' | 'lock' | 'unlock' | 'dm';

interface RequestState {
  /** The item whose action form is open (the timeout picker of old is the 'timeout' form). */
  pickerFor: string | undefined;
  formKind: ActionChoice;
  replyFor: string | undefined;
  /** Bumped per reply request so asking twice focuses twice. */
  replySeq: number;
  macroFor: { itemId: string; macroId: string; seq: number } | undefined;
  openPicker(itemId: string): void;
  openForm(itemId: string, kind: ActionChoice): void;
  closePicker(): void;
  focusReply(itemId: string): void;
  insertMacro(itemId: string, macroId: string): void;
}

export const useBarRequests = create<RequestState>()((set, get) => ({
  pickerFor: undefined,
  formKind: 'timeout',
  replyFor: undefined,
  replySeq: 0,
  macroFor: undefined,
  openPicker: (itemId) => set({ pickerFor: itemId, formKind: 'timeout' }),
  openForm: (itemId, formKind) => set({ pickerFor: itemId, formKind }),
  closePicker: () => set({ pickerFor: undefined }),
  focusReply: (itemId) => set({ replyFor: itemId, replySeq: get().replySeq + 1 }),
  insertMacro: (itemId, macroId) => set({ macroFor: { itemId, macroId, seq: (get().macroFor?.seq ?? 0) + 1 }, replyFor: itemId, replySeq: get().replySeq + 1 }),
}));
