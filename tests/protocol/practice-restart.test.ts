// The built-in practice community across a restart of the console. The browser keeps its store (host
// mode keeps its address), but the practice servers start afresh: the Telegram one must continue above
// the last run's message ids and pts, or a returning renderer's catch-up asks for a pts the new server
// has not reached (and waits for it), and new messages arrive under ids the store already holds.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../../src/shared/domain/model';
import { launch, type Launched } from '../../src/main/launch';
import { FileSecretStore } from '../../src/main/secrets/store';
import { SmallRenderer } from './smallRenderer';
import { until } from './until';

const SOURCE = 'practice-telegram';
const home = mkdtempSync(join(tmpdir(), 'tk-practice-restart-'));
let running: Launched | undefined;

function start(): Promise<Launched> {
  return launch({ home, mode: 'host', version: 'test', secrets: new FileSecretStore(join(home, 'secrets.json')), practice: { seed: 3, scenario: false } });
}

/** The small renderer, with what this test asks of its store. */
class Renderer extends SmallRenderer {
  constructor(from: Launched, cursors: SourceCursor[] = []) {
    super(from.core, SOURCE, cursors);
  }

  ids(text: string): string[] {
    return [...this.envelopes.values()].filter((e) => e.event.kind === 'message' && e.event.text === text).map((e) => e.event.id);
  }
}

afterAll(async () => {
  await running?.close();
});

describe('the practice community across a console restart', () => {
  it('continues Telegram’s numbering, so a returning store catches up and new messages are new', async () => {
    running = await start();
    const first = running;
    await until(() => first.core.sources().find((s) => s.id === SOURCE)?.state === 'ready', 'practice Telegram ready', 30_000);
    const before = new Renderer(first);
    await until(() => before.caughtUp > 0, 'first catch-up', 30_000);
    const sim = first.practiceTelegram!;
    const author = sim.memberIds().find((id) => id !== sim.botUserId)!;
    for (let i = 0; i < 6; i++) sim.postMessage({ authorId: author, text: `before restart ${i}` });
    await until(() => before.ids('before restart 5').length === 1, 'messages before the restart', 30_000);
    const cursors = before.cursors();
    const oldIds = new Set(before.envelopes.keys());
    before.session.close();
    await first.close();
    running = undefined;

    running = await start();
    const second = running;
    await until(() => second.core.sources().find((s) => s.id === SOURCE)?.state === 'ready', 'practice Telegram ready again', 30_000);
    const after = new Renderer(second, cursors);
    // Before the fix the new server's pts is behind the stored one: the catch-up is refused and waits.
    await until(() => after.caughtUp > 0, 'catch-up from the old run’s cursor', 30_000);
    const sim2 = second.practiceTelegram!;
    for (let i = 0; i < 3; i++) sim2.postMessage({ authorId: author, text: `after restart ${i}` });
    await until(() => after.ids('after restart 2').length === 1, 'messages after the restart', 30_000);
    for (let i = 0; i < 3; i++) {
      const [id] = after.ids(`after restart ${i}`);
      expect([id, oldIds.has(id!)]).toEqual([id, false]);
    }
  }, 120_000);
});
