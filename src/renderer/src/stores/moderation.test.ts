import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { caseModerator, useModeration } from './moderation';
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

describe('the crisis line', () => {
  it('is empty until the team fills it in, is kept as typed (trimmed) across a reload, and refuses an over-long value', async () => {
    expect(useModeration.getState().crisisLine).toBe('');
    expect(await useModeration.getState().setCrisisLine('  https://findahelpline.com  ')).toEqual([]);
    expect(useModeration.getState().crisisLine).toBe('https://findahelpline.com');
    useModeration.setState({ crisisLine: '' });
    await useModeration.getState().load();
    expect(useModeration.getState().crisisLine).toBe('https://findahelpline.com');
    const refused = await useModeration.getState().setCrisisLine('x'.repeat(301));
    expect(refused.map((p) => p.code)).toEqual(['too_big']);
    expect(useModeration.getState().crisisLine).toBe('https://findahelpline.com');
  });
});

describe('the links replies give', () => {
  it('are empty until the team fills them in, only ever web addresses, and kept by main: without main nothing is said saved', async () => {
    expect(useModeration.getState().replyLinks).toEqual({ rulesLink: '', appealLink: '' });
    const refused = await useModeration.getState().setReplyLinks({ rulesLink: 'https://example.org/rules', appealLink: 'javascript:alert(1)' });
    expect(refused.map((p) => [p.path.join('.'), p.fields?.problem])).toEqual([['appealLink', 'not_a_link']]);
    // No console to keep them here (main keeps them; the browser tests save and use them end to end).
    expect((await useModeration.getState().setReplyLinks({ rulesLink: ' https://example.org/rules ', appealLink: '' })).map((p) => p.code)).toEqual(['not_saved']);
    expect(useModeration.getState().replyLinks).toEqual({ rulesLink: '', appealLink: '' });
  });
});
