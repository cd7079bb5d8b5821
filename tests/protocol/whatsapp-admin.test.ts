// Group admin actions with the real Baileys against the practice server, at the wire: promote and
// demote (groupParticipantsUpdate), invite link reset (groupRevokeInvite), "remove + reset invite
// link" as one action, pinning a message for everyone (pinInChatMessage), announcement-only; each
// exactly once (a replay looks first and sends nothing). And what other admins change from their
// phones (promotions, settings, subject, description) arrives as events.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BinaryNode } from 'baileys';
import { ActionExecutor } from '../../src/main/actions/executor';
import { practiceGroupJid } from '../../src/main/practice/whatsapp/simulator';
import { until } from './until';
import { connector, intentIn, linked, memoryVault, simulator, type Cleanups } from './whatsappLinked';

const GROUP = practiceGroupJid(1);
const MOD = '15550000001';
const ANA = '15550000002';
const BEN = '15550000003';
const CARA = '15550000004';
const intent = intentIn(GROUP);

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const course = () =>
  simulator(cleanups, {
    groups: [
      {
        id: GROUP,
        subject: 'Course group',
        members: [
          { phone: CARA, name: 'Cara (creator)', admin: 'superadmin' },
          { phone: MOD, name: 'Mod Phone', admin: 'admin' },
          { phone: ANA, name: 'Ana' },
          { phone: BEN, name: 'Ben' },
        ],
      },
    ],
  });

/** The w:g2 set IQs the device sent with this child tag (what reached WhatsApp). */
const asked = (received: readonly BinaryNode[], tag: string) =>
  received.filter((n) => n.tag === 'iq' && n.attrs.xmlns === 'w:g2' && n.attrs.type === 'set' && Array.isArray(n.content) && n.content[0]?.tag === tag);

