// WhatsApp in the console, in a real Chromium against host mode and the practice WhatsApp server:
// Settings → Link WhatsApp shows the QR, the phone scans it, a scam in the WhatsApp group reaches the
// inbox, and `d` deletes it for everyone — once, on the server. The device's keys never reach the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { practiceGroupJid, startWhatsAppSimulator, type WhatsAppSimulator } from '../../src/main/practice/whatsapp/simulator';
import { rowWith, selectRowByKeys, seriousViolations, showAll } from './inbox';
import { startWatchedConsole, type WatchedConsole } from './practiceConsole';

const GROUP = practiceGroupJid(7);
const COMMUNITY = practiceGroupJid(8);
const SCAM = 'WhatsApp admins: verify your account at https://whatsapp-verify.top/login or lose it today';

let home: string;
let console_: WatchedConsole;
let sim: WhatsAppSimulator;
let page: Page;
let frames: string[];

beforeAll(async () => {
  sim = await startWhatsAppSimulator({
    groups: [
      {
        id: GROUP,
        subject: 'Neighbourhood group',
        // In a Community whose parent group the moderator's number is not in: its name is looked up.
        parent: COMMUNITY,
        members: [
          { phone: '15550000001', name: 'Mod Phone', admin: 'superadmin' },
          { phone: '15550000201', name: 'Rosa' },
          { phone: '15550000202', name: 'Verify Team' },
        ],
      },
      { id: COMMUNITY, subject: 'Riverside', community: true, members: [{ phone: '15550000201', name: 'Rosa', admin: 'superadmin' }] },
    ],
  });
  console_ = await startWatchedConsole('whatsapp', { seed: 13, scenario: false, telegram: false, whatsapp: false });
  ({ home, page, frames } = console_);
});

afterAll(async () => {
  await console_?.close();
  await sim?.close();
});

/** The QR the page was sent for `label` (what the phone's camera would read off the screen). */
function qrSentToPage(): string | undefined {
  for (const frame of [...frames].reverse()) {
    const match = /"qr":"(https:\/\/wa\.me\/settings\/linked_devices#[^"]+)"/.exec(frame);
    if (match) return match[1];
  }
  return undefined;
}

