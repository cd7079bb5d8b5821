// Compose once, publish everywhere: one announcement through the renderer's outbox (Dexie) and main's
// executor journal to the real discord.js and gramjs connectors against both practice servers. It
// reaches each platform once, formatted for it and pinned, also when the line drops after the platform
// took the message and before its answer came back (Discord's nonce and Telegram's random_id guard
// the repeat), and replaying the outbox afterwards sends nothing again.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Client } from 'discord.js';
import { Api } from 'telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import type { Result } from '../../src/shared/domain/result';
import { announcementIntents, type AnnouncementTarget } from '../../src/shared/announce/compose';
import { PIN_REFUSED } from '../../src/shared/domain/discordNeeds';
import { ActionExecutor } from '../../src/main/actions/executor';
import type { Connector } from '../../src/main/core/connector';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { TribeDb } from '../../src/renderer/src/db/db';
import { enqueueAction, pendingActions, replayOutbox } from '../../src/renderer/src/db/outbox';
import { until } from './until';

let discordSim: DiscordSimulator;
let telegramSim: TelegramSimulator;
let discord: DiscordConnector;
let telegram: TelegramConnector;
let executor: ActionExecutor;
let journal: string;

function connectorOf(sourceId: string): Connector {
  return sourceId === discord.sourceId ? discord : telegram;
}

/** What the `actions.execute` handler does: the executor's journal around the connector. */
function send(action: ActionIntent): Promise<Result<ActionReceipt>> {
  const connector = connectorOf(action.sourceId);
  return executor.execute(action, {
    run: (a) => connector.execute(a),
    reconcile: (a, since) => connector.reconcile?.(a, since) ?? Promise.resolve({ ok: true, value: { state: 'unknown', why: 'none' } }),
    ready: () => connector.info().state === 'ready',
  });
}

function targets(): AnnouncementTarget[] {
  return [
    { sourceId: discord.sourceId, platform: 'discord', spaceId: discordSim.guildId, channelId: discordSim.channels.general },
    { sourceId: telegram.sourceId, platform: 'telegram', spaceId: telegramSim.supergroupId, channelId: telegramSim.supergroupId },
  ];
}

/** Queues the announcement in a fresh outbox and replays it until nothing is pending. */
async function publish(db: TribeDb, draft: string, pin: boolean): Promise<void> {
  for (const intent of announcementIntents({ announcementId: randomUUID(), draft, targets: targets(), pin, newKey: randomUUID })) await enqueueAction(db, intent);
  for (let i = 0; i < 6 && (await pendingActions(db)).length > 0; i++) await replayOutbox(db, send);
}

const ownDiscord = (needle: string) => discordSim.messages(discordSim.channels.general).filter((m) => m.authorId === discordSim.botUserId && m.content.includes(needle));
const ownTelegram = (needle: string) => telegramSim.messages(telegramSim.supergroupId).filter((m) => m.fromId === telegramSim.botUserId && m.text.includes(needle));

beforeAll(async () => {
  [discordSim, telegramSim] = await Promise.all([startDiscordSimulator({ seed: 91, memberCount: 10 }), startTelegramSimulator({ seed: 92, memberCount: 6 })]);
  discord = new DiscordConnector({ id: 'dc-announce', label: 'Practice Discord', token: discordSim.token, apiBase: discordSim.apiBase, practice: true });
  telegram = new TelegramConnector({
    id: 'tg-announce',
    label: 'Practice Telegram',
    practice: true,
    apiId: 1,
    apiHash: 'practice',
    server: { host: telegramSim.host, port: telegramSim.port, rsaPublicKeyPem: telegramSim.rsaPublicKeyPem },
    botToken: telegramSim.botToken,
  });
  const [d, t] = await Promise.all([discord.start(), telegram.start()]);
  expect(d.ok && t.ok).toBe(true);
  // A bot learns its group from the group's traffic (bots cannot list dialogs).
  const member = telegramSim.memberIds()[0] ?? '';
  telegramSim.postMessage({ authorId: member, text: 'good morning everyone' });
  await until(() => telegram.info().spaces.some((s) => s.id === telegramSim.supergroupId), 'the bot knows its group');
  journal = join(mkdtempSync(join(tmpdir(), 'tk-announce-')), 'actions.jsonl');
  executor = new ActionExecutor(journal);
});

afterAll(async () => {
  await Promise.all([discord?.stop(), telegram?.stop()]);
  await Promise.all([discordSim?.close(), telegramSim?.close()]);
});

