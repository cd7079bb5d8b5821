// The real Baileys client (through WhatsAppConnector) against the practice WhatsApp server, at the
// wire: Noise handshake under the server's own certificate root, linking by QR (signed device
// identity, 515 restart), Signal-encrypted group messages (pkmsg + skmsg) into neutral events,
// joins/leaves, actions (reply quoted, delete for everyone once, remove), offline delivery on
// reconnect, a restart from the saved device state, and a logout from the phone that stops for good.
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import type { AuthVault } from '../../src/main/connectors/whatsapp/authState';
import type { WhatsAppSourceConfig } from '../../src/main/connectors/whatsapp/client';
import { practiceGroupJid, startWhatsAppSimulator, type WhatsAppSimulator } from '../../src/main/practice/whatsapp/simulator';
import { until } from './until';
import { connector as sharedConnector, intentIn, linked as sharedLinked, memoryVault, simulator as sharedSimulator } from './whatsappLinked';
import { applyReaction, votesOn } from '../../src/shared/feedback/votes';

const GROUP = practiceGroupJid(1);
const ANA = '15550000002';
const BEN = '15550000003';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// The shared set-up (whatsappLinked.ts) for this file's group, under the names its tests use.
const simulator = () =>
  sharedSimulator(cleanups, {
    groups: [
      {
        id: GROUP,
        subject: 'Course group',
        members: [
          { phone: '15550000001', name: 'Mod Phone', admin: 'superadmin' },
          { phone: ANA, name: 'Ana' },
          { phone: BEN, name: 'Ben' },
        ],
      },
    ],
  });
const connector = (sim: WhatsAppSimulator, vault: AuthVault, extra: Partial<WhatsAppSourceConfig> = {}) => sharedConnector(cleanups, sim, vault, extra);
const linked = (sim: WhatsAppSimulator, vault = memoryVault().vault, extra: Partial<WhatsAppSourceConfig> = {}) => sharedLinked(cleanups, sim, extra, vault);
const intent = intentIn(GROUP);

