// The rule editor in a real Chromium against host mode and the practice community: a new keyword rule
// previewed on messages stored on this computer (with the reason and the evidence), a broken trigger
// and a broken import explained without losing anything, save → main flags the next message, export,
// and axe on the view in English and Chinese.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';
import { rowWith, seriousViolations, showAll } from './inbox';

const results = join(resolve(__dirname, '../..'), 'test-results');

let host: Awaited<ReturnType<typeof startHost>>;
let practice: DiscordSimulator;
let browser: BrowserContext;
let page: Page;
let home: string;

function member(): string {
  const staff = new Set([...practice.memberIdsByRole('Moderator'), ...practice.memberIdsByRole('Admin')]);
  const id = practice.memberIdsByRole('Member').find((m) => !staff.has(m) && practice.canPost(m));
  if (!id) throw new Error('no regular member left');
  return id;
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, 'e2e-renderer-rules'));
  home = mkdtempSync(join(tmpdir(), 'tk-e2e-rules-'));
  host = await startHost({ home, rendererDir, practice: { seed: 4, speed: 20 } });
  if (!host.practice) throw new Error('host started without the practice community');
  practice = host.practice;
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(host.url);
  await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('the rule editor', () => {
  it('previews a new keyword rule on stored messages, explains mistakes, saves, and main flags the next message', async () => {
    // An ordinary message nobody flags; a flagged one after it proves it is stored (ingest keeps order).
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'does anyone still have a spare pizza coupon for the meetup?' });
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'free nitro giveaway, claim your prize (rules marker)' });
    await showAll(page);
    await rowWith(page, 'claim your prize (rules marker)').first().waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Rules' }).click();
    const view = page.locator('#rules');
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();
    await view.getByRole('button', { name: 'New keyword rule' }).click();
    const trigger = view.getByLabel('Trigger (JSON)');
    await trigger.fill('{"type": "keywords", "terms": "pizza coupon"}');
    await expect.poll(() => view.getByRole('alert').innerText()).toMatch(/terms: /);
    await trigger.fill('{"type": "keywords", "terms": ["pizza coupon*"]}');
    await view.getByLabel(/^Reason the moderator reads/).fill('Coupon trading: {match}');
    await view.getByLabel('Category').selectOption('spam');

    const matches = view.getByTestId('preview-matches');
    await expect.poll(() => matches.innerText(), { timeout: 10_000 }).toContain('does anyone still have a spare pizza coupon');
    expect(await matches.locator('mark').first().innerText()).toMatch(/^pizza coupon/i);
    expect(await matches.innerText()).toContain('Coupon trading: pizza coupon');
    expect(await view.getByTestId('preview-changes').innerText()).toMatch(/1 more messages flagged/);
    expect(await view.getByRole('button', { name: /team\.keywords/ }).innerText()).toMatch(/1 match/);

    await view.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => view.getByRole('status').first().innerText()).toMatch(/Saved: \d+ rules/);
    expect(JSON.parse(await readFile(join(home, 'rules.json'), 'utf8')).rules.some((r: { id: string }) => r.id === 'team.keywords')).toBe(true);
    await view.getByTestId('preview-matches').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(results, 'rules-editor.png'), fullPage: false });

    await page.keyboard.press('Escape');
    await page.locator('#rules').waitFor({ state: 'detached' });
    practice.postMessage({ channelId: practice.channels.help, authorId: member(), content: 'selling pizza coupons cheap, who wants some' });
    await showAll(page);
    const row = rowWith(page, 'selling pizza coupons cheap').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toMatch(/Coupon trading/);
  });

  it('refuses a broken import in words and keeps the rules as they were; exports the pack', async () => {
    await page.getByRole('button', { name: 'Rules' }).click();
    const view = page.locator('#rules');
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();
    // The heading shows before main has answered with the pack: count the rules once they are listed.
    await expect.poll(() => view.locator('.rules-list li').count()).toBeGreaterThan(0);
    const count = await view.locator('.rules-list li').count();
    const broken = join(home, 'broken-pack.json');
    writeFileSync(broken, JSON.stringify({ id: 'x', name: 'x', version: 1, rules: [{ id: 'a', category: 'scam', severity: 'extreme', reason: 'r', trigger: { type: 'keywords', terms: ['a'] } }] }));
    await view.getByLabel('Import a rule pack (JSON file)').setInputFiles(broken);
    const alert = view.getByRole('alert');
    await expect.poll(() => alert.innerText()).toMatch(/broken-pack\.json is not a rule pack[\s\S]*rules\.0\.severity/);
    expect(await view.locator('.rules-list li').count()).toBe(count);

    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as { rules: Array<{ id: string; trigger: { terms?: string[] } }> };
    expect(exported.rules.find((r) => r.id === 'team.keywords')?.trigger.terms).toEqual(['pizza coupon*']);
    expect(exported.rules).toHaveLength(count);
  });

  it('has no serious accessibility violation in the rule editor, in English and Chinese', async () => {
    const found: Record<string, string[]> = {};
    found.en = await seriousViolations(page);
    await page.getByRole('combobox').first().selectOption({ label: '简体中文' });
    await page.locator('#rules').getByRole('heading', { name: '分诊规则' }).waitFor();
    found.zh = await seriousViolations(page);
    await page.getByRole('combobox').first().selectOption({ label: 'English' });
    expect(found).toEqual({ en: [], zh: [] });
  });
});
