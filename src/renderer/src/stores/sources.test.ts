import { describe, expect, it } from 'vitest';
import { shownSourceState } from './sources';

describe('connection badges', () => {
  it('show what main reported only while main is reachable', () => {
    expect(shownSourceState({ state: 'ready' }, 'connected')).toBe('ready');
    expect(shownSourceState({ state: 'token_invalid' }, 'connected')).toBe('token_invalid');
    for (const bridge of ['connecting', 'reconnecting', 'offline', 'refused'] as const) {
      expect(shownSourceState({ state: 'ready' }, bridge)).toBe('unknown');
    }
  });
});
