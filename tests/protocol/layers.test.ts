// The layer rules hold themselves: lint is fed one forbidden import (or use) of each kind, at the path
// where it would be written, and must refuse it with the layer's message; the allowed form passes.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: repo });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(repo, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const cases: Array<{ what: string; path: string; bad: string; good: string; says: RegExp }> = [
  { what: 'Node in shared', path: 'src/shared/domain/x.ts', bad: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", good: "import { z } from 'zod';\nexport const a = z;", says: /pure TypeScript/ },
  { what: 'the renderer alias in shared', path: 'src/shared/domain/x.ts', bad: "import { useInbox } from '@renderer/stores/inbox';\nexport const a = useInbox;", good: "import { ok } from './result';\nexport const a = ok;", says: /must not import from main, renderer/ },
  { what: 'process.env in shared', path: 'src/shared/triage/x.ts', bad: 'export const home = process.env.HOME;', good: 'export const home = (env: Record<string, string>) => env.HOME;', says: /no process/ },
  { what: 'process in shared, taken apart', path: 'src/shared/triage/x.ts', bad: 'const { env } = process;\nexport const home = env.HOME;', good: 'export const run = (job: { process: () => number }) => job.process();', says: /no process/ },
  { what: 'process in shared, through globalThis', path: 'src/shared/triage/x.ts', bad: 'export const home = globalThis.process.env.HOME;', good: 'export const now = () => globalThis.Date.now();', says: /no process/ },
  { what: 'a platform library in the core', path: 'src/main/core/x.ts', bad: "import { Client } from 'discord.js';\nexport const a = Client;", good: "import type { ChatEvent } from '@shared/domain/model';\nexport type A = ChatEvent;", says: /connectors\/<platform>/ },
  { what: 'Baileys in the core', path: 'src/main/core/x.ts', bad: "import makeWASocket from 'baileys';\nexport const a = makeWASocket;", good: "import { join } from 'node:path';\nexport const a = join;", says: /connectors\/<platform>/ },
  { what: 'electron in the core', path: 'src/main/core/x.ts', bad: "import { app } from 'electron';\nexport const a = app;", good: "import { join } from 'node:path';\nexport const a = join;", says: /Only src\/main\/electron/ },
  { what: 'the Electron shell in the core', path: 'src/main/core/x.ts', bad: "import { openWindow } from '../electron/window';\nexport const a = openWindow;", good: "import { Pipeline } from '../pipeline/pipeline';\nexport const a = Pipeline;", says: /only the Electron entry wires/ },
  { what: 'the Electron shell in the core, by a path that does not name its folder', path: 'src/main/core/x.ts', bad: "import { runElectron } from '../../main/electron/window';\nexport const a = runElectron;", good: "import type { DesktopShell } from '../desktop/shell';\nexport type A = DesktopShell;", says: /only the Electron entry wires/ },
  { what: 'electron in an entry outside src/main/electron', path: 'src/main/index.ts', bad: "import { app } from 'electron';\nexport const a = app;", good: "import { join } from 'node:path';\nexport const a = join;", says: /Only src\/main\/electron/ },
  { what: 'electron in host mode', path: 'src/main/host.ts', bad: "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;", good: "import { join } from 'node:path';\nexport const a = join;", says: /Only src\/main\/electron/ },
  { what: 'the renderer alias in a connector', path: 'src/main/connectors/telegram/x.ts', bad: "import { useInbox } from '@renderer/stores/inbox';\nexport const a = useInbox;", good: "import { Api } from 'telegram';\nexport const a = Api;", says: /main does not import the renderer/ },
  { what: 'practice servers in a connector, by a long path', path: 'src/main/connectors/telegram/x.ts', bad: "import { startTelegramSimulator } from '../../../main/practice/telegram/simulator';\nexport const a = startTelegramSimulator;", good: "import { fail } from '@shared/domain/result';\nexport const a = fail;", says: /never imports the practice servers/ },
  { what: 'a view sending a command itself', path: 'src/renderer/src/features/x.tsx', bad: "import { send } from '../ipc/client';\nexport const A = () => <button onClick={() => void send('rules.get', {})} />;", good: "import { retryBridge } from '../ipc/client';\nexport const A = () => <button onClick={() => retryBridge()} />;", says: /A view never calls send/ },
  { what: 'the renderer alias in main', path: 'src/main/core/x.ts', bad: "import { useInbox } from '@renderer/stores/inbox';\nexport const a = useInbox;", good: "import { ok } from '@shared/domain/result';\nexport const a = ok;", says: /main does not import the renderer/ },
  { what: 'practice servers in a connector', path: 'src/main/connectors/discord/x.ts', bad: "import { startDiscordSimulator } from '../../practice/discord/simulator';\nexport const a = startDiscordSimulator;", good: "import { Client } from 'discord.js';\nexport const a = Client;", says: /never imports the practice servers/ },
  { what: 'Node in the renderer', path: 'src/renderer/src/features/x.ts', bad: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", good: "import { create } from 'zustand';\nexport const a = create;", says: /no Node, Electron or platform library/ },
  { what: 'main from the renderer', path: 'src/renderer/src/features/x.ts', bad: "import { Pipeline } from '../../../main/pipeline/pipeline';\nexport const a = Pipeline;", good: "import { send } from '../ipc/client';\nexport const a = send;", says: /only through src\/renderer\/src\/ipc\/client/ },
  { what: 'markup from platform text', path: 'src/renderer/src/features/x.tsx', bad: 'export const A = ({ t }: { t: string }) => <p dangerouslySetInnerHTML={{ __html: t }} />;', good: 'export const A = ({ t }: { t: string }) => <p>{t}</p>;', says: /never markup/ },
  { what: 'zod in the sandboxed preload', path: 'src/preload/x.ts', bad: "import { z } from 'zod';\nexport const a = z;", good: "import { contextBridge } from 'electron';\nexport const a = contextBridge;", says: /sandboxed preload/ },
];

describe('layer rules', () => {
  it.each(cases)('refuses $what', async ({ path, bad, good, says }) => {
    const refused = await problems(path, bad);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.join('\n')).toMatch(says);
    expect(await problems(path, good)).toEqual([]);
  });
});
