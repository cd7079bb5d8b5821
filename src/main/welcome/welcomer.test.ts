// The join wave's clock: a wave ends after a quiet spell, or at its cap when joins never stop (a raid
// that lasts is welcomed once per cap, not once per join); bots, old joins and other spaces are not welcomed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import type { ChatEvent } from '@shared/domain/model';
import { ActionExecutor } from '../actions/executor';
import type { Connector } from '../core/connector';
import { Welcomer } from './welcomer';

let sent: ActionIntent[];
let welcomer: Welcomer;
let n = 0;
let home: string;

// Only what the welcomer reads of a connector: its spaces, and running an intent (the protocol test runs discord.js).
const connector = {
  sourceId: 'dc',
  info: () => ({ id: 'dc', platform: 'discord', label: 'dc', practice: true, state: 'ready', spaces: [{ id: 'g', name: 'Tribe', channels: [], language: 'en-US' }] }),
  execute: (intent: ActionIntent) => {
    sent.push(intent);
    return Promise.resolve({ ok: true, value: { kind: intent.kind, createdMessageId: String(sent.length) } });
  },
} as unknown as Connector;

function joinOf(name: string, overrides: Partial<ChatEvent> = {}): ChatEvent {
  n += 1;
  return { id: `discord:g:members:${name}:${n}`, seq: n, sourceId: 'dc', platform: 'discord', spaceId: 'g', channelId: 'members', kind: 'join', ts: Date.now(), author: { id: `u${n}`, name, bot: false }, ...overrides } as ChatEvent;
}

