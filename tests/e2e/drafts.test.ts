// No moderator's typed text is lost, in a real Chromium against host mode and the practice community:
// a reply stopped by an unfilled placeholder, a second item's reply and an announcement come back after
// a reload with a quiet "Draft restored"; a sent reply does not; a resolved item's draft still shows,
// with the item's state, until discarded; hostile text stays text; the connection form is never kept.
// Every wait is on a condition: the drafts table in the page's IndexedDB, or the marker on screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, seriousViolations as serious, showAll } from './inbox';
import { startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;
let writers: Array<ReturnType<DiscordSimulator['addMember']>>;

beforeAll(async () => {
  console_ = await startPracticeConsole('drafts', { seed: 29, speed: 6, scenario: false });
  ({ practice, page } = console_);
  writers = [0, 1].map((i) => practice.addMember({ username: `draft_writer_${i}`, accountCreatedAt: new Date(Date.now() - 300 * 86_400_000) }));
}, 300_000);

afterAll(async () => {
  await console_?.close();
});

/** The drafts the page's IndexedDB holds now, by key (read with the browser's own API, beside the app's). */
function keptDrafts(p: Page): Promise<Record<string, unknown>> {
  return p.evaluate(
    () =>
      new Promise<Record<string, unknown>>((done, fail) => {
        const open = indexedDB.open('tribekeeper');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // A console without the table (before schema v9) keeps nothing: said as an empty answer, not a hang.
          if (!db.objectStoreNames.contains('drafts')) {
            db.close();
            done({});
            return;
          }
          const all = db.transaction('drafts').objectStore('drafts').getAll();
          all.onerror = () => fail(all.error);
          all.onsuccess = () => {
            db.close();
            done(Object.fromEntries((all.result as Array<{ key: string; value: unknown }>).map((r) => [r.key, r.value])));
          };
        };
      }),
  );
}

/** Every row of every table of the page's IndexedDB, as one text. */
function wholeStore(p: Page): Promise<string> {
  return p.evaluate(
    () =>
      new Promise<string>((done, fail) => {
        const open = indexedDB.open('tribekeeper');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const parts: unknown[] = [];
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => parts.push(all.result);
          }
          tx.oncomplete = () => {
            db.close();
            done(JSON.stringify(parts));
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
  );
}

const keptTexts = async (p: Page) => Object.values(await keptDrafts(p)).filter((v): v is string => typeof v === 'string');

async function reload(p: Page): Promise<void> {
  await p.reload();
  await p.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 60_000 });
}

/** Opens the item showing `text` and its reply box; returns the box. */
async function replyBox(p: Page, text: string, channel: string) {
  await rowWith(p, text).first().click();
  await p.keyboard.press('r');
  const box = p.getByLabel(new RegExp(`^Reply in #${channel}`));
  await box.waitFor();
  return box;
}

const ONE = 'Please read {rule_link} before posting again, thank you (draft one).';
const TWO = 'Hi, <img src=x onerror="window.pwned=1"> is not how we post here \u202e <b>bold</b> (draft two).';
const sentByBot = (channelId: string, needle: string) => practice.messages(channelId).filter((m) => m.authorId === practice.botUserId && m.content.includes(needle));

