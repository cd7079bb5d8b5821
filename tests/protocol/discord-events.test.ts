// Discord scheduled events for voice and stage plans: the real discord.js (guild.scheduledEvents)
// against the practice server's guild scheduled-events endpoints, through the action executor's
// journal. Created once, also when the answer is lost and main forgot it sent (the event is found by
// its name, start and channel); moved with the plan; cancelled with it; refused without Manage Events
// and for a start in the past, the way Discord refuses them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuildScheduledEventStatus, PermissionFlagsBits } from 'discord-api-types/v10';
import { REST, Routes, SnowflakeUtil } from 'discord.js';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import type { Result } from '../../src/shared/domain/result';
import type { RawEvent } from '../../src/main/core/connector';
import { ActionExecutor } from '../../src/main/actions/executor';
import { applyCursorMove } from '../../src/shared/domain/cursor';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { connectorFor, knownRolesFile } from '../../src/main/launch';
import { FileSecretStore } from '../../src/main/secrets/store';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { until } from './until';

let sim: DiscordSimulator;
let discord: DiscordConnector;
let executor: ActionExecutor;
let voice: string;
let stage: string;
let home: string;
const events: RawEvent[] = [];
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
  // A short window for the whole member list (op 8; Discord's is 30 s): the restarts below ask again soon.
  sim = await startDiscordSimulator({ seed: 33, memberCount: 8, memberListWindowMs: 2_000 });
  voice = sim.addVoiceChannel('Lounge', 'voice');
  stage = sim.addVoiceChannel('Town hall', 'stage');
  home = mkdtempSync(join(tmpdir(), 'tk-roles-'));
  discord = new DiscordConnector({ id: 'dc-events', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: true, rolesFile: knownRolesFile(home, 'dc-events') });
  discord.onEvent((e) => events.push(e));
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

