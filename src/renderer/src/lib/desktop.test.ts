// A clicked native notification opens what it is about: a view, or one inbox item in the inbox.
import { describe, expect, it, vi } from 'vitest';

// The settings store reads the browser's language on load; Node 20 has no navigator.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-US' }, configurable: true });
});
import { useInbox } from '../stores/inbox';
import { useSettings } from '../stores/settings';
import { inDesktopApp, openNoticeTarget } from './desktop';

describe('opening a notification’s target', () => {
  it('shows the shifts view for a shift or handoff notice', () => {
    useSettings.getState().setView('inbox');
    openNoticeTarget({ view: 'shifts' });
    expect(useSettings.getState().view).toBe('shifts');
  });

  it('opens the item in the inbox for an item notice', () => {
    useSettings.getState().setView('settings');
    openNoticeTarget({ itemId: 'discord:g:c:42' });
    expect(useSettings.getState().view).toBe('inbox');
    expect(useInbox.getState()).toMatchObject({ currentId: 'discord:g:c:42', detailOpen: true });
  });

  it('knows it is not in the desktop app without the preload’s bridge', () => {
    expect(inDesktopApp()).toBe(false);
  });
});
