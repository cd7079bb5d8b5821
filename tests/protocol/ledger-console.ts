// A moderator's console for ledger tests: a host-mode instance with its own home, spoken to over the
// same WebSocket contract a browser uses, remembering the newest `team.changed` it was told.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { TeamViewSchema } from '../../src/shared/team';
import type { TeamView } from '../../src/shared/team';
import { startHost } from '../../src/main/host/start';
import type { HostOptions, RunningHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { until } from './until';

export class Console {
  view: TeamView | undefined;
  private host!: RunningHost;
  private ws!: WebSocket;
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: { t: string; payload?: unknown; message?: string }) => void>();

  constructor(
    readonly home: string,
    /** The community it connects to: a Discord simulator, or a Telegram connection (the ledger's carrier). */
    private readonly sim: DiscordSimulator | { telegram: NonNullable<HostOptions['telegram']> },
    private readonly extra: Pick<HostOptions, 'postTickMs' | 'postGraceMs' | 'pageEscalateMs' | 'whatsapp'> = {},
  ) {}

  async start(): Promise<this> {
    const rendererDir = join(this.home, '..', 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    const community = 'telegram' in this.sim ? { telegram: this.sim.telegram } : { discord: { apiBase: this.sim.apiBase, token: this.sim.token } };
    this.host = await startHost({ home: this.home, rendererDir, practice: false, ...community, ...this.extra });
    this.ws = new WebSocket(`ws://127.0.0.1:${this.host.port}/ipc?token=${encodeURIComponent(this.host.token)}`, { origin: this.host.origin });
    this.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { t: string; id?: number; name?: string; payload?: unknown; message?: string };
      if (frame.t === 'evt' && frame.name === 'team.changed') this.view = TeamViewSchema.parse(frame.payload);
      else if (frame.id !== undefined) this.waiting.get(frame.id)?.(frame);
    });
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.view = TeamViewSchema.parse(await this.invoke('team.state', {}));
    return this;
  }

  invoke(name: string, payload: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (frame) => {
        this.waiting.delete(id);
        if (frame.t === 'res') resolve(frame.payload);
        else reject(new Error(frame.message ?? 'command failed'));
      });
      this.ws.send(JSON.stringify({ t: 'req', id, name, payload }));
    });
  }

  get key(): string {
    if (!this.view) throw new Error('console not started');
    return this.view.me.key;
  }

  get state() {
    if (!this.view) throw new Error('console not started');
    return this.view.state;
  }

  async member(): Promise<void> {
    await until(() => this.view?.standing === 'member', `${this.home} to be a team member`);
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.host.close();
  }
}

type ConsoleOptions = ConstructorParameters<typeof Console>[2];

/**
 * Two moderators' consoles under `root` on one community: Ana founds the team, Bo's console waits for
 * approval, and Ana approves the invite code Bo's console shows once he says who he is.
 */
export async function startTeamOfTwo(
  root: string,
  sim: DiscordSimulator,
  zones: { ana: string; bo: string },
  options: { ana?: ConsoleOptions; bo?: ConsoleOptions } = {},
): Promise<{ ana: Console; bo: Console }> {
  const ana = await new Console(join(root, 'ana'), sim, options.ana).start();
  await until(() => ana.view?.standing === 'no-team', 'Ana to find no team yet');
  await ana.invoke('team.configure', { name: 'Ana', zone: zones.ana });
  await ana.member();
  const bo = await new Console(join(root, 'bo'), sim, options.bo).start();
  await until(() => bo.view?.standing === 'awaiting-approval', 'Bo to wait for approval');
  const configured = (await bo.invoke('team.configure', { name: 'Bo', zone: zones.bo })) as { ok: true; value: { inviteCode: string } };
  const approved = (await ana.invoke('team.roster.approve', { inviteCode: configured.value.inviteCode, role: 'moderator' })) as { ok: boolean };
  if (!approved.ok) throw new Error(`Ana could not approve Bo: ${JSON.stringify(approved)}`);
  await bo.member();
  return { ana, bo };
}
