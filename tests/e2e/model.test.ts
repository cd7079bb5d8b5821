// The learned model in a real Chromium against host mode and the practice community: a scam no rule
// knows (a "new number" family scam in Spanish) reaches the inbox flagged by the model, and the row says
// why in the moderator's language — what it reads like and the words that weighed most; the rule
// editor's preview runs it in the renderer and lets the team turn it off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, showAll } from './inbox';
import { memberPicker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;

const member = memberPicker(() => practice);

beforeAll(async () => {
  console_ = await startPracticeConsole('model', { seed: 5, speed: 6 });
  ({ practice, page } = console_);
});

afterAll(async () => {
  await console_?.close();
});

describe('the learned model', () => {
  it('flags a scam no rule knows, and the row says what it reads like and which words weighed', async () => {
    const text = 'hola mamá, este es mi número nuevo, se me rompió el móvil, pásame dinero para el alquiler';
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: text });
    await showAll(page);
    const row = rowWith(page, 'este es mi número nuevo').first();
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.locator('.reason').allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/^Reads like a scam: '[^']+', '[^']+', '[^']+' \(model, \d+%\)$/));
  });

  it('runs in the rule editor’s preview too, where the team can turn it off', async () => {
    await page.getByRole('button', { name: 'Rules', exact: true }).click();
    const view = page.locator('#rules');
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();
    await view.getByRole('button', { name: /^Learned model/ }).click();
    const matches = view.getByTestId('preview-matches');
    await expect.poll(() => matches.innerText(), { timeout: 20_000 }).toContain('este es mi número nuevo');
    expect(await matches.innerText()).toMatch(/Reads like a scam: '[^']+'/);
    await view.getByLabel('Flag what the rules miss with the learned model').uncheck();
    await expect.poll(() => view.getByTestId('preview-changes').innerText(), { timeout: 20_000 }).toMatch(/[1-9]\d* fewer/);
  });
});