describe('WhatsApp in the console', () => {
  it('links from Settings by QR, a scam in the group reaches the inbox, and d deletes it for everyone', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Link WhatsApp' });
    await form.getByLabel('Name shown in the console').fill('Neighbourhood WhatsApp');
    await form.getByRole('button', { name: 'Use a different server' }).click();
    await form.getByLabel('Server address (ws://…/ws/chat)').fill(sim.url);
    await form.getByLabel('Server certificate root key (hex)').fill(sim.noiseRootKey);
    await form.getByRole('button', { name: 'Link WhatsApp device' }).click();

    const qr = page.getByRole('img', { name: 'QR code to link Neighbourhood WhatsApp' });
    await qr.waitFor({ timeout: 30_000 });
    // The form and the QR row are usable with assistive technology.
    expect(await seriousViolations(page)).toEqual([]);
    expect(await qr.locator('rect').count()).toBeGreaterThan(100);
    expect(await page.locator('.settings').innerText()).toContain('Scan this QR code with WhatsApp on the phone');
    // The phone scans the screen.
    const shown = qrSentToPage();
    expect(shown).toBeDefined();
    expect(await sim.scan(shown!)).toBe(true);
    await expect.poll(() => qr.count(), { timeout: 30_000 }).toBe(0);
    const row = page.locator('.source-row').filter({ hasText: 'Neighbourhood WhatsApp' });
    await expect.poll(() => row.getAttribute('class'), { timeout: 30_000 }).toMatch(/state-ready/);

    const id = await sim.post(GROUP, '15550000202', { conversation: SCAM });
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await expect
      .poll(
        () =>
          selectRowByKeys(page, 'whatsapp-verify.top').then(
            () => true,
            () => false,
          ),
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    const selected = page.locator('[role="option"][aria-selected="true"]');
    expect(await selected.locator('.badge').innerText()).toBe('WhatsApp');
    expect(await selected.locator('.channel').innerText()).toBe('Riverside › Neighbourhood group');
    await page.keyboard.press('Enter');
    await page.locator('#item .action-bar').waitFor();
    await page.keyboard.press('d');
    await expect.poll(() => sim.messages().get(id)?.revoked, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toMatch(/Deleted/);
    expect(sim.revokes().filter((r) => r.id === id)).toHaveLength(1);

    // Keys and sessions stayed in main: the secret file holds them, no frame to the page does.
    const secrets = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(join(home, 'secrets.json'), 'utf8')));
    const auth = Object.entries(secrets).find(([name]) => name.endsWith(':whatsappAuth'))?.[1];
    expect(auth).toBeDefined();
    const noiseKey = (JSON.parse(auth!) as { creds: { noiseKey: { private: { data: string } } } }).creds.noiseKey.private.data;
    expect(frames.some((f) => f.includes(noiseKey) || f.includes('whatsappAuth'))).toBe(false);
  });

  it('bulk-bans a raid in the group: each raider removed once, the invite link reset once', async () => {
    const raiders = Array.from({ length: 5 }, (_, i) => ({ phone: `155500093${String(i).padStart(2, '0')}`, name: `signals ${i + 1}` }));
    for (const [i, r] of raiders.entries()) {
      await sim.join(GROUP, r);
      await sim.post(GROUP, r.phone, { conversation: `🚀 100x signals group, join now https://t.me/+pumpsignals${i} 🚀` });
    }
    await showAll(page);
    // The wave of copies is one item holding every account that posted one.
    const raidRow = rowWith(page, /signals 1, signals 2 \+3/).first();
    await raidRow.waitFor({ timeout: 30_000 });
    await raidRow.click();
    await page.getByRole('button', { name: /^Ban all \d+ accounts/ }).click();
    const confirm = page.getByRole('form', { name: 'Confirm the bulk ban' });
    const words = await confirm.innerText();
    expect(words).toMatch(/WhatsApp has no ban: the \d+ accounts there are removed instead, in one request per group and 50 accounts, and the invite link is reset once per group \(1 reset in all\)/);
    const planned = Number(/This bans (\d+) accounts/.exec(words)?.[1]);
    expect(planned).toBeGreaterThanOrEqual(raiders.length);
    const removalRequests = () => sim.received().filter((n) => n.tag === 'iq' && n.attrs.type === 'set' && n.attrs.to === GROUP && Array.isArray(n.content) && n.content[0]?.tag === 'remove').length;
    const requestsBefore = removalRequests();
    await confirm.getByRole('button', { name: /^Ban \d+ accounts/ }).click();
    const progress = page.getByRole('status').filter({ hasText: /of \d+ done/ });
    await expect.poll(async () => /^(\d+) of \1 done$/.test(await progress.innerText()), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.locator('#item .bulk-reset').innerText(), { timeout: 20_000 }).toMatch(/Invite link reset: done/);
    const members = () => sim.groups().find((g) => g.id === GROUP)!.members.map((m) => m.phone);
    for (const r of raiders) {
      expect(members()).not.toContain(r.phone);
      expect(sim.removals().filter((x) => x.phone === r.phone)).toHaveLength(1);
      expect(await page.locator(`.bulk-results li[data-member="${r.phone}@s.whatsapp.net"]`).innerText()).toMatch(/done/);
    }
    // One removal request for the whole raid (each account answered in it), not one per account.
    expect(removalRequests() - requestsBefore).toBe(1);
    // One reset for the whole raid, not one per account.
    const resets = sim.received().filter((n) => n.tag === 'iq' && n.attrs.type === 'set' && n.attrs.to === GROUP && Array.isArray(n.content) && n.content.some((c) => c.tag === 'invite'));
    expect(resets).toHaveLength(1);
  });
});
