// Helpers for the crash tests: a journal file in a process that dies at its k-th write, and the
// renderer's side that sends actions until main stops answering.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import type { Result } from '../../src/shared/domain/result';
import { ActionExecutor } from '../../src/main/actions/executor';
import type { ActionPlatform } from '../../src/main/actions/executor';
import { journalFile } from '../../src/main/actions/journal';
import type { JournalFile } from '../../src/main/actions/journal';

export type Death = 'before the write lands' | 'after the write lands' | 'half way through the write';
export const deaths: Death[] = ['before the write lands', 'after the write lands', 'half way through the write'];

const never = new Promise<never>(() => undefined);

/** The journal's file, in a process that dies at its k-th write: that write and every later one never return. */
export function dyingAt(real: JournalFile, k: number, how: Death) {
  let writes = 0;
  let dead = false;
  let died!: () => void;
  const death = new Promise<'died'>((resolve) => (died = () => resolve('died')));
  const step = async (write: () => Promise<void>, text: string, append: boolean): Promise<void> => {
    if (dead) return never;
    if (writes++ !== k) return write();
    dead = true;
    if (how === 'after the write lands') await write();
    if (how === 'half way through the write' && append) await real.append(text.slice(0, Math.ceil(text.length / 2)));
    died();
    return never;
  };
  const file: JournalFile = {
    read: () => real.read(),
    append: (text) => step(() => real.append(text), text, true),
    replace: (text) => step(() => real.replace(text), text, false),
  };
  return { file, death };
}

/** The renderer's side: sends the actions one by one until main answers no more (it died). */
export async function sendUntilDeath(executor: ActionExecutor, platform: ActionPlatform, actions: ActionIntent[], death: Promise<'died'>) {
  const answered: Array<Result<ActionReceipt>> = [];
  for (const action of actions) {
    const answer = await Promise.race([executor.execute(action, platform), death]);
    if (answer === 'died') return { answered, died: true };
    answered.push(answer);
  }
  return { answered, died: false };
}

/**
 * One crash and one restart: main dies at its k-th journal write (`how`) while the renderer sends
 * `actions`; `beforeRestart` sees what was answered until then; then a new main over the same journal
 * answers the renderer's replay of every action it holds.
 */
export async function crashThenReplay(
  platform: ActionPlatform,
  actions: ActionIntent[],
  k: number,
  how: Death,
  beforeRestart: (first: { answered: Array<Result<ActionReceipt>>; died: boolean }) => void,
): Promise<{ first: { answered: Array<Result<ActionReceipt>>; died: boolean }; answers: Array<Result<ActionReceipt>> }> {
  const path = join(mkdtempSync(join(tmpdir(), 'tk-crash-')), 'actions-journal.jsonl');
  const dying = dyingAt(journalFile(path), k, how);
  const first = await sendUntilDeath(new ActionExecutor(dying.file), platform, actions, dying.death);
  beforeRestart(first);
  const restarted = new ActionExecutor(path);
  const answers: Array<Result<ActionReceipt>> = [];
  for (const action of actions) answers.push(await restarted.execute(action, platform));
  return { first, answers };
}
