// The team ledger and Telegram: Telegram never shows a bot the messages of bots (its own other sessions
// included), so a console whose Telegram connection is a bot must not carry the ledger in a Telegram
// group — it would found a team of its own that nobody else sees. With the real gramjs against the
// practice Telegram server, the console refuses in words and keeps no half-made team.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_PREFIX } from '../../src/shared/team';
import { startTelegramSimulator } from '../../src/main/practice/telegram/simulator';
import type { TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { Console } from './ledger-console';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';

let sim: TelegramSimulator;
let ana: Console;
const root = mkdtempSync(join(tmpdir(), 'tk-ledger-tg-'));

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 3 });
  ana = await new Console(join(root, 'ana'), {
    telegram: { ...PRACTICE_TELEGRAM_APP, botToken: sim.botToken, server: { host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem } },
  }).start();
}, 60_000);

afterAll(async () => {
  await ana?.close();
  await sim?.close();
});

describe('team ledger over a Telegram group', () => {
  it('refuses a bot connection as the carrier, in words, and posts nothing', async () => {
    // A bot cannot list its chats: it learns the group from the first update there.
    await new Promise((r) => setTimeout(r, 1_500));
    sim.postMessage({ authorId: sim.memberIds()[0]!, text: 'morning all' });
    let answer: unknown;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      answer = await ana.invoke('team.configure', { name: 'Ana', zone: 'Asia/Shanghai', sourceId: 'env-telegram', channelId: sim.supergroupId });
      if ((answer as { error?: { code?: string } }).error?.code !== 'not_found') break;
    }
    expect(answer).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/Telegram hides bots’ messages from bots/) } });
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.messages(sim.supergroupId).some((m) => m.text.startsWith(LEDGER_PREFIX))).toBe(false);
    expect(ana.view?.standing).not.toBe('member');
  });
});
