// Settings store: the screen shown, overlays, and the moderator's language.
import { create } from 'zustand';
import { initialLanguage, setLanguage, type Language } from '../i18n';

export type SettingPart = 'links' | 'crisis';

export type View = 'inbox' | 'settings' | 'shifts' | 'rules' | 'announcements' | 'feedback' | 'insights';

interface SettingsState {
  view: View;
  shortcutsOpen: boolean;
  language: Language;
  /** A part of Settings → Community to bring into view and focus (a reply's "fill it in Settings"). */
  settingFocus: SettingPart | undefined;
  setView(view: View): void;
  /** Opens Settings on that part; the part clears the request once it took focus. */
  openSetting(part: SettingPart | undefined): void;
  setShortcutsOpen(open: boolean): void;
  setLanguage(language: Language): void;
}

export const useSettings = create<SettingsState>()((set) => ({
  view: 'inbox',
  shortcutsOpen: false,
  language: initialLanguage(),
  settingFocus: undefined,
  setView: (view) => set({ view }),
  openSetting: (settingFocus) => set(settingFocus ? { view: 'settings', settingFocus } : { settingFocus }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setLanguage(language) {
    setLanguage(language);
    set({ language });
  },
}));
