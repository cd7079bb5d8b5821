// Settings → Welcomes talks to main through here (issue 19): main keeps each space's welcome and sends it.
import { useEffect, useState } from 'react';
import type { WelcomeSettings } from '@shared/welcome/welcome';
import { send } from '../../ipc/client';

export async function loadWelcomes(): Promise<WelcomeSettings[]> {
  return (await send('welcome.get', {})).settings;
}

/** Replaces one space's welcome in the saved list (the others stay as they are). */
export async function saveWelcome(all: readonly WelcomeSettings[], next: WelcomeSettings) {
  const others = all.filter((s) => !(s.sourceId === next.sourceId && s.spaceId === next.spaceId));
  return send('welcome.save', { settings: [...others, next] });
}

/** The welcomes main keeps, read when the caller mounts and again whenever `reload` changes. */
export function useSavedWelcomes(reload: unknown = undefined) {
  const [saved, setSaved] = useState<WelcomeSettings[] | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadWelcomes().then(
      (all) => live && setSaved(all),
      (err: unknown) => {
        console.warn('welcome.get did not reach the console', err);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [reload]);
  return { saved, setSaved, failed };
}