describe('Discord role gains and losses', () => {
  const roleEvents = (userId: string) => events.filter((e) => e.kind === 'roles' && e.author?.id === userId);
  let regulars: Array<{ userId: string }> = [];
  let helper: string;

  beforeAll(async () => {
    // Three newcomers made members in the app: each a join, then a gain of Member.
    regulars = [sim.addMember(), sim.addMember(), sim.addMember()];
    for (const m of regulars) sim.changeMemberRoles(m.userId, { add: [sim.roleIds.member] });
    for (const m of regulars) await until(() => roleEvents(m.userId)[0], 'the newcomer made a member');
    for (const m of regulars) expect(roleEvents(m.userId)).toMatchObject([{ author: { roles: [sim.roleIds.member] }, moderation: { before: [] } }]);
    events.length = 0;
  });

  it('a role given and taken through REST (GUILD_MEMBER_UPDATE with the roles array) is one roles event each: gained, then lost, named', async () => {
    helper = sim.addRole('Helper <img src=x onerror=alert(1)>');
    await until(() => discord.info().spaces[0]?.roles?.some((r) => r.id === helper), 'the new role known');
    const member = regulars[0]!;
    // Another bot (or a moderator's tool) with Manage Roles, through the real discord.js REST client.
    const rest = new REST({ api: sim.apiBase }).setToken(sim.token);
    await rest.put(Routes.guildMemberRole(sim.guildId, member.userId, helper));
    const [gained] = await until(() => (roleEvents(member.userId).length >= 1 ? roleEvents(member.userId) : undefined), 'the gain');
    expect(gained).toMatchObject({ kind: 'roles', channelId: 'members', author: { id: member.userId, roles: [sim.roleIds.member, helper] }, moderation: { action: 'promote', targetId: member.userId, before: [sim.roleIds.member] } });
    // Highest first (a new role sits just above @everyone). Names as Discord had them then, the hostile one as it is (text for the renderer); no @everyone.
    expect(gained?.moderation?.roleNames).toEqual([
      { id: sim.roleIds.member, name: 'Member' },
      { id: helper, name: 'Helper <img src=x onerror=alert(1)>' },
    ]);
    expect(sim.auditLog.at(-1)).toMatchObject({ action: 'member_role_update', targetId: member.userId, changes: { $add: [{ id: helper }] } });

    await rest.delete(Routes.guildMemberRole(sim.guildId, member.userId, helper));
    const lost = await until(() => roleEvents(member.userId)[1], 'the loss');
    expect(lost).toMatchObject({ author: { roles: [sim.roleIds.member] }, moderation: { action: 'demote', before: [sim.roleIds.member, helper] } });
    expect(lost?.id).not.toBe(gained?.id);
    // PATCH with a roles array replaces the member's roles, as Discord does.
    await rest.patch(Routes.guildMember(sim.guildId, member.userId), { body: { roles: [sim.roleIds.member, helper] } });
    await until(() => roleEvents(member.userId)[2], 'the gain by PATCH');
    expect(sim.member(member.userId)?.roles.sort()).toEqual([sim.roleIds.member, helper].sort());
    expect(roleEvents(member.userId)).toHaveLength(3);
  });

  it('refuses a role above the bot\'s own as Discord does (50013), and sends nothing', async () => {
    const member = regulars[1]!;
    const rest = new REST({ api: sim.apiBase }).setToken(sim.token);
    await expect(rest.put(Routes.guildMemberRole(sim.guildId, member.userId, sim.roleIds.admin))).rejects.toMatchObject({ code: 50013 });
    expect(sim.member(member.userId)?.roles).not.toContain(sim.roleIds.admin);
    // Nor may it read the audit log without View Audit Log.
    await expect(rest.get(Routes.guildAuditLog(sim.guildId))).rejects.toMatchObject({ code: 50013 });
  });

  it('a role renamed is no member gaining or losing it; a member discord.js had not cached gets no false loss', async () => {
    const [a, b] = regulars;
    const before = events.length;
    sim.renameRole(helper, 'Helpers');
    // The member was not in discord.js's cache (as in a guild too large to cache): its old member is a partial without roles.
    (discord as unknown as { client: Client }).client.guilds.cache.get(sim.guildId)!.members.cache.delete(b!.userId);
    sim.changeMemberRoles(b!.userId, { add: [helper] });
    const change = await until(() => roleEvents(b!.userId)[0], 'the change of the uncached member');
    // Told against the roles last seen: gained Helper, nothing lost, nothing else gained.
    expect(change).toMatchObject({ author: { roles: [sim.roleIds.member, helper] }, moderation: { action: 'promote', before: [sim.roleIds.member] } });
    expect(events.slice(before).filter((e) => e.kind === 'roles').map((e) => e.author?.id)).toEqual([b!.userId]);
    expect(change?.moderation?.roleNames?.find((r) => r.id === helper)?.name).toBe('Helpers');
    void a;
  });

  it('roles given and taken while the console was closed come back once after a restart, dated by the audit log', async () => {
    const [a, b, c] = regulars;
    const positions = discord.positions();
    await discord.stop();
    // The file says until when the roles were known; the changes come after it (a later millisecond).
    const knownUntil = (JSON.parse(readFileSync(knownRolesFile(home, 'dc-events'), 'utf8')) as { at: number }).at;
    await until(() => Date.now() > knownUntil, 'a later millisecond');
    sim.changeMemberRoles(a!.userId, { remove: [helper] });
    sim.changeMemberRoles(c!.userId, { add: [helper] });
    sim.renameRole(helper, 'Helper');
    // With View Audit Log the bot reads when each change was made.
    sim.grantBotPermissions(PermissionFlagsBits.ViewAuditLog);
    const madeAt = (userId: string) => Number(SnowflakeUtil.timestampFrom(sim.auditLog.filter((e) => e.action === 'member_role_update' && e.targetId === userId).at(-1)!.id));
    // As the console builds it for a server of one's own (a practice one built in keeps nothing: it starts afresh).
    const connection = { platform: 'discord' as const, id: 'dc-events', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: false };
    discord = connectorFor(connection, new FileSecretStore(join(home, 'secrets.json')), home) as DiscordConnector;
    const live: RawEvent[] = [];
    discord.onEvent((e) => live.push(e));
    discord.onEvent((e) => events.push(e));
    expect((await discord.start()).ok).toBe(true);
    const caught = (await discord.catchUp(positions, 0)).filter((e) => e.kind === 'roles');
    expect(caught.map((e) => [e.author?.id, e.moderation?.action, e.author?.roles, e.moderation?.before]).sort()).toEqual(
      [
        [a!.userId, 'demote', [sim.roleIds.member], [sim.roleIds.member, helper]],
        [c!.userId, 'promote', [sim.roleIds.member, helper], [sim.roleIds.member]],
      ].sort(),
    );
    expect(caught.every((e) => e.moderation?.roleNames?.some((r) => r.name === 'Helper'))).toBe(true);
    // Dated when they were made, not when the console noticed them.
    expect(caught.map((e) => e.ts - madeAt(e.author!.id))).toEqual([0, 0]);
    // Told once: a second catch-up with the positions those events leave (a re-identify) finds nothing new; b kept its role.
    const stored: Record<string, string> = { ...positions };
    for (const e of caught) applyCursorMove(stored, e.cursor!);
    expect((await discord.catchUp(stored, 0)).filter((e) => e.kind === 'roles')).toEqual([]);
    // The renderers open now got them at once, each once.
    expect(live.filter((e) => e.kind === 'roles').map((e) => e.id).sort()).toEqual(caught.map((e) => e.id).sort());
    // Kept until delivered: another window (or one closed before it stored them) still lacks them; its catch-up brings the same two.
    const again = (await discord.catchUp(positions, 0)).filter((e) => e.kind === 'roles');
    expect(again.map((e) => e.id).sort()).toEqual(caught.map((e) => e.id).sort());
    // Also after main restarts: they are kept in main's file of roles.
    await discord.stop();
    discord = connectorFor(connection, new FileSecretStore(join(home, 'secrets.json')), home) as DiscordConnector;
    discord.onEvent((e) => events.push(e));
    expect((await discord.start()).ok).toBe(true);
    const afterRestart = (await discord.catchUp(positions, 0)).filter((e) => e.kind === 'roles');
    expect(afterRestart.map((e) => e.id).sort()).toEqual(caught.map((e) => e.id).sort());
    expect((await discord.catchUp(stored, 0)).filter((e) => e.kind === 'roles')).toEqual([]);
    void b;
  });

  it('a role deleted in the server is nobody losing it: live, then while the console was closed', async () => {
    const [a, , c] = regulars;
    const rest = new REST({ api: sim.apiBase }).setToken(sim.token);
    const mentor = sim.addRole('Mentor');
    await until(() => discord.info().spaces[0]?.roles?.some((r) => r.id === mentor), 'the Mentor role known');
    const given = events.length;
    await rest.put(Routes.guildMemberRole(sim.guildId, a!.userId, mentor));
    await until(() => events.slice(given).find((e) => e.kind === 'roles' && e.author?.id === a!.userId), 'Mentor given');
    const sentinel = async (userId: string, what: string) => {
      const before = events.length;
      await rest.patch(Routes.guildMember(sim.guildId, userId), { body: { roles: [sim.roleIds.member, sim.roleIds.moderator] } });
      await until(() => events.slice(before).find((e) => e.kind === 'roles' && e.author?.id === userId), what);
      return events.slice(before).filter((e) => e.kind === 'roles');
    };
    // Deleted with c holding Helper: Discord sends GUILD_ROLE_DELETE only; c's next update (a nickname) tells no loss.
    sim.deleteRole(helper);
    sim.setMemberProfile(c!.userId, { nick: 'cc' });
    const told = await sentinel(c!.userId, 'c made a moderator');
    expect(told.map((e) => [e.author?.id, e.moderation?.before])).toEqual([[c!.userId, [sim.roleIds.member]]]);

    // Deleted while closed: the catch-up tells no loss of Mentor, nor does a's next change.
    const positions = discord.positions();
    await discord.stop();
    sim.deleteRole(mentor);
    const connection = { platform: 'discord' as const, id: 'dc-events', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: false };
    discord = connectorFor(connection, new FileSecretStore(join(home, 'secrets.json')), home) as DiscordConnector;
    discord.onEvent((e) => events.push(e));
    expect((await discord.start()).ok).toBe(true);
    expect((await discord.catchUp(positions, 0)).filter((e) => e.kind === 'roles')).toEqual([]);
    const after = await sentinel(a!.userId, 'a made a moderator');
    expect(after.map((e) => [e.author?.id, e.moderation?.before])).toEqual([[a!.userId, [sim.roleIds.member]]]);
  });

  it('a role given while the gateway could not resume (a fresh READY says it silently) is told by the catch-up after it', async () => {
    const [, b] = regulars;
    const identifies = sim.stats.identifies;
    const before = events.length;
    // An invalid sequence: discord.js identifies afresh (no resume), and the new GUILD_CREATE carries b's new role without a member update.
    sim.dropConnections(4007);
    sim.changeMemberRoles(b!.userId, { add: [sim.roleIds.moderator] });
    const told = await until(() => events.slice(before).find((e) => e.kind === 'roles' && e.author?.id === b!.userId), 'the change told after the new READY');
    expect(sim.stats.identifies).toBeGreaterThan(identifies);
    expect(told.moderation?.before).toEqual([sim.roleIds.member]);
    expect([...(told.author?.roles ?? [])].sort()).toEqual([sim.roleIds.member, sim.roleIds.moderator].sort());
    expect(events.slice(before).filter((e) => e.kind === 'roles')).toHaveLength(1);
  });
});

