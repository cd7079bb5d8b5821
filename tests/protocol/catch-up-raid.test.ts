// A raid while the console was closed becomes an incident on catch-up, as it would have live: the
// core stops, a wave of new accounts joins the community and posts, a new core catches a returning
// renderer up from its cursors, and main's triage sees the joins as well as the messages.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../../src/shared/domain/model';
import { Core } from '../../src/main/core/app';
import { connectorFor } from '../../src/main/launch';
import { FileSecretStore } from '../../src/main/secrets/store';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { SmallRenderer } from './smallRenderer';
import { until } from './until';

const SOURCE = 'env-discord';
let sim: DiscordSimulator;
let home: string;
let core: Core | undefined;

async function startCore(): Promise<Core> {
  const secrets = new FileSecretStore(join(home, 'secrets.json'));
  const started = new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets,
    ephemeral: [{ platform: 'discord', id: SOURCE, label: 'Community', token: sim.token, apiBase: sim.apiBase, practice: false }],
    // As the console builds it: the bot keeps its members' last known roles under `home`.
    createConnector: (c) => {
      if (c.platform !== 'discord') throw new Error('only Discord here');
      return connectorFor(c, secrets, home);
    },
    backfill: 50,
  });
  await started.start();
  await until(() => started.sources()[0]?.state === 'ready', 'ready', 30_000);
  return started;
}

/** The small renderer, with what this test asks of its store. */
class Renderer extends SmallRenderer {
  constructor(from: Core, cursors: SourceCursor[] = []) {
    super(from, SOURCE, cursors);
  }

  /** The raid incident (flag group) of each of these authors' messages, if any. */
  raidGroups(authorIds: readonly string[]): Array<string | undefined> {
    return authorIds.map((id) => {
      const message = [...this.envelopes.values()].find((e) => e.event.kind === 'message' && e.event.author?.id === id);
      return message?.flags.find((f) => f.category === 'raid')?.group;
    });
  }
  roleChangesOf(userId: string) {
    return [...this.envelopes.values()].filter((e) => e.event.kind === 'roles' && e.event.author?.id === userId).map((e) => e.event);
  }
  joinsOf(authorIds: readonly string[]): number {
    return [...this.envelopes.values()].filter((e) => e.event.kind === 'join' && authorIds.includes(e.event.author?.id ?? '')).length;
  }
}

/** Look-alike young accounts join, then each posts a short line (too short to count as near-identical text). */
function raid(prefix: string): string[] {
  const ids = Array.from(
    { length: 12 },
    (_, i) => sim.addMember({ username: `${prefix}${i + 1}`, accountCreatedAt: new Date(Date.now() - 40 * 60_000) }).userId,
  );
  for (const id of ids) sim.postMessage({ channelId: sim.channels.general, authorId: id, content: 'RAID RAID 🔥' });
  return ids;
}

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 13 });
  home = mkdtempSync(join(tmpdir(), 'tk-catchup-raid-'));
});

afterAll(async () => {
  await core?.stop();
  await sim.close();
});

describe('a raid while the console was closed', () => {
  it('becomes one incident on catch-up, as the same raid does live', async () => {
    core = await startCore();
    const first = new Renderer(core);
    await until(() => first.caughtUp > 0, 'first catch-up', 30_000);

    // Live, this shape of raid is one incident: the joins open it, the short posts join it.
    const live = raid('zerg_live_');
    await until(() => first.raidGroups(live).slice(-3).every(Boolean) || undefined, 'live raid flagged', 30_000);
    expect(new Set(first.raidGroups(live).filter(Boolean)).size).toBe(1);
    const cursors = first.cursors();
    first.session.close();
    await core.stop();
    core = undefined;

    // Nobody listens while the next raid happens.
    const missed = raid('bot_army_');

    core = await startCore();
    const second = new Renderer(core, cursors);
    await until(() => second.caughtUp > 0, 'catch-up after the restart', 30_000);
    // Every joined account was seen, once: the incident is built from the joins, as live.
    expect(second.joinsOf(missed)).toBe(missed.length);
    expect(second.joinsOf(live)).toBe(0);
    const groups = second.raidGroups(missed);
    // The wave is recognised by its tenth join; the messages after it belong to one incident.
    expect(groups.slice(-3).every((g) => g !== undefined)).toBe(true);
    expect(new Set(groups.filter(Boolean)).size).toBe(1);
    second.session.close();
  }, 120_000);
});

describe('roles changed while the console was closed', () => {
  it('reach a returning renderer once, from its cursors, as the journey reads them', async () => {
    core ??= await startCore();
    const first = new Renderer(core);
    await until(() => first.caughtUp > 0, 'first catch-up', 30_000);
    const member = sim.addMember({ username: 'grows_into_a_mod' });
    sim.changeMemberRoles(member.userId, { add: [sim.roleIds.member] });
    await until(() => first.roleChangesOf(member.userId).length === 1 || undefined, 'the live gain', 30_000);
    const cursors = first.cursors();
    first.session.close();
    await core.stop();
    core = undefined;

    // While nobody listens, the member is made a moderator.
    sim.changeMemberRoles(member.userId, { add: [sim.roleIds.moderator] });

    core = await startCore();
    const second = new Renderer(core, cursors);
    await until(() => second.caughtUp > 0, 'catch-up after the restart', 30_000);
    const changes = second.roleChangesOf(member.userId);
    expect(changes.map((e) => [e.moderation?.action, [...(e.author?.roles ?? [])].sort(), e.moderation?.before])).toEqual([
      ['promote', [sim.roleIds.member, sim.roleIds.moderator].sort(), [sim.roleIds.member]],
    ]);
    second.session.close();
  }, 120_000);
});
