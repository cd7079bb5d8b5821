// Settings → Welcomes talks to main through here (issue 19): main keeps each space's welcome and sends it.
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
