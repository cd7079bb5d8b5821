// The `conversation.*` commands: the messages around one, fetched from its platform and passed through the
// pipeline so they carry the same flags as the stream's.
import { fail, ok } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { Connector } from '../connector';
import type { Pipeline } from '../../pipeline/pipeline';

export function conversationHandlers(core: { connector(sourceId: string): Connector | undefined; pipeline: Pipeline }): CommandHandlers<'conversation'> {
  return {
    'conversation.context': async ({ sourceId, channelId, messageId, limit }) => {
      const connector = core.connector(sourceId);
      if (!connector) return fail('not_found', 'That connection no longer exists.');
      const result = await connector.context(channelId, messageId, limit);
      if (!result.ok) return result;
      return ok(result.value.map((raw) => core.pipeline.process(raw).envelope.event));
    },
  };
}
