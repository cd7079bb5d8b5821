// The core with a Telegram source on the real gramjs client against the practice MTProto server:
// a renderer that goes away and comes back with its stored positions gets exactly what it missed,
// and a user account logs in through the commands (phone → code → password) with the session kept in main.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCursorMove } from '../../src/shared/domain/cursor';
import type { Envelope, SourceCursor } from '../../src/shared/domain/model';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import { Core } from '../../src/main/core/app';
import type { Session, TelegramConnection } from '../../src/main/core/app';
import { FileSecretStore } from '../../src/main/secrets/store';
import { startTelegramSimulator } from '../../src/main/practice/telegram/simulator';
import type { TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { until } from './until';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';

let sim: TelegramSimulator;
let core: Core;
let home: string;
const app = PRACTICE_TELEGRAM_APP;
const everything: string[] = [];

/** A stand-in for the renderer store: envelopes by id, and the cursor moved the way ingest moves it. */
class Renderer {
  readonly envelopes = new Map<string, Envelope>();
  readonly positions: Record<string, string> = {};
  duplicates = 0;
  caughtUp = 0;
  readonly session: Session;
  constructor(cursors: SourceCursor[] = []) {
    this.session = core.openSession({
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        everything.push(JSON.stringify(payload));
        if (name === 'events.received') {
          for (const envelope of (payload as EventPayload<'events.received'>).envelopes) {
            if (this.envelopes.has(envelope.event.id)) this.duplicates++;
            this.envelopes.set(envelope.event.id, envelope);
            if (envelope.event.sourceId === 'tg' && envelope.event.cursor) applyCursorMove(this.positions, envelope.event.cursor);
          }
        }
        if (name === 'sync.caughtUp') {
          const p = payload as EventPayload<'sync.caughtUp'>;
          if (p.sourceId === 'tg') {
            this.caughtUp++;
            if (p.positions) Object.assign(this.positions, p.positions);
          }
        }
      },
    });
    void this.session.invoke('sync.subscribe', { cursors });
  }
  texts(prefix: string): string[] {
    return [...this.envelopes.values()].filter((e) => e.event.kind === 'message').map((e) => e.event.text ?? '').filter((t) => t.startsWith(prefix));
  }
}

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 4 });
  home = mkdtempSync(join(tmpdir(), 'tk-core-tg-'));
  core = new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral: [
      {
        platform: 'telegram',
        id: 'tg',
        label: 'Practice Community Chat',
        practice: true,
        ...app,
        botToken: sim.botToken,
        server: { host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem },
      },
    ],
    telegramApp: app,
    createConnector: (c) => (c.platform === 'discord' ? new DiscordConnector(c) : new TelegramConnector(c as TelegramConnection)),
  });
  await core.start();
  await until(() => core.sources()[0]?.state === 'ready', 'the bot to be ready');
});

afterAll(async () => {
  await core.stop();
  await sim.close();
});

