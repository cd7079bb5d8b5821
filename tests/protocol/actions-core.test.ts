// Actions and appeals through the core, on both platforms' real clients against the simulators:
// a member's DMs to the bot become one grouped appeal; an outbox replay of any action kind (same
// key twice through `actions.execute`) runs once, also after main restarts over the same home.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIntentSchema, ActionReceiptSchema } from '../../src/shared/domain/actions';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import type { Envelope } from '../../src/shared/domain/model';
import type { Result } from '../../src/shared/domain/result';
import { resultSchema } from '../../src/shared/domain/result';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import { Core } from '../../src/main/core/app';
import type { Session, TelegramConnection } from '../../src/main/core/app';
import { FileSecretStore } from '../../src/main/secrets/store';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { until } from './until';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';

let dc: DiscordSimulator;
let tg: TelegramSimulator;
let home: string;
let core: Core;
let session: Session;
const envelopes = new Map<string, Envelope>();
const app = PRACTICE_TELEGRAM_APP;
const ExecuteResult = resultSchema(ActionReceiptSchema);

function startCore(): Core {
  return new Core({
    home,
    mode: 'host',
    version: 'test',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral: [
      { platform: 'discord', id: 'dc', label: 'Practice Discord', token: dc.token, apiBase: dc.apiBase, practice: true },
      {
        platform: 'telegram',
        id: 'tg',
        label: 'Practice Telegram',
        practice: true,
        ...app,
        botToken: tg.botToken,
        server: { host: tg.host, port: tg.port, rsaPublicKeyPem: tg.rsaPublicKeyPem },
      },
    ],
    createConnector: (c) => (c.platform === 'discord' ? new DiscordConnector(c) : new TelegramConnector(c as TelegramConnection)),
    backfill: 0,
  });
}

async function open(): Promise<void> {
  core = startCore();
  await core.start();
  await until(() => core.sources().length === 2 && core.sources().every((s) => s.state === 'ready'), 'both sources ready');
  session = core.openSession({
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name !== 'events.received') return;
      for (const envelope of (payload as EventPayload<'events.received'>).envelopes) envelopes.set(envelope.event.id, envelope);
    },
  });
  await session.invoke('sync.subscribe', { cursors: [] });
}

async function execute(action: ActionIntent): Promise<Result<ActionReceipt>> {
  return ExecuteResult.parse(await session.invoke('actions.execute', { action }));
}

/** Requests that change something (or look before changing): background history reads don't count. */
function discordActionRequests(): number {
  return dc.requestLog.filter((r) => !(r.method === 'GET' && /\/messages(\?|$)/.test(r.path)) && !r.path.endsWith('/gateway/bot')).length;
}

const TELEGRAM_ACTION_METHODS = [
  'messages.SendMessage',
  'channels.DeleteMessages',
  'channels.EditBanned',
  'channels.GetParticipant',
  'channels.ToggleSlowMode',
  'messages.EditChatDefaultBannedRights',
];
function telegramActionCalls(): number {
  return TELEGRAM_ACTION_METHODS.reduce((sum, m) => sum + tg.calls(m), 0);
}

beforeAll(async () => {
  [dc, tg] = await Promise.all([startDiscordSimulator({ seed: 41, memberCount: 30 }), startTelegramSimulator({ seed: 41, memberCount: 14 })]);
  home = mkdtempSync(join(tmpdir(), 'tk-actions-'));
  await open();
});

afterAll(async () => {
  session.close();
  await core.stop();
  await Promise.all([dc.close(), tg.close()]);
});

const dcMembers = () => {
  const staff = new Set([...dc.memberIdsByRole('Moderator'), ...dc.memberIdsByRole('Admin')]);
  return dc.memberIdsByRole('Member').filter((m) => !staff.has(m));
};

function dcIntent<K extends ActionIntent['kind']>(kind: K, fields: Record<string, unknown>): ActionIntent {
  return ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'dc', platform: 'discord', spaceId: dc.guildId, channelId: dc.channels.general, kind, ...fields });
}

function tgIntent<K extends ActionIntent['kind']>(kind: K, fields: Record<string, unknown>): ActionIntent {
  return ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'tg', platform: 'telegram', spaceId: tg.supergroupId, channelId: tg.supergroupId, kind, ...fields });
}

