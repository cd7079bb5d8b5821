// The start-up the two-moderator browser tests share: one practice Discord, two host-mode consoles on
// fresh homes, both pages in one Chromium. Ana founds the team in Shifts; Bo's console is open in Shifts,
// waiting to be approved. `joinBo` is the invite-code exchange for files that only need Bo on the team;
// `openRules` and `backToInbox` move either console between its views.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startHost, type RunningHost } from '../../src/main/host/start';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';

const results = join(resolve(__dirname, '../..'), 'test-results');

export interface TeamOfTwo {
  sim: DiscordSimulator;
  hostA: RunningHost;
  hostB: RunningHost;
  browser: BrowserContext;
  ana: Page;
  bo: Page;
  close(): Promise<void>;
}

export const standing = (p: Page) => p.getByTestId('team-standing').innerText();

export async function openShifts(p: Page): Promise<void> {
  await p.getByTestId('on-now').getByRole('button', { name: /Shifts/ }).click();
  await p.locator('#shifts').waitFor();
}

export async function setIdentity(p: Page, name: string, zone: string): Promise<void> {
  await p.getByLabel('Your name').fill(name);
  await p.getByLabel('Your time zone').fill(zone);
  await p.getByRole('button', { name: 'Save', exact: true }).click();
}

export async function openRules(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Rules', exact: true }).click();
  await p.locator('#rules').getByRole('heading', { name: 'Triage rules' }).waitFor();
}

/** Leaves Rules or Shifts for the inbox, by whichever of its buttons says so. */
export async function backToInbox(p: Page, view: '#rules' | '#shifts'): Promise<void> {
  await p.locator(view).getByRole('button', { name: /Back to inbox|Close/ }).first().click();
  await p.locator(view).waitFor({ state: 'detached' });
}

/** The first moderator to say who they are founds the team (a console that is alone in the staff channel). */
export async function foundTeam(p: Page, name: string, zone: string): Promise<void> {
  await openShifts(p);
  await p.getByTestId('team-standing').getByText('No team in the staff channel yet', { exact: false }).waitFor({ timeout: 30_000 });
  await setIdentity(p, name, zone);
  await p.getByTestId('team-standing').getByText('You are on the team').waitFor({ timeout: 30_000 });
}

/** `name` keeps each file's renderer build and settings folders apart; `anaZone` is the zone Ana saves. */
export async function startTeamOfTwo(name: string, seed: number, anaZone: string): Promise<TeamOfTwo> {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, `e2e-renderer-${name}`));
  const sim = await startDiscordSimulator({ seed });
  const discord = { apiBase: sim.apiBase, token: sim.token };
  const team: Partial<TeamOfTwo> = { sim };
  const close = async () => {
    await team.browser?.close();
    await team.hostB?.close();
    await team.hostA?.close();
    await sim.close();
  };
  try {
    team.hostA = await startHost({ home: mkdtempSync(join(tmpdir(), `tk-${name}-a-`)), rendererDir, practice: false, discord });
    team.browser = await launchBrowser();
    const ana = (team.ana = await team.browser.newPage());
    await ana.goto(team.hostA.url);
    await foundTeam(ana, 'Ana', anaZone);
    team.hostB = await startHost({ home: mkdtempSync(join(tmpdir(), `tk-${name}-b-`)), rendererDir, practice: false, discord });
    team.bo = await team.browser.newPage();
    await team.bo.goto(team.hostB.url);
    await openShifts(team.bo);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...(team as Omit<TeamOfTwo, 'close'>), close };
}

/** Bo saves who he is, his invite code names him, and Ana approves it: Bo's console is on the team. */
export async function joinBo(team: TeamOfTwo, boZone: string): Promise<void> {
  const { ana, bo } = team;
  await expect.poll(() => standing(bo), { timeout: 30_000 }).toMatch(/Waiting for a lead/);
  await setIdentity(bo, 'Bo', boZone);
  await expect.poll(() => bo.getByLabel('Invite code').inputValue()).toMatch(/^TK1\./);
  // The invite names Bo once his name is saved (before, it carries a default name).
  await expect.poll(async () => JSON.parse(Buffer.from((await bo.getByLabel('Invite code').inputValue()).slice(4), 'base64url').toString()).n).toBe('Bo');
  await ana.getByLabel('Invite code').fill(await bo.getByLabel('Invite code').inputValue());
  await ana.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect.poll(() => standing(bo), { timeout: 15_000 }).toMatch(/You are on the team/);
}
