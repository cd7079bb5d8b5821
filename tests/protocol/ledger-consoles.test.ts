// Two moderators' consoles (two host-mode instances, two homes, two keys) against one practice Discord:
// the team ledger carries claims, races, handoffs and roster changes through #mod-log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_PREFIX, SignedRecordSchema, decodeMessage, formatInZone, handoffWaitingFor, overdueHandoffs, stateDigest } from '../../src/shared/team';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { Console } from './ledger-console';
import { until } from './until';

let sim: DiscordSimulator;
let ana: Console;
let bo: Console;
const root = mkdtempSync(join(tmpdir(), 'tk-ledger-'));

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 11 });
  ana = await new Console(join(root, 'ana'), sim).start();
  // Starting a console posts nothing; the first moderator to save who they are founds the team.
  await until(() => ana.view?.standing === 'no-team', 'Ana to find no team yet');
  expect(sim.messages(sim.channels.modLog).filter((m) => m.content.startsWith(LEDGER_PREFIX))).toEqual([]);
  await ana.invoke('team.configure', { name: 'Ana', zone: 'Asia/Shanghai' });
  await ana.member();
  bo = await new Console(join(root, 'bo'), sim).start();
  await until(() => bo.view?.standing === 'awaiting-approval', 'Bo to wait for approval');
  const configured = (await bo.invoke('team.configure', { name: 'Bo', zone: 'America/Los_Angeles' })) as { ok: true; value: { inviteCode: string } };
  // The invite code carries the name and zone Bo gave, so the roster shows them.
  const approved = await ana.invoke('team.roster.approve', { inviteCode: configured.value.inviteCode, role: 'moderator' });
  expect(approved).toMatchObject({ ok: true });
  await bo.member();
}, 60_000);

afterAll(async () => {
  await bo?.close();
  await ana?.close();
  await sim?.close();
});

function ledgerMessages() {
  return sim.messages(sim.channels.modLog).filter((m) => m.content.startsWith(LEDGER_PREFIX));
}

