// A raid banned on Discord in one request, through the real discord.js client (GuildBanManager.bulkCreate)
// against the practice server's POST /guilds/{id}/bulk-ban: the messages go with the bans, each account's
// outcome is reported (banned, already banned, refused), a replay after a lost answer bans nobody twice
// and tells the same story, the 200-id limit and the permissions hold as Discord documents them, and a
// bot without Manage Server still bans the raid in one action, one request per account.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIntentSchema, MAX_BULK_BAN } from '../../src/shared/domain/actions';
import type { ActionIntent } from '../../src/shared/domain/actions';
import { ActionExecutor } from '../../src/main/actions/executor';
import type { ActionPlatform } from '../../src/main/actions/executor';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';

let sim: DiscordSimulator;
let connector: DiscordConnector;
let platform: ActionPlatform;
let journalDir: string;
let executor: ActionExecutor;

const REASON = 'Raid: join wave';

/** `n` fresh accounts (made `minutesOld` ago: a user id is its creation time) that joined now, each with one message in #general. */
function raid(n: number, minutesOld = 20): string[] {
  return Array.from({ length: n }, (_, i) => {
    const m = sim.addMember({ username: `raider_${randomUUID().slice(0, 8)}`, accountCreatedAt: new Date(Date.now() - minutesOld * 60_000) });
    sim.postMessage({ channelId: sim.channels.general, authorId: m.userId, content: `this server is dead, join the real one ${i}` });
    return m.userId;
  });
}

function bulkBan(memberIds: string[]): ActionIntent {
  return ActionIntentSchema.parse({
    key: randomUUID(), kind: 'bulkBan', sourceId: connector.sourceId, platform: 'discord', spaceId: sim.guildId, channelId: sim.channels.general,
    memberIds, deleteMessageSeconds: 86_400, reason: REASON,
  });
}

const posts = () => sim.requestLog.filter((q) => q.method === 'POST' && q.path.endsWith('/bulk-ban'));
const singleBans = () => sim.requestLog.filter((q) => q.method === 'PUT' && /\/bans\/\d+$/.test(q.path));
const banEntries = (uid: string) => sim.auditLog.filter((e) => e.action === 'member_ban_add' && e.targetId === uid);
const liveMessagesOf = (ids: readonly string[]) => sim.messages(sim.channels.general).filter((m) => ids.includes(m.authorId) && !m.deleted);

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 41, memberCount: 30 });
  connector = new DiscordConnector({ id: 'practice', label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true });
  expect((await connector.start()).ok).toBe(true);
  platform = { run: (a) => connector.execute(a), reconcile: (a, since) => connector.reconcile(a, since) };
  journalDir = mkdtempSync(join(tmpdir(), 'tk-bulkban-'));
  executor = new ActionExecutor(join(journalDir, 'actions.jsonl'));
});

afterAll(async () => {
  await connector?.stop();
  await sim?.close();
});

