// The core: sources and their connectors, the pipeline, the sync hub, the action executor and the team
// ledger, wired together; each feature's commands live in its own module (`commands/`, `ledger/`), and
// Core joins their handler maps into the contract's. Plain Node; the Electron shell and host mode both wrap it.
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceInfo } from '@shared/domain/model';
import { commands } from '@shared/ipc/contract';
import { standingRuleChanges } from '@shared/team';
import type { AppInfo, CommandHandlers, CommandName } from '@shared/ipc/contract';
import { issuesText } from '@shared/zodText';
import { noDesktopShell } from '../desktop/shell';
import type { DesktopShell } from '../desktop/shell';
import { ActionExecutor } from '../actions/executor';
import type { Connector } from './connector';
import { TeamLedger } from '../ledger/ledger';
import { PostScheduler } from '../ledger/posts';
import { FeedbackBoardService } from '../export/feedback';
import { PollBook } from '../polls/book';
import type { SecretStore } from '../secrets/store';
import { Pipeline } from '../pipeline/pipeline';
import { ReportGate } from '../pipeline/reports';
import { StaffDirectory } from '../pipeline/staff';
import type { Triage } from '../pipeline/pipeline';
import { RuleAutomation } from '../rules/automation';
import { logger } from '../util/log';
import { NewcomerFirsts } from '../welcome/firstMessages';
import { Welcomer } from '../welcome/welcomer';
import { withAppeals } from './appeals';
import { actionsHandlers } from './commands/actions';
import { appHandlers } from './commands/app';
import { conversationHandlers, memberHandlers } from './commands/conversation';
import { desktopHandlers } from './commands/desktop';
import { ActiveRules } from './commands/rules';
import { secretsHandlers } from './commands/secrets';
import { Sources } from './commands/sources';
import { syncHandlers } from './commands/sync';
import type { Connection, ConnectorFactory } from './connections';
import { SyncHub } from './sync';
import type { Subscriber } from './sync';

export type { Connection, ConnectorFactory, DiscordConnection, TelegramConnection, TelegramServerAddress, TelegramUserLogin } from './connections';

const log = logger('core');

export interface CoreOptions {
  home: string;
  mode: AppInfo['mode'];
  version: string;
  secrets: SecretStore;
  createConnector: ConnectorFactory;
  /** Connections that live for this run only (the practice community, TRIBE_* environment). */
  ephemeral?: Connection[];
  triage?: Triage;
  backfill?: number;
  /** How often scheduled posts are looked for (tests shorten it). */
  postTickMs?: number;
  /** How late a scheduled post still goes out without asking (tests shorten it). */
  postGraceMs?: number;
  /** How long a page waits for its acknowledgement before it escalates (tests shorten it). */
  pageEscalateMs?: number;
  /** Telegram app credentials used when a request brings none (TRIBE_TELEGRAM_API_ID / _HASH). */
  telegramApp?: { apiId: number; apiHash: string };
  /** How long a join wave stays open without a join before its welcome goes (tests make it long and flush). */
  welcomeQuietMs?: number;
  /** ... and how long one lasts at most (a raid that never goes quiet is welcomed once per this). */
  welcomeMaxWaveMs?: number;
  /** Tray, badge and native notifications (Electron); none in host mode. */
  desktop?: DesktopShell;
}

export interface Session {
  invoke(name: string, payload: unknown): Promise<unknown>;
  close(): void;
}

export class Core {
  private readonly connectors = new Map<string, Connector>();
  private readonly pipeline: Pipeline;
  private readonly hub: SyncHub;
  private readonly executor: ActionExecutor;
  /** Saved connections, adding and removing them, Telegram logins. */
  private readonly savedSources: Sources;
  /** The team ledger (issue 7): reads the staff channel from every connector's events. */
  readonly ledger: TeamLedger;
  /** The rule pack triage runs now. */
  private readonly rules: ActiveRules;
  /** Scheduled announcements: sent by whichever console runs at the time (issue 19). */
  private readonly posts: PostScheduler;
  /** Members' feedback, bugs and ideas, and their export to Notion and Slack (issue 19). */
  private readonly feedback: FeedbackBoardService;
  /** Polls posted from the console and members' votes on them (issue 19). */
  private readonly polls: PollBook;
  /** Member reports: a repeat counted once, a flood by one member not heard. */
  private readonly reports = new ReportGate();
  /** Welcomes for new members, one per join wave (issue 19). */
  readonly welcomes: Welcomer;

