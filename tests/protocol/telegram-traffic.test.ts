// Telegram traffic through the whole core (real gramjs, the pipeline with triage, the renderer's ingest
// into IndexedDB): a message edited into a scam opens an item with its text before the edit, a forward's
// item says whose message it was, and an admin's ban in the Telegram app settles the member's items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItem } from '../../src/shared/domain/inbox';
import type { Envelope } from '../../src/shared/domain/model';
import { startTelegramSimulator } from '../../src/main/practice/telegram/simulator';
import type { TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import type { TribeDb } from '../../src/renderer/src/db/db';
import { startStoredCore, type StoredCore } from './storedCore';
import { until } from './until';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';

let sim: TelegramSimulator;
let harness: StoredCore;
let db: TribeDb;
let envelopes: Envelope[] = [];
const app = PRACTICE_TELEGRAM_APP;

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 6 });
  const source = { platform: 'telegram' as const, id: 'tg', label: 'Practice Community Chat', practice: true, ...app, botToken: sim.botToken, server: { host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem } };
  harness = await startStoredCore('tg-traffic', [source], { telegramApp: app });
  ({ db, envelopes } = harness);
});

afterAll(async () => {
  await harness?.close();
  await sim.close();
});

const item = (id: string): Promise<InboxItem> => harness.item(id);

describe('Telegram traffic through the core (issue 13, points 6, 7, 9)', () => {
  it('opens an item when a message is edited into a scam, keeping the text before the edit', async () => {
    const author = sim.memberIds()[2]!;
    const posted = sim.postMessage({ authorId: author, text: 'who is coming to the AMA tomorrow?' });
    const created = await until(() => envelopes.find((e) => e.event.kind === 'message' && e.event.messageId === String(posted.id)), 'the message');
    expect(created.flags).toEqual([]);
    sim.editMessage(sim.supergroupId, posted.id, 'AMA moved! claim your free nitro first: https://discord-gift.ru/claim');
    const opened = await item(`msg:${created.event.id}`);
    expect(opened).toMatchObject({ status: 'open', authorId: author, messageId: String(posted.id), primaryEventId: created.event.id });
    expect(opened.flags.map((f) => f.category)).toContain('scam');
    const row = await db.events.get(created.event.id);
    expect(row).toMatchObject({ originalText: 'who is coming to the AMA tomorrow?', text: 'AMA moved! claim your free nitro first: https://discord-gift.ru/claim' });
  });

  it('keeps whose message a forward was, on the event the item opens', async () => {
    const posted = sim.postMessage({ authorId: sim.memberIds()[3]!, text: 'Free Nitro for everyone! claim: https://ton-rewards.example/claim?f=1', forwardedFrom: 'TON Official Rewards' });
    const env = await until(() => envelopes.find((e) => e.event.messageId === String(posted.id)), 'the forward');
    expect(env.event.forwardedFrom).toBe('TON Official Rewards');
    const opened = await item(`msg:${env.event.id}`);
    expect((await db.events.get(opened.primaryEventId))?.forwardedFrom).toBe('TON Official Rewards');
  });

  it('settles a member\'s items when an admin bans them in the Telegram app, naming the admin', async () => {
    const chat = sim.supergroupId;
    const admin = sim.users().find((u) => !u.bot && u.id !== sim.botUserId && sim.member(chat, u.id)?.admin)?.id;
    const target = sim.memberIds().find((id) => id !== admin && !sim.member(chat, id)?.admin && !sim.user(id)?.bot && id !== sim.memberIds()[2] && id !== sim.memberIds()[3]);
    if (!admin || !target) throw new Error('the practice group lacks an admin or a plain member');
    const posted = sim.postMessage({ authorId: target, text: 'Free Nitro giveaway before the ban! claim: https://nitro-ban.example/claim?b=2' });
    const env = await until(() => envelopes.find((e) => e.event.messageId === String(posted.id)), 'the scam');
    await item(`msg:${env.event.id}`);
    sim.restrictAsAdmin(target, admin, { ban: true });
    const ban = await until(() => envelopes.find((e) => e.event.kind === 'modAction' && e.event.moderation?.targetId === target), 'the ban');
    expect(ban.event.moderation).toEqual({ action: 'ban', targetId: target });
    const by = ban.event.author!.displayName ?? ban.event.author!.name;
    await expect.poll(async () => {
      await harness.settled();
      return (await db.inboxItems.get(`msg:${env.event.id}`))?.outcome;
    }, { timeout: 15_000 }).toMatchObject({ kind: 'ban', detail: `native:telegram:${by}` });
  });

  it('flags a member whose name copies a Telegram admin\'s with look-alike letters (point 8)', async () => {
    // Sam Lindqvist moderates the practice group; the copy has a Cyrillic "а" and a "support" handle.
    const copy = sim.addMember({ firstName: 'Sаm Lindqvist', username: 'sam_lindqvist_support' });
    const honest = sim.addMember({ firstName: 'Samira', username: 'samira_k' });
    // The group's admins are read when triage first asks about the group: from then on every
    // message of the copy is flagged. Each round posts one message and waits for its envelope.
    let flagged: Envelope | undefined;
    for (let round = 0; round < 20 && !flagged; round++) {
      const posted = sim.postMessage({ authorId: copy.id, text: `hi all, message me if you need help with your account (${round})` });
      const env = await until(() => envelopes.find((e) => e.event.kind === 'message' && e.event.messageId === String(posted.id)), 'the copy\'s message');
      if (env.flags.some((f) => f.rule === 'scam.impersonation')) flagged = env;
    }
    expect(flagged?.flags.find((f) => f.rule === 'scam.impersonation')?.reason).toMatch(/Sam Lindqvist|sam_mod/);
    const plain = sim.postMessage({ authorId: honest.id, text: 'hi all, message me if you need help with your build' });
    const env = await until(() => envelopes.find((e) => e.event.kind === 'message' && e.event.messageId === String(plain.id)), 'the honest message');
    expect(env.flags.filter((f) => f.rule === 'scam.impersonation')).toEqual([]);
  });
});
