// Settings store: the screen shown, overlays, and the moderator's language.
import { create } from 'zustand';
import { initialLanguage, setLanguage, type Language } from '../i18n';

export type View = 'inbox' | 'settings' | 'shifts' | 'rules' | 'announcements' | 'feedback' | 'insights';

interface SettingsState {
  view: View;
  shortcutsOpen: boolean;
  language: Language;
  setView(view: View): void;
  setShortcutsOpen(open: boolean): void;
  setLanguage(language: Language): void;
}

export const useSettings = create<SettingsState>()((set) => ({
  view: 'inbox',
  shortcutsOpen: false,
  language: initialLanguage(),
  setView: (view) => set({ view }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setLanguage(language) {
    setLanguage(language);
    set({ language });
  },
}));
