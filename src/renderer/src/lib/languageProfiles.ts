// The language detector's profiles (tinyld, about 0.6 MB built at import) load after the first screen,
// not before it: the app starts them once the inbox shows, and a reply box asks for them if opened
// sooner. Views that detect a language re-render when they are in.
import { useEffect, useSyncExternalStore } from 'react';
import { languageProfilesLoaded, loadLanguageProfiles } from '@shared/replies';

const listeners = new Set<() => void>();
let started = false;

export function startLanguageProfiles(): void {
  if (started) return;
  started = true;
  loadLanguageProfiles().then(
    () => listeners.forEach((l) => l()),
    // Detection then goes by script only (Chinese, Japanese); the moderator picks the language by hand.
    (err: unknown) => console.error('Could not load the language profiles', err),
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether language detection reads the profiles yet; starts loading them if nobody has. */
export function useLanguageProfiles(): boolean {
  useEffect(startLanguageProfiles, []);
  return useSyncExternalStore(subscribe, languageProfilesLoaded);
}