describe('drafts', () => {
  it('keeps a reply stopped by an unfilled placeholder and a second item’s reply through a reload, as text', async () => {
    practice.postMessage({ channelId: practice.channels.help, authorId: writers[0]!.userId, content: 'free nitro giveaway, claim your prize now (first drafted)' });
    practice.postMessage({ channelId: practice.channels.general, authorId: writers[1]!.userId, content: 'steam gift cards for all, claim yours today (second drafted)' });

    let box = await replyBox(page, '(first drafted)', 'help');
    await box.fill(ONE);
    await page.keyboard.press('Control+Enter');
    const stop = page.locator('#item').getByRole('alert').filter({ hasText: 'Not sent' });
    await expect.poll(() => stop.innerText(), { timeout: 10_000 }).toMatch(/^Not sent: \{rule_link\}/);

    box = await replyBox(page, '(second drafted)', 'general');
    await box.fill(TWO);
    // Both written by the console on its own (nothing here asks it to): then the page goes away.
    await expect.poll(() => keptTexts(page), { timeout: 20_000 }).toEqual(expect.arrayContaining([ONE, TWO]));
    await reload(page);

    box = await replyBox(page, '(first drafted)', 'help');
    await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toBe(ONE);
    await expect.poll(() => page.getByTestId('draft-restored').innerText()).toMatch(/^Draft restored · \d{1,2}:\d{2}/);
    box = await replyBox(page, '(second drafted)', 'general');
    await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toBe(TWO);
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.locator('#item img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await serious(page)).toEqual([]);
  }, 180_000);

  it('drops a sent reply: after another reload its box is empty, the other item’s draft still there', async () => {
    const box = await replyBox(page, '(second drafted)', 'general');
    await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toBe(TWO);
    await box.focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => sentByBot(practice.channels.general, '(draft two)').length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => keptTexts(page), { timeout: 20_000 }).toEqual([ONE]);
    await reload(page);

    await showAll(page);
    const again = await replyBox(page, '(second drafted)', 'general');
    await expect.poll(() => page.getByTestId('draft-restored').count()).toBe(0);
    expect(await again.inputValue()).toBe('');
    const first = await replyBox(page, '(first drafted)', 'help');
    await expect.poll(() => first.inputValue(), { timeout: 20_000 }).toBe(ONE);
    expect(sentByBot(practice.channels.general, '(draft two)')).toHaveLength(1);
  }, 180_000);

  it('shows the draft of an item resolved meanwhile with the item’s state, and discards it when asked', async () => {
    await rowWith(page, '(first drafted)').first().click();
    await page.locator('#item-title').focus();
    await page.keyboard.press('e');
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Resolved/ }).click();
    await expect.poll(() => rowWith(page, '(first drafted)').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await reload(page);
    await showAll(page);
    const box = await replyBox(page, '(first drafted)', 'help');
    await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toBe(ONE);
    const restored = page.getByTestId('draft-restored');
    await expect.poll(() => restored.innerText()).toMatch(/this item is now Resolved/);
    await restored.getByRole('button', { name: 'Discard draft' }).click();
    await expect.poll(() => box.inputValue()).toBe('');
    await expect.poll(() => restored.count()).toBe(0);
    await expect.poll(() => keptDrafts(page), { timeout: 20_000 }).toEqual({});
  }, 180_000);

  it('keeps a warning’s edited text through a reload; Cancel drops it', async () => {
    practice.postMessage({ channelId: practice.channels.general, authorId: writers[0]!.userId, content: 'free nitro giveaway, claim your prize (warn drafted)' });
    await rowWith(page, '(warn drafted)').first().click();
    await page.keyboard.press('w');
    const form = page.getByRole('form', { name: 'Warn the member' });
    const message = form.getByLabel('Message to the member');
    const own = 'Last warning about giveaways here, see {rule_link} (warn draft)';
    await message.fill(own);
    await expect.poll(async () => JSON.stringify(await keptDrafts(page)), { timeout: 20_000 }).toContain('(warn draft)');
    await reload(page);

    await rowWith(page, '(warn drafted)').first().click();
    await page.keyboard.press('w');
    await expect.poll(() => message.inputValue(), { timeout: 20_000 }).toBe(own);
    await form.getByTestId('draft-restored').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => JSON.stringify(await keptDrafts(page)), { timeout: 20_000 }).not.toContain('(warn draft)');
  }, 180_000);

  it('keeps an announcement being written through a reload, and never keeps the connection form', async () => {
    // Typed into Settings → Connections first: a token and its connection's name are never kept.
    const token = 'MTIzNDU2.drafts-secret-token.never-kept-anywhere';
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Name for this connection').fill('Draft check bot');
    await page.getByLabel('Bot token').fill(token);

    await page.getByRole('button', { name: 'Announcements' }).click();
    const view = page.locator('#announcements');
    const text = '**Movie night** on Friday, bring <script>window.pwned=2</script> snacks (draft three)';
    await view.getByLabel('Announcement', { exact: true }).fill(text);
    // Written on its own; anything the connection form had handed to the drafts would be written by now too.
    await expect.poll(() => keptDrafts(page), { timeout: 20_000 }).toEqual({ 'announce:text': text });
    expect(await wholeStore(page)).not.toContain(token);
    expect(await wholeStore(page)).not.toContain('Draft check bot');
    await reload(page);

    await page.getByRole('button', { name: 'Announcements' }).click();
    await expect.poll(() => view.getByLabel('Announcement', { exact: true }).inputValue(), { timeout: 20_000 }).toBe(text);
    await view.getByTestId('draft-restored').waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await serious(page)).toEqual([]);

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByLabel('Bot token').inputValue()).toBe('');
    expect(await page.getByLabel('Name for this connection').inputValue()).toBe('');
    expect(await wholeStore(page)).not.toContain(token);
  }, 180_000);
  it('keeps an unsaved rule edit and a Settings → Community edit through a reload; saved or discarded, they are dropped', async () => {
    // The rule editor asks before a page with unsaved rules goes away; the moderator says go.
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const rules = page.locator('#rules');
    await rules.getByRole('heading', { name: 'Triage rules' }).waitFor();
    await rules.getByRole('button', { name: 'New keyword rule' }).click();
    await rules.getByLabel('Words and phrases (one per line)').fill('draft kept coupon');
    await page.getByRole('button', { name: 'Settings' }).click();
    const crisis = page.getByRole('form', { name: 'Crisis line' });
    const line = crisis.getByLabel('Crisis line (number or link)');
    await line.fill('https://example.org/help-draft');
    await expect.poll(async () => {
      const kept = await keptDrafts(page);
      return [JSON.stringify(kept['rules:pack'] ?? null).includes('draft kept coupon'), kept['settings:community:crisisLine']];
    }, { timeout: 20_000 }).toEqual([true, 'https://example.org/help-draft']);
    await reload(page);

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => line.inputValue(), { timeout: 20_000 }).toBe('https://example.org/help-draft');
    await crisis.getByTestId('draft-restored').waitFor();
    await crisis.getByRole('button', { name: 'Save' }).click();
    await crisis.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(async () => 'settings:community:crisisLine' in (await keptDrafts(page)), { timeout: 20_000 }).toBe(false);
    expect(await line.inputValue()).toBe('https://example.org/help-draft');

    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    await rules.getByRole('button', { name: /team\.keywords/ }).click();
    await expect.poll(() => rules.getByLabel('Words and phrases (one per line)').inputValue(), { timeout: 20_000 }).toBe('draft kept coupon');
    await rules.getByTestId('draft-restored').waitFor();
    expect(await serious(page)).toEqual([]);
    await rules.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(async () => 'rules:pack' in (await keptDrafts(page)), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => rules.getByRole('button', { name: /team\.keywords/ }).count()).toBe(0);
  }, 180_000);
});

describe('what is never kept', () => {
  it('the forms where tokens, phone codes and passwords are typed do not keep drafts', () => {
    // Settings → Connections (Discord, Telegram, WhatsApp) and the Slack/Notion export setup: their
    // state lives in the form only, so a token typed there never reaches IndexedDB (checked in the page above).
    const features = join(__dirname, '../../src/renderer/src/features');
    for (const file of ['settings/SettingsView.tsx', 'settings/TelegramForms.tsx', 'settings/WhatsAppForms.tsx', 'feedback/FeedbackView.tsx']) {
      const source = readFileSync(join(features, file), 'utf8');
      expect([file, /keptDrafts|useKeptDraft|useKeptEdit/.test(source)]).toEqual([file, false]);
    }
  });
});
