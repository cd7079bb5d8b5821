// The host-mode launch token: read once from `#token=…`, kept for this tab in sessionStorage so a
// reload without the hash still works, and removed from the visible URL so nobody reads it over a shoulder.
const STORAGE_KEY = 'tribekeeper.launchToken';

export interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeLaunchToken(place: TokenPlace): string | undefined {
  const hash = place.location.hash.startsWith('#') ? place.location.hash.slice(1) : place.location.hash;
  const fromHash = new URLSearchParams(hash).get('token')?.trim();
  if (fromHash) {
    try {
      place.storage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    place.history.replaceState(null, '', `${place.location.pathname}${place.location.search}`);
    return fromHash;
  }
  try {
    return place.storage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