describe('Telegram through the core', () => {
  it('streams flagged messages, then catches a returning renderer up from its positions: no gap, no repeat', async () => {
    const author = sim.memberIds()[1]!;
    const first = new Renderer();
    await until(() => first.caughtUp > 0, 'first catch-up');
    sim.postMessage({ authorId: author, text: 'seen 0 hello' });
    sim.postMessage({ authorId: sim.memberIds()[2]!, text: 'seen 1 Free Nitro for everyone! claim here: https://discord-gift.ru/claim?code=x' });
    await until(() => first.texts('seen ').length === 2, 'live messages');
    const scam = [...first.envelopes.values()].find((e) => e.event.text?.startsWith('seen 1'));
    expect(scam?.event.platform).toBe('telegram');
    expect(scam?.flags.map((f) => f.category)).toContain('scam');
    expect(first.positions['@state']).toBeDefined();
    const cursors: SourceCursor[] = [{ sourceId: 'tg', positions: { ...first.positions } }];
    first.session.close();

    for (let i = 0; i < 25; i++) sim.postMessage({ authorId: sim.memberIds()[3 + (i % 5)]!, text: `meanwhile ${i}`, topicId: i % 2 ? sim.topics.help : sim.topics.general });

    const second = new Renderer(cursors);
    await until(() => second.caughtUp > 0, 'second catch-up');
    await until(() => second.texts('meanwhile ').length === 25, 'the missed messages', 20_000);
    expect(second.texts('seen ')).toHaveLength(0);
    expect(second.duplicates).toBe(0);
    second.session.close();
  });

  it('each event carries the position of its own chat only (a channel its pts, the account box its state)', async () => {
    const r = new Renderer();
    await until(() => r.caughtUp > 0, 'catch-up');
    const inGroup = sim.postMessage({ authorId: sim.memberIds()[4]!, text: 'own position: supergroup' });
    const inLounge = sim.postToBasicGroup({ authorId: sim.basicGroupMemberIds()[0]!, text: 'own position: basic group' });
    const find = (text: string) => [...r.envelopes.values()].find((e) => e.event.text === text)?.event;
    const groupEvent = await until(() => find('own position: supergroup'), 'the supergroup message');
    const loungeEvent = await until(() => find('own position: basic group'), 'the basic-group message');
    expect(groupEvent.messageId).toBe(String(inGroup.id));
    expect(loungeEvent.messageId).toBe(String(inLounge.id));
    expect(Object.keys(groupEvent.cursor?.at ?? {})).toEqual([`@channel:${sim.supergroupId}`]);
    expect(groupEvent.cursor?.at?.[`@channel:${sim.supergroupId}`]).toMatch(/^\d+:-?\d+:\d+$/);
    expect(Object.keys(loungeEvent.cursor?.at ?? {})).toEqual(['@state']);
    // Each message moves its channel's position forward to itself, in the same form on every platform.
    expect(groupEvent.cursor?.after).toEqual({ [groupEvent.channelId]: String(inGroup.id) });
    expect(loungeEvent.cursor?.after).toEqual({ [loungeEvent.channelId]: String(inLounge.id) });
    r.session.close();
  });

  it('logs a user account in with code and cloud password; the session stays in main', async () => {
    const account = sim.userAccounts.find((a) => a.password)!;
    const r = new Renderer();
    const server = { host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem };
    const started = (await r.session.invoke('sources.telegramLogin.start', { label: 'Sam (moderator)', phone: account.phone, server })) as {
      ok: boolean;
      value: { loginId: string };
    };
    expect(started.ok).toBe(true);
    const wrong = (await r.session.invoke('sources.telegramLogin.finish', { loginId: started.value.loginId, code: '99999' })) as { ok: boolean; error?: { code: string } };
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const needsPassword = await r.session.invoke('sources.telegramLogin.finish', { loginId: started.value.loginId, code: account.code });
    expect(needsPassword).toMatchObject({ ok: true, value: { status: 'password_needed' } });
    const badPassword = await r.session.invoke('sources.telegramLogin.finish', { loginId: started.value.loginId, password: 'nope' });
    expect(badPassword).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const signedIn = (await r.session.invoke('sources.telegramLogin.finish', { loginId: started.value.loginId, password: account.password })) as {
      ok: boolean;
      value: { status: string; source: { id: string; platform: string; state: string } };
    };
    expect(signedIn).toMatchObject({ ok: true, value: { status: 'signed_in', source: { platform: 'telegram', state: 'ready' } } });

    const secrets = JSON.parse(readFileSync(join(home, 'secrets.json'), 'utf8')) as Record<string, string>;
    const session = secrets[`source:${signedIn.value.source.id}:session`];
    expect(session && session.length).toBeGreaterThan(50);
    expect(readFileSync(join(home, 'sources.json'), 'utf8')).not.toContain(session!);
    expect(everything.some((line) => line.includes(session!))).toBe(false);
    const listed = JSON.stringify(await r.session.invoke('sources.list', {}));
    expect(listed).not.toContain(session!);
    expect(listed).toContain('Sam (moderator)');
    r.session.close();
  });
});
