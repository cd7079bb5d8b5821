// Rule actions that run (issue 15), with the real discord.js against the simulator: a saved rule's
// delete and timeout are executed by main through the executor's journal exactly once — also when a
// restarted console sees the message again — and a rule in dry run changes nothing on the platform.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionReceiptSchema } from '../../src/shared/domain/actions';
import { automaticIntent } from '../../src/shared/domain/automation';
import type { Envelope } from '../../src/shared/domain/model';
import { resultSchema } from '../../src/shared/domain/result';
import { commands } from '../../src/shared/ipc/contract';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import type { Core, Session } from '../../src/main/core/app';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { openDiscordCore } from './discordCore';
import { until } from './until';

let dc: DiscordSimulator;
let home: string;
let core: Core;
let session: Session;
let envelopes: Envelope[] = [];

async function open(backfill: number): Promise<void> {
  envelopes = [];
  ({ core, session } = await openDiscordCore(
    home,
    dc,
    <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name === 'events.received') envelopes.push(...(payload as EventPayload<'events.received'>).envelopes);
    },
    { backfill },
  ));
}

/** Members who may post, and are neither staff nor each other. */
function members(n: number): string[] {
  const staff = new Set([...dc.memberIdsByRole('Moderator'), ...dc.memberIdsByRole('Admin')]);
  const ids = dc.memberIdsByRole('Member').filter((m) => !staff.has(m) && dc.canPost(m));
  if (ids.length < n) throw new Error('not enough members');
  return ids.slice(0, n);
}

function post(authorId: string, content: string) {
  const posted = dc.postMessage({ channelId: dc.channels.general, authorId, content });
  return { posted, envelope: () => until(() => envelopes.find((e) => e.event.messageId === posted.id && e.event.kind === 'message'), content) };
}

const requests = (method: string, path: RegExp) => dc.requestLog.filter((r) => r.method === method && path.test(r.path) && r.status < 300).length;

beforeAll(async () => {
  dc = await startDiscordSimulator({ seed: 8 });
  home = mkdtempSync(join(tmpdir(), 'tk-rule-actions-'));
  await open(0);
  const { pack } = commands['rules.get'].response.parse(await session.invoke('rules.get', {}));
  const rules = [
    ...pack.rules,
    { id: 'team.coupons', category: 'spam', severity: 'medium', reason: 'Coupon spam: {match}', trigger: { type: 'keywords', terms: ['pizza coupon*'] }, actions: [{ type: 'flag' }, { type: 'delete' }] },
    { id: 'team.vouchers', category: 'spam', severity: 'medium', reason: 'Voucher spam: {match}', trigger: { type: 'keywords', terms: ['taco voucher*'] }, actions: [{ type: 'delete' }], dryRun: true },
    { id: 'team.deals', category: 'spam', severity: 'medium', reason: 'Deal spam: {match}', trigger: { type: 'keywords', terms: ['burger deal*'] }, actions: [{ type: 'timeout', minutes: 5 }] },
    { id: 'team.pretzels', category: 'spam', severity: 'medium', reason: 'Pretzel spam: {match}', trigger: { type: 'keywords', terms: ['pretzel promo*'] }, actions: [{ type: 'hold' }] },
    { id: 'team.muffins', category: 'spam', severity: 'medium', reason: 'Muffin spam: {match}', trigger: { type: 'keywords', terms: ['muffin promo*'] }, actions: [{ type: 'hold' }, { type: 'notify' }], dryRun: true },
    { id: 'team.bagels', category: 'spam', severity: 'medium', reason: 'Bagel spam: {match}', trigger: { type: 'keywords', terms: ['bagel promo*'] }, actions: [{ type: 'notify' }] },
  ];
  const saved = commands['rules.save'].response.parse(await session.invoke('rules.save', { pack: { ...pack, rules } }));
  expect(saved.ok).toBe(true);
});

afterAll(async () => {
  session?.close();
  await core?.stop();
  await dc?.close();
});

