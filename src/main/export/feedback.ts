// The feedback board in main: moderators' marks (feedback / bug / idea) kept on disk, clustered with the
// shared rules, a status per cluster, and the export to Notion and Slack through the persistent queue.
// Tokens live in the secret store like the platforms' and never leave main; when a cluster's export is
// sent its status moves from new to sent, and every change is told to the renderers.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { clusterFeedback, FeedbackMarkSchema, FeedbackStatusSchema, type FeedbackCluster, type FeedbackStatus } from '@shared/feedback/cluster';
import type { FeedbackBoard } from '@shared/feedback/board';
import { applyReaction, reactedMessageId, votesOn, type ReactionBook, type ReactionEventLike } from '@shared/feedback/votes';
import { fail, ok } from '@shared/domain/result';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { Connector } from '../core/connector';
import type { SecretStore } from '../secrets/store';
import { writeFileAtomic } from '../util/files';
import { logger } from '../util/log';
import { NotionExporter, SlackExporter } from './clients';
import { ExportQueue, type Destinations, type ExportJob } from './queue';

const log = logger('feedback');

const StoreSchema = z.object({
  marks: z.array(FeedbackMarkSchema),
  statuses: z.record(z.string(), FeedbackStatusSchema),
  notion: z.object({ dataSourceId: z.string() }).optional(),
  slack: z.object({ channel: z.string() }).optional(),
  /** Reactions on marked messages (votes); kept on disk with the marks they count for. */
  reactions: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
});
type Store = z.infer<typeof StoreSchema>;

/** Marked messages whose reactions are asked of the platform at a (re)connect, newest first. */
const CATCH_UP_MARKS = 200;

/** Whether two books of one message hold the same emojis for the same members. */
function sameHolders(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = [...(a[k] ?? [])].sort();
    const y = [...(b[k] ?? [])].sort();
    return x.length === y.length && x.every((e, i) => e === y[i]);
  });
}

/** Reacted messages remembered while not (yet) marked: a mark made later counts the reactions already there. */
const UNMARKED_REACTED = 5_000;

const NOTION_SECRET = 'export:notion';
const SLACK_SECRET = 'export:slack';

export interface FeedbackOptions {
  home: string;
  secrets: SecretStore;
  /** Other Notion / Slack API addresses (a local peer in tests and practice). */
  notionApi?: string;
  slackApi?: string;
  /** Pacing and back-off of the export queue (tests shorten them). */
  queue?: { spacingMs?: { notion: number; slack: number }; backoffMs?: { base: number; max: number } };
}

