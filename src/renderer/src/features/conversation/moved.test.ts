import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '@shared/domain/model';
import { inMovedSpace } from './moved';

const source: SourceInfo = {
  id: 'tg',
  platform: 'telegram',
  label: 'Telegram',
  practice: true,
  state: 'ready',
  spaces: [
    { id: '11', name: 'Lounge', movedTo: '22', channels: [] },
    { id: '22', name: 'Lounge', movedFrom: '11', channels: [] },
  ],
};

describe('an item of a group that became a supergroup', () => {
  it('is in a moved space only under the old id', () => {
    expect(inMovedSpace({ sourceId: 'tg', spaceId: '11' }, [source])).toBe(true);
    expect(inMovedSpace({ sourceId: 'tg', spaceId: '22' }, [source])).toBe(false);
    expect(inMovedSpace({ sourceId: 'other', spaceId: '11' }, [source])).toBe(false);
  });
});
