import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { caseModerator } from './moderation';
import { useSources } from './sources';

describe('caseModerator', () => {
  it('names the moderator from Settings, else the connection the action went through, never "?"', () => {
    useSources.getState().setAll([
      { id: 'd1', platform: 'discord', label: 'Practice', practice: true, state: 'ready', spaces: [], self: { id: '1', name: 'Tribekeeper' } },
    ]);
    expect(caseModerator('  Ana ', 'd1')).toBe('Ana');
    expect(caseModerator('', 'd1')).toBe('Tribekeeper');
    expect(caseModerator('   ', 'gone')).toBe('');
  });
});
