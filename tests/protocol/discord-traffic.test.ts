// Discord traffic the way Discord really sends it, through the whole core (real discord.js, the
// pipeline with triage, the renderer's ingest into IndexedDB): edits and link previews that add the
// payload after the create, forwards whose content is in a snapshot, AutoMod alerts and executions,
// staff look-alikes on join, rename and message, bans that delete a member's messages, and a group
// deleted by another console sharing the bot.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItem } from '../../src/shared/domain/inbox';
import type { Envelope } from '../../src/shared/domain/model';
import { ActionReceiptSchema } from '../../src/shared/domain/actions';
import { resultSchema } from '../../src/shared/domain/result';
import { messageDeleteIntent } from '../../src/renderer/src/features/conversation/intents';
import type { Core } from '../../src/main/core/app';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { TribeDb } from '../../src/renderer/src/db/db';
import { startStoredCore, type StoredCore } from './storedCore';
import { until } from './until';

const SOURCE = 'practice-discord';
let sim: DiscordSimulator;
let harness: StoredCore;
let core: Core;
let db: TribeDb;
let envelopes: Envelope[] = [];

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 13 });
  harness = await startStoredCore('traffic', [{ platform: 'discord', id: SOURCE, label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true }], { backfill: 0 });
  ({ core, db, envelopes } = harness);
});

afterAll(async () => {
  await harness?.close();
  await sim.close();
});

const messageEventId = (channelId: string, messageId: string) => `discord:${sim.guildId}:${channelId}:${messageId}`;

const item = (id: string): Promise<InboxItem> => harness.item(id);

const itemWhere = (test: (item: InboxItem) => boolean, what: string): Promise<InboxItem> => harness.itemWhere(test, what);

/** Members who are neither staff nor gone, a fresh one per test. */
const used = new Set<string>();
function aMember(): string {
  const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
  const id = sim.memberIdsByRole('Member').find((m) => !staff.has(m) && !used.has(m) && sim.canPost(m) && !sim.member(m)!.bot);
  if (!id) throw new Error('no plain member left');
  used.add(id);
  return id;
}

describe('edits (issue 13, point 6)', () => {
  it('opens an item when a harmless message is edited into a scam, with the text before it', async () => {
    const author = aMember();
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'anyone up for a raid tonight?' });
    await until(() => envelopes.find((e) => e.event.messageId === posted.id && e.event.kind === 'message'), 'the message');
    sim.editMessage(sim.channels.general, posted.id, 'anyone up for a raid tonight? free nitro first: https://steamcommunlty.ru/gift/claim');
    const id = `msg:${messageEventId(sim.channels.general, posted.id)}`;
    const opened = await item(id);
    expect(opened).toMatchObject({ status: 'open', messageId: posted.id, authorId: author, primaryEventId: messageEventId(sim.channels.general, posted.id) });
    expect(opened.flags.map((f) => f.rule)).toContain('phishing.lookalike-domain');
    const row = await db.events.get(opened.primaryEventId);
    expect(row?.originalText).toBe('anyone up for a raid tonight?');
    expect(row?.text).toContain('steamcommunlty.ru');
  });

  it('triages a link preview Discord adds after the create (MESSAGE_UPDATE with embeds, no edit time)', async () => {
    const author = aMember();
    const url = 'https://cdn.share-link.example/a81f';
    sim.setLinkPreview(url, { title: 'Discord Nitro Gift', description: 'Free Nitro for 3 months. Claim your gift before it expires!' });
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `look ${url}` });
    const created = await until(() => envelopes.find((e) => e.event.messageId === posted.id && e.event.kind === 'message'), 'the create');
    expect(created.flags).toEqual([]);
    const opened = await item(`msg:${messageEventId(sim.channels.general, posted.id)}`);
    expect(opened.flags.map((f) => f.rule)).toContain('scam.gift-lure');
    expect(opened.text).toContain('Claim your gift');
    expect(sim.message(sim.channels.general, posted.id)?.editedTimestamp).toBeNull();
  });
});

