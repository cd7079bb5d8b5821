import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope, Flag } from './model';
import {
  answersNewcomer,
  compareItemsNewestFirst,
  compareMessageIds,
  inboxItemIdFor,
  itemFromEnvelope,
  leadingFlag,
  maxSeverity,
  mergeEnvelope,
  PREVIEW_LENGTH,
} from './inbox';
import { matchesFilter } from './priority';

const scam: Flag = { rule: 'keyword.scam-lure', category: 'scam', severity: 'medium', reason: 'lure', evidence: [{ start: 0, end: 10, text: 'free nitro' }] };
const link: Flag = { rule: 'link.scam-domain', category: 'scam', severity: 'high', reason: 'link', evidence: [] };
const raid = (severity: Flag['severity']): Flag => ({ rule: 'raid.joins', category: 'raid', severity, reason: 'raid', evidence: [], group: 'raid-1' });

function envelope(n: number, flags: Flag[], text = `message ${n}`): Envelope {
  return {
    event: {
      id: `discord:g1:c1:${n}`,
      sourceId: 's1',
      platform: 'discord',
      kind: 'message',
      spaceId: 'g1',
      channelId: 'c1',
      channelName: 'general',
      messageId: String(n),
      ts: 1_000 + n,
      author: { id: `u${n}`, name: `user${n}`, bot: false },
      text,
    },
    flags,
  };
}

describe('inbox items', () => {
  it('makes a DM appealing a case an item of kind appeal, grouped per member', () => {
    const appeal: Flag = { rule: 'appeal.dm', category: 'custom', severity: 'medium', reason: 'appeal', evidence: [], group: 'appeal:u7' };
    const item = itemFromEnvelope({ ...envelope(7, [appeal]), event: { ...envelope(7, [appeal]).event, spaceId: '@dm' } });
    expect(item).toMatchObject({ kind: 'appeal', id: 'group:s1:appeal:u7' });
    expect(itemFromEnvelope(envelope(8, [raid('high')]))?.kind).toBe('incident');
  });

  it('says when a webhook, not a member, posted the item\'s message', () => {
    const hooked = envelope(9, [scam]);
    expect(itemFromEnvelope({ ...hooked, event: { ...hooked.event, author: { id: 'w9', name: 'Nitro Drops', bot: true, webhook: true } } })?.authorWebhook).toBe(true);
    expect(itemFromEnvelope(hooked)).not.toHaveProperty('authorWebhook');
  });

  it('gives an unflagged envelope no item', () => {
    expect(inboxItemIdFor(envelope(1, []))).toBeUndefined();
    expect(itemFromEnvelope(envelope(1, []))).toBeUndefined();
  });

  it('builds one open item per flagged message, with the highest severity and its categories', () => {
    const item = itemFromEnvelope(envelope(7, [scam, link]));
    expect(item).toMatchObject({
      id: 'msg:discord:g1:c1:7',
      kind: 'flag',
      status: 'open',
      channelName: 'general',
      authorName: 'user7',
      messageId: '7',
      severity: 'high',
      categories: ['scam'],
      messageDeleted: false,
    });
  });

  it('cuts a long preview', () => {
    const item = itemFromEnvelope(envelope(1, [scam], 'x'.repeat(5000)));
    expect(item?.text.length).toBe(PREVIEW_LENGTH);
  });

  it('groups flags sharing a group key and keeps merging idempotent', () => {
    const first = itemFromEnvelope(envelope(1, [raid('medium')]));
    expect(first?.id).toBe('group:s1:raid-1');
    expect(first?.kind).toBe('incident');
    const second = envelope(2, [raid('critical')]);
    expect(inboxItemIdFor(second)).toBe(first?.id);
    const merged = mergeEnvelope(first!, second);
    expect(merged.eventIds).toEqual(['discord:g1:c1:1', 'discord:g1:c1:2']);
    expect(merged.severity).toBe('critical');
    expect(merged.updatedAt).toBe(1_002);
    expect(mergeEnvelope(merged, second)).toBe(merged);
  });

  it('keeps one flag per rule however many messages a group gathers', () => {
    let item = itemFromEnvelope(envelope(1, [raid('low')]))!;
    for (let n = 2; n <= 300; n++) item = mergeEnvelope(item, envelope(n, [raid(n === 150 ? 'high' : 'low')]));
    expect(item.flags).toHaveLength(1);
    expect(item.flags[0]?.severity).toBe('high');
    expect(item.eventIds).toHaveLength(300);
  });

  it('files a message in several groups under its most severe one', () => {
    const flood: Flag = { rule: 'behaviour.flood', category: 'flood', severity: 'medium', reason: 'flood', evidence: [], group: 'flood-1' };
    expect(inboxItemIdFor(envelope(3, [scam, flood, raid('critical')]))).toBe('group:s1:raid-1');
    expect(inboxItemIdFor(envelope(3, [flood, raid('low')]))).toBe('group:s1:flood-1');
    expect(leadingFlag([scam, link])?.rule).toBe('link.scam-domain');
  });

  it('reopens a resolved group when new flags arrive', () => {
    const first = itemFromEnvelope(envelope(1, [raid('low')]))!;
    const resolved = { ...first, status: 'resolved' as const, outcome: { kind: 'dismissed' as const, at: 5, ok: true } };
    const merged = mergeEnvelope(resolved, envelope(2, [raid('low')]));
    expect(merged.status).toBe('open');
    expect(merged.outcome).toBeUndefined();
  });

  it('picks the maximum severity', () => {
    expect(maxSeverity([])).toBe('low');
    expect(maxSeverity([raid('high'), raid('medium')])).toBe('high');
  });

  it('compares snowflake ids by length, then lexicographically', () => {
    expect(compareMessageIds('99', '100')).toBeLessThan(0);
    expect(compareMessageIds('1200', '1199')).toBeGreaterThan(0);
    expect(compareMessageIds('42', '42')).toBe(0);
  });

  it('orders newest first and filters by status', () => {
    const a = itemFromEnvelope(envelope(1, [scam]))!;
    const b = itemFromEnvelope(envelope(2, [scam]))!;
    expect([a, b].sort(compareItemsNewestFirst).map((i) => i.messageId)).toEqual(['2', '1']);
    const done = { ...a, status: 'resolved' as const };
    expect(matchesFilter(done, 'open')).toBe(false);
    expect(matchesFilter(done, 'resolved')).toBe(true);
    expect(matchesFilter(b, 'open')).toBe(true);
    expect(matchesFilter({ ...b, status: 'snoozed' }, 'open')).toBe(false);
    expect(matchesFilter(done, 'all')).toBe(true);
  });
});