export class FeedbackBoardService {
  private store: Store = { marks: [], statuses: {} };
  private tokens: { notion?: string; slack?: string } = {};
  private readonly queue: ExportQueue;
  private readonly listeners = new Set<(board: FeedbackBoard) => void>();
  /** Who holds which reaction on which message (marked or not), as the connectors told it. */
  private reactions: ReactionBook = {};
  /** Catch-ups waiting for a platform's answer: each hears the live reactions that arrive meanwhile. */
  private readonly asking = new Set<(event: ReactionEventLike) => void>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: FeedbackOptions) {
    this.queue = new ExportQueue({
      file: join(options.home, 'export-queue.json'),
      destinations: () => this.destinations(),
      onChanged: (job) => this.jobChanged(job),
      ...(options.queue?.spacingMs ? { spacingMs: options.queue.spacingMs } : {}),
      ...(options.queue?.backoffMs ? { backoffMs: options.queue.backoffMs } : {}),
    });
  }

  private get file() {
    return join(this.options.home, 'feedback.json');
  }

  async start(): Promise<void> {
    try {
      this.store = StoreSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
      this.reactions = { ...this.store.reactions };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('feedback.json unreadable; starting empty', error);
    }
    this.tokens = { notion: await this.options.secrets.get(NOTION_SECRET), slack: await this.options.secrets.get(SLACK_SECRET) };
    await this.queue.load();
    // Jobs left from before a restart or offline time go on now.
    void this.queue.run();
  }

  onChanged(listener: (board: FeedbackBoard) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private destinations(): Destinations {
    const out: Destinations = {};
    if (this.tokens.notion && this.store.notion) out.notion = new NotionExporter({ token: this.tokens.notion, dataSourceId: this.store.notion.dataSourceId, ...(this.options.notionApi ? { baseUrl: this.options.notionApi } : {}) });
    if (this.tokens.slack && this.store.slack) out.slack = new SlackExporter({ token: this.tokens.slack, ...(this.options.slackApi ? { slackApiUrl: this.options.slackApi } : {}) });
    return out;
  }

  /**
   * A member's reaction (or take-back) on a message: counted for the cluster holding that message. Only
   * reactions on marked messages are written to disk; others are remembered in memory (the newest few
   * thousand messages) so a mark made later counts them.
   */
  react(event: ReactionEventLike): void {
    const target = reactedMessageId(event);
    if (!target) return;
    for (const hear of this.asking) hear(event);
    const before = this.reactions;
    this.reactions = applyReaction(before, event);
    if (this.reactions === before) return;
    const keys = Object.keys(this.reactions);
    if (keys.length > UNMARKED_REACTED) {
      const marked = new Set(this.store.marks.map((m) => m.eventId));
      let extra = keys.length - UNMARKED_REACTED;
      // Oldest first (insertion order); a marked message's reactions stay.
      const kept = { ...this.reactions };
      for (const key of keys) {
        if (extra <= 0) break;
        if (marked.has(key) || key === target) continue;
        delete kept[key];
        extra--;
      }
      this.reactions = kept;
    }
    if (this.store.marks.some((m) => m.eventId === target)) {
      void this.save().catch((error: unknown) => log.warn('feedback.json not written', error));
      this.changed();
    }
  }

  /**
   * Reactions on the marked messages of `connector`'s spaces as the platform holds them now: what was
   * added or taken back while the console was closed or its connection down counts after a (re)start.
   * Asked per message (the newest marks first, at most CATCH_UP_MARKS); a message the platform cannot
   * show keeps what the book had. Answers how many messages' reactions changed.
   */
  async catchUpReactions(connector: Pick<Connector, 'info' | 'reactionHolders'>): Promise<number> {
    if (!connector.reactionHolders) return 0;
    const info = connector.info();
    const spaces = new Set(info.spaces.map((s) => s.id));
    const ids = [...new Set(this.store.marks.filter((m) => m.platform === info.platform && spaces.has(m.spaceId)).map((m) => m.eventId))].slice(-CATCH_UP_MARKS).reverse();
    let changed = 0;
    for (const id of ids) {
      // platform:space:channel:message (Discord's ids hold no colon).
      const [, , channelId, messageId] = id.split(':');
      if (!channelId || !messageId) continue;
      // A live reaction counted while the answer was on its way may be missing from it (the platform
      // answered first) or not: applied again on top of the answer it is counted once either way.
      const heard: ReactionEventLike[] = [];
      const hear = (event: ReactionEventLike) => {
        if (reactedMessageId(event) === id) heard.push(event);
      };
      this.asking.add(hear);
      let held: Awaited<ReturnType<NonNullable<Connector['reactionHolders']>>>;
      try {
        held = await connector.reactionHolders(channelId, messageId);
      } finally {
        this.asking.delete(hear);
      }
      if (!held.ok) continue;
      let answered: ReactionBook = Object.keys(held.value).length > 0 ? { [id]: held.value } : {};
      for (const event of heard) answered = applyReaction(answered, event);
      const now = answered[id] ?? {};
      const before = this.reactions[id] ?? {};
      if (sameHolders(before, now)) continue;
      const next = { ...this.reactions };
      if (Object.keys(now).length > 0) next[id] = now;
      else delete next[id];
      this.reactions = next;
      changed++;
    }
    if (changed > 0) {
      await this.save().catch((error: unknown) => log.warn('feedback.json not written', error));
      this.changed();
    }
    return changed;
  }

  private votes(cluster: FeedbackCluster): number {
    return votesOn(this.reactions, cluster.marks.map((m) => m.eventId));
  }

  private clusters(): FeedbackCluster[] {
    return clusterFeedback(this.store.marks);
  }

  /** A sent export moves its cluster from new to sent (a status the team set later stays). */
  private jobChanged(job: ExportJob): void {
    if (job.state === 'sent') {
      const ids = job.to === 'notion' ? [job.item.id] : (job.digest.text.match(/\u2063([^\u2063]+)\u2063/g) ?? []).map((m) => m.slice(1, -1));
      for (const id of ids) if ((this.store.statuses[id] ?? 'new') === 'new') this.store.statuses[id] = 'sent';
      void this.save();
    }
    this.changed();
  }

  private changed(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      const board = this.board();
      for (const l of this.listeners) l(board);
    }, 20);
  }

  board(): FeedbackBoard {
    const jobs = this.queue.list();
    return {
      clusters: this.clusters().map((c) => {
        const notion = jobs.find((j) => j.to === 'notion' && j.item.id === c.id);
        const slack = [...jobs].reverse().find((j) => j.to === 'slack' && j.digest.text.includes(`\u2063${c.id}\u2063`));
        return {
          id: c.id,
          kind: c.kind,
          title: c.title,
          count: c.count,
          votes: this.votes(c),
          reporters: c.reporters,
          platforms: c.platforms,
          status: this.store.statuses[c.id] ?? 'new',
          examples: c.marks.slice(0, 5).map((m) => m.text),
          ...(notion ? { notion: { state: notion.state, ...(notion.error ? { error: notion.error } : {}) } } : {}),
          ...(slack ? { slack: { state: slack.state, ...(slack.error ? { error: slack.error } : {}) } } : {}),
        };
      }),
      destinations: { notion: !!(this.tokens.notion && this.store.notion), slack: !!(this.tokens.slack && this.store.slack) },
    };
  }

  private saving: Promise<void> = Promise.resolve();

  /** Resolves once every change made so far is on disk (main awaits it before it exits). */
  async flush(): Promise<void> {
    await this.saving.catch(() => undefined);
  }

  /** One write at a time (reactions save often; two writes must not share the temporary file). */
  private save(): Promise<void> {
    const next = this.saving.catch(() => undefined).then(() => this.write());
    this.saving = next;
    return next;
  }

  private async write(): Promise<void> {
    await mkdir(this.options.home, { recursive: true, mode: 0o700 });
    const marked = new Set(this.store.marks.map((m) => m.eventId));
    this.store.reactions = Object.fromEntries(Object.entries(this.reactions).filter(([id]) => marked.has(id)));
    await writeFileAtomic(this.file, JSON.stringify(this.store));
  }

  /** The Slack digest of some clusters; each cluster's id rides invisibly (U+2063) so its status can follow. */
  private digest(clusters: FeedbackCluster[]): string {
    const lines = clusters.map((c) => `• [${c.kind}] ${c.title.replace(/\s+/g, ' ').slice(0, 150)} — ${c.count}×, ${this.votes(c)} vote${this.votes(c) === 1 ? '' : 's'} (${c.platforms.join(', ')})\u2063${c.id}\u2063`);
    return [`Feedback digest: ${clusters.length} item${clusters.length === 1 ? '' : 's'}`, ...lines].join('\n');
  }

  handlers(): CommandHandlers<'feedback'> {
    return {
      'feedback.list': async () => this.board(),
      'feedback.mark': async ({ mark }) => {
        this.store.marks = [...this.store.marks.filter((m) => m.eventId !== mark.eventId), mark];
        await this.save();
        this.changed();
        return ok(this.board());
      },
      'feedback.setStatus': async ({ id, status }) => {
        if (!this.clusters().some((c) => c.id === id)) return fail('not_found', 'That feedback is gone.');
        this.store.statuses[id] = status as FeedbackStatus;
        await this.save();
        this.changed();
        return ok(this.board());
      },
      'feedback.configure': async ({ notion, slack }) => {
        if (notion) {
          if (notion.token) {
            await this.options.secrets.set(NOTION_SECRET, notion.token);
            this.tokens.notion = notion.token;
          }
          this.store.notion = { dataSourceId: notion.dataSourceId };
          await this.queue.unblock('notion');
        }
        if (slack) {
          if (slack.token) {
            await this.options.secrets.set(SLACK_SECRET, slack.token);
            this.tokens.slack = slack.token;
          }
          this.store.slack = { channel: slack.channel };
          await this.queue.unblock('slack');
        }
        await this.save();
        void this.queue.run();
        this.changed();
        return ok(this.board());
      },
      'feedback.export': async ({ ids, to }) => {
        const chosen = this.clusters().filter((c) => ids.includes(c.id));
        if (chosen.length === 0) return fail('not_found', 'That feedback is gone.');
        if (to === 'notion') {
          if (!this.store.notion || !this.tokens.notion) return fail('invalid_input', 'Notion is not set up.', { fields: { reason: 'notion_unset' } });
          for (const c of chosen) await this.queue.addNotion({ id: c.id, title: c.title, kind: c.kind, count: c.count, votes: this.votes(c), platforms: c.platforms, reporters: c.reporters, examples: c.marks.map((m) => m.text) });
        } else {
          if (!this.store.slack || !this.tokens.slack) return fail('invalid_input', 'Slack is not set up.', { fields: { reason: 'slack_unset' } });
          await this.queue.addSlack({ channel: this.store.slack.channel, text: this.digest(chosen) });
        }
        void this.queue.run();
        this.changed();
        return ok(this.board());
      },
    };
  }
}