describe('forwards and AutoMod (issue 13, point 7)', () => {
  it('reads a forward from its snapshot and says whose message it was', async () => {
    const writer = aMember();
    const forwarder = aMember();
    const original = sim.postMessage({ channelId: sim.channels.help, authorId: writer, content: 'Free Nitro for everyone! https://discord-gift.ru/claim' });
    await until(() => envelopes.find((e) => e.event.messageId === original.id), 'the original');
    const forward = sim.forwardMessage({ channelId: sim.channels.general, authorId: forwarder, from: { channelId: sim.channels.help, messageId: original.id } });
    const env = await until(() => envelopes.find((e) => e.event.messageId === forward.id), 'the forward');
    expect(env.event.text).toBe('Free Nitro for everyone! https://discord-gift.ru/claim');
    const writerName = sim.member(writer)!.globalName ?? sim.member(writer)!.username;
    expect(env.event.forwardedFrom).toBe(`${writerName} (#help)`);
    // The same lure as the original: one item holds both, and the forward's row says whose it was.
    const holding = await itemWhere((i) => i.eventIds.includes(env.event.id), 'the item with the forward');
    expect(holding.eventIds).toContain(messageEventId(sim.channels.help, original.id));
    expect((await db.events.get(env.event.id))?.forwardedFrom).toBe(`${writerName} (#help)`);
  });

  it('reads a forward from a server the bot is not in, naming where it came from', async () => {
    const forwarder = aMember();
    const forward = sim.forwardFromElsewhere({ channelId: sim.channels.general, authorId: forwarder, content: 'claim your free nitro at https://dlscord-nitro.gift/free' });
    const env = await until(() => envelopes.find((e) => e.event.messageId === forward.id), 'the forward');
    expect(env.event.text).toContain('dlscord-nitro.gift');
    expect(env.event.forwardedFrom).toBe(`https://discord.com/channels/${forward.forwardOf!.guildId}/${forward.forwardOf!.channelId}/${forward.forwardOf!.messageId}`);
    expect(env.flags.length).toBeGreaterThan(0);
  });

  it('turns an AutoMod alert into an item, and the executions of the same catch into the same one', async () => {
    const rule = sim.addAutoModRule({ name: 'No follower selling', keywords: ['buy followers'], alertChannelId: sim.channels.modLog });
    const first = aMember();
    const blocked = sim.postMessage({ channelId: sim.channels.general, authorId: first, content: 'cheap! buy followers at my shop' });
    expect(blocked.blockedBy).toBe('No follower selling');
    const alerted = await itemWhere((i) => i.authorId === first && i.flags.some((f) => f.rule === 'platform.automod'), 'the alert item');
    expect(alerted.flags[0]!.reason).toBe('Discord AutoMod flagged a message · rule "No follower selling" · matched "buy followers"');
    expect(alerted).toMatchObject({ channelId: sim.channels.general, text: 'cheap! buy followers at my shop' });

    // With Manage Server the bot also gets AUTO_MODERATION_ACTION_EXECUTION: block + alert, one item.
    sim.grantBotPermissions(PermissionFlagsBits.ManageGuild);
    await until(() => core.sources()[0]?.state === 'ready', 'still ready');
    const second = aMember();
    sim.postMessage({ channelId: sim.channels.general, authorId: second, content: 'BUY FOLLOWERS here, 1k for $5' });
    const executed = await itemWhere((i) => i.authorId === second && i.flags.some((f) => f.rule === 'platform.automod'), 'the execution item');
    expect(executed.flags[0]!.reason).toMatch(/^Discord AutoMod blocked a message · rule "No follower selling" · matched "BUY FOLLOWERS"$/);
    await until(() => envelopes.filter((e) => e.event.moderation?.action === 'automod' && e.event.author?.id === second).length >= 1, 'the events');
    // The alert message arrives too; it reports the same catch and opens nothing new.
    await expect.poll(async () => {
      await harness.settled();
      return (await db.inboxItems.toArray()).filter((i) => i.authorId === second).length;
    }).toBe(1);
    expect(rule.id).toMatch(/^\d+$/);

    // A rule that only blocks posts no alert: the execution alone reports it, its rule read over REST.
    sim.addAutoModRule({ name: 'No fake invites', keywords: ['free-nitro-invite'] });
    const third = aMember();
    sim.postMessage({ channelId: sim.channels.help, authorId: third, content: 'join free-nitro-invite now' });
    const only = await itemWhere((i) => i.authorId === third && i.flags.some((f) => f.rule === 'platform.automod'), 'the block-only item');
    expect(only.flags[0]!.reason).toBe('Discord AutoMod blocked a message · rule "No fake invites" · matched "free-nitro-invite"');
    expect(only).toMatchObject({ channelId: sim.channels.help, channelName: 'help', text: 'join free-nitro-invite now' });
  });
});

