// The inbox read page by page (issue 17) in a real Chromium: with more stored items than the first page
// holds, j/k walk across the page boundary one row at a time, act → next lands on the next row and the
// "previous item" notice shows what was done, and the counts come from the stored items.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, selectedText } from './inbox';
import { startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let page: Page;
const COUNT = 300;

beforeAll(async () => {
  console_ = await startPracticeConsole('paged', { seed: 29, speed: 1, scenario: false });
  page = console_.page;
  // The test hook (?e2e) stores items the way ingest does.
  const url = new URL(console_.host.url);
  url.search = '?e2e=1';
  await page.goto(url.toString());
  await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await console_?.close();
});

const label = (i: number) => `paged item ${String(i).padStart(3, '0')} `;

describe('paged inbox', () => {
  it('walks across page boundaries with j/k, acts → next there, and shows the previous item', async () => {
    await page.evaluate(async (count) => {
      const now = Date.now();
      const items = Array.from({ length: count }, (_, i) => {
        const id = `msg:discord:paged:c:${i}`;
        return {
          id, kind: 'flag', status: 'open', sourceId: 'paged', platform: 'discord', spaceId: 'g', channelId: 'c', channelName: 'paged',
          authorId: `u${i}`, authorName: `member ${i}`, eventIds: [id], primaryEventId: id, messageId: String(1000 + i),
          text: `paged item ${String(i).padStart(3, '0')} free nitro`,
          flags: [{ rule: 'paged.rule', category: 'scam', severity: 'medium', reason: 'paged', evidence: [] }], severity: 'medium', categories: ['scam'],
          // Row i is the i-th newest.
          createdAt: now - 60_000 - i * 1000, updatedAt: now - 60_000 - i * 1000, messageDeleted: false,
        };
      });
      const hook = (window as unknown as { tribekeeperTest: { storeItems(items: unknown[]): Promise<void> } }).tribekeeperTest;
      await hook.storeItems(items);
    }, COUNT);
    await page.reload();
    await rows(page).filter({ hasText: label(0) }).first().waitFor({ timeout: 30_000 });
    const open = page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Open/ });
    await expect.poll(async () => Number((await open.innerText()).replace(/\D/g, '')), { timeout: 30_000 }).toBe(COUNT);

    await page.locator('.inbox [role="listbox"]').focus();
    for (let i = 0; i < 100; i++) await page.keyboard.press('j');
    await expect.poll(() => selectedText(page), { timeout: 10_000 }).toContain(label(100));

    // Open it and dismiss it: the next row takes its place, and the notice says what happened to it.
    await page.keyboard.press('Enter');
    await page.locator('#item').getByText(label(100).trim()).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('e');
    await expect.poll(() => selectedText(page), { timeout: 10_000 }).toContain(label(101));
    await expect.poll(() => page.getByTestId('previous-item').innerText(), { timeout: 10_000 }).toContain(label(100).trim());
    await expect.poll(async () => Number((await open.innerText()).replace(/\D/g, '')), { timeout: 30_000 }).toBe(COUNT - 1);

    await page.locator('.inbox [role="listbox"]').focus();
    await page.keyboard.press('k');
    await expect.poll(() => selectedText(page), { timeout: 10_000 }).toContain(label(99));
    // Far down and back: every row on the way is a real row, in order.
    for (let i = 0; i < 150; i++) await page.keyboard.press('j');
    await expect.poll(() => selectedText(page), { timeout: 10_000 }).toContain(label(250));
    for (let i = 0; i < 250; i++) await page.keyboard.press('k');
    await expect.poll(() => selectedText(page), { timeout: 10_000 }).toContain(label(0));
  });
});
