import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '@shared/domain/model';
import { appealFlag, withAppeals } from './appeals';

const dm = (over: Partial<ChatEvent> = {}): ChatEvent => ({
  id: 'discord:@dm:55:66',
  sourceId: 's',
  platform: 'discord',
  kind: 'message',
  spaceId: '@dm',
  channelId: '55',
  messageId: '66',
  ts: 0,
  text: 'please unban me',
  author: { id: '77', name: 'ana', bot: false },
  ...over,
});

describe('appeal rule', () => {
  it('flags a member DM with the per-member group key', () => {
    expect(appealFlag(dm())).toEqual({
      rule: 'appeal.direct-message',
      category: 'custom',
      severity: 'medium',
      reason: 'A member wrote to the moderators (appeal or question)',
      why: { detail: { code: 'appeal' } },
      evidence: [],
      group: 'appeal:discord:77',
    });
  });

  it('leaves the bot’s own DMs, community messages and non-messages alone', () => {
    expect(appealFlag(dm({ author: { id: '1', name: 'bot', bot: true } }))).toBeUndefined();
    expect(appealFlag(dm({ spaceId: '123' }))).toBeUndefined();
    expect(appealFlag(dm({ kind: 'edit' }))).toBeUndefined();
  });

  it('keeps the other rules’ flags beside it', () => {
    const triage = withAppeals({ evaluate: () => [{ rule: 'scam.link', category: 'scam', severity: 'high', reason: 'x', evidence: [] }] });
    expect(triage.evaluate(dm()).map((f) => f.rule)).toEqual(['appeal.direct-message', 'scam.link']);
    expect(triage.evaluate(dm({ spaceId: '123' })).map((f) => f.rule)).toEqual(['scam.link']);
  });
});