describe('staff impersonation (issue 13, point 8)', () => {
  const impersonation = (i: InboxItem) => i.flags.some((f) => f.rule === 'scam.impersonation');

  it('flags a newcomer whose name copies a moderator with look-alike letters, on join', async () => {
    const moderator = sim.member(sim.memberIdsByRole('Moderator')[0]!)!;
    const lookAlike: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', i: 'і', s: 'ѕ', l: 'ⅼ', y: 'у', x: 'х' };
    const copied = moderator.username.replace(/[aeopcislyx]/g, (c) => lookAlike[c]!);
    expect(copied).not.toBe(moderator.username);
    const newcomer = sim.addMember({ username: 'fresh_acc_1', globalName: copied });
    const flagged = await itemWhere((i) => i.authorId === newcomer.userId && impersonation(i), 'the join item');
    expect(flagged.flags.find((f) => f.rule === 'scam.impersonation')?.reason).toContain(moderator.username);
  });

  it('flags a member who renames to a moderator in small capitals, and their next message', async () => {
    const moderatorId = sim.memberIdsByRole('Moderator')[1]!;
    const moderator = sim.member(moderatorId)!;
    const member = aMember();
    const smallCaps = moderator.username.replace(/[a-z]/g, (c) => 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ'['abcdefghijklmnopqrstuvwxyz'.indexOf(c)]!);
    sim.setMemberProfile(member, { nick: smallCaps });
    await itemWhere((i) => i.authorId === member && impersonation(i) && i.channelId === 'members', 'the rename item');
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: member, content: 'hi, DM me if you have trouble with your account' });
    const env = await until(() => envelopes.find((e) => e.event.messageId === posted.id), 'the message');
    expect(env.flags.map((f) => f.rule)).toContain('scam.impersonation');

    // A display name (not a nickname) changed to the moderator's plus "Team": a user update, flagged too.
    const other = aMember();
    sim.setMemberProfile(other, { globalName: `${moderator.globalName ?? moderator.username} Team` });
    await itemWhere((i) => i.authorId === other && impersonation(i) && i.channelId === 'members', 'the display-name rename item');
  });

  it('knows a member promoted to moderator, and flags a newcomer who adds "support" to their name', async () => {
    const promoted = aMember();
    const name = sim.member(promoted)!.username;
    const before = sim.addMember({ username: 'early_bird_2', globalName: `${name} support` });
    const early = await until(() => envelopes.find((e) => e.event.kind === 'join' && e.event.author?.id === before.userId), 'the early join');
    expect(early.flags.map((f) => f.rule)).not.toContain('scam.impersonation');
    sim.setMemberProfile(promoted, { roles: [...sim.member(promoted)!.roles, sim.roleIds.moderator] });
    const after = sim.addMember({ username: 'late_bird_3', globalName: `${name} support` });
    await itemWhere((i) => i.authorId === after.userId && impersonation(i), 'the join item after the promotion');
    // The moderator's own messages are not impersonation.
    const own = sim.postMessage({ channelId: sim.channels.general, authorId: promoted, content: 'welcome everyone' });
    const ownEnv = await until(() => envelopes.find((e) => e.event.messageId === own.id), 'the moderator message');
    expect(ownEnv.flags.map((f) => f.rule)).not.toContain('scam.impersonation');
  });
});

describe('moderators acting in the Discord app (issue 13, point 9)', () => {
  it('names the admin when a ban with "delete messages" closes a member\'s items', async () => {
    const author = aMember();
    const admin = sim.memberIdsByRole('Admin')[0]!;
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'Free Nitro! claim here before the ban https://nitro-drops.example/claim' });
    const id = `msg:${messageEventId(sim.channels.general, posted.id)}`;
    await item(id);
    sim.banAsModerator(author, admin, 3600);
    const adminMember = sim.member(admin)!;
    const adminName = adminMember.globalName ?? adminMember.username;
    await expect.poll(async () => {
      await harness.settled();
      return (await db.inboxItems.get(id))?.outcome?.detail;
    }, { timeout: 15_000 }).toBe(`native:discord:${adminName}`);
    expect((await db.inboxItems.get(id))?.outcome?.kind).toBe('delete');
  });
});