  constructor(private readonly options: CoreOptions) {
    // Built first and in order, so no closure below reads a part before it exists.
    const ledger = new TeamLedger({
      home: options.home,
      secrets: options.secrets,
      host: {
        connector: (id) => this.connectors.get(id),
        connectors: () => [...this.connectors.values()],
      },
      ...(options.postGraceMs ? { postGraceMs: options.postGraceMs } : {}),
      ...(options.pageEscalateMs ? { escalateAfterMs: options.pageEscalateMs, escalateCheckMs: Math.max(250, Math.floor(options.pageEscalateMs / 4)) } : {}),
    });
    this.ledger = ledger;
    this.rules = new ActiveRules(options.home, options.triage);
    const triage = withAppeals(this.rules);
    // Staff names scammers copy: each space's moderators as its connector knows them, and the team roster.
    let roster: { state: unknown; records: number; names: readonly string[] } = { state: undefined, records: -1, names: [] };
    const staff = new StaffDirectory({
      platform: (sourceId, spaceId) => this.connectors.get(sourceId)?.staff?.(spaceId),
      roster: () => {
        const state = ledger.current();
        // Every applied record counts; the roster is read again only when one was.
        if (state !== roster.state || state.records !== roster.records) roster = { state, records: state.records, names: Object.values(state.roster).map((m) => m.name) };
        return roster.names;
      },
    });
    // Rule actions run through the same executor and journal as a moderator's (created before any event).
    this.executor = new ActionExecutor(join(options.home, 'actions-journal.jsonl'));
    this.welcomes = new Welcomer({ home: options.home, executor: this.executor, connector: (id) => this.connectors.get(id), ...(options.welcomeQuietMs ? { quietMs: options.welcomeQuietMs } : {}), ...(options.welcomeMaxWaveMs ? { maxWaveMs: options.welcomeMaxWaveMs } : {}) });
    const automation = new RuleAutomation({ executor: this.executor, connector: (id) => this.connectors.get(id) });
    const newcomers = new NewcomerFirsts();
    this.pipeline = new Pipeline({
      // A member's DM to the bot is an appeal or a question for the team, whatever the rules say.
      // Team ledger records are the team's own bookkeeping, not community messages: never flag them.
      triage: {
        evaluate: (event, context) => (ledger.isLedgerMessage(event) ? [] : triage.evaluate(event, context)),
        evaluateDetailed: (event, context) => (ledger.isLedgerMessage(event) ? { flags: [], actions: [] } : triage.evaluateDetailed!(event, context)),
      },
      automate: (event, planned, context) => automation.run(event, planned, context),
      // A newcomer's first message is highlighted to moderators until someone answers it (issue 19).
      newcomerFirst: (event) => newcomers.observe(event),
      context: (event) => staff.context(event),
      onError: (message, error) => log.error(message, error),
    });
    const hub = new SyncHub(this.pipeline, () => [...this.connectors.values()], { backfill: options.backfill ?? 50 });
    this.hub = hub;
    ledger.onChanged((view) => {
      hub.broadcast('team.changed', view);
      // Rule changes the team accepted travel through the ledger: every console's triage applies them.
      this.rules.teamChanged(standingRuleChanges(view.state));
    });
    this.feedback = new FeedbackBoardService({
      home: options.home,
      secrets: options.secrets,
      // Other Notion / Slack API addresses: a local peer in tests and practice.
      ...(process.env.TRIBE_NOTION_API ? { notionApi: process.env.TRIBE_NOTION_API } : {}),
      ...(process.env.TRIBE_SLACK_API ? { slackApi: process.env.TRIBE_SLACK_API } : {}),
    });
    this.feedback.onChanged((board) => hub.broadcast('feedback.changed', board));
    this.polls = new PollBook(options.home);
    this.polls.onChanged((list) => hub.broadcast('polls.changed', list));
    this.posts = new PostScheduler({ ledger, connectors: () => [...this.connectors.values()], executor: this.executor, ...(options.postTickMs ? { tickMs: options.postTickMs } : {}), ...(options.postGraceMs ? { graceMs: options.postGraceMs } : {}) });
    this.savedSources = new Sources({
      home: options.home,
      secrets: options.secrets,
      createConnector: options.createConnector,
      telegramApp: options.telegramApp,
      host: {
        connector: (id) => this.connectors.get(id),
        sources: () => this.sources(),
        add: (connection, started) => this.addConnector(connection, started),
        remove: async (sourceId, connector) => {
          this.connectors.delete(sourceId);
          await connector.stop();
          hub.sourceRemoved(sourceId);
        },
      },
    });
  }

  /** Starts every known connection without waiting for any to be ready. */
  async start(): Promise<void> {
    await mkdir(this.options.home, { recursive: true, mode: 0o700 });
    // mkdir keeps an existing folder's mode (often 0755): secrets, sources and the journal live here.
    if (process.platform !== 'win32') await chmod(this.options.home, 0o700);
    await this.rules.start();
    await this.ledger.start();
    await this.feedback.start();
    await this.polls.start();
    await this.welcomes.start();
    this.rules.teamChanged(standingRuleChanges(this.ledger.current()));
    for (const connection of this.options.ephemeral ?? []) this.addConnector(connection);
    await this.savedSources.startSaved();
    this.posts.start();
  }

  async stop(): Promise<void> {
    this.hub.flushAll();
    await this.posts.stop();
    await this.welcomes.stop();
    await this.savedSources.stop();
    await Promise.all([...this.connectors.values()].map((c) => c.stop()));
    await this.ledger.stop();
    await this.polls.flush();
    // A vote counted just before the connections closed is written before main exits.
    await this.feedback.flush();
  }

