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

/**
 * Moves the list selection with the keyboard only: k up to the top, then j down to the row showing
 * `text` (a string it contains, or a pattern it matches).
 */
export async function selectRowByKeys(p: Page, text: string | RegExp, limit = 500): Promise<void> {
  const shows = (row: string) => (typeof text === 'string' ? row.includes(text) : text.test(row));
  await p.locator('.inbox [role="listbox"]').focus();
  for (let i = 0, last = ''; i < limit; i++) {
    const now = await selectedText(p);
    if (now === last && now !== '') break;
    last = now;
    await p.keyboard.press('k');
  }
  for (let i = 0; i < limit; i++) {
    if (shows(await selectedText(p))) return;
    await p.keyboard.press('j');
  }
  throw new Error(`row ${String(text)} was never selected`);
}

/** Selects the row showing `text` with the keyboard once it is in the list (it may still be arriving). */
export async function selectRowWhenListed(p: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await selectRowByKeys(p, text);
      return;
    } catch (err) {
      // Not listed yet (still arriving): walk the list again, until the deadline.
      if (Date.now() > deadline) throw err;
    }
  }
}

/** axe-core's serious and critical findings, in words. */
export async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