const ExecuteResult = resultSchema(ActionReceiptSchema);

describe('two consoles sharing one bot', () => {
  // Console A deletes through the bot; this file's console (B) only hears the platform's deletes.
  let consoleA: StoredCore;
  beforeAll(async () => {
    consoleA = await startStoredCore('traffic-a', [{ platform: 'discord', id: SOURCE, label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true }], { backfill: 0 });
  });
  afterAll(async () => {
    await consoleA?.close();
  });

  /** What A's "delete every message" runs: one delete per message of its item, named after the item. */
  async function deleteOnA(item: InboxItem, messageIds: readonly string[]): Promise<void> {
    for (const messageId of messageIds) {
      const action = messageDeleteIntent({ sourceId: item.sourceId, platform: item.platform, spaceId: item.spaceId, channelId: item.channelId }, item.channelId, messageId, undefined, item.id);
      const result = ExecuteResult.parse(await consoleA.session.invoke('actions.execute', { action }));
      expect(result.ok).toBe(true);
    }
  }

  /** B's stored item once B has heard every one of these messages deleted. */
  async function onBAfterDeletes(id: string, channelId: string, messageIds: readonly string[]): Promise<InboxItem> {
    await expect
      .poll(async () => {
        await harness.settled();
        const rows = await db.events.bulkGet(messageIds.map((m) => messageEventId(channelId, m)));
        return rows.every((r) => r?.deleted === true);
      }, { timeout: 15_000, message: 'B hears the deletes' })
      .toBe(true);
    return (await db.inboxItems.get(id))!;
  }

  it('closes a flood incident on B once A deleted every message of it, and not while some are left', async () => {
    const spammer = aMember();
    const posted = Array.from({ length: 8 }, (_, n) => sim.postMessage({ channelId: sim.channels.help, authorId: spammer, content: `check out my channel, video number ${n} is up` }));
    const last = messageEventId(sim.channels.help, posted.at(-1)!.id);
    const grouped = (i: InboxItem) => i.id.startsWith('group:') && i.authorId === spammer && i.eventIds.includes(last);
    const onA = await consoleA.itemWhere(grouped, 'the flood incident on A');
    const onB = await itemWhere(grouped, 'the flood incident on B');
    expect(onB.id).toBe(onA.id);
    const messages = posted.map((p) => p.id).filter((m) => onA.eventIds.includes(messageEventId(sim.channels.help, m)));
    expect(messages.length).toBeGreaterThan(1);

    await deleteOnA(onA, messages.slice(0, -1));
    expect(await onBAfterDeletes(onB.id, sim.channels.help, messages.slice(0, -1))).toMatchObject({ status: 'open' });
    await deleteOnA(onA, messages.slice(-1));
    const closed = await onBAfterDeletes(onB.id, sim.channels.help, messages);
    expect(closed).toMatchObject({ status: 'resolved', outcome: { kind: 'delete', ok: true, detail: `gone:discord:${messages.length}` } });
  });

  it('keeps one lure from several accounts open on B while copies are left, though its first copy went', async () => {
    const lure = 'free nitro giveaway for everyone, claim it fast https://nitro-gift-drop.example/claim';
    const posted = [aMember(), aMember(), aMember()].map((authorId) => sim.postMessage({ channelId: sim.channels.general, authorId, content: lure }));
    const id = `msg:${messageEventId(sim.channels.general, posted[0]!.id)}`;
    const all = (i: InboxItem) => i.id === id && posted.every((p) => i.eventIds.includes(messageEventId(sim.channels.general, p.id)));
    const onA = await consoleA.itemWhere(all, 'the campaign on A');
    await itemWhere(all, 'the campaign on B');
    const ids = posted.map((p) => p.id);
    await deleteOnA(onA, ids.slice(0, 1));
    expect(await onBAfterDeletes(id, sim.channels.general, ids.slice(0, 1))).toMatchObject({ status: 'open', messageDeleted: true });
    await deleteOnA(onA, ids.slice(1));
    expect(await onBAfterDeletes(id, sim.channels.general, ids)).toMatchObject({ status: 'resolved', outcome: { detail: 'gone:discord:3' } });
  });
});