describe('WhatsApp connector against the practice server', () => {
  it('links by QR (the QR is in the connection state), restarts after 515, sees the group', async () => {
    const sim = await simulator();
    const { vault, box } = memoryVault();
    const { c, infos } = await linked(sim, vault);
    expect(infos.some((i) => i.stateFields?.reason === 'link_qr' && i.link?.qr.startsWith('https://wa.me/settings/linked_devices#'))).toBe(true);
    expect(infos.some((i) => i.stateFields?.reason === 'linked')).toBe(true);
    const info = c.info();
    expect(info.link).toBeUndefined();
    expect(info.spaces).toEqual([{ id: GROUP, name: 'Course group', memberCount: 3, channels: [{ id: GROUP, name: 'Course group', kind: 'text' }] }]);
    expect(info.self?.id).toBe('15550000001@s.whatsapp.net');
    // The device state went to the vault, and nothing of it is in what the window sees.
    await until(() => box.value, 'the device state saved');
    const state = JSON.parse(box.value!) as { creds: { me?: { id: string } } };
    expect(state.creds.me?.id).toMatch(/^15550000001:\d+@s\.whatsapp\.net$/);
    expect(JSON.stringify(infos)).not.toContain('noiseKey');
  });

  it('refuses a server whose certificate chain is not rooted in the configured key', async () => {
    const sim = await simulator();
    const other = await startWhatsAppSimulator({});
    cleanups.push(() => other.close());
    const conn = connector(sim, memoryVault().vault, { server: { url: sim.url, noiseRootKey: other.noiseRootKey }, retryDelayMs: 60_000 });
    void conn.c.start();
    await until(() => conn.c.info().state === 'disconnected', 'the handshake to fail');
    expect(conn.c.info().link).toBeUndefined();
  });

  it("turns Signal-encrypted group messages, joins and leaves into neutral events; reads members' abouts only when asked", async () => {
    const sim = await simulator();
    const { c, events } = await linked(sim);
    const id = await sim.post(GROUP, ANA, { extendedTextMessage: { text: 'Free crypto giveaway, claim at https://claim-bonus.example', contextInfo: { isForwarded: true, forwardingScore: 7 } } });
    const message = await until(() => events.find((e) => e.messageId === id), 'the message event');
    expect(message).toMatchObject({
      id: `whatsapp:${GROUP}:${GROUP}:${id}`,
      platform: 'whatsapp',
      kind: 'message',
      spaceId: GROUP,
      spaceName: 'Course group',
      channelId: GROUP,
      text: 'Free crypto giveaway, claim at https://claim-bonus.example',
      author: { id: `${ANA}@s.whatsapp.net`, name: 'Ana', bot: false },
      forwarded: 'many',
    });
    const reply = await sim.post(GROUP, BEN, { extendedTextMessage: { text: 'is this real?', contextInfo: { stanzaId: id, participant: `${ANA}@s.whatsapp.net` } } });
    expect(await until(() => events.find((e) => e.messageId === reply), 'the reply')).toMatchObject({ replyToMessageId: id, author: { name: 'Ben' } });

    // A reaction and its take-back (an empty reaction) on the original: one event each, the votes they make.
    const reactionKey = { id, remoteJid: GROUP, participant: `${ANA}@s.whatsapp.net`, fromMe: false };
    await sim.post(GROUP, BEN, { reactionMessage: { key: reactionKey, text: '👍', senderTimestampMs: Date.now() } });
    const reacted = await until(() => events.find((e) => e.kind === 'reaction' && e.messageId === id && e.text), 'the reaction');
    expect(reacted).toMatchObject({ author: { id: `${BEN}@s.whatsapp.net` }, text: '👍' });
    expect(votesOn(applyReaction({}, reacted), [`whatsapp:${GROUP}:${GROUP}:${id}`])).toBe(1);
    await sim.post(GROUP, BEN, { reactionMessage: { key: reactionKey, text: '', senderTimestampMs: Date.now() } });
    const takenBack = await until(() => events.find((e) => e.kind === 'reaction' && e.messageId === id && e.text === ''), 'the take-back');
    expect(votesOn([reacted, takenBack].reduce(applyReaction, {}), [`whatsapp:${GROUP}:${GROUP}:${id}`])).toBe(0);
    expect(events.filter((e) => e.kind === 'reaction')).toHaveLength(2);

    await sim.join(GROUP, { phone: '15550000099', name: 'Newcomer' });
    const join = await until(() => events.find((e) => e.kind === 'join'), 'the join');
    expect(join).toMatchObject({ spaceId: GROUP, channelId: 'members', author: { id: '15550000099@s.whatsapp.net' } });
    await sim.leave(GROUP, '15550000099');
    expect(await until(() => events.find((e) => e.kind === 'leave'), 'the leave')).toMatchObject({ author: { id: '15550000099@s.whatsapp.net' } });
    // Nothing was delivered twice.
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);

    // Members' abouts: read only when asked (USync status), once while cached; a hidden one is none,
    // a number in no group of the device's (the newcomer who left, a stranger) is not asked at all.
    sim.setAbout(ANA, 'art & mods: @ana_draws on discord <img src=x onerror=alert(1)>');
    sim.setAbout(BEN, 'only my contacts see this', { hidden: true });
    expect(sim.statusReads()).toEqual([]);
    const bios = await c.bios([`${ANA}@s.whatsapp.net`, `${BEN}@s.whatsapp.net`, '15550000099@s.whatsapp.net', '15550000077@s.whatsapp.net']);
    expect(bios.get(`${ANA}@s.whatsapp.net`)).toBe('art & mods: @ana_draws on discord <img src=x onerror=alert(1)>');
    expect(bios.get(`${BEN}@s.whatsapp.net`)).toBeNull();
    expect(bios.has('15550000099@s.whatsapp.net')).toBe(false);
    expect(bios.has('15550000077@s.whatsapp.net')).toBe(false);
    expect(sim.statusReads()).toEqual([ANA, BEN]);
    expect((await c.bios([`${ANA}@s.whatsapp.net`])).get(`${ANA}@s.whatsapp.net`)).toContain('@ana_draws');
    expect(sim.statusReads()).toHaveLength(2);
  });

  it('names members of a LID-addressed group by their number when WhatsApp gives it, else by their LID; reads edits wrapped as phones send them, invite and contact cards; skips an id no phone makes', async () => {
    const sim = await simulator();
    const { c, events } = await linked(sim);
    // Members who have not written to this device before: their sessions start under the LID.
    await sim.join(GROUP, { phone: '15550000077', name: 'Lia' });
    await sim.join(GROUP, { phone: '15550000078', name: 'Lou' });
    const withPhone = await sim.post(GROUP, '15550000077', { conversation: 'hi from a LID group' }, { lid: 'with-phone' });
    expect(await until(() => events.find((e) => e.messageId === withPhone), 'the LID message with its number')).toMatchObject({
      author: { id: '15550000077@s.whatsapp.net', name: 'Lia' },
      text: 'hi from a LID group',
    });
    const lidOnly = await sim.post(GROUP, '15550000078', { conversation: 'number hidden' }, { lid: 'only' });
    const hidden = await until(() => events.find((e) => e.messageId === lidOnly), 'the LID-only message');
    expect(hidden.author?.id).toMatch(/^\d+@lid$/);
    expect(hidden.author?.name).toBe('Lou');
    // Their about is read by that LID, the only id the console has for them.
    sim.setAbout('15550000078', 'discord: @lou_x');
    expect((await c.bios([hidden.author!.id])).get(hidden.author!.id)).toBe('discord: @lou_x');
    expect(sim.statusReads()).toEqual(['15550000078']);
    // A reaction from the same member, LID-addressed, names them the same way as their message.
    await sim.post(GROUP, '15550000077', { reactionMessage: { key: { id: lidOnly, remoteJid: GROUP, fromMe: false }, text: '👍', senderTimestampMs: Date.now() } }, { lid: 'with-phone' });
    expect(await until(() => events.find((e) => e.kind === 'reaction' && e.messageId === lidOnly), 'the LID reaction')).toMatchObject({ author: { id: '15550000077@s.whatsapp.net' } });
    // An edit as phones send it: the protocol message wrapped in `editedMessage` (a future-proof message).
    await sim.post(
      GROUP,
      '15550000077',
      { editedMessage: { message: { protocolMessage: { type: 14, key: { id: withPhone, remoteJid: GROUP, fromMe: true }, editedMessage: { conversation: 'claim at https://edited-in.example' }, timestampMs: Date.now() } } } },
      { lid: 'with-phone' },
    );
    expect(await until(() => events.find((e) => e.kind === 'edit' && e.messageId === withPhone), 'the wrapped edit')).toMatchObject({ text: 'claim at https://edited-in.example', author: { id: '15550000077@s.whatsapp.net' } });
    // Cards with no text field of their own: an invite to another group (the link is where it leads), a contact.
    const invite = await sim.post(GROUP, '15550000078', { groupInviteMessage: { groupJid: '120363099999999999@g.us', inviteCode: 'Kx7QpSignals', groupName: 'Crypto Signals VIP', caption: 'join for daily 10x' } }, { lid: 'only' });
    expect(await until(() => events.find((e) => e.messageId === invite), 'the group invite')).toMatchObject({
      text: 'join for daily 10x\nCrypto Signals VIP',
      linkTargets: [{ via: 'button', shown: 'Crypto Signals VIP', url: 'https://chat.whatsapp.com/Kx7QpSignals' }],
    });
    const contact = await sim.post(GROUP, '15550000078', { contactMessage: { displayName: 'WhatsApp Support Team', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:WhatsApp Support Team\nTEL:+15550009999\nEND:VCARD' } }, { lid: 'only' });
    expect(await until(() => events.find((e) => e.messageId === contact), 'the contact card')).toMatchObject({ text: 'WhatsApp Support Team', attachments: [{ name: 'WhatsApp Support Team', contentType: 'text/vcard' }] });
    // The sender picks a message's id: one far longer than a phone makes (too long for the contract, so the
    // renderer would drop the whole batch it came in) is skipped, and the stream goes on.
    await sim.post(GROUP, '15550000077', { conversation: 'an id no phone makes' }, { id: 'F'.repeat(250), lid: 'with-phone' });
    const marker = await sim.post(GROUP, '15550000077', { conversation: 'after the long id' }, { lid: 'with-phone' });
    await until(() => events.find((e) => e.messageId === marker), 'the message after the long id');
    expect(events.filter((e) => !ChatEventSchema.safeParse(e).success)).toEqual([]);
    expect(events.some((e) => e.text === 'an id no phone makes')).toBe(false);
  });

  it('prints no Signal session record while sessions open and close (libsignal logs them whole)', async () => {
    // What reaches the console after main's filter: this recorder sits under the guard that
    // loading Baileys puts on (it wraps whatever the console methods are at that moment).
    const printed: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const originals = methods.map((m) => console[m]);
    for (const m of methods) {
      const through = console[m];
      console[m] = (...args: unknown[]) => {
        printed.push(format(...args));
        through.apply(console, args);
      };
    }
    cleanups.push(async () => {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    });
    const sim = await simulator();
    const { events } = await linked(sim);
    // Ana's first message opens a session (her phone's and the device's); after her phone drops it,
    // her next message brings a fresh pre-key bundle and both sides close the old session.
    const first = await sim.post(GROUP, ANA, { conversation: 'hello' });
    await until(() => events.some((e) => e.messageId === first), 'the first message');
    sim.newSession(ANA);
    const second = await sim.post(GROUP, ANA, { conversation: 'hello again, new session' });
    await until(() => events.some((e) => e.messageId === second), 'the message on the new session');
    const all = printed.join('\n');
    for (const leak of ['Opening session', 'Closing session', 'Session already closed', 'privKey', 'rootKey', 'chainKey', 'baseKey', '<Buffer']) expect(all).not.toContain(leak);
    // Other console output still gets through the filter.
    console.warn('a library warning');
    expect(printed.at(-1)).toBe('a library warning');
  });

  it('replies quoted, deletes for everyone exactly once, removes a member once', async () => {
    const sim = await simulator();
    const { c, events } = await linked(sim);
    const scam = await sim.post(GROUP, ANA, { conversation: 'send 0.1 BTC to double it' });
    await until(() => events.find((e) => e.messageId === scam), 'the scam');

    const replyIntent = intent({ kind: 'reply', text: 'Please do not share giveaways here.', replyToMessageId: scam });
    const replied = await c.execute(replyIntent);
    expect(replied.ok).toBe(true);
    const createdId = replied.ok ? replied.value.createdMessageId! : '';
    const sent = await until(() => sim.messages().get(createdId), 'the reply on the server');
    expect(sent.message.extendedTextMessage).toMatchObject({ text: 'Please do not share giveaways here.', contextInfo: { stanzaId: scam, participant: `${ANA}@s.whatsapp.net` } });
    // The id is the console's: the same intent replayed sends the same id (recipients drop the repeat).
    const again = await c.execute(replyIntent);
    expect(again.ok && again.value.createdMessageId).toBe(createdId);

    const del = intent({ kind: 'delete', messageId: scam });
    expect(await c.execute(del)).toMatchObject({ ok: true, value: { kind: 'delete' } });
    await until(() => sim.messages().get(scam)?.revoked, 'the revoke on the server');
    await until(() => events.find((e) => e.kind === 'delete' && e.messageId === scam), 'the delete event from our own revoke');
    // A replay finds it done and sends nothing.
    expect(await c.execute(del)).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(sim.revokes().filter((r) => r.id === scam)).toEqual([{ group: GROUP, id: scam, admin: true }]);

    // A scheduled announcement's part goes out under its own console-chosen id.
    const announced = await c.execute(intent({ kind: 'announce', announcementId: randomUUID(), part: 0, parts: 1, text: 'Study call tonight at 8pm', pin: false }));
    expect(announced.ok).toBe(true);
    const announcedId = announced.ok ? announced.value.createdMessageId! : '';
    expect((await until(() => sim.messages().get(announcedId), 'the announcement on the server')).message.extendedTextMessage?.text ?? sim.messages().get(announcedId)?.message.conversation).toBe('Study call tonight at 8pm');

    const kick = intent({ kind: 'kick', memberId: `${ANA}@s.whatsapp.net` });
    expect(await c.execute(kick)).toMatchObject({ ok: true, value: { kind: 'kick' } });
    await until(() => events.find((e) => e.kind === 'modAction' && e.moderation?.targetId === `${ANA}@s.whatsapp.net`), 'the removal event');
    expect(await c.execute(kick)).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(sim.removals()).toEqual([{ group: GROUP, phone: ANA }]);

    // No timeout and no ban on WhatsApp: said as data, with the advice.
    expect(await c.execute(intent({ kind: 'ban', memberId: `${BEN}@s.whatsapp.net` }))).toMatchObject({
      ok: false,
      error: { code: 'unsupported', fields: { reason: 'whatsapp_no_ban' } },
    });
  });

  it('gets what was posted while it was down on reconnect, from the saved device state: 0 lost, 0 twice', async () => {
    const sim = await simulator();
    const { vault, box } = memoryVault();
    const first = await linked(sim, vault);
    const warm = await sim.post(GROUP, ANA, { conversation: 'before the restart' });
    await until(() => first.events.find((e) => e.messageId === warm), 'the first message');
    await first.c.stop();
    const writes = box.writes;
    expect(writes).toBeGreaterThan(0);

    const offline: string[] = [];
    for (let i = 0; i < 120; i += 1) offline.push(await sim.post(GROUP, i % 2 ? ANA : BEN, { conversation: `while offline ${i}` }));

    const second = connector(sim, vault);
    const started = await second.c.start();
    expect(started.ok).toBe(true);
    // Logged in from the saved state: no QR this time.
    expect(second.infos.some((i) => i.link)).toBe(false);
    await until(() => offline.every((id) => second.events.some((e) => e.messageId === id)), 'every offline message', 60_000);
    // A stanza the first run had not acked yet comes again; its keys are spent, so it cannot be
    // decrypted twice — it keeps its id, and the pipeline drops it as the repeat it is.
    const undecryptable = second.events.filter((e) => e.detail === 'undecryptable').map((e) => e.messageId);
    expect(undecryptable.filter((id) => id !== warm)).toEqual([]);
    const delivered = second.events.filter((e) => e.kind === 'message' && e.detail !== 'undecryptable').map((e) => e.messageId);
    expect(delivered).toEqual(offline);
  });

  it('reconnects by itself after the network drops, and gets what was posted meanwhile', async () => {
    const sim = await simulator();
    const { c, events } = await linked(sim, memoryVault().vault, { retryDelayMs: 50 });
    const connections = sim.connectionCount();
    sim.dropConnections();
    await until(() => c.info().state !== 'ready', 'the dropped state');
    const during = await sim.post(GROUP, BEN, { conversation: 'posted while the device was away' });
    await until(() => c.info().state === 'ready' && sim.connectionCount() > connections, 'the device back');
    // Within seconds, not after Baileys' 20 s wait for a history sync the console does not read.
    expect(await until(() => events.find((e) => e.messageId === during), 'the message from the gap', 10_000)).toMatchObject({ text: 'posted while the device was away' });
    expect(events.filter((e) => e.messageId === during)).toHaveLength(1);
  });

  it('shows a message it cannot decrypt as such, with its author, instead of dropping it', async () => {
    const sim = await simulator();
    const { events } = await linked(sim);
    const broken = await sim.post(GROUP, ANA, { conversation: 'you will never read this' }, { undecryptable: true });
    const event = await until(() => events.find((e) => e.messageId === broken), 'the undecryptable message');
    expect(event).toMatchObject({ kind: 'message', detail: 'undecryptable', text: '', author: { id: `${ANA}@s.whatsapp.net`, name: 'Ana' } });
    // The next message from the same member still comes through.
    const next = await sim.post(GROUP, ANA, { conversation: 'and this one you can' });
    expect(await until(() => events.find((e) => e.messageId === next), 'the next message')).toMatchObject({ text: 'and this one you can' });
  });

  it('replaces an undecryptable message with the readable copy the phone sends when asked, once', async () => {
    const sim = await simulator();
    // The placeholder is shown at once (no grace), so the phone's answer comes after it.
    const { events } = await linked(sim, memoryVault().vault, { undecryptableGraceMs: 1 });
    const broken = await sim.post(GROUP, ANA, { conversation: 'send 0.1 BTC to win 1 BTC: https://btc-double.top' }, { undecryptable: true });
    expect(await until(() => events.find((e) => e.messageId === broken), 'the placeholder')).toMatchObject({ kind: 'message', detail: 'undecryptable', text: '' });
    // Baileys asks the phone for it (a placeholder resend); the phone is offline, then comes online.
    await until(() => sim.peerRequests().find((r) => r.type === 'placeholder' && r.ids.includes(broken)), 'the request to the phone', 30_000);
    expect(events.filter((e) => e.messageId === broken)).toHaveLength(1);
    // The phone comes online: Baileys' request for the next one is answered, after the placeholder showed.
    sim.setPhoneAnswers(true);
    const later = await sim.post(GROUP, ANA, { conversation: 'did you see my message?' }, { undecryptable: true });
    const readable = await until(() => events.find((e) => e.messageId === later && e.kind === 'edit'), 'the readable copy', 30_000);
    expect(readable).toMatchObject({ kind: 'edit', detail: 'decrypted later', text: 'did you see my message?', author: { id: `${ANA}@s.whatsapp.net`, name: 'Ana' } });
    expect(readable.id).not.toBe(events.find((e) => e.messageId === later && e.kind === 'message')!.id);
    // Once: a second copy (the phone's history) changes nothing.
    await sim.post(GROUP, BEN, { conversation: 'a marker after the copy' }).then((id) => until(() => events.find((e) => e.messageId === id), 'the marker'));
    expect(events.filter((e) => e.messageId === later).map((e) => e.kind)).toEqual(['message', 'edit']);
  });

  it('says so when the QR expires unscanned, and does not loop', async () => {
    const sim = await startWhatsAppSimulator({ qrRefs: 2 });
    cleanups.push(() => sim.close());
    const conn = connector(sim, memoryVault().vault, { qrTimeoutMs: 50, retryDelayMs: 1 });
    expect((await conn.c.start()).ok).toBe(true);
    await until(() => conn.c.info().stateFields?.reason === 'link_expired', 'the expired link');
    expect(conn.c.info()).toMatchObject({ state: 'error' });
    expect(conn.c.info().link).toBeUndefined();
    expect(conn.infos.filter((i) => i.link).map((i) => i.link!.qr)).toHaveLength(2);
    expect(sim.connectionCount()).toBe(1);
  });

  it('stops and says so when WhatsApp bans the account (403, 406; 402 for a while): no retry loop, the device state kept', async () => {
    const sim = await simulator();
    const { vault, box } = memoryVault();
    // A retry would come after 1 ms.
    const { c, infos } = await linked(sim, vault, { retryDelayMs: 1 });
    await until(() => box.value, 'the saved state');
    const before = sim.connectionCount();
    sim.banAccount(403);
    await until(() => c.info().stateFields?.reason === 'account_banned', 'the banned state');
    expect(c.info().state).toBe('error');
    expect(infos.at(-1)?.stateFields).toEqual({ reason: 'account_banned', status: 403 });
    // Not a logout: the device stays linked (an appeal may lift the ban), its state is not thrown away.
    expect(box.value).toBeDefined();
    await sim.post(GROUP, ANA, { conversation: 'while banned' });
    expect(sim.connectionCount()).toBe(before);
    // Lifted: a start links nothing anew, the same device comes back.
    sim.banAccount(undefined);
    expect((await c.start()).ok).toBe(true);
    await until(() => c.info().state === 'ready', 'the device back after the ban');
    // A temporary ban says it is one, and a login refused with it does not loop either.
    sim.banAccount(402);
    await until(() => c.info().stateFields?.reason === 'account_banned_temporarily', 'the temporarily banned state');
    expect(sim.connectionCount()).toBe(before + 1);
  });

  it('stops for good when the phone logs the device out: no retry loop, the state is forgotten', async () => {
    const sim = await simulator();
    const { vault, box } = memoryVault();
    // A retry would come after 1 ms: the wait below is hundreds of retry periods.
    const { c, infos } = await linked(sim, vault, { retryDelayMs: 1 });
    await until(() => box.value, 'the saved state');
    const before = sim.connectionCount();
    await sim.logOutDevice();
    await until(() => c.info().state === 'token_invalid', 'the logged-out state');
    expect(infos.at(-1)?.stateFields).toEqual({ reason: 'logged_out' });
    expect(box.value).toBeUndefined();
    // Give a retry loop every chance to show itself: the server sees no new connection.
    await sim.post(GROUP, ANA, { conversation: 'after logout' });
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.connectionCount()).toBe(before);
    expect(c.info().state).toBe('token_invalid');
  });
});
