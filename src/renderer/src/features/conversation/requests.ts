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
  /** Until the reply box has taken focus (a frame after the request), keys typed go here, not to shortcuts. */
  typeAhead: { itemId: string; text: string; since: number } | undefined;
  openPicker(itemId: string): void;
  openForm(itemId: string, kind: ActionChoice): void;
  closePicker(): void;
  focusReply(itemId: string): void;
  insertMacro(itemId: string, macroId: string): void;
  /** Keeps a key typed before the reply box had focus; false once the box should have it (then the key is a shortcut again). */
  keepTyped(key: string, now: number): boolean;
  /** The reply box took focus: hands over what was typed ahead for this item, once. */
  takeTyped(itemId: string): string;
}

/** How long keys typed right after asking for the reply box still go into it. */
export const TYPE_AHEAD_MS = 1_000;

export const useBarRequests = create<RequestState>()((set, get) => ({
  pickerFor: undefined,
  formKind: 'timeout',
  replyFor: undefined,
  replySeq: 0,
  macroFor: undefined,
  typeAhead: undefined,
  openPicker: (itemId) => set({ pickerFor: itemId, formKind: 'timeout' }),
  openForm: (itemId, formKind) => set({ pickerFor: itemId, formKind }),
  closePicker: () => set({ pickerFor: undefined }),
  focusReply: (itemId) => set({ replyFor: itemId, replySeq: get().replySeq + 1, typeAhead: { itemId, text: '', since: Date.now() } }),
  insertMacro: (itemId, macroId) => set({ macroFor: { itemId, macroId, seq: (get().macroFor?.seq ?? 0) + 1 }, replyFor: itemId, replySeq: get().replySeq + 1 }),
  keepTyped: (key, now) => {
    const ahead = get().typeAhead;
    if (!ahead || now - ahead.since > TYPE_AHEAD_MS) return false;
    set({ typeAhead: { ...ahead, text: ahead.text + key } });
    return true;
  },
  takeTyped: (itemId) => {
    const ahead = get().typeAhead;
    set({ typeAhead: undefined });
    return ahead?.itemId === itemId ? ahead.text : '';
  },
}));