describe('a rule’s automatic actions', () => {
  it('deletes once, and a rule in dry run deletes nothing', async () => {
    const [a, b, c] = members(3);
    const dry = post(a!, 'free taco vouchers for everyone');
    const dryEnvelope = await dry.envelope();
    expect(dryEnvelope.automatic).toEqual([expect.objectContaining({ rule: 'team.vouchers', kind: 'delete', dryRun: true })]);

    const live = post(b!, 'pizza coupons here, grab them');
    const liveEnvelope = await live.envelope();
    expect(liveEnvelope.flags.map((f) => f.rule)).toContain('team.coupons');
    expect(liveEnvelope.automatic).toEqual([expect.objectContaining({ rule: 'team.coupons', kind: 'delete', dryRun: false })]);
    await until(() => dc.message(dc.channels.general, live.posted.id)?.deleted, 'the coupon message deleted');
    // Two more in the same channel: the conversation's queue runs in order, so once the last is gone
    // any action for the dry-run message would have run already.
    const after = post(c!, 'more pizza coupons');
    await until(() => dc.message(dc.channels.general, after.posted.id)?.deleted, 'the second coupon message deleted');

    expect(requests('DELETE', new RegExp(`/messages/${live.posted.id}$`))).toBe(1);
    expect(dc.message(dc.channels.general, dry.posted.id)?.deleted).toBe(false);
    expect(requests('DELETE', new RegExp(`/messages/${dry.posted.id}$`))).toBe(0);

    // The renderer's outbox asks with the same key: main answers from its journal, nothing runs twice.
    const intent = automaticIntent(liveEnvelope.event, liveEnvelope.automatic![0]!)!;
    const replay = resultSchema(ActionReceiptSchema).parse(await session.invoke('actions.execute', { action: intent }));
    expect(replay).toMatchObject({ ok: true, value: { kind: 'delete', duplicate: true } });
    expect(requests('DELETE', new RegExp(`/messages/${live.posted.id}$`))).toBe(1);
  });

  it('holds (takes down) once, and notifies without touching the platform; in dry run neither', async () => {
    const [, , , , e, f, g] = members(7);
    const dry = post(e!, 'muffin promos today only');
    const dryEnvelope = await dry.envelope();
    expect(dryEnvelope.automatic).toEqual([
      expect.objectContaining({ rule: 'team.muffins', kind: 'hold', dryRun: true }),
      expect.objectContaining({ rule: 'team.muffins', kind: 'notify', dryRun: true }),
    ]);
    const told = post(f!, 'bagel promos in the shop');
    const toldEnvelope = await told.envelope();
    expect(toldEnvelope.automatic).toEqual([expect.objectContaining({ rule: 'team.bagels', kind: 'notify', dryRun: false })]);
    expect(automaticIntent(toldEnvelope.event, toldEnvelope.automatic![0]!)).toBeUndefined();

    const held = post(g!, 'pretzel promos, click fast');
    const heldEnvelope = await held.envelope();
    expect(heldEnvelope.automatic).toEqual([expect.objectContaining({ rule: 'team.pretzels', kind: 'hold', dryRun: false })]);
    await until(() => dc.message(dc.channels.general, held.posted.id)?.deleted, 'the held message taken down');
    // Posted before the held one in the same channel: anything run for them would have run already.
    expect(requests('DELETE', new RegExp(`/messages/${held.posted.id}$`))).toBe(1);
    expect(dc.message(dc.channels.general, dry.posted.id)?.deleted).toBe(false);
    expect(dc.message(dc.channels.general, told.posted.id)?.deleted).toBe(false);
    expect(requests('DELETE', new RegExp(`/messages/(${dry.posted.id}|${told.posted.id})$`))).toBe(0);
    // The outbox's replay under the same key finds the journaled answer: taken down once.
    const replay = resultSchema(ActionReceiptSchema).parse(await session.invoke('actions.execute', { action: automaticIntent(heldEnvelope.event, heldEnvelope.automatic![0]!)! }));
    expect(replay).toMatchObject({ ok: true, value: { kind: 'delete', duplicate: true } });
    expect(requests('DELETE', new RegExp(`/messages/${held.posted.id}$`))).toBe(1);
  });

  it('times a member out once, also when a restarted console reads the message again', async () => {
    const [, , , d] = members(4);
    const deal = post(d!, 'best burger deals in town');
    const envelope = await deal.envelope();
    expect(envelope.automatic).toEqual([expect.objectContaining({ rule: 'team.deals', kind: 'timeout', durationSeconds: 300, dryRun: false })]);
    const timeouts = () => requests('PATCH', new RegExp(`/guilds/\\d+/members/${d}$`));
    // The member starts with `communicationDisabledUntil: null`: wait for a date, then for the request.
    await until(() => dc.member(d!)?.communicationDisabledUntil, 'the member timed out');
    expect(timeouts()).toBe(1);

    // Restart over the same home, reading back the recent messages: the deal is seen as new by the
    // new pipeline, its automatic action has the same key, and the journal has its answer.
    session.close();
    await core.stop();
    await open(50);
    const again = await until(() => envelopes.find((e) => e.event.messageId === deal.posted.id), 'the deal read again after the restart');
    expect(again.automatic?.[0]?.key).toBe(envelope.automatic![0]!.key);
    const replay = resultSchema(ActionReceiptSchema).parse(await session.invoke('actions.execute', { action: automaticIntent(again.event, again.automatic![0]!)! }));
    expect(replay).toMatchObject({ ok: true, value: { kind: 'timeout', duplicate: true } });
    expect(timeouts()).toBe(1);
  });
});
