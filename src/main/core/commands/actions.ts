// The `actions.*` commands: a moderator's action, run exactly once through the executor's journal on the
// connector of its source (reconciled with the platform where a key is in doubt).
import { fail } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { ActionExecutor } from '../../actions/executor';
import type { Connector } from '../../connectors/types';

export function actionsHandlers(core: { connector(sourceId: string): Connector | undefined; executor: ActionExecutor }): CommandHandlers<'actions'> {
  return {
    'actions.execute': async ({ action }) => {
      const connector = core.connector(action.sourceId);
      if (!connector) return fail('not_found', 'That connection no longer exists.');
      const reconcile = connector.reconcile?.bind(connector);
      return core.executor.execute(action, {
        run: (a) => connector.execute(a),
        ...(reconcile ? { reconcile } : {}),
        ready: () => connector.info().state === 'ready',
      });
    },
  };
}