  sources(): SourceInfo[] {
    return [...this.connectors.values()].map((c) => c.info());
  }

  /** Moves already followed (source, old space, new space): each is passed on once per run. */
  private readonly moves = new Set<string>();

  private spaceMoved(sourceId: string, from: string, to: string): void {
    const key = `${sourceId}\u0000${from}\u0000${to}`;
    if (this.moves.has(key)) return;
    this.moves.add(key);
    this.rules.moveSpace(from, to);
    void this.welcomes.spaceMoved(sourceId, from, to).catch((error: unknown) => log.warn('a welcome could not follow its group', error));
  }

  private addConnector(connection: Connection, started?: Connector): Connector {
    const connector = started ?? this.options.createConnector(connection);
    this.connectors.set(connection.id, connector);
    connector.onEvent((event) => {
      const verdict = this.reports.check(event);
      if (verdict !== 'admit') {
        log.info(`a member report was not counted (${verdict})`);
        return;
      }
      // Connectors that resume from more than message ids put the position an event moves on it (`cursor`).
      const { flags } = this.hub.ingest(event);
      this.ledger.observe(event);
      // Reactions on marked feedback count as votes (issue 19).
      if (event.kind === 'reaction') this.feedback.react(event);
      // A join triage calls part of a raid pauses the space's welcomes until its item is resolved.
      this.welcomes.observe(event, flags);
    });
    connector.onPollVote?.((vote) => this.polls.vote(vote));
    let wasReady = false;
    connector.onInfo((info) => {
      this.hub.broadcast('sources.changed', info);
      // A space that continues under another id (a Telegram group upgraded): its welcome and triage windows go with it.
      for (const space of info.spaces) if (space.movedFrom !== undefined) this.spaceMoved(info.id, space.movedFrom, space.id);
      const ready = info.state === 'ready';
      if (ready && !wasReady) this.hub.sourceReady(connector);
      if (ready && !wasReady) this.ledger.sourceReady(connector);
      // Reactions on marked feedback added or taken back while this console was closed or offline.
      if (ready && !wasReady) void this.feedback.catchUpReactions(connector).catch((error: unknown) => log.warn('reactions on feedback not caught up', error));
      wasReady = ready;
    });
    if (started) {
      wasReady = started.info().state === 'ready';
      if (wasReady) this.hub.sourceReady(started);
      if (wasReady) this.ledger.sourceReady(started);
      if (wasReady) void this.feedback.catchUpReactions(started).catch((error: unknown) => log.warn('reactions on feedback not caught up', error));
      this.hub.broadcast('sources.changed', started.info());
    } else {
      void connector.start().then((result) => {
        if (!result.ok) log.warn(`source ${connection.label} did not start: ${result.error.code}`);
      });
    }
    return connector;
  }

  /** One renderer (an Electron window, a host-mode WebSocket): commands in, events out. */
  openSession(subscriber: Subscriber): Session {
    const sync = this.hub.attach(subscriber);
    const connector = (sourceId: string) => this.connectors.get(sourceId);
    // Every command of the contract, each from its feature's map; one missing fails to compile.
    const handlers: CommandHandlers = {
      ...appHandlers({ version: this.options.version, mode: this.options.mode, connectors: () => [...this.connectors.values()] }),
      ...this.savedSources.handlers(),
      ...syncHandlers(sync, () => this.sources()),
      ...conversationHandlers({ connector, pipeline: this.pipeline }),
      ...memberHandlers({ connector }),
      ...actionsHandlers({
        connector,
        executor: this.executor,
        confirmed: (action, receipt, source) => {
          // A poll is listed with its tally from now on (a replay finds it listed).
          if (action.kind === 'poll') this.polls.posted(action, source.info().platform, receipt.createdMessageId);
          // A plan's Discord event is told to the team, so the other consoles can change it.
          if (action.kind === 'event') void this.posts.eventConfirmed(action, receipt).catch((error: unknown) => log.warn('a plan event was not shared', error));
        },
      }),
      ...this.rules.handlers(),
      ...secretsHandlers(this.options.secrets),
      ...this.ledger.handlers(),
      ...this.posts.handlers(),
      ...this.feedback.handlers(),
      ...this.welcomes.handlers(),
      ...this.polls.handlers(),
      ...desktopHandlers(this.options.desktop ?? noDesktopShell),
    };
    return {
      invoke: async (name, payload) => {
        // Own keys only: `constructor` or `__proto__` are `in` every object.
        if (typeof name !== 'string' || !Object.hasOwn(commands, name)) throw new Error(`Unknown command ${String(name).slice(0, 64)}`);
        const command = name as CommandName;
        const parsed = commands[command].request.safeParse(payload ?? {});
        if (!parsed.success) {
          throw new Error(`Invalid ${command} request: ${issuesText(parsed.error, 'request')}`);
        }
        const handler = handlers[command] as (request: unknown) => Promise<unknown>;
        return handler(parsed.data);
      },
      close: () => sync.detach(),
    };
  }
}
