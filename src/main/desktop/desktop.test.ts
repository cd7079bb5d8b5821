// The desktop shell's decisions, in plain Node: the tray's words and badge, which notices show,
// where the window opens.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DesktopNotice, DesktopStatus } from '@shared/ipc/contract';
import { DesktopStatusSchema } from '@shared/ipc/contract';
import { closeAction } from './closing';
import { NoticeGate } from './notices';
import { trayModel } from './tray';
import { DEFAULT_SIZE, loadWindowState, placeWindow, saveWindowState } from './windowState';

const labels: DesktopStatus['labels'] = {
  open: 'Open Tribekeeper',
  pause: 'Pause notifications',
  paused: 'notifications paused',
  quit: 'Quit',
  tooltipOpen: 'Tribekeeper — {count} open',
  tooltipNone: 'Tribekeeper — nothing open',
};

describe('tray', () => {
  it('shows the open-items count in the tooltip and the badge, and the three menu entries', () => {
    const m = trayModel({ openItems: 12, labels }, false);
    expect(m).toEqual({
      tooltip: 'Tribekeeper — 12 open',
      badge: 12,
      menu: [
        { command: 'open', label: 'Open Tribekeeper' },
        { command: 'togglePause', label: 'Pause notifications', checked: false },
        { command: 'quit', label: 'Quit' },
      ],
    });
  });

  it('says when nothing is open, caps the tooltip’s number, and marks a pause', () => {
    expect(trayModel({ openItems: 0, labels }, false)).toMatchObject({ tooltip: 'Tribekeeper — nothing open', badge: 0 });
    expect(trayModel({ openItems: 4321, labels }, false)).toMatchObject({ tooltip: 'Tribekeeper — 999+ open', badge: 4321 });
    const paused = trayModel({ openItems: 1, labels }, true);
    expect(paused.tooltip).toBe('Tribekeeper — 1 open — notifications paused');
    expect(paused.menu[1]).toMatchObject({ checked: true });
  });

  it('takes its words from the renderer through the contract, checked', () => {
    expect(DesktopStatusSchema.safeParse({ openItems: -1, labels }).success).toBe(false);
    expect(DesktopStatusSchema.safeParse({ openItems: 3, labels: { ...labels, extra: 'x' } }).success).toBe(false);
  });
});

describe('native notifications', () => {
  const notice = (id: string): DesktopNotice => ({ id, title: 'Shifts', body: 'Your shift starts at 14:00', target: { view: 'shifts' } });

  it('shows each notice once and knows what a click on it opens', () => {
    const gate = new NoticeGate();
    expect(gate.admit(notice('shift:1'))).toBe(true);
    expect(gate.admit(notice('shift:1'))).toBe(false);
    expect(gate.admit({ ...notice('item:9'), target: { itemId: 'discord:g:c:9' } })).toBe(true);
    expect(gate.target('item:9')).toEqual({ itemId: 'discord:g:c:9' });
    expect(gate.target('never')).toBeUndefined();
  });

  it('shows nothing while paused; a notice asked for during the pause can show after it', () => {
    const gate = new NoticeGate();
    gate.paused = true;
    expect(gate.admit(notice('handoff:7'))).toBe(false);
    gate.paused = false;
    expect(gate.admit(notice('handoff:7'))).toBe(true);
  });

  it('remembers a bounded number of ids', () => {
    const gate = new NoticeGate();
    for (let i = 0; i < 600; i++) gate.admit(notice(`n:${i}`));
    expect(gate.target('n:0')).toBeUndefined();
    expect(gate.target('n:599')).toEqual({ view: 'shifts' });
  });
});

describe('window size and position', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 2560, height: 1400 };

  it('opens where it was closed when a display still shows it', () => {
    expect(placeWindow({ x: 2100, y: 80, width: 1500, height: 900, maximized: false }, [screen, right])).toEqual({ x: 2100, y: 80, width: 1500, height: 900, maximized: false });
  });

  it('comes back to the primary display when its display is gone, keeping the size that fits', () => {
    expect(placeWindow({ x: 2100, y: 80, width: 2400, height: 900, maximized: true }, [screen])).toEqual({ x: 0, y: 70, width: 1920, height: 900, maximized: true });
  });

  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [screen])).toEqual({ x: 320, y: 110, ...DEFAULT_SIZE, maximized: false });
  });

  it('is saved privately and a damaged file is ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-window-'));
    const file = join(dir, 'window.json');
    await saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(await loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000 });
    writeFileSync(file, '{"x": "left"');
    expect(await loadWindowState(file)).toBeUndefined();
  });
});

describe('closing the window', () => {
  it('keeps the console in the tray on Linux and Windows while a tray exists, and closes it otherwise', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(closeAction({ platform, trayShown: true, quitting: false })).toBe('hide-to-tray');
      // No tray (a desktop without a status area, or not drawn yet): closing must not leave it unreachable.
      expect(closeAction({ platform, trayShown: false, quitting: false })).toBe('close');
      // Quit from the tray menu (or the OS logging out) really closes.
      expect(closeAction({ platform, trayShown: true, quitting: true })).toBe('close');
    }
    expect(closeAction({ platform: 'darwin', trayShown: true, quitting: false })).toBe('close');
  });
});