describe('team ledger across two consoles', () => {
  it('founds the team on the first console and adds the second by its invite code', () => {
    expect(ana.state.roster[ana.key]).toMatchObject({ name: 'Ana', role: 'lead', zone: 'Asia/Shanghai' });
    expect(bo.state.roster[bo.key]).toMatchObject({ name: 'Bo', role: 'moderator', zone: 'America/Los_Angeles' });
    expect(stateDigest(bo.state)).toBe(stateDigest(ana.state));
  });

  it('a claim in one console appears in the other within 3 s', async () => {
    const answer = await ana.invoke('team.claim', { item: 'discord:g:c:1001', label: 'scam link by @moonpepe' });
    expect(answer).toMatchObject({ ok: true, value: { pending: false, mine: true, holder: ana.key } });
    await until(() => bo.state.claims['discord:g:c:1001']?.by === ana.key, 'Bo to see Ana on the item', 3_000);
  });

  it('both claim the same 100 items at once: one winner each time, the same on both consoles', async () => {
    const items = Array.from({ length: 100 }, (_, i) => `race:${i}`);
    await Promise.all(items.flatMap((item) => [ana.invoke('team.claim', { item }), bo.invoke('team.claim', { item })]));
    const settled = (c: Console) => items.every((item) => c.state.claims[item]) && c.state.lost.filter((l) => l.item.startsWith('race:')).length === 100;
    await until(() => settled(ana) && settled(bo) && stateDigest(ana.state) === stateDigest(bo.state), 'both consoles to settle the races', 20_000);
    for (const item of items) {
      const winner = ana.state.claims[item]!.by;
      expect(bo.state.claims[item]!.by).toBe(winner);
      expect(ana.state.lost.filter((l) => l.item === item)).toEqual([expect.objectContaining({ winner, by: winner === ana.key ? bo.key : ana.key })]);
    }
    // The winner is whoever's record came first in the channel.
    const first = new Map<string, string>();
    for (const message of ledgerMessages()) {
      for (const raw of decodeMessage(message.content) ?? []) {
        const record = SignedRecordSchema.parse(raw);
        const r = record.r as { t: string; item?: string };
        if (r.t === 'claim' && r.item?.startsWith('race:') && !first.has(r.item)) first.set(r.item, record.a);
      }
    }
    for (const item of items) expect(ana.state.claims[item]!.by).toBe(first.get(item));
  }, 40_000);

  it('ignores and reports a forged and a replayed record posted into the channel', async () => {
    await ana.invoke('team.claim', { item: 'replay-me' });
    const claimMessage = ledgerMessages().findLast((m) => m.content.includes('replay-me'))!;
    await ana.invoke('team.release', { item: 'replay-me' });
    await until(() => !bo.state.claims['replay-me'] && bo.state.counters[ana.key] === ana.state.counters[ana.key], 'Bo to see the release');
    const someone = sim.memberIdsByRole('Member')[0]!;
    // Replayed: the old claim copied back verbatim. Forged: Bo's signature on a record naming another item.
    sim.postMessage({ channelId: sim.channels.modLog, authorId: someone, content: claimMessage.content });
    const boRecord = SignedRecordSchema.parse(decodeMessage(ledgerMessages().find((m) => m.content.includes(bo.key))!.content)![0]);
    const forged = { ...boRecord, n: 99_999, r: { t: 'claim', item: 'forged-item' } };
    sim.postMessage({ channelId: sim.channels.modLog, authorId: someone, content: `${LEDGER_PREFIX}\n${JSON.stringify(forged)}` });
    for (const c of [ana, bo]) {
      await until(() => c.state.rejected.some((r) => r.reason === 'forged') && c.state.rejected.some((r) => r.reason === 'replayed'), 'the rejects to be reported');
      expect(c.state.claims['replay-me']).toBeUndefined();
      expect(c.state.claims['forged-item']).toBeUndefined();
    }
    expect(stateDigest(bo.state)).toBe(stateDigest(ana.state));
  });

  it('hands off from Asia/Shanghai to America/Los_Angeles across the November DST change', async () => {
    // Promises due 18:00 Los Angeles time on both sides of the change (1 Nov 2026, PDT → PST).
    const before = DateTime.fromISO('2026-10-31T18:00', { zone: 'America/Los_Angeles' }).toMillis();
    const after = DateTime.fromISO('2026-11-01T18:00', { zone: 'America/Los_Angeles' }).toMillis();
    const sent = (await ana.invoke('team.handoff', {
      to: bo.key,
      items: [{ item: 'discord:g:c:1001', label: 'scam link by @moonpepe', state: 'claimed' }],
      incidents: ['spam burst in #general at 03:10'],
      promises: [
        { text: 'told @mei we would check back', due: before },
        { text: 'unban review for @quietfox', due: after },
      ],
      notes: 'raid bots came from invite xyz; invite revoked',
    })) as { ok: boolean; value: { id: string } };
    expect(sent.ok).toBe(true);
    await until(() => handoffWaitingFor(bo.state, bo.key)?.id === sent.value.id, 'the handoff to wait for Bo first');
    const handoff = handoffWaitingFor(bo.state, bo.key)!;
    expect(handoff.promises.map((p) => formatInZone(p.due, bo.view!.me.zone))).toEqual(['Sat 31 Oct, 18:00 PDT', 'Sun 1 Nov, 18:00 PST']);
    expect(handoff.promises.map((p) => formatInZone(p.due, ana.view!.me.zone))).toEqual(['Sun 1 Nov, 09:00 GMT+8', 'Mon 2 Nov, 10:00 GMT+8']);
    // Unacknowledged past the team's limit, the lead is told.
    expect(overdueHandoffs(ana.state, handoff.at + (ana.view!.ackMinutes + 1) * 60_000, ana.view!.ackMinutes).map((h) => h.id)).toEqual([sent.value.id]);
    await bo.invoke('team.ack', { handoff: sent.value.id });
    await until(() => ana.state.handoffs.find((h) => h.id === sent.value.id)?.ackedBy === bo.key, 'Ana to see the acknowledgement');
    expect(overdueHandoffs(ana.state, Date.now() + 10 * 3_600_000, ana.view!.ackMinutes)).toEqual([]);
  });

  it('a console offline during three claims and a handoff catches up to the same state', async () => {
    await bo.close();
    for (const item of ['offline:1', 'offline:2', 'offline:3']) await ana.invoke('team.claim', { item });
    await ana.invoke('team.handoff', { items: [], incidents: [], promises: [], notes: 'while you were away' });
    bo = await new Console(join(root, 'bo'), sim).start();
    await bo.member();
    await until(() => stateDigest(bo.state) === stateDigest(ana.state), 'Bo to catch up to the same state');
    expect(bo.state.claims['offline:3']?.by).toBe(ana.key);
    expect(bo.state.handoffs.at(-1)?.notes).toBe('while you were away');
  }, 30_000);
});
