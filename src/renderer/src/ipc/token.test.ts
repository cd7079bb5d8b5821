import { describe, expect, it } from 'vitest';
import { takeLaunchToken, type TokenPlace } from './token';

function place(hash: string, stored?: string) {
  const storage = new Map<string, string>(stored ? [['tribekeeper.launchToken', stored]] : []);
  const replaced: string[] = [];
  const p: TokenPlace = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_d: unknown, _u: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { p, storage, replaced };
}

describe('launch token', () => {
  it('takes the token from the hash, keeps it for reloads and removes it from the URL', () => {
    const { p, storage, replaced } = place('#token=abc123');
    expect(takeLaunchToken(p)).toBe('abc123');
    expect(storage.get('tribekeeper.launchToken')).toBe('abc123');
    expect(replaced).toEqual(['/']);
  });

  it('falls back to the stored token on a reload without the hash', () => {
    const { p, replaced } = place('', 'kept');
    expect(takeLaunchToken(p)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('has no token when neither is there', () => {
    expect(takeLaunchToken(place('#other=1').p)).toBeUndefined();
  });
});
