// The rule editor in a real Chromium against host mode and the practice community: a keyword rule and
// a regex rule made through the form (regex typed as is, checked as typed), previewed on messages
// stored on this computer (with the reason and the evidence), save → main flags the next messages;
// unsaved edits kept when leaving; a broken import and main's refusal explained where they apply, in
// English and Chinese; export; what context keeps unflagged, and why; and axe on the view in both languages.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, seriousViolations, showAll } from './inbox';
import { memberPicker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

const results = join(resolve(__dirname, '../..'), 'test-results');

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;
let home: string;

const member = memberPicker(() => practice);

beforeAll(async () => {
  console_ = await startPracticeConsole('rules', { seed: 4, speed: 20 }, (settings) => {
    home = settings;
  });
  ({ practice, page } = console_);
});

afterAll(async () => {
  await console_?.close();
});

describe('the rule editor', () => {
  it('a volunteer adds a keyword rule and a regex rule through the form, typed as is, previews, saves, and main flags the next messages', async () => {
    // Ordinary messages nobody flags; a flagged one after them proves they are stored (ingest keeps order).
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'does anyone still have a spare pizza coupon for the meetup?' });
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'is there a promo code for the merch store?' });
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'free nitro giveaway, claim your prize (rules marker)' });
    await showAll(page);
    await rowWith(page, 'claim your prize (rules marker)').first().waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const view = page.locator('#rules');
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();

    // A keyword rule: terms one per line, no JSON.
    await view.getByRole('button', { name: 'New keyword rule' }).click();
    await view.getByLabel('Words and phrases (one per line)').fill('pizza coupon*\nmeetup swap');
    await view.getByLabel(/^Reason the moderator reads/).fill('Coupon trading: {match}');
    await view.getByLabel('Category').selectOption('spam');
    const matches = view.getByTestId('preview-matches');
    await expect.poll(() => matches.innerText(), { timeout: 10_000 }).toContain('does anyone still have a spare pizza coupon');
    expect(await matches.locator('mark').first().innerText()).toMatch(/^pizza coupon/i);
    expect(await matches.innerText()).toContain('Coupon trading: pizza coupon');
    expect(await view.getByTestId('preview-changes').innerText()).toMatch(/1 more messages flagged/);
    expect(await view.getByRole('button', { name: /team\.keywords/ }).innerText()).toMatch(/1 match/);

    // A regex rule, typed exactly as a regex is written; a dangerous one is refused as it is typed.
    await view.getByRole('button', { name: 'New regex rule' }).click();
    const patterns = view.getByLabel('Patterns (one regular expression per line)');
    await patterns.fill('(a+)+');
    await expect.poll(() => view.locator('.field-problems').innerText()).toMatch(/^Line 1: Nested repetition/);
    expect(await patterns.getAttribute('aria-invalid')).toBe('true');
    await patterns.fill(String.raw`\bpromo\s?code\b`);
    await expect.poll(() => view.locator('.field-problems').count()).toBe(0);
    await view.getByLabel(/^Reason the moderator reads/).fill('Promo codes: {match}');
    await expect.poll(() => matches.innerText(), { timeout: 10_000 }).toContain('is there a promo code for the merch store?');
    expect(await matches.innerText()).toContain('Promo codes: promo code');

    await view.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => view.getByRole('status').first().innerText()).toMatch(/Saved: \d+ rules/);
    const onDisk = JSON.parse(await readFile(join(home, 'rules.json'), 'utf8')) as { rules: Array<{ id: string; trigger: { terms?: string[]; patterns?: string[] } }> };
    expect(onDisk.rules.find((r) => r.id === 'team.keywords')?.trigger.terms).toEqual(['pizza coupon*', 'meetup swap']);
    expect(onDisk.rules.find((r) => r.id === 'team.regex')?.trigger.patterns).toEqual([String.raw`\bpromo\s?code\b`]);
    await view.getByTestId('preview-matches').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(results, 'rules-editor.png'), fullPage: false });

    await page.keyboard.press('Escape');
    await page.locator('#rules').waitFor({ state: 'detached' });
    practice.postMessage({ channelId: practice.channels.help, authorId: member(), content: 'selling pizza coupons cheap, who wants some' });
    practice.postMessage({ channelId: practice.channels.help, authorId: member(), content: 'use my promocode for ten percent off' });
    await showAll(page);
    const coupon = rowWith(page, 'selling pizza coupons cheap').first();
    await coupon.waitFor({ timeout: 20_000 });
    expect(await coupon.innerText()).toMatch(/Coupon trading/);
    const promo = rowWith(page, 'use my promocode for ten percent off').first();
    await promo.waitFor({ timeout: 20_000 });
    expect(await promo.innerText()).toMatch(/Promo codes: promocode/);
  });

  it('the preview of a rule lists what it matched that context keeps unflagged, and why (issue 14)', async () => {
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'Saying that immigrants are idiots is racist (rules why)' });
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'you are a stupid idiot (rules why marker)' });
    await rowWith(page, 'rules why marker').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const view = page.locator('#rules');
    await view.getByRole('button', { name: /toxicity\.insult/ }).click();
    const dropped = view.getByTestId('preview-dropped');
    await expect.poll(() => dropped.innerText(), { timeout: 10_000 }).toContain('Saying that immigrants are idiots is racist (rules why)');
    expect(await dropped.innerText()).toContain('Not flagged as toxicity: counter-speech — ‘idiots’');
    expect(await view.getByTestId('preview-matches').innerText()).toContain('you are a stupid idiot (rules why marker)');
    await page.keyboard.press('Escape');
    await page.locator('#rules').waitFor({ state: 'detached' });
  });

  it('keeps unsaved edits when leaving Rules, says so, and brings them back', async () => {
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const view = page.locator('#rules');
    await view.getByRole('button', { name: /team\.keywords/ }).click();
    await view.getByLabel(/^Reason the moderator reads/).fill('Coupon trading (draft): {match}');
    await view.getByText('Unsaved changes').waitFor();
    await view.getByRole('button', { name: 'Back to inbox' }).click();
    await page.locator('#rules').waitFor({ state: 'detached' });
    const notice = page.getByTestId('rules-draft');
    await expect.poll(() => notice.innerText()).toMatch(/Your rule changes are not saved yet/);
    await notice.getByRole('button', { name: 'Back to the rules' }).click();
    await view.getByText('Unsaved changes').waitFor();
    await view.getByRole('button', { name: /team\.keywords/ }).click();
    expect(await view.getByLabel(/^Reason the moderator reads/).inputValue()).toBe('Coupon trading (draft): {match}');
    await view.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => view.getByText('Unsaved changes').count()).toBe(0);
    expect(await view.getByLabel(/^Reason the moderator reads/).inputValue()).toBe('Coupon trading: {match}');
    await page.keyboard.press('Escape');
    await page.locator('#rules').waitFor({ state: 'detached' });
    expect(await page.getByTestId('rules-draft').count()).toBe(0);
  });

  it('refuses a broken import in words and keeps the rules as they were; exports the pack', async () => {
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const view = page.locator('#rules');
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();
    // The heading shows before main has answered with the pack: count the rules once they are listed.
    await expect.poll(() => view.locator('.rules-list li').count()).toBeGreaterThan(0);
    const count = await view.locator('.rules-list li').count();
    const broken = join(home, 'broken-pack.json');
    writeFileSync(broken, JSON.stringify({ id: 'x', name: 'x', version: 1, rules: [{ id: 'a', category: 'scam', severity: 'extreme', reason: 'r', trigger: { type: 'keywords', terms: ['a'] } }] }));
    await view.getByLabel('Import a rule pack (JSON file)').setInputFiles(broken);
    const alert = view.getByRole('alert');
    await expect.poll(() => alert.innerText()).toMatch(/broken-pack\.json is not a rule pack[\s\S]*Rule 1 · Severity: Invalid option/);
    expect(await view.locator('.rules-list li').count()).toBe(count);

    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as { rules: Array<{ id: string; trigger: { terms?: string[] } }> };
    expect(exported.rules.find((r) => r.id === 'team.keywords')?.trigger.terms).toEqual(['pizza coupon*', 'meetup swap']);
    expect(exported.rules).toHaveLength(count);
  });

  it('shows what main refused on the rule and field it names, in Chinese too', async () => {
    const view = page.locator('#rules');
    const current = JSON.parse(await readFile(join(home, 'rules.json'), 'utf8')) as { rules: unknown[] };
    const withSlow = { ...current, rules: [...current.rules, { id: 'team.slow', category: 'custom', severity: 'low', reason: 'x', trigger: { type: 'regex', patterns: ['(a+)+$'] } }] };
    const file = join(home, 'slow-pack.json');
    writeFileSync(file, JSON.stringify(withSlow));
    await page.locator('.language select').selectOption({ label: '简体中文' });
    await view.getByRole('heading', { name: '分诊规则' }).waitFor();
    await view.getByLabel('导入规则包（JSON 文件）').setInputFiles(file);
    await view.getByRole('button', { name: '保存规则' }).click();
    // Main checks the pack and answers with data: the status says where to look, the rule carries the count…
    await expect.poll(() => view.locator('.rules-status').innerText()).toMatch(/^未保存：列表中标出的规则有问题/);
    await expect.poll(() => view.getByRole('button', { name: /team\.slow/ }).innerText()).toMatch(/1 个问题/);
    // …and the field shows the problem in words, in the moderator's language.
    await view.getByRole('button', { name: /team\.slow/ }).click();
    await expect.poll(() => view.locator('.field-problems').first().innerText()).toMatch(/^第 1 行：\(a\+\)\+ 这样的嵌套重复/);
    expect(await view.innerText()).not.toMatch(/rejected|nested repetition/i);
    expect(JSON.parse(await readFile(join(home, 'rules.json'), 'utf8')).rules.some((r: { id: string }) => r.id === 'team.slow')).toBe(false);
    await view.getByRole('button', { name: '放弃修改' }).click();
    await page.locator('.language select').selectOption({ label: 'English' });
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();
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
