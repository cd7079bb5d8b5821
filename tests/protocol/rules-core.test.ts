// The team's own rule pack through the core, with the real discord.js against the simulator: a saved
// keyword flags the next message, a pack with a bad regex or a broken shape is refused in words and
// changes nothing, and the saved pack is what a restarted console runs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/shared/ipc/contract';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import type { Envelope } from '../../src/shared/domain/model';
import type { Core, Session } from '../../src/main/core/app';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { openDiscordCore } from './discordCore';
import { until } from './until';

let dc: DiscordSimulator;
let home: string;
let core: Core;
let session: Session;
const envelopes: Envelope[] = [];

async function open(): Promise<void> {
  ({ core, session } = await openDiscordCore(
    home,
    dc,
    <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name === 'events.received') envelopes.push(...(payload as EventPayload<'events.received'>).envelopes);
    },
  ));
}

async function rulesGet() {
  return commands['rules.get'].response.parse(await session.invoke('rules.get', {}));
}
async function rulesSave(pack: unknown) {
  return commands['rules.save'].response.parse(await session.invoke('rules.save', { pack }));
}

function member(): string {
  const staff = new Set([...dc.memberIdsByRole('Moderator'), ...dc.memberIdsByRole('Admin')]);
  const id = dc.memberIdsByRole('Member').find((m) => !staff.has(m) && dc.canPost(m));
  if (!id) throw new Error('no member');
  return id;
}

async function flagsOf(text: string) {
  const posted = dc.postMessage({ channelId: dc.channels.general, authorId: member(), content: text });
  const env = await until(() => envelopes.find((e) => e.event.messageId === posted.id), text);
  return env.flags;
}

beforeAll(async () => {
  dc = await startDiscordSimulator({ seed: 5 });
  home = mkdtempSync(join(tmpdir(), 'tk-rules-'));
  await open();
});

afterAll(async () => {
  await core?.stop();
  await dc?.close();
});

describe('the team’s rule pack', () => {
  it('starts with the built-in pack, and a saved keyword flags the next message', async () => {
    const start = await rulesGet();
    expect(start.custom).toBe(false);
    expect(start.pack.rules.length).toBeGreaterThan(10);
    expect(await flagsOf('anyone selling pineapple pizza coupons?')).toEqual([]);

    const pack = { ...start.pack, rules: [...start.pack.rules, { id: 'team.pizza', category: 'spam', severity: 'low', reason: 'Pizza coupon spam: {match}', trigger: { type: 'keywords', terms: ['pizza coupon*'] } }] };
    const saved = await rulesSave(pack);
    expect(saved).toEqual({ ok: true, value: { rules: start.pack.rules.length + 1 } });
    const flags = await flagsOf('anyone selling pineapple pizza coupons?');
    expect(flags.map((f) => f.rule)).toEqual(['team.pizza']);
    expect(flags[0]!.evidence[0]!.text.toLowerCase()).toContain('pizza coupon');
    expect((await rulesGet()).custom).toBe(true);
  });

  it('refuses a catastrophic regex and a broken shape in words, and keeps the running pack', async () => {
    const current = (await rulesGet()).pack;
    const badRegex = { ...current, rules: [...current.rules, { id: 'team.slow', category: 'custom', severity: 'low', reason: 'x', trigger: { type: 'regex', patterns: ['(a+)+$'] } }] };
    const refused = await rulesSave(badRegex);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_input');
      const at = current.rules.length;
      expect(refused.error.problems).toEqual([{ path: ['rules', at, 'trigger', 'patterns', 0], code: 'regex_nested', fields: { pattern: '(a+)+$' } }]);
    }
    const broken = await rulesSave({ ...current, rules: [{ id: 'x', category: 'not-a-category', severity: 'low', reason: 'x', trigger: { type: 'keywords', terms: [] } }] });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.problems?.find((p) => p.path.join('.') === 'rules.0.category')).toMatchObject({ code: 'invalid_value', fields: { values: expect.stringContaining('"spam"') } });
    const dup = await rulesSave({ ...current, rules: [...current.rules, current.rules[0]] });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.problems).toEqual([{ path: ['rules', current.rules.length, 'id'], code: 'duplicate_id', fields: { id: current.rules[0]!.id } }]);
    expect((await rulesGet()).pack.rules.map((r) => r.id)).toEqual(current.rules.map((r) => r.id));
    expect((await flagsOf('pizza coupons again')).map((f) => f.rule)).toEqual(['team.pizza']);
  });

  it('runs the saved pack after a restart, and falls back to the built-in one when the file is damaged', async () => {
    await core.stop();
    await open();
    expect((await flagsOf('more pizza coupons here')).map((f) => f.rule)).toEqual(['team.pizza']);
    expect(JSON.parse(readFileSync(join(home, 'rules.json'), 'utf8')).rules.some((r: { id: string }) => r.id === 'team.pizza')).toBe(true);

    await core.stop();
    writeFileSync(join(home, 'rules.json'), '{"rules": [oops');
    await open();
    expect((await rulesGet()).custom).toBe(false);
    expect(await flagsOf('last pizza coupons')).toEqual([]);
    expect(readFileSync(join(home, 'rules.invalid.json'), 'utf8')).toContain('oops');
  });
});