describe('answersNewcomer', () => {
  const newcomer = { sourceId: 's1', spaceId: 'g1', channelId: 'c1', messageId: '10', authorId: '900100', authorName: 'ana' };
  const from = (text: string): Envelope['event'] => ({ ...envelope(11, [], text).event, author: { id: 'u2', name: 'helper', bot: false } });
  const word = fc.stringMatching(/^[a-z0-9_]{1,8}$/);
  const boundary = fc.constantFrom(' ', ',', '!', '?', '.', ':', '\n', '');
  // Words and mentions of other members; a mention of a longer handle that starts with the newcomer's
  // name (@anabel) is among them.
  const others = fc.array(fc.oneof(word, word.map((w) => `@${w}`), word.map((w) => `@ana${w}`)), { maxLength: 8 }).map((ws) => ws.filter((w) => !['ana', newcomer.authorId].includes(w.replace(/^@/, ''))));

  it('counts a mention of the newcomer anywhere among other mentions, after a longer handle too', () => {
    expect(answersNewcomer(newcomer, from('@anabel hi @ana'))).toBe(true);
    fc.assert(
      fc.property(others, fc.nat(), fc.constantFrom('@ana', '@ANA', '@Ana'), boundary, (ws, at, mention, end) => {
        const words = [...ws];
        words.splice(at % (words.length + 1), 0, mention + end);
        expect(answersNewcomer(newcomer, from(words.join(' ')))).toBe(true);
      }),
    );
  });

  it('never counts a longer handle that starts with the newcomer\'s name', () => {
    expect(answersNewcomer(newcomer, from('@anabel hi @anastasia'))).toBe(false);
    fc.assert(
      fc.property(others, word, fc.nat(), (ws, longer, at) => {
        const words = [...ws];
        words.splice(at % (words.length + 1), 0, `@ana${longer}`);
        expect(answersNewcomer(newcomer, from(words.join(' ')))).toBe(false);
      }),
    );
  });
});
