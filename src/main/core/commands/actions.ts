// The `actions.*` commands: a moderator's action, run exactly once through the executor's journal on the
// connector of its source (reconciled with the platform where a key is in doubt).
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { fail } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { ActionExecutor, ActionPlatform } from '../../actions/executor';
import type { Connector } from '../connector';

/** A connector as the executor's hands: run, reconcile where it can, and whether it is up. */
export function actionPlatform(connector: Connector): ActionPlatform {
  const reconcile = connector.reconcile?.bind(connector);
  return {
    run: (a) => connector.execute(a),
    ...(reconcile ? { reconcile } : {}),
    ready: () => connector.info().state === 'ready',
  };
}

export interface ActionsCore {
  connector(sourceId: string): Connector | undefined;
  executor: ActionExecutor;
  /** Told of every confirmed action (polls are listed, plans' events shared with the team). */
  confirmed?(action: ActionIntent, receipt: ActionReceipt, connector: Connector): void;
}

export function actionsHandlers(core: ActionsCore): CommandHandlers<'actions'> {
  return {
    'actions.execute': async ({ action }) => {
      const connector = core.connector(action.sourceId);
      if (!connector) return fail('not_found', 'That connection no longer exists.');
      const result = await core.executor.execute(action, actionPlatform(connector));
      if (result.ok) core.confirmed?.(action, result.value, connector);
      return result;
    },
  };
}
