// A core on one practice Discord through the real discord.js connector, on a home a test may open again
// as a restarted console would: started, its source ready, one session subscribed from the start.
import { join } from 'node:path';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { Core, type CoreOptions, type Session } from '../../src/main/core/app';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { FileSecretStore } from '../../src/main/secrets/store';
import { until } from './until';

export async function openDiscordCore(
  home: string,
  dc: DiscordSimulator,
  emit: Parameters<Core['openSession']>[0]['emit'],
  options: Pick<CoreOptions, 'backfill' | 'welcomeQuietMs'> = {},
): Promise<{ core: Core; session: Session }> {
  const core = new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral: [{ platform: 'discord', id: 'dc', label: 'Practice Discord', token: dc.token, apiBase: dc.apiBase, practice: true }],
    createConnector: (c) => new DiscordConnector(c as ConstructorParameters<typeof DiscordConnector>[0]),
    backfill: 0,
    ...options,
  });
  await core.start();
  await until(() => core.sources().length === 1 && core.sources().every((s) => s.state === 'ready'), 'source ready');
  const session = core.openSession({ emit });
  await session.invoke('sync.subscribe', { cursors: [] });
  return { core, session };
}