describe('Discord members as a real server sends them', () => {
  const cached = () => (discord as unknown as { client: Client }).client.guilds.cache.get(sim.guildId)!.members.cache;
  const present = () => sim.members().filter((m) => m.present && !m.banned);

  it('after a fresh READY (which lists the bot alone) asks for the members again, so a nickname copying a moderator is still a rename', async () => {
    const identifies = sim.stats.identifies;
    sim.dropConnections(4007);
    await until(() => sim.stats.identifies > identifies && discord.info().state === 'ready', 'identified afresh');
    // Discord's GUILD_CREATE listed the bot alone; the list comes back over op 8 (refused at first when asked too soon).
    await until(() => cached().size === present().length, 'the member list asked for again');
    const member = present().find((m) => !m.bot && m.roles.length === 1)!;
    const before = events.length;
    sim.setMemberProfile(member.userId, { nick: 'Moderator Team' });
    const renamed = await until(() => events.slice(before).find((e) => e.kind === 'rename' && e.author?.id === member.userId), 'the rename');
    expect(renamed.author?.displayName).toBe('Moderator Team');
  });

  it('names the authors of messages read back over REST (which carry no member) with their roles, also when discord.js had not cached them', async () => {
    const moderator = sim.memberIdsByRole('Moderator').find((id) => sim.canPost(id))!;
    const after = sim.messages(sim.channels.help).at(-1)?.id ?? '0';
    const before = events.length;
    const posted = sim.postMessage({ channelId: sim.channels.help, authorId: moderator, content: 'Reminder: staff never DM you first.' });
    await until(() => events.slice(before).find((e) => e.messageId === posted.id), 'the live message');
    // As in a guild too large to cache, or before the member list came: discord.js does not know the author.
    cached().delete(moderator);
    const caught = (await discord.catchUp({ [sim.channels.help]: after }, 0)).find((e) => e.messageId === posted.id);
    expect(caught?.author?.roles).toEqual(expect.arrayContaining([sim.roleIds.moderator]));
    expect(caught?.author?.joinedAt).toBe(Date.parse(sim.member(moderator)!.joinedAt));
  });

  it('on a server larger than it caches, holds at most that many members (the bot kept) and still names each author with their roles', async () => {
    const capped = new DiscordConnector({ id: 'dc-capped', label: 'Capped', token: sim.token, apiBase: sim.apiBase, practice: true, maxCachedMembers: 4 });
    const seen: RawEvent[] = [];
    capped.onEvent((e) => seen.push(e));
    expect((await capped.start()).ok).toBe(true);
    try {
      const authors = present().filter((m) => !m.bot && sim.canPost(m.userId)).slice(0, 6);
      expect(authors.length).toBe(6);
      for (const a of authors) sim.postMessage({ channelId: sim.channels.general, authorId: a.userId, content: `capped cache ${a.userId}` });
      for (const a of authors) await until(() => seen.find((e) => e.text === `capped cache ${a.userId}`), 'each message');
      const cache = (capped as unknown as { client: Client }).client.guilds.cache.get(sim.guildId)!.members.cache;
      expect(cache.size).toBeLessThanOrEqual(5);
      expect(cache.has(sim.botUserId)).toBe(true);
      for (const a of authors) {
        const roles = seen.find((e) => e.text === `capped cache ${a.userId}`)?.author?.roles ?? [];
        expect([...roles].sort()).toEqual(sim.member(a.userId)!.roles.filter((r) => r !== sim.guildId).sort());
      }
    } finally {
      await capped.stop();
    }
  });
});