beforeEach(async () => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 1, 0) });
  sent = [];
  home = mkdtempSync(join(tmpdir(), 'tk-welcomer-'));
  welcomer = new Welcomer({ home, executor: new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-welcomer-j-')), 'journal.jsonl')), connector: () => connector, quietMs: 20_000, maxWaveMs: 60_000 });
  await welcomer.start();
  await welcomer.handlers()['welcome.save']({
    settings: [{ sourceId: 'dc', platform: 'discord', spaceId: 'g', enabled: true, delivery: 'channel', channelId: 'c', macros: [{ lang: 'en', text: 'Hi {member}, welcome to {space}' }] }],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('join waves', () => {
  it('sends one welcome after a quiet spell, naming everyone who joined in the wave', async () => {
    welcomer.observe(joinOf('ana'));
    await vi.advanceTimersByTimeAsync(5_000);
    welcomer.observe(joinOf('bao'));
    await vi.advanceTimersByTimeAsync(19_000);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ kind: 'reply', channelId: 'c', text: 'Hi ana and bao, welcome to Tribe' });
  });

  it('welcomes a raid that never goes quiet once per cap, not once per join', async () => {
    for (let i = 0; i < 300; i++) {
      welcomer.observe(joinOf(`raider${i}`));
      await vi.advanceTimersByTimeAsync(1_000);
    }
    await welcomer.flush();
    // 300 joins over five minutes, a wave capped at a minute: five welcomes, each naming three and counting the rest.
    expect(sent).toHaveLength(5);
    expect(sent[0]).toMatchObject({ text: 'Hi raider0, raider1, raider2 and 57 others, welcome to Tribe' });
    expect(new Set(sent.map((s) => s.key)).size).toBe(5);
  });

  it('does not welcome bots, joins long past, or spaces without a welcome', async () => {
    welcomer.observe(joinOf('robot', { author: { id: 'b', name: 'robot', bot: true } }));
    welcomer.observe(joinOf('late', { ts: Date.now() - 60 * 60_000 }));
    welcomer.observe(joinOf('elsewhere', { spaceId: 'other' }));
    expect(welcomer.pending()).toBe(0);
    await welcomer.flush();
    expect(sent).toHaveLength(0);
  });
});

describe('a raid pauses welcomes', () => {
  const raidFlag = (group: string) => [{ rule: 'raid', category: 'raid' as const, severity: 'high' as const, reason: 'join wave', evidence: [], group }];

  it('welcomes nobody of a wave triage calls a raid, nor anyone while its item is open, and resumes after it is resolved', async () => {
    // The wave's first joins arrive before triage has seen enough to call it a raid.
    welcomer.observe(joinOf('raider0'));
    welcomer.observe(joinOf('raider1'));
    welcomer.observe(joinOf('raider2'), raidFlag('raid:g:1'));
    for (let i = 3; i < 50; i++) welcomer.observe(joinOf(`raider${i}`), raidFlag('raid:g:1'));
    // A regular who joins during the raid carries no raid flag, and still waits with the rest.
    welcomer.observe(joinOf('regular'));
    expect(welcomer.paused('dc', 'g')).toBe(true);
    expect(welcomer.pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await welcomer.flush();
    expect(sent).toHaveLength(0);

    // A moderator resolves the raid item; late raiders of that incident are still not welcomed, nor pause again.
    expect(await welcomer.handlers()['welcome.resume']({ sourceId: 'dc', spaceId: 'g', group: 'raid:g:1' })).toEqual({ paused: false });
    welcomer.observe(joinOf('straggler'), raidFlag('raid:g:1'));
    expect(welcomer.paused('dc', 'g')).toBe(false);
    welcomer.observe(joinOf('newcomer'));
    await welcomer.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ text: 'Hi newcomer, welcome to Tribe' });
  });

  it('pauses only the raided space, and until every open raid there is resolved', async () => {
    await welcomer.handlers()['welcome.save']({
      settings: ['g', 'h'].map((spaceId) => ({ sourceId: 'dc', platform: 'discord' as const, spaceId, enabled: true, delivery: 'channel' as const, channelId: 'c', macros: [{ lang: 'en', text: 'Hi {member}' }] })),
    });
    welcomer.observe(joinOf('r1'), raidFlag('raid:g:1'));
    welcomer.observe(joinOf('r2'), raidFlag('raid:g:2'));
    welcomer.observe(joinOf('elsewhere', { spaceId: 'h' }));
    await welcomer.handlers()['welcome.resume']({ sourceId: 'dc', spaceId: 'g', group: 'raid:g:1' });
    expect(welcomer.paused('dc', 'g')).toBe(true);
    welcomer.observe(joinOf('during'));
    await welcomer.flush();
    expect(sent.map((s) => (s.kind === 'reply' ? s.text : s.kind))).toEqual(['Hi elsewhere']);
  });
});

describe('the rules link a welcome gives', () => {
  const save = (text: string, rulesLink?: string) =>
    welcomer.handlers()['welcome.save']({
      settings: [{ sourceId: 'dc', platform: 'discord', spaceId: 'g', enabled: true, delivery: 'channel', channelId: 'c', ...(rulesLink ? { rulesLink } : {}), macros: [{ lang: 'en', text }] }],
    });

  it('inherits the console-wide link, kept across a restart, unless the space sets its own; and never sends {rules} unfilled', async () => {
    await save('Hi {member}, rules: {rules}');
    welcomer.observe(joinOf('ana'));
    await welcomer.flush();
    // Neither the space nor the console has a rules link: nothing goes out with the braces.
    expect(sent).toEqual([]);
    await welcomer.handlers()['links.save']({ links: { rulesLink: 'https://example.org/rules', appealLink: '' } });
    const again = new Welcomer({ home, executor: new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-welcomer-j-')), 'journal.jsonl')), connector: () => connector });
    await again.start();
    expect(await again.handlers()['links.get']({})).toEqual({ links: { rulesLink: 'https://example.org/rules', appealLink: '' } });
    welcomer.observe(joinOf('bao'));
    await welcomer.flush();
    expect(sent.map((x) => ('text' in x ? x.text : ''))).toEqual(['Hi bao, rules: https://example.org/rules']);
    await save('Hi {member}, rules: {rules}', 'https://example.org/our-space');
    welcomer.observe(joinOf('chen'));
    await welcomer.flush();
    expect(sent.map((x) => ('text' in x ? x.text : '')).at(-1)).toBe('Hi chen, rules: https://example.org/our-space');
  });
});

