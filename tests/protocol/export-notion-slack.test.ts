// Feedback export through the official clients (@notionhq/client, @slack/web-api) against local Notion
// and Slack peers written from their public API references: pages are created once each, also when
// Notion answers 429, a 5xx before the work, or a 5xx after it (the page is looked up before trying
// again); Slack digests go out once through a 429 and a 5xx; a refused token stops that destination
// until a new token is set; the queue survives a restart; neither peer ever had to rate-limit the queue.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotionExporter, SlackExporter, type FeedbackExport } from '../../src/main/export/clients';
import { ExportQueue, type Destinations } from '../../src/main/export/queue';
import { startNotionPeer, type NotionPeer } from '../../src/main/practice/export/notion';
import { startSlackPeer, type SlackPeer } from '../../src/main/practice/export/slack';

let notion: NotionPeer;
let slack: SlackPeer;

beforeAll(async () => {
  [notion, slack] = await Promise.all([startNotionPeer(), startSlackPeer()]);
});

afterAll(async () => {
  await Promise.all([notion?.close(), slack?.close()]);
});

const item = (n: number): FeedbackExport => ({
  id: `cluster-${n}`,
  title: `Dark mode for the mobile app (${n})`,
  kind: 'idea',
  count: 3,
  platforms: ['discord', 'telegram'],
  reporters: ['moonpepe', 'ana_k'],
  examples: ['please add dark mode', 'dark mode would be great'],
});

function queue(file: string, destinations: () => Destinations): ExportQueue {
  return new ExportQueue({ file, destinations, backoffMs: { base: 50, max: 500 } });
}

const titles = () => notion.pages().map((p) => (p.properties.Name as { title: Array<{ text: { content: string } }> }).title[0]?.text.content);

describe('Notion export', () => {
  it('creates one page per cluster through 429, a 5xx before the work and a 5xx after it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-export-')), 'export.json');
    const exporter = new NotionExporter({ token: notion.token, dataSourceId: notion.dataSourceId, baseUrl: notion.url });
    const q = queue(file, () => ({ notion: exporter }));
    await q.load();
    notion.inject({ method: 'POST /v1/pages', status: 429, retryAfterSeconds: 1 });
    for (let n = 1; n <= 6; n++) await q.addNotion(item(n));
    await q.run();
    notion.inject({ method: 'POST /v1/pages', status: 503 });
    notion.inject({ method: 'POST /v1/pages', status: 502, afterCommit: true });
    for (let n = 7; n <= 9; n++) await q.addNotion(item(n));
    await q.run();
    expect(q.list().map((j) => j.state)).toEqual(Array(9).fill('sent'));
    expect(titles().sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Dark mode for the mobile app (${i + 1})`).sort());
    // The try after the lost answer looked first and found its page.
    expect(notion.calls('POST /v1/data_sources/:id/query')).toBeGreaterThanOrEqual(2);
    expect(notion.limited()).toBe(0);
    // Queued again (the moderator pressed export twice): the same job, nothing new.
    await q.addNotion(item(1));
    await q.run();
    expect(notion.pages()).toHaveLength(9);
  });

  it('a refused token stops Notion without losing the jobs; a new token sends them once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-export-')), 'export.json');
    let token = 'ntn_wrong';
    const q = queue(file, () => ({ notion: new NotionExporter({ token, dataSourceId: notion.dataSourceId, baseUrl: notion.url }) }));
    await q.load();
    const before = notion.pages().length;
    await q.addNotion(item(20));
    await q.addNotion(item(21));
    await q.run();
    expect(q.list().map((j) => [j.state, j.error])).toEqual([
      ['blocked', 'token_invalid'],
      ['blocked', 'token_invalid'],
    ]);
    expect(notion.pages()).toHaveLength(before);
    token = notion.token;
    await q.unblock('notion');
    await q.run();
    expect(q.list().map((j) => j.state)).toEqual(['sent', 'sent']);
    expect(notion.pages()).toHaveLength(before + 2);
  });
});

describe('Slack digest', () => {
  it('posts each digest once through a 429 and a 5xx, pacing itself under the per-channel limit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-export-')), 'export.json');
    const exporter = new SlackExporter({ token: slack.token, slackApiUrl: slack.url });
    const q = queue(file, () => ({ slack: exporter }));
    await q.load();
    slack.inject({ method: 'chat.postMessage', status: 429, retryAfterSeconds: 1 });
    slack.inject({ method: 'chat.postMessage', status: 500 });
    await q.addSlack({ channel: 'C0PRODUCT1', text: 'Feedback digest 1: 3 ideas, 1 bug' });
    await q.addSlack({ channel: 'C0PRODUCT1', text: 'Feedback digest 2: dark mode (3)' });
    await q.addSlack({ channel: 'C0PRODUCT1', text: 'Feedback digest 3: crash on login (2)' });
    await q.run();
    expect(q.list().map((j) => j.state)).toEqual(['sent', 'sent', 'sent']);
    expect(slack.messages('C0PRODUCT1').map((m) => m.text)).toEqual(['Feedback digest 1: 3 ideas, 1 bug', 'Feedback digest 2: dark mode (3)', 'Feedback digest 3: crash on login (2)']);
    expect(slack.limited()).toBe(0);
    expect(q.list().every((j) => j.ref && /^\d+\.\d+$/.test(j.ref))).toBe(true);
  });

  it('an invalid token blocks the digest; the queue on disk outlives a restart and sends it once with the new token', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-export-')), 'export.json');
    const first = queue(file, () => ({ slack: new SlackExporter({ token: 'xoxb-revoked', slackApiUrl: slack.url }) }));
    await first.load();
    await first.addSlack({ channel: 'C0PRODUCT1', text: 'Digest written before the restart' });
    await first.run();
    expect(first.list()[0]).toMatchObject({ state: 'blocked', error: 'token_invalid' });
    expect(slack.messages().filter((m) => m.text.includes('before the restart'))).toHaveLength(0);

    // The console restarts with a good token: the job is read back from disk.
    const second = queue(file, () => ({ slack: new SlackExporter({ token: slack.token, slackApiUrl: slack.url }) }));
    await second.load();
    await second.unblock('slack');
    await second.run();
    expect(second.list()[0]).toMatchObject({ state: 'sent' });
    expect(slack.messages().filter((m) => m.text.includes('before the restart'))).toHaveLength(1);
  });

  it('checks the token and finds the channel with auth.test and conversations.list', async () => {
    const client = new WebClient(slack.token, { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    expect((await client.auth.test()).team_id).toBe('T0PRACTICE');
    expect((await client.conversations.list()).channels?.map((c) => c.name)).toContain('product-feedback');
    await expect(new WebClient('xoxb-bad', { slackApiUrl: slack.url, retryConfig: { retries: 0 } }).auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });
});
