// The `sync.*` commands, one renderer's: it sends its cursors, main catches it up from them, then streams live.
import type { SourceCursor, SourceInfo } from '@shared/domain/model';
import type { CommandHandlers } from '@shared/ipc/contract';

export function syncHandlers(session: { subscribe(cursors: SourceCursor[]): void }, sources: () => SourceInfo[]): CommandHandlers<'sync'> {
  return {
    'sync.subscribe': async ({ cursors }) => {
      session.subscribe(cursors);
      return { sources: sources() };
    },
  };
}