describe('bulk ban on Discord', () => {
  it('without Manage Server, bans the raid in the same one action, one request per account', async () => {
    const ids = raid(3);
    const admin = sim.memberIdsByRole('Admin').find((uid) => sim.member(uid)?.present)!;
    // The practice bot has Ban Members and no Manage Server: Discord refuses the bulk endpoint (50013).
    const before = singleBans().length;
    const result = await executor.execute(bulkBan([...ids, admin]), platform);
    expect(result.ok && result.value.accounts).toEqual([...ids.map((memberId) => ({ memberId, state: 'banned' })), { memberId: admin, state: 'failed' }]);
    expect(posts().at(-1)).toMatchObject({ status: 403 });
    expect(singleBans().length - before).toBe(4);
    for (const uid of ids) expect(banEntries(uid)).toEqual([expect.objectContaining({ reason: REASON })]);
    expect(liveMessagesOf(ids)).toEqual([]);
  });

  it('with Manage Server, bans a raid of 12 in one request, with their messages of the last day and the audit-log reason', async () => {
    // Discord's bulk ban needs Manage Server besides Ban Members (the console asks owners for both).
    sim.grantBotPermissions(PermissionFlagsBits.ManageGuild);
    const ids = raid(12);
    const before = { posts: posts().length, singles: singleBans().length };
    const result = await executor.execute(bulkBan(ids), platform);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.accounts).toEqual(ids.map((memberId) => ({ memberId, state: 'banned' })));
    expect(result.value.alreadyDone).toBeUndefined();
    expect(posts().length - before.posts).toBe(1);
    expect(singleBans().length).toBe(before.singles);
    for (const uid of ids) {
      expect(sim.member(uid)?.banned).toBe(true);
      expect(banEntries(uid)).toEqual([expect.objectContaining({ reason: REASON })]);
    }
    expect(liveMessagesOf(ids)).toEqual([]);
  });

  it('reports each account: banned, already banned (not sent again), refused (a role above the bot’s)', async () => {
    const fresh = raid(3);
    const [natively] = raid(1);
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    sim.banAsModerator(natively!, moderator);
    const admin = sim.memberIdsByRole('Admin').find((uid) => sim.member(uid)?.present)!;
    const result = await executor.execute(bulkBan([...fresh, natively!, admin]), platform);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.accounts).toEqual([
      ...fresh.map((memberId) => ({ memberId, state: 'banned' })),
      { memberId: natively, state: 'alreadyBanned' },
      { memberId: admin, state: 'failed' },
    ]);
    // The native ban stays the only one: the console did not ban that account a second time.
    expect(banEntries(natively!).map((e) => e.actorId)).toEqual([moderator]);
    expect(sim.member(admin)?.banned).toBe(false);

    // Only accounts the bot cannot ban: Discord's 500000, a failure the console words (not retried).
    const none = await executor.execute(bulkBan([admin]), platform);
    expect(none.ok).toBe(false);
    if (none.ok) return;
    expect(none.error).toMatchObject({ code: 'missing_permission', retryable: false, fields: { reason: 'bulk_ban_none' } });
    expect(posts().at(-1)).toMatchObject({ status: 403 });
  });

  it('a lost answer bans nobody twice: discord.js’s retry after a 500, main’s check after a dropped line, and the outbox’s replay tell the same outcome', async () => {
    // Discord banned them and answered 500: discord.js sends the request again, which finds them banned.
    const first = raid(4);
    const postsBefore = posts().length;
    sim.injectFailure({ method: 'POST', path: /\/bulk-ban$/ }, { status: 500, afterCommit: true, times: 1 });
    const retried = await executor.execute(bulkBan(first), platform);
    expect(posts().length - postsBefore).toBe(2);
    expect(retried.ok && retried.value.accounts).toEqual(first.map((memberId) => ({ memberId, state: 'banned' })));
    for (const uid of first) expect(banEntries(uid)).toHaveLength(1);

    // The line dropped after Discord banned them: main asks Discord whether the intent landed, and journals it.
    const second = raid(4);
    const intent = bulkBan(second);
    sim.injectFailure({ method: 'POST', path: /\/bulk-ban$/ }, { status: 0, afterCommit: true, times: 1 });
    const checked = await executor.execute(intent, platform);
    expect(posts().at(-1)).toMatchObject({ status: 0 });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.accounts).toEqual(second.map((memberId) => ({ memberId, state: 'banned' })));
    const sent = posts().length;
    // The outbox replays the key (its answer never reached the renderer), also after main restarted.
    const replay = await executor.execute(intent, platform);
    const restarted = await new ActionExecutor(join(journalDir, 'actions.jsonl')).execute(intent, platform);
    for (const again of [replay, restarted]) {
      expect(again.ok).toBe(true);
      if (!again.ok) return;
      expect(again.value).toMatchObject({ duplicate: true, accounts: checked.value.accounts });
    }
    expect(posts().length).toBe(sent);
    for (const uid of second) expect(banEntries(uid)).toHaveLength(1);
    expect(liveMessagesOf([...first, ...second])).toEqual([]);
  });

  it('looks through more than one page of the server’s bans (1,000 a page) before it bans', async () => {
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    const [first] = raid(1, 40);
    // 1,000 bans made in the app of accounts whose ids lie between the two (made 30 minutes ago), then
    // the second account banned there too.
    const between = new Date(Date.now() - 30 * 60_000);
    for (let i = 0; i < 1000; i += 1) sim.banAsModerator(sim.addMember({ username: `spam_${i}_${randomUUID().slice(0, 6)}`, accountCreatedAt: between }).userId, moderator);
    const [last] = raid(1, 20);
    sim.banAsModerator(last!, moderator);
    const result = await executor.execute(bulkBan([first!, last!]), platform);
    expect(result.ok && result.value.accounts).toEqual([{ memberId: first, state: 'banned' }, { memberId: last, state: 'alreadyBanned' }]);
    expect(banEntries(last!).map((e) => e.actorId)).toEqual([moderator]);
  });

  it('holds Discord’s limit: 1 to 200 ids a request', async () => {
    const ids = Array.from({ length: MAX_BULK_BAN + 1 }, (_, i) => String(10n ** 17n + BigInt(i)));
    expect(ActionIntentSchema.safeParse({ ...bulkBan(['1234567']), memberIds: ids }).success).toBe(false);
    const post = (body: unknown) =>
      fetch(`${sim.apiBase}/v10/guilds/${sim.guildId}/bulk-ban`, { method: 'POST', headers: { authorization: `Bot ${sim.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tooMany = await post({ user_ids: ids });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ code: 50035 });
    expect((await post({ user_ids: [] })).status).toBe(400);
    expect(sim.bannedUserIds()).not.toContain(ids[0]);
  });

});
