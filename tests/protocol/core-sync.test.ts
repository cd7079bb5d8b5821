// The core end to end against the simulator: a renderer subscribes with its cursors, gets the backlog
// then live events; after it goes away and comes back, it gets exactly what it missed — no gap, no repeat.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, SourceCursor } from '../../src/shared/domain/model';
import { applyCursorMove } from '../../src/shared/domain/cursor';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { Core } from '../../src/main/core/app';
import type { Session } from '../../src/main/core/app';
import { FileSecretStore } from '../../src/main/secrets/store';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { until } from './until';

let sim: DiscordSimulator;
let core: Core;

/** A stand-in for the renderer's store: envelopes by id, cursors from the moves its events carry (as the renderer keeps them). */
class Renderer {
  readonly envelopes = new Map<string, Envelope>();
  duplicates = 0;
  caughtUp = 0;
  readonly positions: Record<string, string> = {};
  session: Session;
  constructor(cursors: SourceCursor[] = []) {
    this.session = core.openSession({
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'events.received') {
          for (const envelope of (payload as EventPayload<'events.received'>).envelopes) {
            if (this.envelopes.has(envelope.event.id)) this.duplicates++;
            this.envelopes.set(envelope.event.id, envelope);
            if (envelope.event.cursor) applyCursorMove(this.positions, envelope.event.cursor);
          }
        }
        if (name === 'sync.caughtUp') {
          this.caughtUp++;
          // As the renderer does: the connector's positions after a catch-up are stored over the cursor.
          Object.assign(this.positions, (payload as EventPayload<'sync.caughtUp'>).positions ?? {});
        }
      },
    });
    void this.session.invoke('sync.subscribe', { cursors });
  }
  cursors(): SourceCursor[] {
    return [{ sourceId: 'practice-discord', positions: { ...this.positions } }];
  }
  texts(prefix: string): string[] {
    return [...this.envelopes.values()].map((e) => e.event.text ?? '').filter((t) => t.startsWith(prefix));
  }
}

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 5 });
  const home = mkdtempSync(join(tmpdir(), 'tk-core-'));
  core = new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral: [{ platform: 'discord', id: 'practice-discord', label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true }],
    createConnector: (c) => {
      if (c.platform !== 'discord') throw new Error('only Discord here');
      return new DiscordConnector(c);
    },
    backfill: 50,
  });
  await core.start();
  await until(() => core.sources()[0]?.state === 'ready', 'ready');
});

afterAll(async () => {
  await core.stop();
  await sim.close();
});

describe('sync', () => {
  it('backfills, flags, streams live, and resumes a returning renderer without gap or repeat', async () => {
    // A member who is not staff: a moderator's own words are not flagged as the scam they mention.
    const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
    const author = sim.memberIdsByRole('Member').find((m) => !staff.has(m))!;
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'before 1' });
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'before 2 Free Nitro! https://discord-gift.ru/claim' });

    const first = new Renderer();
    await until(() => first.caughtUp > 0, 'first catch-up');
    await until(() => first.texts('before ').length === 2, 'backfill');
    const scam = [...first.envelopes.values()].find((e) => e.event.text?.startsWith('before 2'));
    expect(scam?.flags.map((f) => f.category)).toContain('scam');

    for (let i = 0; i < 30; i++) sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `live ${i}` });
    await until(() => first.texts('live ').length === 30, 'live messages');
    const cursors = first.cursors();
    first.session.close();

    // The renderer is gone (reload, restart) while the community keeps talking.
    for (let i = 0; i < 40; i++) {
      sim.postMessage({ channelId: i % 2 ? sim.channels.general : sim.channels.help, authorId: author, content: `meanwhile ${i}` });
    }

    const second = new Renderer(cursors);
    await until(() => second.caughtUp > 0, 'second catch-up');
    for (let i = 0; i < 5; i++) sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `after ${i}` });
    await until(() => second.texts('after ').length === 5, 'live after catch-up');
    expect(second.texts('meanwhile ').sort()).toEqual(Array.from({ length: 40 }, (_, i) => `meanwhile ${i}`).sort());
    expect(second.texts('live ')).toHaveLength(0); // it had those already: not sent again
    expect(second.duplicates).toBe(0);
    second.session.close();
  });

  it('a role given while one renderer was closed reaches it when it comes back; the open one gets it at once, each once', async () => {
    const open = new Renderer();
    const closing = new Renderer();
    await until(() => open.caughtUp > 0 && closing.caughtUp > 0, 'both caught up');
    const cursors = closing.cursors();
    closing.session.close();
    const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
    const member = sim.memberIdsByRole('Member').find((m) => !staff.has(m))!;
    sim.changeMemberRoles(member, { add: [sim.roleIds.moderator] });
    const roles = (r: Renderer) => [...r.envelopes.values()].filter((e) => e.event.kind === 'roles' && e.event.author?.id === member).map((e) => e.event.id);
    await until(() => roles(open).length === 1, 'the open renderer told');
    const back = new Renderer(cursors);
    await until(() => back.caughtUp > 0, 'the returning renderer caught up');
    expect(roles(back)).toEqual(roles(open));
    // Delivered: its next return finds nothing more.
    const cursorsAfter = back.cursors();
    back.session.close();
    const later = new Renderer(cursorsAfter);
    await until(() => later.caughtUp > 0, 'caught up again');
    expect(roles(later)).toEqual([]);
    expect(open.duplicates + back.duplicates).toBe(0);
    for (const r of [open, later]) r.session.close();
  });

  it('answers context around a message and runs an action exactly once through the session', async () => {
    const author = sim.memberIdsByRole('Member')[1]!;
    const ids = Array.from({ length: 7 }, (_, i) => sim.postMessage({ channelId: sim.channels.help, authorId: author, content: i === 2 ? 'Saying that immigrants are idiots is racist (ctx 2)' : `ctx ${i}` }).id);
    const r = new Renderer();
    const context = (await r.session.invoke('conversation.context', {
      sourceId: 'practice-discord',
      channelId: sim.channels.help,
      messageId: ids[3],
      limit: 5,
    })) as { ok: boolean; value: Array<{ messageId: string; dropped?: Array<{ category: string; context: string }> }> };
    expect(context.ok).toBe(true);
    expect(context.value.map((e) => e.messageId)).toEqual(ids.slice(1, 6));
    // What context dropped comes with the history (issue 14): the counter-speech says why it is not flagged.
    const toxicity = context.value.map((e) => e.dropped?.filter((d) => d.category === 'toxicity').map((d) => d.context) ?? []);
    expect(toxicity).toEqual([[], ['counter-speech'], [], [], []]);

    const action = {
      key: '6f1c2a52-3d7e-4b1a-9c3e-1b2d3c4d5e6f',
      kind: 'delete',
      sourceId: 'practice-discord',
      platform: 'discord',
      spaceId: sim.guildId,
      channelId: sim.channels.help,
      messageId: ids[3],
    };
    const first = (await r.session.invoke('actions.execute', { action })) as { ok: boolean; value: { duplicate: boolean } };
    const replay = (await r.session.invoke('actions.execute', { action })) as { ok: boolean; value: { duplicate: boolean } };
    expect(first).toMatchObject({ ok: true, value: { duplicate: false } });
    expect(replay).toMatchObject({ ok: true, value: { duplicate: true } });
    expect(sim.requestLog.filter((q) => q.method === 'DELETE' && q.path.endsWith(`/messages/${ids[3]}`))).toHaveLength(1);
    await expect(r.session.invoke('actions.execute', { action: { ...action, kind: 'explode' } })).rejects.toThrow(/Invalid/);
    r.session.close();
  });
});
