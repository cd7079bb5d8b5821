import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import type { ChatEvent } from '@shared/domain/model';
import { ok } from '@shared/domain/result';
import type { PlannedAction } from '@shared/triage';
import { ActionExecutor } from '../actions/executor';
import type { Connector } from '../core/connector';
import { AUTOMATION_MAX_AGE_MS, automaticKey, RuleAutomation } from './automation';

const now = 1_800_000_000_000;
const event = (over: Partial<ChatEvent> = {}): ChatEvent => ({ id: 'discord:g:c:1', sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', messageId: '1', ts: now, text: 'x', author: { id: 'u1', name: 'u1', bot: false }, ...over });
const plan = (type: 'delete' | 'timeout', dryRun = false, rule = 'r'): PlannedAction => ({ rule, action: type === 'delete' ? { type } : { type, minutes: 5 }, dryRun, eventId: 'discord:g:c:1', why: '' });

function setup() {
  const ran: ActionIntent[] = [];
  const connector = { sourceId: 's', info: () => ({ state: 'ready' }), execute: async (a: ActionIntent) => (ran.push(a), ok({ kind: a.kind })) } as unknown as Connector;
  const automation = new RuleAutomation({ executor: new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-auto-')), 'journal.jsonl')), connector: () => connector, now: () => now });
  return { ran, automation };
}

describe('rule automation', () => {
  it('derives one key per event and kind, runs what is not in dry run, and one action per kind', async () => {
    const { ran, automation } = setup();
    const out = automation.run(event(), [plan('delete', true, 'a'), plan('delete', false, 'b'), plan('timeout', true)]);
    expect(out).toEqual([
      { rule: 'b', kind: 'delete', key: automaticKey('discord:g:c:1', 'delete'), dryRun: false },
      { rule: 'r', kind: 'timeout', key: automaticKey('discord:g:c:1', 'timeout'), durationSeconds: 300, dryRun: true },
    ]);
    await expect.poll(() => ran.length).toBe(1);
    expect(ran[0]).toMatchObject({ kind: 'delete', messageId: '1' });
    expect(automaticKey('discord:g:c:1', 'delete')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never acts on staff, bots, or messages older than the age limit', () => {
    const { automation } = setup();
    expect(automation.run(event(), [plan('delete')], { staffIds: ['u1'] })).toBeUndefined();
    expect(automation.run(event({ author: { id: 'b', name: 'b', bot: true } }), [plan('delete')])).toBeUndefined();
    expect(automation.run(event({ ts: now - AUTOMATION_MAX_AGE_MS - 1 }), [plan('delete')])).toBeUndefined();
  });
});