const appealsOf = (group: string) => [...envelopes.values()].filter((e) => e.flags.some((f) => f.group === group));

describe('appeals', () => {
  it('turns one Discord member’s DMs into one appeal group, and the bot’s answer into none', async () => {
    const [ana, ben] = dcMembers();
    const first = dc.memberWritesToBot(ana!, 'Please review my timeout');
    const second = dc.memberWritesToBot(ana!, 'I was quoting the scammer, not posting the link');
    dc.memberWritesToBot(ben!, 'How do I get the Member role?');
    await until(() => appealsOf(`appeal:discord:${ana}`).length === 2 && appealsOf(`appeal:discord:${ben}`).length === 1, 'the appeal flags');
    const flagged = appealsOf(`appeal:discord:${ana}`);
    expect(flagged.map((e) => e.event.messageId).sort()).toEqual([first.id, second.id].sort());
    expect(flagged[0]?.event).toMatchObject({ spaceId: '@dm', channelName: 'DM', author: { id: ana } });
    expect(flagged[0]?.flags.find((f) => f.rule === 'appeal.direct-message')).toMatchObject({
      category: 'custom',
      severity: 'medium',
      reason: 'A member wrote to the moderators (appeal or question)',
      evidence: [],
    });

    const answer = await execute(dcIntent('dm', { memberId: ana, text: 'A different moderator will review it.' }));
    expect(answer.ok).toBe(true);
    const own = await until(() => [...envelopes.values()].find((e) => e.event.text === 'A different moderator will review it.'), 'our answer');
    expect(own.event.spaceId).toBe('@dm');
    expect(own.flags.filter((f) => f.rule === 'appeal.direct-message')).toHaveLength(0);
  });

  it('does the same for a member writing to the Telegram bot', async () => {
    const member = tg.memberIds()[0]!;
    tg.memberWritesToBot(member, 'Why am I muted?');
    tg.memberWritesToBot(member, 'It was a joke between friends');
    await until(() => appealsOf(`appeal:telegram:${member}`).length === 2, 'the Telegram appeal flags');
    expect(appealsOf(`appeal:telegram:${member}`).every((e) => e.event.spaceId === '@dm' && e.event.channelId === member)).toBe(true);
  });
});

/** Keys already executed, replayed after the restart. */
const executed: Array<{ action: ActionIntent; receipt: ActionReceipt; platform: 'discord' | 'telegram' }> = [];

async function onceThrough(action: ActionIntent, count: () => number): Promise<ActionReceipt> {
  const first = await execute(action);
  expect(first.ok ? first.value : first.error, action.kind).toMatchObject({ duplicate: false });
  const before = count();
  const again = await execute(action);
  expect(again.ok ? again.value : again.error, action.kind).toMatchObject({ duplicate: true, key: action.key, kind: action.kind });
  expect(count(), `${action.kind} replay reached the platform`).toBe(before);
  if (!first.ok) throw new Error('unreachable');
  executed.push({ action, receipt: first.value, platform: action.platform === 'discord' ? 'discord' : 'telegram' });
  return first.value;
}

