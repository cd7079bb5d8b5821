import { describe, expect, it } from 'vitest';
import type { GroupAccount } from './inbox';
import { sameNameTells } from './sameNames';

const account = (id: string, name: string, more: Partial<GroupAccount> = {}): GroupAccount => ({ id, name, sourceId: 'd1', platform: 'discord', spaceId: 'g', messages: 1, ...more });

describe('same-named accounts', () => {
  it('tells apart only accounts whose names collide, by an id tail long enough to differ', () => {
    const tells = sameNameTells([
      account('111122223333', 'Alex', { handle: 'alex_a', accountCreatedAt: 1, joinedAt: 2 }),
      account('999922223333', ' alex ', { handle: 'alex_b' }),
      account('5555', 'Sam'),
    ]);
    expect([...tells.keys()]).toEqual(['d1\u0000111122223333', 'd1\u0000999922223333']);
    expect(tells.get('d1\u0000111122223333')).toEqual({ idTail: '122223333', handle: 'alex_a', accountCreatedAt: 1, joinedAt: 2 });
    expect(tells.get('d1\u0000999922223333')).toEqual({ idTail: '922223333', handle: 'alex_b' });
  });

  it('leaves out a handle both share, and needs no more than 4 digits where those differ', () => {
    const tells = sameNameTells([account('1000001234', 'Ｍia', { handle: 'mia' }), account('1000005678', 'Mia', { handle: 'mia' })]);
    expect([...tells.values()]).toEqual([{ idTail: '1234' }, { idTail: '5678' }]);
  });
});
