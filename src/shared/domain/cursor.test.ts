import { describe, expect, it } from 'vitest';
import { applyCursorMove, messageMove } from './cursor';
import { ChatEventSchema } from './model';

describe('cursor moves', () => {
  it('moves `after` positions only forward (ids compared as numbers) and replaces `at` positions', () => {
    const positions: Record<string, string> = { c1: '100', '@state': '5:0:0' };
    expect(applyCursorMove(positions, messageMove('c1', '99'))).toBe(false);
    expect(applyCursorMove(positions, { after: { c1: '1000', c2: '7' }, at: { '@state': '4:0:0' } })).toBe(true);
    expect(positions).toEqual({ c1: '1000', c2: '7', '@state': '4:0:0' });
    expect(applyCursorMove(positions, { at: { '@state': '4:0:0' } })).toBe(false);
  });

  it('reads an event stored with the old bare record of positions as the connector state it was', () => {
    const event = { id: 'telegram:1:1:1', sourceId: 's', platform: 'telegram', kind: 'message', spaceId: '1', channelId: '1', ts: 1, cursor: { '@state': '1:2:3' } };
    expect(ChatEventSchema.parse(event).cursor).toEqual({ at: { '@state': '1:2:3' } });
    expect(ChatEventSchema.parse({ ...event, cursor: messageMove('1', '9') }).cursor).toEqual({ after: { '1': '9' } });
  });
});
