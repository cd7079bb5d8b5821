// A core with no connections and a stand-in renderer folder, for tests of the host-mode server itself.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../src/main/core/app';
import { FileSecretStore } from '../../src/main/secrets/store';

export async function startBareCore(name: string): Promise<{ core: Core; root: string; rendererDir: string }> {
  const root = mkdtempSync(join(tmpdir(), `tk-${name}-`));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const core = new Core({
    home: join(root, 'home'),
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(root, 'home', 'secrets.json')),
    createConnector: () => {
      throw new Error('no connector in this test');
    },
  });
  await core.start();
  return { core, root, rendererDir };
}
