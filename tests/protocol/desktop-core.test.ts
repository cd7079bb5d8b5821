// The desktop commands through the core: in host mode nothing is shown natively (the page shows its
// own notifications); with a desktop shell (Electron's) the checked status and notices reach it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DesktopNotice, DesktopStatus } from '../../src/shared/ipc/contract';
import { Core } from '../../src/main/core/app';
import type { DesktopShell } from '../../src/main/desktop/shell';
import { FileSecretStore } from '../../src/main/secrets/store';

async function session(desktop?: DesktopShell) {
  const home = mkdtempSync(join(tmpdir(), 'tk-desktop-'));
  const core = new Core({
    home,
    mode: desktop ? 'electron' : 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    createConnector: () => {
      throw new Error('no connections in this test');
    },
    ...(desktop ? { desktop } : {}),
  });
  await core.start();
  return { core, session: core.openSession({ emit: () => undefined }) };
}

const labels = { open: 'Open', pause: 'Pause', paused: 'paused', quit: 'Quit', tooltipOpen: '{count} open', tooltipNone: 'none' };
const notice: DesktopNotice = { id: 'shift:1', title: 'Shifts', body: 'Your shift starts soon', target: { view: 'shifts' } };

describe('desktop commands', () => {
  it('show nothing natively in host mode', async () => {
    const { core, session: s } = await session();
    try {
      expect(await s.invoke('desktop.notify', notice)).toEqual({ shown: false });
      expect(await s.invoke('desktop.status', { openItems: 3, labels })).toEqual({ ok: true });
    } finally {
      await core.stop();
    }
  });

  it('hand the checked status and notices to the desktop shell, and refuse malformed ones', async () => {
    const statuses: DesktopStatus[] = [];
    const notices: DesktopNotice[] = [];
    const { core, session: s } = await session({
      setStatus: (st) => statuses.push(st),
      notify: (n) => (notices.push(n), true),
    });
    try {
      expect(await s.invoke('desktop.status', { openItems: 3, labels })).toEqual({ ok: true });
      expect(await s.invoke('desktop.notify', notice)).toEqual({ shown: true });
      expect(statuses).toEqual([{ openItems: 3, labels }]);
      expect(notices).toEqual([notice]);
      await expect(s.invoke('desktop.status', { openItems: -2, labels })).rejects.toThrow(/Invalid desktop.status/);
      await expect(s.invoke('desktop.notify', { ...notice, target: { url: 'https://example.com' } })).rejects.toThrow(/Invalid desktop.notify/);
      expect(notices).toHaveLength(1);
    } finally {
      await core.stop();
    }
  });
});
