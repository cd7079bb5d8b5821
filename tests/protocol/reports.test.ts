// Member reports (issue 15) through the whole core with the real discord.js and the real gramjs against
// the practice servers, stored by the renderer's ingest: the bot registers "Report to moderators", a
// member's use of it is answered once, ephemerally and within 3 s, and a Telegram `/report` reply and an
// `@admin` call join the same item — one lure posted on both platforms — with its reporter count and
// names. A member's repeated reports count once; forged interactions (a command the bot did not
// register, a token Discord does not accept) are refused; a report on a deleted message opens nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItem } from '../../src/shared/domain/inbox';
import { REPORT_COMMAND, REPORT_THANKS } from '../../src/main/connectors/discord/reports';
import { REPORT_THANKS_TELEGRAM } from '../../src/main/connectors/telegram/thanks';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { startStoredCore, type StoredCore } from './storedCore';
import { until } from './until';

let dc: DiscordSimulator;
let tg: TelegramSimulator;
let harness: StoredCore;
const app = { apiId: 17349, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' };

beforeAll(async () => {
  dc = await startDiscordSimulator({ seed: 31 });
  tg = await startTelegramSimulator({ seed: 32 });
  harness = await startStoredCore(
    'reports',
    [
      { platform: 'discord', id: 'dc', label: 'Practice Discord', token: dc.token, apiBase: dc.apiBase, practice: true },
      { platform: 'telegram', id: 'tg', label: 'Practice Telegram', practice: true, ...app, botToken: tg.botToken, server: { host: tg.host, port: tg.port, rsaPublicKeyPem: tg.rsaPublicKeyPem }, reportThanksDeleteAfterMs: 1_000 },
    ],
    { backfill: 0, telegramApp: app },
  );
});

afterAll(async () => {
  await harness?.close();
  await dc?.close();
  await tg?.close();
});

const usedDc = new Set<string>();
function dcMember(): string {
  const staff = new Set([...dc.memberIdsByRole('Moderator'), ...dc.memberIdsByRole('Admin')]);
  const id = dc.memberIdsByRole('Member').find((m) => !staff.has(m) && !usedDc.has(m) && dc.canPost(m) && !dc.member(m)!.bot);
  if (!id) throw new Error('no plain Discord member left');
  usedDc.add(id);
  return id;
}
const usedTg = new Set<string>();
function tgMember(): string {
  const chat = tg.supergroupId;
  const id = tg.memberIds().find((m) => !usedTg.has(m) && m !== tg.botUserId && !tg.user(m)?.bot && !tg.member(chat, m)?.admin);
  if (!id) throw new Error('no plain Telegram member left');
  usedTg.add(id);
  return id;
}

const useReport = (messageId: string, userId: string, forge?: { commandId?: string; token?: string }) =>
  dc.useMessageCommand({ name: REPORT_COMMAND, channelId: dc.channels.general, messageId, userId, ...(forge ? { forge } : {}) });

const reportersOf = (item: InboxItem) => item.reports?.reporters.map((r) => `${r.platform}:${r.id}`) ?? [];

describe('member reports from Discord and Telegram', () => {
  let lureItem: string;
  let dcLure: string;
  const reporters: string[] = [];

  it('registers the message command, answers a report once, ephemerally, within 3 s, and both platforms’ reports reach one item', async () => {
    await until(() => dc.registeredCommands().find((c) => c.name === REPORT_COMMAND && c.type === 3), 'the report command registered');
    const lure = 'free nitro for the first 100, claim here https://steamcommunlty.ru/gift/claim';
    const posted = dc.postMessage({ channelId: dc.channels.general, authorId: dcMember(), content: lure });
    dcLure = posted.id;
    const first = await harness.itemWhere((i) => i.messageId === posted.id && i.sourceId === 'dc', 'the Discord lure');
    lureItem = first.id;
    const tgLure = tg.postMessage({ authorId: tgMember(), text: lure });
    await harness.itemWhere((i) => i.id === lureItem && (i.accounts ?? []).some((a) => a.platform === 'telegram'), 'the Telegram copy folded into the item');

    const dcReporter = dcMember();
    const interaction = useReport(posted.id, dcReporter);
    await until(() => dc.interactionAnswers(interaction.id).length > 0 || undefined, 'the answer to the report');
    const answers = dc.interactionAnswers(interaction.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ type: 4, ephemeral: true, content: REPORT_THANKS });
    expect(answers[0]!.afterMs).toBeLessThan(3_000);

    const tgReporter = tgMember();
    const command = tg.postMessage({ authorId: tgReporter, text: '/report scam link', replyTo: tgLure.id });
    reporters.push(`discord:${dcReporter}`, `telegram:${tgReporter}`);
    const reported = await harness.itemWhere((i) => i.id === lureItem && (i.reports?.count ?? 0) === 2, 'two reports on the item');
    expect(reportersOf(reported).sort()).toEqual([...reporters].sort());
    expect(reported.reports!.reporters.every((r) => r.name.length > 0)).toBe(true);
    expect(reported.flags.map((f) => f.rule)).toContain('behaviour.member-report');

    // Telegram has no private answer: the bot replies to the /report in the group, then takes its reply down.
    const thanks = () => tg.messages(tg.supergroupId).filter((m) => m.fromId === tg.botUserId && m.text === REPORT_THANKS_TELEGRAM && m.replyTo === command.id);
    await until(() => thanks().length > 0 || undefined, 'the thank-you to the Telegram reporter');
    await until(() => thanks().every((m) => m.deleted) || undefined, 'the thank-you taken down after a while');
    expect(thanks()).toHaveLength(1);
  });

  it('thanks a Telegram reporter once per report and once per ten minutes, however many they send', async () => {
    const reporter = tgMember();
    const targets = [1, 2, 3].map((n) => tg.postMessage({ authorId: tgMember(), text: `weekend plans thread, part ${n}` }));
    const commands = [...targets, targets[0]!].map((t) => tg.postMessage({ authorId: reporter, text: '/report', replyTo: t.id }));
    // Another member's report afterwards: once it is thanked, the ones before it were handled.
    const other = tg.postMessage({ authorId: tgMember(), text: '/report', replyTo: targets[1]!.id });
    const byBot = () => tg.messages(tg.supergroupId).filter((m) => m.fromId === tg.botUserId && m.text === REPORT_THANKS_TELEGRAM);
    await until(() => byBot().some((m) => m.replyTo === other.id) || undefined, 'the other member thanked');
    expect(byBot().filter((m) => commands.some((c) => c.id === m.replyTo)).map((m) => m.replyTo)).toEqual([commands[0]!.id]);
  });

  it('counts a member’s repeated reports once (each still answered once), and refuses forged interactions', async () => {
    const [again1, again2] = [useReport(dcLure, reporters[0]!.split(':')[1]!), useReport(dcLure, reporters[0]!.split(':')[1]!)];
    const unregistered = useReport(dcLure, dcMember(), { commandId: '123456789012345678' });
    const wrongToken = useReport(dcLure, dcMember(), { token: 'not-the-token-discord-issued' });
    await until(() => dc.interactionAnswers(again1.id).length > 0 && dc.interactionAnswers(again2.id).length > 0, 'the repeats answered');
    expect(dc.interactionAnswers(again1.id)).toHaveLength(1);
    // A Telegram @admin call afterwards: once it is stored, everything before it is too.
    const caller = tgMember();
    const lure = tg.messages(tg.supergroupId).find((m) => m.text.includes('steamcommunlty'))!;
    tg.postMessage({ authorId: caller, text: '@admin please look', replyTo: lure.id });
    const item = await harness.itemWhere((i) => i.id === lureItem && (i.reports?.count ?? 0) >= 3, 'the @admin call counted');
    expect(reportersOf(item).sort()).toEqual([...reporters, `telegram:${caller}`].sort());
    expect(item.reports!.count).toBe(3);
    expect(dc.interactionAnswers(unregistered.id)).toHaveLength(0);
    expect(dc.interactionAnswers(wrongToken.id)).toHaveLength(0);
  });

  it('stops hearing a member who reports more than five messages in ten minutes (each interaction still answered)', async () => {
    const flooder = dcMember();
    const posted = [1, 2, 3, 4, 5, 6].map((n) => dc.postMessage({ channelId: dc.channels.general, authorId: dcMember(), content: `ordinary chat line number ${n} about the weekend` }));
    await until(() => posted.every((p) => harness.envelopes.some((e) => e.event.messageId === p.id && e.event.kind === 'message')), 'the six messages');
    const uses = posted.map((p) => useReport(p.id, flooder));
    await until(() => uses.every((u) => dc.interactionAnswers(u.id).length === 1), 'every report answered');
    // Someone else's report afterwards: once its item is stored, the flooder's reports are too.
    const last = dc.postMessage({ channelId: dc.channels.general, authorId: dcMember(), content: 'one more ordinary line' });
    useReport(last.id, dcMember());
    await harness.itemWhere((i) => i.messageId === last.id && (i.reports?.count ?? 0) === 1, 'the later report');
    const reported = await harness.db.inboxItems.filter((i) => posted.some((p) => p.id === i.messageId)).toArray();
    // Five heard (whichever answers came back first), the sixth not.
    expect(reported).toHaveLength(5);
    expect(reported.every((i) => i.reports?.count === 1 && i.reports.reporters[0]!.id === flooder)).toBe(true);
  });

  it('opens nothing for a report on a deleted message; an @admin call without a reply opens an item for itself', async () => {
    const plain = tg.postMessage({ authorId: tgMember(), text: 'what time is the meetup on friday?' });
    await until(() => harness.envelopes.find((e) => e.event.sourceId === 'tg' && e.event.messageId === String(plain.id) && e.event.kind === 'message'), 'the plain message');
    tg.deleteMessages(tg.supergroupId, [plain.id]);
    await until(() => harness.envelopes.find((e) => e.event.sourceId === 'tg' && e.event.kind === 'delete' && e.event.messageId === String(plain.id)), 'the delete');
    tg.postMessage({ authorId: tgMember(), text: '/report', replyTo: plain.id });
    const call = tg.postMessage({ authorId: tgMember(), text: 'hey @admin someone is spamming my DMs' });
    const own = await harness.itemWhere((i) => i.sourceId === 'tg' && i.messageId === String(call.id), 'the item of the @admin call');
    expect(own.reports?.count).toBe(1);
    expect(await harness.db.inboxItems.filter((i) => i.sourceId === 'tg' && i.messageId === String(plain.id)).count()).toBe(0);
    expect(harness.envelopes.some((e) => e.event.kind === 'report' && e.event.messageId === String(plain.id))).toBe(true);
  });
});
