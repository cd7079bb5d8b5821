// Shared moves of the browser tests: find rows in the inbox, select one with the keyboard only,
// switch the filter, and ask axe for serious problems.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const rows = (p: Page) => p.locator('.inbox [role="option"]');
export const rowWith = (p: Page, text: string | RegExp) => rows(p).filter({ hasText: text });

export async function showAll(p: Page): Promise<void> {
  await p.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^All/ }).click();
}

export async function selectedText(p: Page): Promise<string> {
  const selected = p.locator('.inbox [role="option"][aria-selected="true"]');
  return (await selected.count()) > 0 ? selected.innerText() : '';
}

/** Moves the list selection with the keyboard only: k up to the top, then j down to the row showing `text`. */
export async function selectRowByKeys(p: Page, text: string, limit = 500): Promise<void> {
  await p.locator('.inbox [role="listbox"]').focus();
  for (let i = 0, last = ''; i < limit; i++) {
    const now = await selectedText(p);
    if (now === last && now !== '') break;
    last = now;
    await p.keyboard.press('k');
  }
  for (let i = 0; i < limit; i++) {
    if ((await selectedText(p)).includes(text)) return;
    await p.keyboard.press('j');
  }
  throw new Error(`row "${text}" was never selected`);
}

/** axe-core's serious and critical findings, in words. */
export async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
