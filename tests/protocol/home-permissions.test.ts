// Issue 17, finding 10: the settings folder (secrets, sources, the action journal) is made readable by
// this user only at start, also when it already existed with a wider mode.
import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/app';
import { FileSecretStore } from '../../src/main/secrets/store';

describe.skipIf(process.platform === 'win32')('TRIBE_HOME permissions', () => {
  it('turns an existing 0755 settings folder into 0700 at start', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'tk-home-')), 'tribekeeper');
    mkdirSync(home, { mode: 0o755 });
    chmodSync(home, 0o755);
    expect(statSync(home).mode & 0o777).toBe(0o755);
    const core = new Core({
      home,
      mode: 'host',
      version: 'test',
      secrets: new FileSecretStore(join(home, 'secrets.json')),
      createConnector: () => {
        throw new Error('no connector in this test');
      },
    });
    await core.start();
    expect(statSync(home).mode & 0o777).toBe(0o700);
    await core.stop();
  });
});
