// The polls this console posted and members' votes on them (issue 19), kept on disk (polls.json) so a
// tally survives a restart. A member holds one vote per poll: a newer one replaces it, an empty one
// takes it back, an older one arriving late (queued while offline) changes nothing.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ActionIntent } from '@shared/domain/actions';
import { PlatformSchema, type Platform } from '@shared/domain/model';
import type { CommandHandlers } from '@shared/ipc/contract';
import type { PollList, PollTally } from '@shared/polls/tally';
import type { PollVote } from '../core/connector';
import { SerialQueue, writeFileAtomic } from '../util/files';
import { logger } from '../util/log';

const log = logger('polls');

const StoredPollSchema = z.object({
  key: z.string(),
  sourceId: z.string(),
  platform: PlatformSchema,
  channelId: z.string(),
  messageId: z.string(),
  question: z.string(),
  answers: z.array(z.string()),
  multiple: z.boolean(),
  postedAt: z.number(),
  /** Per voter, the answers (indexes) they hold (none: taken back) and when they voted. */
  votes: z.record(z.string(), z.object({ answers: z.array(z.number().int().nonnegative()), ts: z.number() })),
});
type StoredPoll = z.infer<typeof StoredPollSchema>;
const StoreSchema = z.object({ polls: z.array(StoredPollSchema) });

/** Platforms whose connector reads members' votes back. */
const COUNTED: ReadonlySet<Platform> = new Set(['whatsapp']);
/** Polls kept (newest); votes that come before their poll is known, kept a little while. */
const KEPT = 500;
const EARLY = 1000;

const pollId = (sourceId: string, messageId: string) => `${sourceId}|${messageId}`;
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export class PollBook {
  private polls = new Map<string, StoredPoll>();
  /** Votes on a poll not known yet (its send's answer may still be on its way). */
  private early: PollVote[] = [];
  private readonly writes = new SerialQueue();
  private readonly listeners = new Set<(list: PollList) => void>();

  constructor(private readonly home: string) {}

  private get file() {
    return join(this.home, 'polls.json');
  }

  async start(): Promise<void> {
    try {
      const stored = StoreSchema.parse(JSON.parse(await readFile(this.file, 'utf8')));
      this.polls = new Map(stored.polls.map((p) => [pollId(p.sourceId, p.messageId), p]));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('polls.json unreadable; starting empty', error);
    }
  }

  onChanged(listener: (list: PollList) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A poll action main confirmed: listed from now on (a replay of the same poll changes nothing). */
  posted(action: ActionIntent, platform: Platform, messageId: string | undefined, at = Date.now()): void {
    if (action.kind !== 'poll' || !messageId) return;
    const id = pollId(action.sourceId, messageId);
    if (this.polls.has(id)) return;
    this.polls.set(id, { key: action.key, sourceId: action.sourceId, platform, channelId: action.channelId, messageId, question: action.question, answers: [...action.answers], multiple: action.multiple, postedAt: at, votes: {} });
    while (this.polls.size > KEPT) this.polls.delete(this.polls.keys().next().value!);
    const waiting = this.early.filter((v) => pollId(v.sourceId, v.pollMessageId) === id);
    this.early = this.early.filter((v) => !waiting.includes(v));
    for (const vote of waiting) this.apply(vote);
    this.changed();
  }

  /** A member's vote, as a connector read it. */
  vote(vote: PollVote): void {
    if (!this.polls.has(pollId(vote.sourceId, vote.pollMessageId))) {
      this.early.push(vote);
      if (this.early.length > EARLY) this.early.shift();
      return;
    }
    if (this.apply(vote)) this.changed();
  }

  private apply(vote: PollVote): boolean {
    const poll = this.polls.get(pollId(vote.sourceId, vote.pollMessageId));
    if (!poll || poll.channelId !== vote.channelId) return false;
    const held = poll.votes[vote.voterId];
    if (held && held.ts > vote.ts) return false;
    const hashes = poll.answers.map(sha256Hex);
    const answers = [...new Set(vote.optionSha256.map((h) => hashes.indexOf(h.toLowerCase())).filter((i) => i >= 0))].sort((a, b) => a - b);
    // One answer only, unless the poll allows several.
    if (!poll.multiple && answers.length > 1) return false;
    // A take-back is kept as an empty vote, so an older vote arriving later does not count again.
    poll.votes[vote.voterId] = { answers, ts: vote.ts };
    return true;
  }

  list(): PollList {
    const polls = [...this.polls.values()].reverse().map((p): PollTally => {
      const counts = p.answers.map(() => 0);
      for (const v of Object.values(p.votes)) for (const i of v.answers) counts[i] = (counts[i] ?? 0) + 1;
      const counted = COUNTED.has(p.platform);
      return {
        key: p.key,
        sourceId: p.sourceId,
        platform: p.platform,
        channelId: p.channelId,
        messageId: p.messageId,
        question: p.question,
        multiple: p.multiple,
        postedAt: p.postedAt,
        counted,
        answers: p.answers.map((text, i) => ({ text, votes: counted ? (counts[i] ?? 0) : 0 })),
        voters: counted ? Object.values(p.votes).filter((v) => v.answers.length > 0).length : 0,
      };
    });
    return { polls };
  }

  private changed(): void {
    void this.writes
      .run(async () => {
        await mkdir(this.home, { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.file, JSON.stringify({ polls: [...this.polls.values()] }));
      })
      .catch((error: unknown) => log.warn('could not save polls.json', error));
    const list = this.list();
    for (const l of this.listeners) l(list);
  }

  /** Waits for the writes asked so far (before stop). */
  flush(): Promise<void> {
    return this.writes.run(() => Promise.resolve());
  }

  handlers(): CommandHandlers<'polls'> {
    return { 'polls.list': () => Promise.resolve(this.list()) };
  }
}