describe('WhatsApp group admin actions against the practice server', () => {
  it('promotes and demotes a member once each; a replay finds it done and asks nothing', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const ana = `${ANA}@s.whatsapp.net`;

    const promote = intent({ kind: 'promote', memberId: ana });
    expect(await c.execute(promote)).toMatchObject({ ok: true, value: { kind: 'promote' } });
    expect(sim.groups()[0]!.members.find((m) => m.phone === ANA)?.admin).toBe('admin');
    // WhatsApp tells the group's devices, this one included: the connector's view follows.
    await until(() => events.find((e) => e.moderation?.action === 'promote' && e.moderation.targetId === ana), 'the promote event');
    await until(() => c.staff(GROUP)?.ids.includes(ana), 'Ana among the staff');
    expect(await c.execute(promote)).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(asked(sim.received(), 'promote')).toHaveLength(1);

    const demote = intent({ kind: 'demote', memberId: ana });
    expect(await c.execute(demote)).toMatchObject({ ok: true, value: { kind: 'demote' } });
    expect(sim.groups()[0]!.members.find((m) => m.phone === ANA)?.admin).toBeUndefined();
    await until(() => events.find((e) => e.moderation?.action === 'demote' && e.moderation.targetId === ana), 'the demote event');
    await until(() => !c.staff(GROUP)?.ids.includes(ana), 'Ana no longer staff');
    expect(await c.execute(demote)).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(asked(sim.received(), 'demote')).toHaveLength(1);

    // The group's creator cannot be demoted, and someone not in the group cannot be promoted.
    expect(await c.execute(intent({ kind: 'demote', memberId: `${CARA}@s.whatsapp.net` }))).toMatchObject({ ok: false, error: { code: 'missing_permission' } });
    expect(await c.execute(intent({ kind: 'promote', memberId: '15559999999@s.whatsapp.net' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('resets the invite link: the old code stops working, the new one is the receipt’s', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    sim.groups()[0]!.inviteCode = 'OldCodeAbc123';
    const reset = await c.execute(intent({ kind: 'resetInvite' }));
    expect(reset.ok).toBe(true);
    const code = sim.groups()[0]!.inviteCode;
    expect(code).not.toBe('OldCodeAbc123');
    expect(reset.ok && reset.value.inviteCode).toBe(code);
    const event = await until(() => events.find((e) => e.moderation?.setting === 'inviteLink'), 'the invite link event');
    // The event says it was reset; the new code (a key to the group) stays out of the event log.
    expect(JSON.stringify(event)).not.toContain(code!);
  });

  it('runs "remove + reset invite link" (WhatsApp’s stand-in for a ban) as one action, once', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    sim.groups()[0]!.inviteCode = 'OldCodeAbc123';
    const ben = `${BEN}@s.whatsapp.net`;
    const ban = intent({ kind: 'kick', memberId: ben, resetInvite: true });
    const done = await c.execute(ban);
    expect(done).toMatchObject({ ok: true, value: { kind: 'kick', detail: 'removed, and the invite link is reset' } });
    expect(sim.groups()[0]!.members.some((m) => m.phone === BEN)).toBe(false);
    expect(sim.groups()[0]!.inviteCode).not.toBe('OldCodeAbc123');
    await until(() => events.find((e) => e.kind === 'modAction' && e.moderation?.action === 'kick' && e.moderation.targetId === ben), 'the removal event');
    expect(sim.removals()).toEqual([{ group: GROUP, phone: BEN }]);
  });

  it('removes a raid’s accounts of a group in one request, each account with its own outcome', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    // 46 raiders who joined by the link; WhatsApp's group holds them like any member.
    const raiders = Array.from({ length: 46 }, (_, i) => `1555100${String(i).padStart(4, '0')}`);
    sim.groups()[0]!.members.push(...raiders.map((phone, i) => ({ phone, name: `Promo ${i}` })));
    const gone = '15559999999';
    // Ana writes where numbers are hidden: the console knows her by her LID only.
    const hidden = await sim.post(GROUP, ANA, { conversation: 'join my signals group' }, { lid: 'only' });
    const ana = (await until(() => events.find((e) => e.messageId === hidden), 'Ana’s LID-only message')).author!.id;
    expect(ana).toMatch(/@lid$/);
    const memberIds = [...[...raiders, BEN].map((p) => `${p}@s.whatsapp.net`), ana, ...[gone, CARA].map((p) => `${p}@s.whatsapp.net`)];
    const removal = intent({ kind: 'bulkRemove', memberIds });
    const done = await c.execute(removal);
    expect(done.ok).toBe(true);
    const accounts = done.ok ? done.value.accounts : undefined;
    // Each account reads its own answer: removed; not in the group (never asked); the creator, whom WhatsApp keeps.
    expect(accounts?.filter((a) => a.state === 'removed').map((a) => a.memberId)).toEqual(memberIds.slice(0, 48));
    expect(accounts?.find((a) => a.memberId === `${gone}@s.whatsapp.net`)?.state).toBe('alreadyGone');
    expect(accounts?.find((a) => a.memberId === `${CARA}@s.whatsapp.net`)?.state).toBe('failed');
    // ONE request named the 49 present accounts (not 49 requests), and the group lost the 48.
    const requests = asked(sim.received(), 'remove');
    expect(requests).toHaveLength(1);
    expect((requests[0]!.content as BinaryNode[])[0]!.content).toHaveLength(49);
    expect(sim.groups()[0]!.members.map((m) => m.phone).sort()).toEqual([CARA, MOD].sort());
    // WhatsApp tells the group once about all it removed: each removal is an event of its own.
    await until(() => events.filter((e) => e.kind === 'modAction' && e.moderation?.action === 'kick').length >= 48, 'the 48 removal events');
  });

  it('a lost answer to a bulk removal: the replay reads the group and removes nobody twice', async () => {
    const sim = await course();
    const { c } = await linked(cleanups, sim, { retryDelayMs: 50 });
    const raiders = Array.from({ length: 12 }, (_, i) => `1555200${String(i).padStart(4, '0')}`);
    sim.groups()[0]!.members.push(...raiders.map((phone, i) => ({ phone, name: `Promo ${i}` })));
    const removal = intent({ kind: 'bulkRemove', memberIds: raiders.map((p) => `${p}@s.whatsapp.net`) });
    // As main runs it: the executor's journal around the connector (WhatsApp cannot be asked afterwards).
    const executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-waremove-')), 'actions.jsonl'));
    const run = () => executor.execute(removal, { run: (a) => c.execute(a), ready: () => c.info().state === 'ready' });
    sim.loseNextRemovalAnswer();
    // WhatsApp removed them, but the answer never came: in doubt, the outbox keeps the action for the replay.
    const lost = await run();
    expect(lost).toMatchObject({ ok: false, error: { code: 'in_doubt' } });
    // Said as a lost connection (Baileys rejects the request with the socket's close code), not an unknown error.
    expect(!lost.ok && lost.error.message).toMatch(/lost its connection/);
    expect(sim.groups()[0]!.members.some((m) => raiders.includes(m.phone))).toBe(false);
    await until(() => c.info().state === 'ready', 'the device back online');
    const replay = await run();
    expect(replay).toMatchObject({ ok: true, value: { kind: 'bulkRemove', alreadyDone: true } });
    expect(replay.ok && replay.value.accounts?.every((a) => a.state === 'alreadyGone')).toBe(true);
    expect(asked(sim.received(), 'remove')).toHaveLength(1);
    expect(sim.removals().map((r) => r.phone)).toEqual(raiders);
  });

  it('a bulk removal by a device that is not an admin is refused before asking WhatsApp', async () => {
    const sim = await course();
    sim.groups()[0]!.members.find((m) => m.phone === MOD)!.admin = undefined;
    const { c } = await linked(cleanups, sim);
    expect(await c.execute(intent({ kind: 'bulkRemove', memberIds: [`${BEN}@s.whatsapp.net`] }))).toMatchObject({ ok: false, error: { code: 'missing_permission' } });
    expect(asked(sim.received(), 'remove')).toHaveLength(0);
  });

  it('a group change WhatsApp refuses reads as its reason: 429 rate-overlimit is rate-limited (done once on the retry), 403 is not allowed', async () => {
    const sim = await course();
    const { c } = await linked(cleanups, sim);
    const ben = `${BEN}@s.whatsapp.net`;
    const promote = intent({ kind: 'promote', memberId: ben });
    // As main runs it: a rate limit means nothing was done, so the outbox may simply send it again (not "in doubt").
    const executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-walimit-')), 'actions.jsonl'));
    const run = () => executor.execute(promote, { run: (a) => c.execute(a), ready: () => c.info().state === 'ready' });
    sim.overLimit(1);
    expect(await run()).toMatchObject({ ok: false, error: { code: 'rate_limited', retryable: true } });
    expect(sim.groups()[0]!.members.find((m) => m.phone === BEN)?.admin).toBeUndefined();
    expect(await run()).toMatchObject({ ok: true, value: { kind: 'promote' } });
    expect(sim.groups()[0]!.members.find((m) => m.phone === BEN)?.admin).toBe('admin');
    expect(asked(sim.received(), 'promote')).toHaveLength(2);
    // The creator takes the device's admin rights away from their phone: WhatsApp answers the next setting 403.
    sim.changeGroup(GROUP, CARA, { tag: 'demote', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${MOD}@s.whatsapp.net` } }] });
    expect(await c.execute(intent({ kind: 'lock', locked: true }))).toMatchObject({ ok: false, error: { code: 'missing_permission', retryable: false } });
    expect(sim.groups()[0]!.announce).toBeFalsy();
  });

  it('in an announcement-only group a reply by a device that is not an admin says why, and is never claimed as sent', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const reply = (text: string) => c.execute(intent({ kind: 'reply', text }));
    const posted = (r: Awaited<ReturnType<typeof reply>>) => (r.ok ? sim.messages().get(r.value.createdMessageId ?? '') : undefined);
    // The creator turns announcement-only on and takes the device's admin rights from their phone: the console learns both.
    sim.changeGroup(GROUP, CARA, { tag: 'announcement', attrs: {} });
    sim.changeGroup(GROUP, CARA, { tag: 'demote', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${MOD}@s.whatsapp.net` } }] });
    await until(() => events.find((e) => e.moderation?.action === 'demote'), 'the demote event');
    await until(() => c.info().spaces[0]?.channels[0]?.kind === 'announcement', 'the group shown announcement-only');
    expect(await reply('Please keep it on topic')).toMatchObject({ ok: false, error: { code: 'missing_permission', retryable: false, fields: { reason: 'whatsapp_announce_only' } } });
    expect(sim.refusedSends()).toEqual([]);
    // WhatsApp's word arrives later than the change (another admin just now, the notification still on its way):
    // the server refuses the message in its ack, and the console says so instead of "sent".
    sim.groups()[0]!.members.find((m) => m.phone === MOD)!.admin = 'admin';
    sim.changeGroup(GROUP, CARA, { tag: 'not_announcement', attrs: {} });
    await until(() => c.info().spaces[0]?.channels[0]?.kind === 'text', 'the group open again');
    sim.groups()[0]!.announce = true;
    sim.groups()[0]!.members.find((m) => m.phone === MOD)!.admin = undefined;
    const refused = await reply('Study call tonight');
    expect(refused).toMatchObject({ ok: false, error: { code: 'missing_permission', retryable: false } });
    expect(sim.refusedSends()).toHaveLength(1);
    expect([...sim.messages().values()].some((m) => m.message.conversation === 'Study call tonight' || m.message.extendedTextMessage?.text === 'Study call tonight')).toBe(false);
    // Back in an open group, a reply goes out and the phones read it: the sender key the refused message
    // carried never reached them, so the device hands it over again.
    sim.groups()[0]!.announce = false;
    const sent = await reply('Thanks all');
    expect(sent).toMatchObject({ ok: true, value: { kind: 'reply' } });
    await until(() => posted(sent), 'the reply on the server');
  });

  it('a member’s message another admin deletes for everyone from their phone reaches the console as a delete naming that admin; the console’s own delete finds it done', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const scam = await sim.post(GROUP, ANA, { conversation: 'free airdrop, connect your wallet' });
    await until(() => events.find((e) => e.messageId === scam), 'the scam');
    // What an admin's phone sends: a REVOKE protocol message naming the member's message (ephemeral-wrapped, as in a disappearing-messages group).
    await sim.post(GROUP, CARA, { ephemeralMessage: { message: { protocolMessage: { type: 0, key: { remoteJid: GROUP, fromMe: false, id: scam, participant: `${ANA}@s.whatsapp.net` } } } } });
    expect(await until(() => events.find((e) => e.kind === 'delete' && e.messageId === scam), 'the delete')).toMatchObject({ author: { id: `${CARA}@s.whatsapp.net` } });
    expect(await c.execute(intent({ kind: 'delete', messageId: scam }))).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(sim.revokes()).toEqual([]);
  });

  it('deletes a member’s message for everyone after the console restarted, naming the author the console stored (main no longer remembers the message)', async () => {
    const sim = await course();
    const { vault } = memoryVault();
    const first = await linked(cleanups, sim, {}, vault);
    const scam = await sim.post(GROUP, ANA, { conversation: 'free airdrop before the restart, connect your wallet' });
    const seen = await until(() => first.events.find((e) => e.messageId === scam), 'the scam');
    await first.c.stop();
    const second = connector(cleanups, sim, vault);
    expect((await second.c.start()).ok).toBe(true);
    await until(() => second.c.info().state === 'ready', 'the restarted device');
    // Without the author WhatsApp cannot place the delete: said as data, nothing sent.
    expect(await second.c.execute(intent({ kind: 'delete', messageId: scam }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const done = await second.c.execute(intent({ kind: 'delete', messageId: scam, authorId: seen.author?.id, sentAt: seen.ts }));
    expect(done).toMatchObject({ ok: true, value: { kind: 'delete' } });
    await until(() => sim.messages().get(scam)?.revoked === true, 'the phones to apply the delete');
  });

  it('refuses to delete for everyone a message older than WhatsApp allows, with the reason as data, and sends nothing', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    // Sent three days ago (the device gets it now, from its offline queue): past WhatsApp's 60 hours.
    const old = await sim.post(GROUP, ANA, { conversation: 'old scam link https://btc-double.top' }, { at: Math.floor(Date.now() / 1000) - 3 * 24 * 3600 });
    await until(() => events.find((e) => e.messageId === old), 'the old message');
    expect(await c.execute(intent({ kind: 'delete', messageId: old }))).toMatchObject({ ok: false, error: { code: 'unsupported', retryable: false, fields: { reason: 'whatsapp_delete_window' } } });
    expect(sim.revokes()).toEqual([]);
    expect(sim.messages().get(old)?.revoked).toBe(false);
  });

  it('when another admin removes the device’s account from the group, the group goes from the console and actions there say why; added back (or to a new group), it is listed at once', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const scam = await sim.post(GROUP, ANA, { conversation: 'send 0.1 BTC to double it' });
    await until(() => events.find((e) => e.messageId === scam), 'the scam');
    sim.changeGroup(GROUP, CARA, { tag: 'remove', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${MOD}@s.whatsapp.net` } }] });
    // The console names who removed whom.
    expect(await until(() => events.find((e) => e.moderation?.action === 'kick' && e.moderation.targetId === `${MOD}@s.whatsapp.net`), 'the removal of the device’s account')).toMatchObject({ author: { id: `${CARA}@s.whatsapp.net` } });
    await until(() => c.info().spaces.length === 0, 'the group gone from the console');
    for (const action of [{ kind: 'reply', text: 'hello?' }, { kind: 'delete', messageId: scam }, { kind: 'kick', memberId: `${ANA}@s.whatsapp.net` }]) {
      expect(await c.execute(intent(action))).toMatchObject({ ok: false, error: { code: 'missing_permission', retryable: false, fields: { reason: 'whatsapp_not_in_group' } } });
    }
    expect(sim.removals()).toEqual([]);
    expect(sim.revokes()).toEqual([]);
    // Added back by an admin (and made admin again): the group and its actions are back at once.
    sim.addMember(GROUP, CARA, { phone: MOD, name: 'Mod Phone' });
    await until(() => c.info().spaces.length === 1, 'the group back');
    sim.changeGroup(GROUP, CARA, { tag: 'promote', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${MOD}@s.whatsapp.net` } }] });
    await until(() => c.staff(GROUP)?.ids.includes(`${MOD}@s.whatsapp.net`), 'the device an admin again');
    expect(await c.execute(intent({ kind: 'delete', messageId: scam }))).toMatchObject({ ok: true, value: { kind: 'delete' } });
    // Added to a group it was never in: listed at once, with its name, and its members' messages read.
    const NEW = practiceGroupJid(5);
    sim.groups().push({ id: NEW, subject: 'Year 4 parents', members: [{ phone: CARA, name: 'Cara (creator)', admin: 'superadmin' }, { phone: ANA, name: 'Ana' }] });
    sim.addMember(NEW, CARA, { phone: MOD, name: 'Mod Phone' });
    await until(() => c.info().spaces.find((sp) => sp.id === NEW && sp.name === 'Year 4 parents'), 'the new group listed');
    const hello = await sim.post(NEW, ANA, { conversation: 'welcome to the mods' });
    expect(await until(() => events.find((e) => e.messageId === hello), 'a message in the new group')).toMatchObject({ spaceName: 'Year 4 parents' });
  });

  it('pins a member’s message for everyone once, and pins an announcement it posts', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const rules = await sim.post(GROUP, ANA, { conversation: 'Group rules: be kind, no spam' });
    await until(() => events.find((e) => e.messageId === rules), 'the message');
    const pin = intent({ kind: 'pin', messageId: rules, seconds: 86_400 });
    const pinned = await c.execute(pin);
    expect(pinned).toMatchObject({ ok: true, value: { kind: 'pin' } });
    const pinsOf = (id: string) => [...sim.messages().values()].filter((m) => m.message.pinInChatMessage?.key?.id === id);
    const [onServer] = await until(() => pinsOf(rules).length > 0 && pinsOf(rules), 'the pin on the server');
    expect(onServer!.message.pinInChatMessage).toMatchObject({ type: 1, key: { id: rules, participant: `${ANA}@s.whatsapp.net` } });
    expect(onServer!.message.messageContextInfo?.messageAddOnDurationInSecs).toBe(86_400);
    // A second pin of the same message (another intent) finds it pinned and sends nothing.
    expect(await c.execute(intent({ kind: 'pin', messageId: rules }))).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(pinsOf(rules)).toHaveLength(1);

    const announced = await c.execute(intent({ kind: 'announce', announcementId: randomUUID(), part: 0, parts: 1, text: 'Study call tonight at 8pm', pin: true }));
    expect(announced).toMatchObject({ ok: true, value: { detail: 'posted and pinned for 7 days' } });
    const id = announced.ok ? announced.value.createdMessageId! : '';
    const [announcementPin] = await until(() => pinsOf(id).length > 0 && pinsOf(id), 'the announcement’s pin');
    expect(announcementPin!.message.messageContextInfo?.messageAddOnDurationInSecs).toBe(7 * 86_400);
  });

  it('turns announcement-only on once (a repeat finds it on), and shows the group as announcement-only', async () => {
    const sim = await course();
    const { c } = await linked(cleanups, sim);
    expect(await c.execute(intent({ kind: 'lock', locked: true }))).toMatchObject({ ok: true, value: { kind: 'lock' } });
    expect(sim.groups()[0]!.announce).toBe(true);
    await until(() => c.info().spaces[0]?.channels[0]?.kind === 'announcement', 'the group shown announcement-only');
    expect(await c.execute(intent({ kind: 'lock', locked: true }))).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(asked(sim.received(), 'announcement')).toHaveLength(1);
  });

  it('shows what another admin changes from their phone as events: promotions, settings, subject, description', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const byCara = (e: { author?: { id: string } }) => e.author?.id === `${CARA}@s.whatsapp.net`;
    sim.changeGroup(GROUP, CARA, { tag: 'promote', attrs: {}, content: [{ tag: 'participant', attrs: { jid: `${BEN}@s.whatsapp.net` } }] });
    sim.changeGroup(GROUP, CARA, { tag: 'announcement', attrs: {} });
    sim.changeGroup(GROUP, CARA, { tag: 'locked', attrs: {} });
    sim.changeGroup(GROUP, CARA, { tag: 'subject', attrs: {}, content: Buffer.from('Course group (exam week)') });
    sim.changeGroup(GROUP, CARA, { tag: 'description', attrs: {}, content: [{ tag: 'body', attrs: {}, content: Buffer.from('No links during exams') }] });
    sim.changeGroup(GROUP, CARA, { tag: 'not_announcement', attrs: {} });
    const changes = await until(() => {
      const got = events.filter((e) => e.kind === 'modAction' && byCara(e));
      return got.length >= 6 && got;
    }, 'six changes');
    expect(changes.map((e) => e.moderation)).toEqual([
      { action: 'promote', targetId: `${BEN}@s.whatsapp.net` },
      { action: 'setting', setting: 'announce', value: 'on' },
      { action: 'setting', setting: 'locked', value: 'on' },
      { action: 'setting', setting: 'subject', value: 'Course group (exam week)' },
      { action: 'setting', setting: 'description', value: 'No links during exams' },
      { action: 'setting', setting: 'announce', value: 'off' },
    ]);
    expect(changes.every((e) => e.spaceId === GROUP && e.platform === 'whatsapp')).toBe(true);
    // The connection's view follows: the new subject names the group, Ben is staff.
    await until(() => c.info().spaces[0]?.name === 'Course group (exam week)', 'the new subject');
    // Announcement-only went on and off again in one burst: the group shows the last word (off).
    expect(c.info().spaces[0]?.channels[0]?.kind).toBe('text');
    await until(() => c.staff(GROUP)?.ids.includes(`${BEN}@s.whatsapp.net`), 'Ben among the staff');
    // A member may not change the info of a group where only admins edit it (WhatsApp answers 403).
    expect(() => sim.changeGroup(GROUP, ANA, { tag: 'subject', attrs: {}, content: Buffer.from('spam') })).toThrow(/403/);
  });

  it('sends a member a direct message once, under the console’s id; the member’s phone reads it', async () => {
    const sim = await course();
    const { c } = await linked(cleanups, sim);
    const dm = intent({ kind: 'dm', memberId: `${ANA}@s.whatsapp.net`, text: 'Hi Ana, please keep giveaways out of the group.' });
    const sent = await c.execute(dm);
    expect(sent).toMatchObject({ ok: true, value: { kind: 'dm' } });
    const id = sent.ok ? sent.value.createdMessageId! : '';
    const read = await until(() => sim.directs().get(id), 'the DM on Ana’s phone');
    expect(read.to).toBe(ANA);
    expect(read.message.conversation ?? read.message.extendedTextMessage?.text).toBe('Hi Ana, please keep giveaways out of the group.');
    // A replay (crash before main's journal) sends the same id: Ana's phone has it once.
    const again = await c.execute(dm);
    expect(again.ok && again.value.createdMessageId).toBe(id);
    await until(() => sim.received().filter((n) => n.tag === 'message' && n.attrs.id === id).length === 2, 'the repeat on the wire');
    expect([...sim.directs().values()].filter((d) => d.to === ANA)).toHaveLength(1);
    // A DM by bare number reaches the same member.
    const byNumber = await c.execute(intent({ kind: 'dm', memberId: `+${BEN}`, text: 'Hello Ben' }));
    const benId = byNumber.ok ? byNumber.value.createdMessageId! : '';
    expect((await until(() => sim.directs().get(benId), 'the DM on Ben’s phone')).to).toBe(BEN);
  });

  it('acts in a LID-addressed group on the member the console names by number: delete, promote, remove (also one who joined since), reply', async () => {
    // WhatsApp moves groups to LID addressing: the metadata lists `<lid>@lid` with the number beside it,
    // notifications and messages name members so, and the device itself is a LID there too.
    const LIDS = practiceGroupJid(7);
    const DAN = '15550000005';
    const sim = await simulator(cleanups, {
      groups: [
        {
          id: LIDS,
          subject: 'LID group',
          addressing: 'lid',
          members: [
            { phone: CARA, name: 'Cara (creator)', admin: 'superadmin' },
            { phone: MOD, name: 'Mod Phone', admin: 'admin' },
            { phone: ANA, name: 'Ana' },
            { phone: BEN, name: 'Ben' },
          ],
        },
      ],
    });
    const { c, events } = await linked(cleanups, sim);
    const say = intentIn(LIDS);
    const [ana, ben, dan] = [ANA, BEN, DAN].map((p) => `${p}@s.whatsapp.net`) as [string, string, string];
    const scam = await sim.post(LIDS, ANA, { conversation: 'send 0.1 BTC to double it' });
    expect((await until(() => events.find((e) => e.messageId === scam), 'the scam')).author?.id).toBe(ana);
    expect([...(c.staff(LIDS)?.ids ?? [])].sort()).toEqual([`${CARA}@s.whatsapp.net`, `${MOD}@s.whatsapp.net`].sort());

    // The device is an admin of this group (listed by its LID): a member's message goes for everyone.
    expect(await c.execute(say({ kind: 'delete', messageId: scam }))).toMatchObject({ ok: true, value: { kind: 'delete' } });
    await until(() => sim.messages().get(scam)?.revoked, 'the revoke on the server');

    expect(await c.execute(say({ kind: 'promote', memberId: ben }))).toMatchObject({ ok: true, value: { kind: 'promote' } });
    expect(sim.groups()[0]!.members.find((m) => m.phone === BEN)?.admin).toBe('admin');
    await until(() => events.find((e) => e.moderation?.action === 'promote' && e.moderation.targetId === ben), 'the promote event, naming Ben by number');
    await until(() => c.staff(LIDS)?.ids.includes(ben), 'Ben among the staff by number');

    // A removal reaches WhatsApp: not "already gone" because the listing names Ana by her LID.
    const kick = say({ kind: 'kick', memberId: ana });
    const removed = await c.execute(kick);
    expect(removed).toMatchObject({ ok: true, value: { kind: 'kick' } });
    expect(removed.ok && removed.value.alreadyDone).toBeFalsy();
    expect(sim.groups()[0]!.members.some((m) => m.phone === ANA)).toBe(false);
    await until(() => events.find((e) => e.kind === 'modAction' && e.moderation?.action === 'kick' && e.moderation.targetId === ana), 'the removal event, naming Ana by number');
    expect(await c.execute(kick)).toMatchObject({ ok: true, value: { alreadyDone: true } });

    // Someone who joined since is known by the notification's LID and number: removed too.
    await sim.join(LIDS, { phone: DAN, name: 'Dan' });
    await until(() => events.find((e) => e.kind === 'join' && e.author?.id === dan), 'Dan’s join, by number');
    expect(await c.execute(say({ kind: 'kick', memberId: dan }))).toMatchObject({ ok: true, value: { kind: 'kick' } });
    expect(sim.groups()[0]!.members.some((m) => m.phone === DAN)).toBe(false);
    expect(sim.removals()).toEqual([
      { group: LIDS, phone: ANA },
      { group: LIDS, phone: DAN },
    ]);

    // A reply goes out as the device's LID, and the group's phones read it.
    const replied = await c.execute(say({ kind: 'reply', text: 'Removed a scam; stay safe.' }));
    const createdId = replied.ok ? replied.value.createdMessageId! : '';
    expect((await until(() => sim.messages().get(createdId), 'the reply on the server')).message.conversation ?? sim.messages().get(createdId)?.message.extendedTextMessage?.text).toBe('Removed a scam; stay safe.');
  });

  it('knows a member as one person across groups: the LID a number-hiding group names them by is the number another group lists it with', async () => {
    const OPEN = practiceGroupJid(8);
    const HIDDEN = practiceGroupJid(9);
    const staff = [
      { phone: CARA, name: 'Cara (creator)', admin: 'superadmin' as const },
      { phone: MOD, name: 'Mod Phone', admin: 'admin' as const },
    ];
    const sim = await simulator(cleanups, {
      groups: [
        { id: OPEN, subject: 'Open group', lidsListed: true, members: [...staff, { phone: ANA, name: 'Ana' }, { phone: BEN, name: 'Ben' }] },
        { id: HIDDEN, subject: 'Numbers hidden', addressing: 'lid', phonesHidden: true, members: [...staff.map((m) => ({ ...m })), { phone: ANA, name: 'Ana' }] },
      ],
    });
    const { c, events } = await linked(cleanups, sim);
    const ana = `${ANA}@s.whatsapp.net`;
    const open = await sim.post(OPEN, ANA, { conversation: 'hi all' });
    const hidden = await sim.post(HIDDEN, ANA, { conversation: 'dm me for the signals' });
    expect((await until(() => events.find((e) => e.messageId === open), 'Ana in the open group')).author?.id).toBe(ana);
    // Where WhatsApp names her by LID only, she is still the member the console knows by number.
    expect((await until(() => events.find((e) => e.messageId === hidden), 'Ana where numbers are hidden')).author?.id).toBe(ana);
    expect([...(c.staff(HIDDEN)?.ids ?? [])].sort()).toEqual([`${CARA}@s.whatsapp.net`, `${MOD}@s.whatsapp.net`].sort());
    // Removed there by that number: WhatsApp is asked under her LID, and the device knows itself an admin by its own.
    const removed = await c.execute(intentIn(HIDDEN)({ kind: 'kick', memberId: ana }));
    expect(removed).toMatchObject({ ok: true, value: { kind: 'kick' } });
    expect(removed.ok && removed.value.alreadyDone).toBeFalsy();
    expect(sim.groups()[1]!.members.some((m) => m.phone === ANA)).toBe(false);
    await until(() => events.find((e) => e.spaceId === HIDDEN && e.moderation?.action === 'kick' && e.moderation.targetId === ana), 'the removal, naming Ana by number');
  });

  it('knows a group’s Community and recognises the Community’s announcements group', async () => {
    const community = practiceGroupJid(10);
    const announcements = practiceGroupJid(11);
    const members = [
      { phone: MOD, name: 'Mod Phone', admin: 'admin' as const },
      { phone: ANA, name: 'Ana' },
    ];
    const sim = await simulator(cleanups, {
      groups: [
        { id: community, subject: 'Local makers', community: true, members },
        { id: announcements, subject: 'Local makers', parent: community, communityAnnounce: true, announce: true, members },
        { id: GROUP, subject: 'Makers: 3D printing', parent: community, members },
      ],
    });
    const { c } = await linked(cleanups, sim);
    const spaces = new Map(c.info().spaces.map((s) => [s.id, s]));
    expect(spaces.get(community)?.community).toEqual({ role: 'community' });
    expect(spaces.get(announcements)).toMatchObject({ community: { role: 'announcements', parentId: community }, channels: [{ kind: 'announcement' }] });
    expect(spaces.get(GROUP)).toMatchObject({ community: { role: 'group', parentId: community, parentName: 'Local makers' }, channels: [{ kind: 'text' }] });
  });

  it('looks up the name of a Community whose parent group the device is not in', async () => {
    const community = practiceGroupJid(12);
    const other = practiceGroupJid(13);
    const sim = await simulator(cleanups, {
      groups: [
        // The moderator's number moderates one group of the Community, and is not in the Community's parent.
        { id: community, subject: 'Riverside parents', community: true, members: [{ phone: ANA, name: 'Ana', admin: 'superadmin' }] },
        { id: GROUP, subject: 'Riverside: year 3', parent: community, members: [{ phone: MOD, name: 'Mod Phone', admin: 'admin' }, { phone: ANA, name: 'Ana' }] },
        // A Community nobody here belongs to: its name is not the device's to read.
        { id: other, subject: 'Hidden', community: true, members: [{ phone: ANA, name: 'Ana', admin: 'superadmin' }] },
      ],
    });
    const { c } = await linked(cleanups, sim);
    const spaces = new Map(c.info().spaces.map((s) => [s.id, s]));
    expect([...spaces.keys()]).toEqual([GROUP]);
    expect(spaces.get(GROUP)?.community).toEqual({ role: 'group', parentId: community, parentName: 'Riverside parents' });
  });
});
