// Discord scheduled events for voice and stage plans: the real discord.js (guild.scheduledEvents)
// against the practice server's guild scheduled-events endpoints, through the action executor's
// journal. Created once, also when the answer is lost and main forgot it sent (the event is found by
// its name, start and channel); moved with the plan; cancelled with it; refused without Manage Events
// and for a start in the past, the way Discord refuses them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuildScheduledEventStatus, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import type { Result } from '../../src/shared/domain/result';
import { ActionExecutor } from '../../src/main/actions/executor';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { until } from './until';

let sim: DiscordSimulator;
let discord: DiscordConnector;
let executor: ActionExecutor;
let voice: string;
let stage: string;
const HOUR = 3_600_000;

function send(action: ActionIntent): Promise<Result<ActionReceipt>> {
  return executor.execute(action, {
    run: (a) => discord.execute(a),
    reconcile: (a, since) => discord.reconcile?.(a, since) ?? Promise.resolve({ ok: true, value: { state: 'unknown', why: 'none' } }),
    ready: () => discord.info().state === 'ready',
  });
}

function event(over: Partial<Extract<ActionIntent, { kind: 'event' }>> = {}): Extract<ActionIntent, { kind: 'event' }> {
  return {
    key: randomUUID(),
    kind: 'event',
    op: 'create',
    sourceId: discord.sourceId,
    platform: 'discord',
    spaceId: sim.guildId,
    channelId: voice,
    name: 'Weekly voice chat',
    description: 'Bring your questions',
    start: Math.floor((Date.now() + 2 * HOUR) / 60_000) * 60_000,
    entity: 'voice',
    planId: 'plan-0001',
    ...over,
  };
}

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 33, memberCount: 8 });
  voice = sim.addVoiceChannel('Lounge', 'voice');
  stage = sim.addVoiceChannel('Town hall', 'stage');
  discord = new DiscordConnector({ id: 'dc-events', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: true });
  expect((await discord.start()).ok).toBe(true);
  executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-events-')), 'actions.jsonl'));
});

afterAll(async () => {
  await discord?.stop();
  await sim?.close();
});

describe('Discord scheduled events', () => {
  it('lists voice and stage channels with the space, and refuses without Manage Events', async () => {
    const channels = discord.info().spaces.find((s) => s.id === sim.guildId)?.channels ?? [];
    expect(channels.filter((c) => c.kind === 'voice' || c.kind === 'stage').map((c) => [c.name, c.kind])).toEqual([
      ['Lounge', 'voice'],
      ['Town hall', 'stage'],
    ]);
    const refused = await send(event());
    expect(refused).toMatchObject({ ok: false, error: { code: 'missing_permission' } });
    expect(sim.scheduledEvents()).toHaveLength(0);
  });

  it('creates one event, also when the answer is lost and main restarts with an empty journal', async () => {
    sim.grantBotPermissions(PermissionFlagsBits.ManageEvents);
    sim.injectFailure({ method: 'POST', path: /\/guilds\/\d+\/scheduled-events$/ }, { status: 0, afterCommit: true, times: 1 });
    const intent = event();
    const first = await send(intent);
    // Main forgets it ever sent (a new journal) and the outbox replays the same intent.
    executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-events-')), 'actions.jsonl'));
    const again = await send(intent);
    expect(again.ok || first.ok).toBe(true);
    expect(sim.scheduledEvents()).toHaveLength(1);
    const [created] = sim.scheduledEvents();
    expect(created).toMatchObject({ name: 'Weekly voice chat', description: 'Bring your questions', channelId: voice, status: GuildScheduledEventStatus.Scheduled, start: intent.start });
    expect(again.ok && again.value.createdMessageId).toBe(created?.id);
    // The connector's discord.js cache learnt it from the gateway too.
    await until(() => discord.info().state === 'ready', 'ready');
  });

  it('moves it with the plan and cancels it with the plan, once', async () => {
    const [created] = sim.scheduledEvents();
    const moved = event({ op: 'update', eventId: created?.id, name: 'Weekly voice chat (moved)', start: (created?.start ?? 0) + HOUR });
    expect(await send(moved)).toMatchObject({ ok: true });
    expect(sim.scheduledEvents()[0]).toMatchObject({ name: 'Weekly voice chat (moved)', start: moved.start });
    const cancel = event({ op: 'cancel', eventId: created?.id });
    expect(await send(cancel)).toMatchObject({ ok: true });
    expect(sim.scheduledEvents()[0]?.status).toBe(GuildScheduledEventStatus.Canceled);
    // A second cancel (another console, or a replay with a lost journal) finds it cancelled already.
    const twice = await send({ ...cancel, key: randomUUID() });
    expect(twice).toMatchObject({ ok: true, value: { alreadyDone: true } });
  });

  it('a stage event goes on a stage channel; a start in the past or a voice event on a stage is refused as Discord does', async () => {
    expect(await send(event({ channelId: stage, entity: 'stage', name: 'AMA' }))).toMatchObject({ ok: true });
    expect(sim.scheduledEvents().find((e) => e.name === 'AMA')?.channelId).toBe(stage);
    expect(await send(event({ name: 'Too late', start: Date.now() - HOUR }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await send(event({ name: 'Wrong room', channelId: stage, entity: 'voice' }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sim.scheduledEvents().map((e) => e.name).sort()).toEqual(['AMA', 'Weekly voice chat (moved)']);
  });
});

describe('Discord role names', () => {
  it("the space tells its roles' names by the ids member events carry, highest first, without @everyone", async () => {
    const roles = discord.info().spaces.find((s) => s.id === sim.guildId)?.roles ?? [];
    expect(roles.map((r) => r.name)).toEqual(['Admin', 'Tribekeeper', 'Moderator', 'Member']);
    expect(roles.some((r) => r.id === sim.guildId)).toBe(false);
    // A member's role ids (as their events carry them) resolve to those names.
    const member = sim.members().find((m) => !m.bot && m.roles.length > 0);
    expect(member).toBeDefined();
    for (const id of member!.roles.filter((r) => r !== sim.guildId)) expect(roles.find((r) => r.id === id)?.name).toMatch(/^(Admin|Moderator|Member)$/);
  });
});
