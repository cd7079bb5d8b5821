import { describe, expect, it } from 'vitest';
import { clusterFeedback, type FeedbackMark } from './cluster';

let at = 0;
const mark = (text: string, over: Partial<FeedbackMark> = {}): FeedbackMark => ({
  eventId: `discord:g:c:${++at}`,
  kind: 'idea',
  text,
  platform: 'discord',
  spaceId: 'g',
  author: `user${at}`,
  at,
  ...over,
});

describe('clusterFeedback', () => {
  it('folds the same wording and close wording into one cluster with counts, reporters and platforms', () => {
    const clusters = clusterFeedback([
      mark('Please add a DARK MODE to the mobile app!!'),
      mark('please add a dark mode to the mobile app', { platform: 'telegram', author: 'tg_ana' }),
      mark('Add dark mode to the mobile app please 🙏', { author: 'user1' }),
      mark('The app crashes when I log in', { kind: 'bug' }),
      mark('dark mode for the mobile app', { kind: 'bug' }),
    ]);
    expect(clusters.map((c) => [c.kind, c.count, c.platforms, c.reporters.length])).toEqual([
      ['idea', 3, ['discord', 'telegram'], 2],
      ['bug', 1, ['discord'], 1],
      ['bug', 1, ['discord'], 1],
    ]);
    expect(clusters[0]?.title).toBe('Please add a DARK MODE to the mobile app!!');
  });

  it('keeps different requests apart', () => {
    const clusters = clusterFeedback([mark('A leaderboard for the weekly quiz'), mark('Dark mode for the website'), mark('More emoji slots for boosters')]);
    expect(clusters).toHaveLength(3);
  });
});
