// The `actions.*` commands: a moderator's action, run exactly once through the executor's journal on the
// connector of its source (reconciled with the platform where a key is in doubt).
import { fail } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { ActionExecutor, ActionPlatform } from '../../actions/executor';
import type { Connector } from '../connector';
import type { PollBook } from '../../polls/book';

/** A connector as the executor's hands: run, reconcile where it can, and whether it is up. */
export function actionPlatform(connector: Connector): ActionPlatform {
  const reconcile = connector.reconcile?.bind(connector);
  return {
    run: (a) => connector.execute(a),
    ...(reconcile ? { reconcile } : {}),
    ready: () => connector.info().state === 'ready',
  };
}

export function actionsHandlers(core: { connector(sourceId: string): Connector | undefined; executor: ActionExecutor; polls?: PollBook }): CommandHandlers<'actions'> {
  return {
    'actions.execute': async ({ action }) => {
      const connector = core.connector(action.sourceId);
      if (!connector) return fail('not_found', 'That connection no longer exists.');
      const result = await core.executor.execute(action, actionPlatform(connector));
      // A poll is listed with its tally from now on (a replay finds it listed).
      if (result.ok && action.kind === 'poll') core.polls?.posted(action, connector.info().platform, result.value.createdMessageId);
      return result;
    },
  };
}
