import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '@shared/domain/model';
import { chosenTargets, spaceChoices } from './targets';

const sources: SourceInfo[] = [
  {
    id: 'dc',
    platform: 'discord',
    label: 'Discord',
    practice: true,
    state: 'ready',
    spaces: [
      {
        id: 'g1',
        language: 'zh-CN',
        name: 'Guild',
        channels: [
          { id: 'v', name: 'Lounge', kind: 'voice' },
          { id: 'c1', name: 'rules', kind: 'text' },
          { id: 'c2', name: 'general', kind: 'text' },
          { id: 'c3', name: 'news', kind: 'announcement' },
        ],
      },
      { id: 'g2', name: 'Voice only', channels: [{ id: 'v2', name: 'Stage', kind: 'voice' }] },
    ],
  },
  {
    id: 'tg',
    platform: 'telegram',
    label: 'Telegram',
    practice: true,
    state: 'ready',
    spaces: [{ id: 's1', name: 'Chat', channels: [{ id: 's1', name: 'General', kind: 'text' }, { id: '7', name: 'Help', kind: 'thread' }] }],
  },
];

describe('spaceChoices', () => {
  it('offers a group that became a supergroup only under its new id', () => {
    const moved: SourceInfo = {
      id: 'tg2',
      platform: 'telegram',
      label: 'Telegram',
      practice: true,
      state: 'ready',
      spaces: [
        { id: '11', name: 'Lounge', movedTo: '22', channels: [{ id: '11', name: 'Lounge', kind: 'text' }] },
        { id: '22', name: 'Lounge', movedFrom: '11', channels: [{ id: '22', name: 'Lounge', kind: 'text' }] },
      ],
    };
    expect(spaceChoices([moved]).map((c) => c.id)).toEqual(['tg2:22']);
  });

  it('offers each space that can take a post, with its announcement channel or the group itself by default', () => {
    const choices = spaceChoices(sources);
    expect(choices.map((c) => [c.id, c.defaultChannelId, c.channels.length])).toEqual([
      ['dc:g1', 'c3', 3],
      ['tg:s1', 's1', 2],
    ]);
  });

  it('turns the chosen spaces into targets and ignores a channel the space does not have', () => {
    const choices = spaceChoices(sources);
    const targets = chosenTargets(choices, new Map([['tg:s1', '7'], ['dc:g1', 'gone']]));
    expect(targets).toEqual([{ sourceId: 'tg', platform: 'telegram', spaceId: 's1', channelId: '7' }]);
  });

  it('gives each target its language: the one set on this console, else the one the platform tells', () => {
    const choices = spaceChoices(sources);
    const chosen = new Map([
      ['dc:g1', 'c1'],
      ['tg:s1', 's1'],
    ]);
    expect(chosenTargets(choices, chosen).map((t) => t.language)).toEqual(['zh-CN', undefined]);
    expect(chosenTargets(choices, chosen, { 'dc:g1': 'en', 'tg:s1': 'es' }).map((t) => t.language)).toEqual(['en', 'es']);
  });
});
