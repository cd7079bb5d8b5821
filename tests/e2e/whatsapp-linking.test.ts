// Linking WhatsApp from Settings in a real Chromium against host mode and the practice WhatsApp
// server, when the QR is not the way: the phone refuses the link (the row says so in words and
// offers Link again, which shows a new QR that links), and linking by phone number (the row shows
// the pairing code, typed on the phone it links).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceGroupJid, startWhatsAppSimulator, type WhatsAppSimulator } from '../../src/main/practice/whatsapp/simulator';
import { selectRowByKeys, seriousViolations } from './inbox';
import { startWatchedConsole, type WatchedConsole } from './practiceConsole';

const GROUP = practiceGroupJid(8);

let console_: WatchedConsole;
let sim: WhatsAppSimulator;
let page: Page;
let frames: string[];

beforeAll(async () => {
  sim = await startWhatsAppSimulator({
    groups: [{ id: GROUP, subject: 'Makers group', members: [{ phone: '15550000001', name: 'Mod Phone', admin: 'superadmin' }, { phone: '15550000301', name: 'Ines' }] }],
  });
  console_ = await startWatchedConsole('whatsapp-linking', { seed: 13, scenario: false, telegram: false, whatsapp: false });
  ({ page, frames } = console_);
});

afterAll(async () => {
  await console_?.close();
  await sim?.close();
});

/** The newest QR the page was sent (what the phone's camera would read off the screen). */
function qrSentToPage(after = 0): string | undefined {
  for (const frame of frames.slice(after).reverse()) {
    const match = /"qr":"(https:\/\/wa\.me\/settings\/linked_devices#[^"]+)"/.exec(frame);
    if (match) return match[1];
  }
  return undefined;
}

async function startLink(label: string, phone?: string) {
  const form = page.getByRole('form', { name: 'Link WhatsApp' });
  await form.getByLabel('Name shown in the console').fill(label);
  if (phone) {
    await form.getByLabel('Link with a phone number instead of a QR code').check();
    await form.getByLabel('Phone number of the WhatsApp account, with country code').fill(phone);
  }
  if ((await form.getByRole('button', { name: 'Use a different server' }).getAttribute('aria-expanded')) !== 'true') await form.getByRole('button', { name: 'Use a different server' }).click();
  await form.getByLabel('Server address (ws://…/ws/chat)').fill(sim.url);
  await form.getByLabel('Server certificate root key (hex)').fill(sim.noiseRootKey);
  await form.getByRole('button', { name: 'Link WhatsApp device' }).click();
}

describe('Linking WhatsApp from Settings when the QR is not the way', () => {
  it('shows the phone’s refusal in words, and Link again brings a new QR that links', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await startLink('Makers WhatsApp');
    const qr = page.getByRole('img', { name: 'QR code to link Makers WhatsApp' });
    await qr.waitFor({ timeout: 30_000 });
    const first = qrSentToPage();
    expect(first).toBeDefined();
    expect(sim.refuse(first!)).toBe(true);

    const row = page.locator('.source-row').filter({ hasText: 'Makers WhatsApp' });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('The phone refused to link this device');
    expect(await qr.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    const seen = frames.length;
    await row.getByRole('button', { name: 'Link Makers WhatsApp again' }).click();
    await qr.waitFor({ timeout: 30_000 });
    await expect.poll(() => qrSentToPage(seen), { timeout: 30_000 }).toBeDefined();
    const second = qrSentToPage(seen)!;
    expect(second).not.toBe(first);
    expect(await sim.scan(second)).toBe(true);
    await expect.poll(() => row.getAttribute('class'), { timeout: 30_000 }).toMatch(/state-ready/);
    await expect.poll(() => row.getByRole('button', { name: 'Link Makers WhatsApp again' }).count()).toBe(0);
    // This device goes; the next test links the phone by its number.
    await row.getByRole('button', { name: 'Remove Makers WhatsApp' }).click();
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
  });

  it('links by phone number: the pairing code shows, typed on the phone it links', async () => {
    await startLink('Makers by number', '+1 555 000 0001');
    const code = page.getByRole('status', { name: 'Pairing code to link Makers by number' });
    await code.waitFor({ timeout: 30_000 });
    const shown = (await code.innerText()).trim();
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.locator('.settings').innerText()).toContain('Link with phone number instead');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sim.enterCode(shown)).toBe(true);
    const row = page.locator('.source-row').filter({ hasText: 'Makers by number' });
    await expect.poll(() => row.getAttribute('class'), { timeout: 30_000 }).toMatch(/state-ready/);
    await expect.poll(() => code.count()).toBe(0);
  });

  it('Ban on a WhatsApp item removes the member and resets the invite link, as one action', async () => {
    sim.groups()[0]!.inviteCode = 'MakersOldLink01';
    await sim.post(GROUP, '15550000301', { conversation: 'Claim your free crypto airdrop now at https://airdrop-claim.top/wallet before it ends' });
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await expect.poll(() => selectRowByKeys(page, 'airdrop-claim.top').then(() => true, () => false), { timeout: 30_000, interval: 250 }).toBe(true);
    await page.keyboard.press('Enter');
    const bar = page.locator('#item .action-bar');
    await bar.waitFor();
    // WhatsApp has no ban: the button says what it does instead; the group admin commands are there.
    expect(await bar.getByRole('button', { name: 'Ban', exact: true }).count()).toBe(0);
    for (const name of ['Pin message', 'Reset invite link', 'Make admin', 'Remove admin']) expect(await bar.getByRole('button', { name, exact: true }).count()).toBe(1);
    await bar.getByRole('button', { name: 'Remove + reset invite link' }).click();
    const form = page.getByRole('form', { name: 'Remove the member and reset the invite link' });
    await form.waitFor();
    expect(await form.innerText()).toContain('WhatsApp has no ban');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Remove and reset link' }).click();
    await expect.poll(() => sim.groups()[0]!.members.some((m) => m.phone === '15550000301'), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => sim.groups()[0]!.inviteCode, { timeout: 20_000 }).not.toBe('MakersOldLink01');
    expect(sim.removals()).toEqual([{ group: GROUP, phone: '15550000301' }]);
  });
});