describe('an announcement on Discord and Telegram', () => {
  it('arrives once on each, formatted for each platform, and pinned', async () => {
    const db = new TribeDb(`announce-${randomUUID()}`);
    await publish(db, '**Voice chat** tonight — bring _questions_! Notes: `v2.1` [roadmap](https://example.org/r)', true);
    const [onDiscord] = ownDiscord('Voice chat');
    expect(ownDiscord('Voice chat')).toHaveLength(1);
    expect(onDiscord?.content).toBe('**Voice chat** tonight — bring *questions*! Notes: `v2.1` [roadmap](https://example.org/r)');
    expect(onDiscord?.pinned).toBe(true);
    const onTelegram = ownTelegram('Voice chat');
    expect(onTelegram).toHaveLength(1);
    expect(onTelegram[0]?.text).toBe('Voice chat tonight — bring questions! Notes: v2.1 roadmap');
    expect(onTelegram[0]?.entities?.map((e) => e.className)).toEqual(['MessageEntityBold', 'MessageEntityItalic', 'MessageEntityCode', 'MessageEntityTextUrl']);
    expect((onTelegram[0]?.entities?.[3] as Api.MessageEntityTextUrl | undefined)?.url).toBe('https://example.org/r');
    expect(onTelegram[0]?.pinned).toBe(true);
    const rows = await db.actions.toArray();
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    db.close();
  });

  it('a long announcement goes out in parts within each limit, in order', async () => {
    const db = new TribeDb(`announce-${randomUUID()}`);
    const long = Array.from({ length: 50 }, (_, i) => `Part of the summer plan, point ${i}, read it all.`).join(' ');
    await publish(db, long, false);
    const parts = ownDiscord('summer plan');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((m) => m.content.length <= 2000)).toBe(true);
    expect(parts.map((m) => m.content).join(' ')).toBe(long);
    expect(ownTelegram('summer plan')).toHaveLength(1);
    db.close();
  });

  it('sends once when the line drops after the platform took the message, also after main restarts', async () => {
    discordSim.injectFailure({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 0, afterCommit: true, times: 2 });
    telegramSim.injectLostAnswer('messages.SendMessage');
    const db = new TribeDb(`announce-${randomUUID()}`);
    await publish(db, 'Maintenance **tomorrow** at 06:00 UTC', true);
    await until(() => ownDiscord('Maintenance').length > 0 && ownTelegram('Maintenance').length > 0, 'the announcement on both');
    expect(ownDiscord('Maintenance')).toHaveLength(1);
    expect(ownTelegram('Maintenance')).toHaveLength(1);
    expect(ownDiscord('Maintenance')[0]?.pinned).toBe(true);
    expect(ownTelegram('Maintenance')[0]?.pinned).toBe(true);
    expect((await db.actions.toArray()).every((r) => r.status === 'confirmed')).toBe(true);

    // The renderer replays every row once more as if its answers were lost; main restarted meanwhile.
    executor = new ActionExecutor(journal);
    for (const row of await db.actions.toArray()) {
      await db.actions.put({ ...row, status: 'sent' });
    }
    await replayOutbox(db, send);
    expect(ownDiscord('Maintenance')).toHaveLength(1);
    expect(ownTelegram('Maintenance')).toHaveLength(1);
    db.close();
  });

  it('an answer lost with the journal lost too is still one message: the nonce and random_id are the last guard', async () => {
    discordSim.injectFailure({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 0, afterCommit: true, times: 4 });
    telegramSim.injectLostAnswer('messages.SendMessage');
    const db = new TribeDb(`announce-${randomUUID()}`);
    const intents = announcementIntents({ announcementId: randomUUID(), draft: 'Quiz night on **Friday**', targets: targets(), pin: false, newKey: randomUUID });
    for (const intent of intents) await enqueueAction(db, intent);
    // The first try ends in doubt or in a lost answer; main then forgets everything (a new, empty journal).
    await replayOutbox(db, send).catch(() => undefined);
    executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-announce-')), 'actions.jsonl'));
    for (const row of await db.actions.toArray()) await db.actions.put({ ...row, status: 'sent' });
    for (let i = 0; i < 6 && (await pendingActions(db)).length > 0; i++) await replayOutbox(db, send);
    expect(ownDiscord('Quiz night')).toHaveLength(1);
    expect(ownTelegram('Quiz night')).toHaveLength(1);
    db.close();
  });

  it('each space gets the version in its language: the Discord server says Chinese, the Telegram group has none', async () => {
    discordSim.setPreferredLocale('zh-CN');
    await until(() => discord.info().spaces.find((s) => s.id === discordSim.guildId)?.language === 'zh-CN', 'the connector to learn the server language');
    const told = (sourceId: string, spaceId: string) => connectorOf(sourceId).info().spaces.find((s) => s.id === spaceId)?.language;
    const db = new TribeDb(`announce-${randomUUID()}`);
    const intents = announcementIntents({
      announcementId: randomUUID(),
      draft: '**Movie night** on Saturday',
      versions: [
        { lang: 'zh-CN', draft: '**电影之夜**在周六' },
        { lang: 'es', draft: '**Noche de cine** el sábado' },
      ],
      targets: targets().map((t) => {
        const language = told(t.sourceId, t.spaceId);
        return language ? { ...t, language } : t;
      }),
      pin: false,
      newKey: randomUUID,
    });
    for (const intent of intents) await enqueueAction(db, intent);
    for (let i = 0; i < 6 && (await pendingActions(db)).length > 0; i++) await replayOutbox(db, send);
    expect(ownDiscord('电影之夜').map((m) => m.content)).toEqual(['**电影之夜**在周六']);
    expect(ownDiscord('Movie night')).toHaveLength(0);
    expect(ownTelegram('Movie night').map((m) => m.text)).toEqual(['Movie night on Saturday']);
    expect(ownTelegram('电影')).toHaveLength(0);
    discordSim.setPreferredLocale('en-US');
    await until(() => told(discord.sourceId, discordSim.guildId) === 'en-US', 'the language back to English');
    db.close();
  });

  it('an edit changes the posted message in place on each platform, once, also when the answer is lost; a delete removes it', async () => {
    const db = new TribeDb(`announce-${randomUUID()}`);
    const announcementId = randomUUID();
    await publish(db, 'Stream at **18:00** today', false);
    const rows = (await db.actions.toArray()).filter((r) => r.intent.kind === 'announce' && r.intent.text.includes('Stream at'));
    const [onDiscord] = ownDiscord('Stream at');
    const [onTelegram] = ownTelegram('Stream at');
    expect(rows.map((r) => r.receipt?.createdMessageId).sort()).toEqual([onDiscord?.id, String(onTelegram?.id)].sort());

    // The new text, rendered per platform, as one edit per posted message.
    const edits = rows.map((row): ActionIntent => {
      const intent = row.intent as Extract<ActionIntent, { kind: 'announce' }>;
      const [rendered] = announcementIntents({ announcementId, draft: 'Stream moved to **19:30** today', targets: [{ sourceId: intent.sourceId, platform: intent.platform, spaceId: intent.spaceId, channelId: intent.channelId }], pin: false, newKey: randomUUID });
      return { key: randomUUID(), kind: 'edit', sourceId: intent.sourceId, platform: intent.platform, spaceId: intent.spaceId, channelId: intent.channelId, messageId: row.receipt?.createdMessageId ?? '', text: rendered?.text ?? '', ...(rendered?.entities ? { entities: rendered.entities } : {}), announcementId };
    });
    discordSim.injectFailure({ method: 'PATCH', path: /\/channels\/\d+\/messages\/\d+$/ }, { status: 0, afterCommit: true, times: 1 });
    telegramSim.injectLostAnswer('messages.EditMessage');
    for (const intent of edits) await enqueueAction(db, intent);
    // A lost answer drops the connection; while it comes back an action answers `offline` and waits queued,
    // so the outbox is replayed until the platforms show the change, as the console does on reconnect.
    const drain = async (done: () => boolean | undefined, what: string) => {
      const deadline = Date.now() + 30_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await replayOutbox(db, send);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await drain(() => discordSim.message(discordSim.channels.general, onDiscord?.id ?? '')?.content.includes('19:30') && telegramSim.message(telegramSim.supergroupId, onTelegram?.id ?? 0)?.text.includes('19:30'), 'both edited');
    expect(discordSim.message(discordSim.channels.general, onDiscord?.id ?? '')?.content).toBe('Stream moved to **19:30** today');
    const tg = telegramSim.message(telegramSim.supergroupId, onTelegram?.id ?? 0);
    expect(tg?.text).toBe('Stream moved to 19:30 today');
    expect(tg?.entities?.map((e) => e.className)).toEqual(['MessageEntityBold']);
    expect(ownDiscord('Stream')).toHaveLength(1);
    expect(ownTelegram('Stream')).toHaveLength(1);
    const editRows = async () => (await db.actions.toArray()).filter((r) => r.intent.kind === 'edit');
    expect((await editRows()).map((r) => r.status)).toEqual(['confirmed', 'confirmed']);

    // Replayed as if the answers were lost: nothing is edited again.
    const patches = () => discordSim.requestLog.filter((r) => r.method === 'PATCH' && r.status === 200).length;
    const before = patches();
    for (const row of await editRows()) await db.actions.put({ ...row, status: 'sent' });
    await replayOutbox(db, send);
    expect(patches()).toBe(before);

    // Deleting the announcement: each posted message goes.
    for (const row of rows) {
      const intent = row.intent;
      await enqueueAction(db, { key: randomUUID(), kind: 'delete', sourceId: intent.sourceId, platform: intent.platform, spaceId: intent.spaceId, channelId: intent.channelId, messageId: row.receipt?.createdMessageId ?? '' });
    }
    await drain(() => ownDiscord('Stream').every((m) => m.deleted) && ownTelegram('Stream').every((m) => m.deleted), 'both deleted');
    expect(ownDiscord('Stream').filter((m) => !m.deleted)).toHaveLength(0);
    expect(ownTelegram('Stream').filter((m) => !m.deleted)).toHaveLength(0);
    db.close();
  });

  it('a poll goes out as Discord\'s and Telegram\'s own poll, once each, also when the answer is lost', async () => {
    discordSim.injectFailure({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 0, afterCommit: true, times: 1 });
    telegramSim.injectLostAnswer('messages.SendMedia');
    const db = new TribeDb(`announce-${randomUUID()}`);
    const base = { question: 'Which day for the next AMA?', answers: ['Friday', 'Saturday', 'Sunday'], multiple: false, hours: 48 };
    for (const t of targets()) await enqueueAction(db, { key: randomUUID(), kind: 'poll', sourceId: t.sourceId, platform: t.platform, spaceId: t.spaceId, channelId: t.channelId, ...base });
    for (let i = 0; i < 6 && (await pendingActions(db)).length > 0; i++) await replayOutbox(db, send);
    const discordPolls = discordSim.messages(discordSim.channels.general).filter((m) => m.authorId === discordSim.botUserId && m.poll);
    expect(discordPolls.map((m) => m.poll && { question: m.poll.question, answers: m.poll.answers, multiselect: m.poll.multiselect })).toEqual([{ question: base.question, answers: base.answers, multiselect: false }]);
    const hours = ((discordPolls[0]?.poll?.expiry ?? 0) - Date.parse(discordPolls[0]?.timestamp ?? '')) / 3_600_000;
    expect(Math.round(hours)).toBe(48);
    const telegramPolls = telegramSim.messages(telegramSim.supergroupId).filter((m) => m.fromId === telegramSim.botUserId && m.poll);
    expect(telegramPolls.map((m) => m.poll)).toEqual([{ question: base.question, answers: base.answers, multipleChoice: false }]);
    expect((await db.actions.toArray()).map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    db.close();
  });

  it('without Pin Messages or Create Polls: the announcement is posted once and says it is not pinned; the poll is refused naming Create Polls and stays in the outbox, not sent again', async () => {
    // The owner kept Manage Messages but not the permissions Discord split from it and added.
    discordSim.revokeBotPermissions(PermissionFlagsBits.PinMessages | PermissionFlagsBits.SendPolls);
    const me = () => (discord as unknown as { client: Client }).client.guilds.cache.get(discordSim.guildId)?.members.me;
    await until(() => me() && !me()!.permissions.has(PermissionFlagsBits.PinMessages), 'the bot role updated');
    expect(me()?.permissions.has(PermissionFlagsBits.ManageMessages)).toBe(true);
    const db = new TribeDb(`announce-${randomUUID()}`);
    const onDiscord = targets().slice(0, 1);
    for (const intent of announcementIntents({ announcementId: randomUUID(), draft: 'Game night on Friday', targets: onDiscord, pin: true, newKey: randomUUID })) await enqueueAction(db, intent);
    const poll = { question: 'Which game first?', answers: ['Chess', 'Go'], multiple: false, hours: 24 };
    const t = onDiscord[0]!;
    await enqueueAction(db, { key: randomUUID(), kind: 'poll', sourceId: t.sourceId, platform: t.platform, spaceId: t.spaceId, channelId: t.channelId, ...poll });
    for (let i = 0; i < 3; i++) await replayOutbox(db, send);
    expect(ownDiscord('Game night')).toHaveLength(1);
    expect(ownDiscord('Game night')[0]?.pinned ?? false).toBe(false);
    const rows = await db.actions.toArray();
    const announced = rows.find((r) => r.intent.kind === 'announce');
    expect(announced).toMatchObject({ status: 'confirmed', receipt: { detail: PIN_REFUSED } });
    const refused = rows.find((r) => r.intent.kind === 'poll');
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'missing_permission', retryable: false, fields: { reason: 'discord_no_polls' } } });
    expect(discordSim.messages(discordSim.channels.general).filter((m) => m.authorId === discordSim.botUserId && m.poll?.question === poll.question)).toEqual([]);
    expect(await pendingActions(db)).toEqual([]);
    discordSim.grantBotPermissions(PermissionFlagsBits.PinMessages | PermissionFlagsBits.SendPolls);
    db.close();
  });
});
