// Welcomes on Telegram (issue 19), with the real gramjs against the practice MTProto server: a newcomer
// whose app is in Chinese (lang_code) is welcomed once, in Chinese, in a group whose language is English;
// one whose app language no macro is written in gets the space's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/shared/ipc/contract';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import { Core } from '../../src/main/core/app';
import type { Session, TelegramConnection } from '../../src/main/core/app';
import { FileSecretStore } from '../../src/main/secrets/store';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';
import { until } from './until';

let sim: TelegramSimulator;
let core: Core;
let session: Session;

const welcomes = () => sim.messages(sim.supergroupId).filter((m) => m.fromId === sim.botUserId && !m.deleted);

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 19 });
  const home = mkdtempSync(join(tmpdir(), 'tk-welcome-tg-'));
  core = new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral: [{ platform: 'telegram', id: 'tg', label: 'Practice Community Chat', practice: true, ...PRACTICE_TELEGRAM_APP, botToken: sim.botToken, server: { host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem } }],
    telegramApp: PRACTICE_TELEGRAM_APP,
    createConnector: (c) => new TelegramConnector(c as TelegramConnection),
    // No wave ends by the clock in this test: it waits until the join is seen, then sends what is gathered.
    welcomeQuietMs: 3_600_000,
  });
  await core.start();
  await until(() => core.sources()[0]?.state === 'ready', 'the bot to be ready');
  session = core.openSession({ emit: () => undefined });
  await session.invoke('sync.subscribe', { cursors: [] });
  // A bot learns a group from its updates; the welcome is set up by the group's ids (a supergroup is its own channel).
  const saved = commands['welcome.save'].response.parse(
    await session.invoke('welcome.save', {
      settings: [
        {
          sourceId: 'tg',
          platform: 'telegram',
          spaceId: sim.supergroupId,
          enabled: true,
          delivery: 'channel',
          channelId: sim.supergroupId,
          language: 'en',
          macros: [
            { lang: 'en', text: 'Welcome {member}!' },
            { lang: 'zh-CN', text: '欢迎 {member}！' },
          ],
        },
      ],
    }),
  );
  expect(saved.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  session?.close();
  await core?.stop();
  await sim?.close();
});

describe('welcomes through gramjs', () => {
  it("welcomes a newcomer once, in their app's language (lang_code)", async () => {
    const before = welcomes().length;
    sim.addMember({ firstName: 'Mei', username: 'mei_tg', langCode: 'zh-hans' });
    await until(() => core.welcomes.pending() === 1, 'join gathered');
    await core.welcomes.flush();
    const sent = welcomes().slice(before);
    expect(sent.map((m) => m.text)).toEqual(['欢迎 Mei！']);
  }, 60_000);

  it("falls back to the space's language when no macro is in the member's", async () => {
    const before = welcomes().length;
    sim.addMember({ firstName: 'Lars', username: 'lars_tg', langCode: 'sv' });
    await until(() => core.welcomes.pending() === 1, 'join gathered');
    await core.welcomes.flush();
    expect(welcomes().slice(before).map((m) => m.text)).toEqual(['Welcome Lars!']);
  }, 60_000);
});

describe('a welcome when its basic group becomes a supergroup', () => {
  it('follows the group to the supergroup it became, and welcomes there', async () => {
    const own = await startTelegramSimulator({ seed: 23, basicGroupMigrates: true });
    const home = mkdtempSync(join(tmpdir(), 'tk-welcome-move-'));
    const moving = new Core({
      home,
      mode: 'host',
      version: 'test',
      secrets: new FileSecretStore(join(home, 'secrets.json')),
      ephemeral: [{ platform: 'telegram', id: 'tg', label: 'Practice', practice: true, ...PRACTICE_TELEGRAM_APP, botToken: own.botToken, server: { host: own.host, port: own.port, rsaPublicKeyPem: own.rsaPublicKeyPem } }],
      telegramApp: PRACTICE_TELEGRAM_APP,
      createConnector: (c) => new TelegramConnector(c as TelegramConnection),
      welcomeQuietMs: 3_600_000,
    });
    const lounge = own.basicGroupId;
    try {
      await moving.start();
      await until(() => moving.sources()[0]?.state === 'ready', 'the bot to be ready');
      const s = moving.openSession({ emit: () => undefined });
      await s.invoke('sync.subscribe', { cursors: [] });
      const saved = commands['welcome.save'].response.parse(
        await s.invoke('welcome.save', {
          settings: [{ sourceId: 'tg', platform: 'telegram', spaceId: lounge, enabled: true, delivery: 'channel', channelId: lounge, language: 'en', macros: [{ lang: 'en', text: 'Welcome to the lounge, {member}!' }] }],
        }),
      );
      expect(saved.ok).toBe(true);
      own.postToBasicGroup({ authorId: own.basicGroupMemberIds()[0] as string, text: 'hello lounge' });
      await until(() => moving.sources()[0]?.spaces.some((sp) => sp.id === lounge), 'the basic group known');

      own.migrateBasicGroup();
      const settings = async () => commands['welcome.get'].response.parse(await s.invoke('welcome.get', {})).settings;
      await expect.poll(async () => (await settings())[0]?.spaceId, { timeout: 30_000 }).toBe(own.supergroupId);
      expect(await settings()).toMatchObject([{ spaceId: own.supergroupId, channelId: own.supergroupId, enabled: true }]);
      // A Settings page opened before the move saves the welcome under the old id: it lands where the group went.
      await s.invoke('welcome.save', {
        settings: [{ sourceId: 'tg', platform: 'telegram', spaceId: lounge, enabled: true, delivery: 'channel', channelId: lounge, language: 'en', macros: [{ lang: 'en', text: 'Welcome to the lounge, {member}!' }] }],
      });
      expect(await settings()).toMatchObject([{ spaceId: own.supergroupId, channelId: own.supergroupId }]);
      own.addMember({ firstName: 'Noor', username: 'noor_tg', langCode: 'en' });
      await until(() => moving.welcomes.pending() === 1, 'join gathered in the supergroup');
      await moving.welcomes.flush();
      expect(own.messages(own.supergroupId).filter((m) => m.fromId === own.botUserId).map((m) => m.text)).toEqual(['Welcome to the lounge, Noor!']);
      s.close();
    } finally {
      await moving.stop();
      await own.close();
    }
  }, 60_000);
});
