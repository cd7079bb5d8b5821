// The `app.*` commands: what this console is (version, Electron or host mode, practice community or not).
import type { AppInfo, CommandHandlers } from '@shared/ipc/contract';
import type { Connector } from '../connector';

export function appHandlers(app: { version: string; mode: AppInfo['mode']; connectors: () => Connector[] }): CommandHandlers<'app'> {
  return {
    'app.info': async () => ({
      version: app.version,
      mode: app.mode,
      practice: app.connectors().some((c) => c.info().practice),
    }),
  };
}
