// The `conversation.*` commands: the messages around one, fetched from its platform and passed through the
// pipeline so they carry the same flags as the stream's (and what context dropped, issue 14). And `members.bios`: members' bios, from the
// connectors that can read them (lazily, spaced and cached there).
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
      return ok(
        result.value.map((raw) => {
          const { event, dropped } = core.pipeline.process(raw).envelope;
          return dropped ? { ...event, dropped } : event;
        }),
      );
    },
  };
}

export function memberHandlers(core: { connector(sourceId: string): Connector | undefined }): CommandHandlers<'members'> {
  return {
    'members.bios': async ({ accounts }) => {
      const bySource = new Map<string, string[]>();
      for (const a of accounts) bySource.set(a.sourceId, [...(bySource.get(a.sourceId) ?? []), a.id]);
      const bios: { sourceId: string; id: string; about: string | null }[] = [];
      for (const [sourceId, ids] of bySource) {
        const read = await core.connector(sourceId)?.bios?.(ids);
        for (const [id, about] of read ?? []) bios.push({ sourceId, id, about });
      }
      return { bios };
    },
  };
}