describe('an outbox replay runs once, per kind', () => {
  it('on Discord', async () => {
    const [, , author, kicked, banned] = dcMembers();
    const target = dc.postMessage({ channelId: dc.channels.general, authorId: author!, content: 'cheap followers, DM me' });
    await until(() => envelopes.get(`discord:${dc.guildId}:${dc.channels.general}:${target.id}`), 'the message in the core');
    const count = discordActionRequests;
    const reply = await onceThrough(dcIntent('reply', { text: 'Please keep it on topic.', replyToMessageId: target.id }), count);
    await onceThrough(dcIntent('dm', { memberId: author, text: 'About your message in #general' }), count);
    await onceThrough(dcIntent('delete', { messageId: target.id }), count);
    await onceThrough(dcIntent('timeout', { memberId: author, durationSeconds: 600 }), count);
    await onceThrough(dcIntent('kick', { memberId: kicked }), count);
    await onceThrough(dcIntent('ban', { memberId: banned, deleteMessageSeconds: 3600 }), count);
    await onceThrough(dcIntent('unban', { memberId: banned }), count);
    await onceThrough(dcIntent('slowmode', { seconds: 30 }), count);
    await onceThrough(dcIntent('lock', { locked: true }), count);

    expect(dc.messages(dc.channels.general).filter((m) => m.id === reply.createdMessageId)).toHaveLength(1);
    expect(dc.directMessages(author!).filter((m) => m.authorId === dc.botUserId)).toHaveLength(1);
    expect(dc.auditLog.filter((e) => e.action === 'member_ban_add' && e.targetId === banned)).toHaveLength(1);
    // The ban replayed after the unban did not ban again: the member stays unbanned.
    expect(dc.member(banned!)?.banned).toBe(false);
    expect(dc.channelLocked(dc.channels.general)).toBe(true);
  });

  it('on Telegram', async () => {
    const [, author, kicked, banned] = tg.memberIds();
    for (const id of [author, kicked, banned]) {
      const hello = tg.postMessage({ authorId: id!, text: `hello from ${id}` });
      await until(() => envelopes.get(`telegram:${tg.supergroupId}:${tg.supergroupId}:${hello.id}`), 'the member known to the core');
    }
    tg.memberWritesToBot(author!, 'hi bot');
    await until(() => appealsOf(`appeal:telegram:${author}`).length === 1, 'the DM');
    const target = tg.postMessage({ authorId: author!, text: 'cheap followers, DM me' });
    const count = telegramActionCalls;
    const reply = await onceThrough(tgIntent('reply', { text: 'Please keep it on topic.', replyToMessageId: String(target.id) }), count);
    await onceThrough(tgIntent('dm', { memberId: author, text: 'About your message in the group' }), count);
    await onceThrough(tgIntent('delete', { messageId: String(target.id) }), count);
    await onceThrough(tgIntent('timeout', { memberId: author, durationSeconds: 600 }), count);
    await onceThrough(tgIntent('kick', { memberId: kicked }), count);
    await onceThrough(tgIntent('ban', { memberId: banned }), count);
    await onceThrough(tgIntent('unban', { memberId: banned }), count);
    await onceThrough(tgIntent('slowmode', { seconds: 30 }), count);
    await onceThrough(tgIntent('lock', { locked: true }), count);

    expect(tg.messages(tg.supergroupId).filter((m) => String(m.id) === reply.createdMessageId)).toHaveLength(1);
    expect(tg.directMessages(author!).filter((m) => m.fromId === tg.botUserId)).toHaveLength(1);
    expect(tg.member(tg.supergroupId, banned!)).toMatchObject({ banned: false });
    expect(tg.chatLocked(tg.supergroupId)).toBe(true);
  });

  it('after main restarts over the same home: every key answers duplicate, nothing reaches a platform', async () => {
    expect(executed).toHaveLength(18);
    session.close();
    await core.stop();
    await open();
    const dcBefore = discordActionRequests();
    const tgBefore = telegramActionCalls();
    for (const { action, receipt } of executed) {
      const replayed = await execute(action);
      expect(replayed.ok ? replayed.value : replayed.error, action.kind).toEqual({ ...receipt, duplicate: true });
    }
    expect(discordActionRequests()).toBe(dcBefore);
    expect(telegramActionCalls()).toBe(tgBefore);
  });
});

describe('an action main started before it died', () => {
  it('is checked with the platform after the restart, not run again', async () => {
    // Main journaled the intent and Discord deleted the message, then main died before the result line.
    const [, , , , , author] = dcMembers();
    const target = dc.postMessage({ channelId: dc.channels.general, authorId: author!, content: 'free nitro, click fast' });
    await until(() => envelopes.get(`discord:${dc.guildId}:${dc.channels.general}:${target.id}`), 'the message in the core');
    const started = dcIntent('delete', { messageId: target.id });
    session.close();
    await core.stop();
    appendFileSync(join(home, 'actions-journal.jsonl'), JSON.stringify({ t: 'intent', key: started.key, at: Date.now(), action: started }) + '\n');
    dc.deleteMessage(dc.channels.general, target.id);
    await open();
    const deletes = () => dc.requestLog.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${target.id}`)).length;
    const answer = await execute(started);
    expect(answer.ok ? answer.value : answer.error).toMatchObject({ kind: 'delete', key: started.key, duplicate: false });
    expect(answer.ok && answer.value.alreadyDone).toBeFalsy();
    expect(deletes()).toBe(0);
    const replay = await execute(started);
    expect(replay.ok && replay.value.duplicate).toBe(true);
    expect(deletes()).toBe(0);
  });
});
