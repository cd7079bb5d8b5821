// Incremental aggregates of cached events for insights: per space, per UTC hour, plus per-member
// firsts/lasts and per-message first replies. Every field is a sum, a min or a max (with ties broken
// by event id), so adding events in any order and in any batches gives the same state as one full
// recompute — the property test holds the aggregator to that. Each event must be added once (the
// renderer's ingest already drops repeats, and the worker feeds only freshly stored rows).
import type { ChatEvent, Flag, Platform } from '../domain/model';
import { DIRECT_MESSAGE_SPACE } from '../domain/model';
import { analyze, terms } from './text';

export const HOUR_MS = 3_600_000;
/** Topic terms are counted in blocks of this many hours (a per-hour term table would cost too much memory). */
export const TERM_BLOCK_HOURS = 6;
export const TERM_BLOCK_MS = TERM_BLOCK_HOURS * HOUR_MS;

/** The flag categories that make a message count toward the scam/raid rate. */
export const SCAM_RAID_CATEGORIES: ReadonlySet<string> = new Set(['scam', 'phishing', 'raid', 'flood', 'spam', 'mention-spam']);

/** What insights reads of a stored event (an EventRow is one). */
export type InsightSource = Pick<ChatEvent, 'id' | 'platform' | 'sourceId' | 'kind' | 'spaceId' | 'channelId' | 'ts'> &
  Partial<Pick<ChatEvent, 'spaceName' | 'messageId' | 'replyToMessageId' | 'text' | 'moderation'>> & {
    author?: { id: string; bot: boolean; name?: string | undefined; displayName?: string | undefined } | undefined;
    flags?: readonly Pick<Flag, 'category'>[] | undefined;
    /** The text before the first edit: a message is counted as it was first posted. */
    originalText?: string | undefined;
  };

export interface HourBucket {
  messages: number;
  /** Messages that reply to another message. */
  replies: number;
  joins: number;
  leaves: number;
  /** Messages triage flagged, and of them those in a scam/raid category. */
  flagged: number;
  scamRaid: number;
  reports: number;
  /** Native moderator actions by kind (delete, ban, …). */
  modActions: Record<string, number>;
  /** Messages the sentiment lexicon had words for, and of them the negative and positive ones. */
  scored: number;
  negative: number;
  positive: number;
  /** Messages per member (by the aggregator's member number; bots left out). */
  authors: Map<number, number>;
  /** Terms of member reports in this hour (what several reports are about). */
  reportTerms?: Map<string, number>;
}

/** A member's firsts and lasts in one space (flat: there is one per member and space). NaN = none yet. */
export interface MemberTrack {
  joinedAt: number;
  /** The first message: earliest ts, then smallest event id; `firstKey` is channelId|messageId. */
  firstTs: number;
  firstId: string;
  firstKey: string;
  lastMessageAt: number;
}

/** The earliest replies to one message from two different members (enough to find the first by someone else). */
export type FirstReplies = { ts: number; id: string; author: number }[];

export interface SpaceAggregate {
  key: string;
  platform: Platform;
  sourceId: string;
  spaceId: string;
  name: string;
  /** ts and id of the event the name was taken from (the latest named event wins). */
  nameAt: [number, string];
  hours: Map<number, HourBucket>;
  /** Term counts per TERM_BLOCK_HOURS block (block index = floor(ts / TERM_BLOCK_MS)). */
  termBlocks: Map<number, Map<string, number>>;
  members: Map<number, MemberTrack>;
  /** channelId|messageId → first replies. */
  replies: Map<string, FirstReplies>;
}

export function spaceKeyOf(e: Pick<InsightSource, 'platform' | 'sourceId' | 'spaceId'>): string {
  return `${e.platform}|${e.sourceId}|${e.spaceId}`;
}

function emptyBucket(): HourBucket {
  return { messages: 0, replies: 0, joins: 0, leaves: 0, flagged: 0, scamRaid: 0, reports: 0, modActions: {}, scored: 0, negative: 0, positive: 0, authors: new Map() };
}

function inc<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function before(aTs: number, aId: string, bTs: number, bId: string): boolean {
  return aTs < bTs || (aTs === bTs && aId < bId);
}

export class InsightsAggregator {
  readonly spaces = new Map<string, SpaceAggregate>();
  /** Member numbers: one per account (platform → source → author id), shared by every space of the source. */
  private readonly memberNumbers = new Map<string, Map<string, Map<string, number>>>();
  /** Member number → `platform|sourceId|authorId`. */
  readonly memberKeys: string[] = [];
  /** Member number → the name others saw on the member's latest event (ts, then event id, decide). */
  readonly memberNames: { name: string; ts: number; id: string }[] = [];
  /** Events added (all kinds, DMs left out). */
  count = 0;
  /** Newest event time seen: "now" for a dashboard over old cached data. */
  latestTs = 0;

  addAll(events: Iterable<InsightSource>): void {
    for (const e of events) this.add(e);
  }

  add(e: InsightSource): void {
    if (e.spaceId === DIRECT_MESSAGE_SPACE) return;
    this.count++;
    if (e.ts > this.latestTs) this.latestTs = e.ts;
    const space = this.space(e);
    const hour = Math.floor(e.ts / HOUR_MS);
    let bucket = space.hours.get(hour);
    if (!bucket) space.hours.set(hour, (bucket = emptyBucket()));
    const member = e.author && !e.author.bot ? this.memberNumber(e.platform, e.sourceId, e.author.id) : undefined;
    if (member !== undefined) {
      const name = e.author!.displayName ?? e.author!.name;
      const seen = this.memberNames[member]!;
      if (name && !before(e.ts, e.id, seen.ts, seen.id)) this.memberNames[member] = { name, ts: e.ts, id: e.id };
    }

    switch (e.kind) {
      case 'message': {
        bucket.messages++;
        if (e.replyToMessageId) bucket.replies++;
        const flags = e.flags ?? [];
        if (flags.length > 0) bucket.flagged++;
        if (flags.some((f) => SCAM_RAID_CATEGORIES.has(f.category))) bucket.scamRaid++;
        const text = e.originalText ?? e.text ?? '';
        const features = text ? analyze(text) : undefined;
        if (features && features.hits > 0) {
          bucket.scored++;
          if (features.score < 0) bucket.negative++;
          else if (features.score > 0) bucket.positive++;
        }
        if (member !== undefined) {
          inc(bucket.authors, member);
          if (features && features.terms.length > 0) {
            const blockIndex = Math.floor(e.ts / TERM_BLOCK_MS);
            let block = space.termBlocks.get(blockIndex);
            if (!block) space.termBlocks.set(blockIndex, (block = new Map()));
            for (const t of features.terms) inc(block, t);
          }
          const track = this.track(space, member);
          if (Number.isNaN(track.firstTs) || before(e.ts, e.id, track.firstTs, track.firstId)) {
            track.firstTs = e.ts;
            track.firstId = e.id;
            track.firstKey = e.messageId ? `${e.channelId}|${e.messageId}` : '';
          }
          if (!(e.ts <= track.lastMessageAt)) track.lastMessageAt = e.ts;
          if (e.replyToMessageId) this.noteReply(space, `${e.channelId}|${e.replyToMessageId}`, { ts: e.ts, id: e.id, author: member });
        }
        break;
      }
      case 'join':
        bucket.joins++;
        if (member !== undefined) {
          const track = this.track(space, member);
          if (!(e.ts >= track.joinedAt)) track.joinedAt = e.ts;
        }
        break;
      case 'leave':
        bucket.leaves++;
        break;
      case 'report': {
        bucket.reports++;
        const text = e.originalText ?? e.text ?? '';
        if (text) {
          bucket.reportTerms ??= new Map();
          for (const t of terms(text)) inc(bucket.reportTerms, t);
        }
        break;
      }
      case 'modAction': {
        const kind = e.moderation?.action ?? 'other';
        bucket.modActions[kind] = (bucket.modActions[kind] ?? 0) + 1;
        break;
      }
      default:
        break;
    }
  }

  private space(e: InsightSource): SpaceAggregate {
    const key = spaceKeyOf(e);
    let space = this.spaces.get(key);
    if (!space) {
      space = { key, platform: e.platform, sourceId: e.sourceId, spaceId: e.spaceId, name: e.spaceId, nameAt: [-Infinity, ''], hours: new Map(), termBlocks: new Map(), members: new Map(), replies: new Map() };
      this.spaces.set(key, space);
    }
    if (e.spaceName && !before(e.ts, e.id, space.nameAt[0], space.nameAt[1])) {
      space.name = e.spaceName;
      space.nameAt = [e.ts, e.id];
    }
    return space;
  }

  // The last source's numbering, kept in fields: consecutive events mostly share a source, and this
  // runs once per event (no key string, no object per call).
  private lastPlatform = '';
  private lastSourceId = '';
  private lastNumbers: Map<string, number> | undefined;

  private memberNumber(platform: string, sourceId: string, authorId: string): number {
    let numbers = platform === this.lastPlatform && sourceId === this.lastSourceId ? this.lastNumbers : undefined;
    if (!numbers) {
      let byPlatform = this.memberNumbers.get(platform);
      if (!byPlatform) this.memberNumbers.set(platform, (byPlatform = new Map()));
      numbers = byPlatform.get(sourceId);
      if (!numbers) byPlatform.set(sourceId, (numbers = new Map()));
      this.lastPlatform = platform;
      this.lastSourceId = sourceId;
      this.lastNumbers = numbers;
    }
    let n = numbers.get(authorId);
    if (n === undefined) {
      n = this.memberKeys.length;
      numbers.set(authorId, n);
      this.memberKeys.push(`${platform}|${sourceId}|${authorId}`);
      this.memberNames.push({ name: authorId, ts: -Infinity, id: '' });
    }
    return n;
  }

  private track(space: SpaceAggregate, member: number): MemberTrack {
    let t = space.members.get(member);
    if (!t) space.members.set(member, (t = { joinedAt: Number.NaN, firstTs: Number.NaN, firstId: '', firstKey: '', lastMessageAt: Number.NaN }));
    return t;
  }

  /** Keeps the earliest reply per author and the two earliest authors: order-independent. */
  private noteReply(space: SpaceAggregate, target: string, reply: { ts: number; id: string; author: number }): void {
    const list = space.replies.get(target) ?? [];
    const same = list.findIndex((r) => r.author === reply.author);
    if (same >= 0) {
      if (before(reply.ts, reply.id, list[same]!.ts, list[same]!.id)) list[same] = reply;
    } else list.push(reply);
    list.sort((a, b) => (before(a.ts, a.id, b.ts, b.id) ? -1 : 1));
    space.replies.set(target, list.slice(0, 2));
  }
}

/** The first reply to a message by someone other than its author. */
export function firstAnswer(space: SpaceAggregate, messageKey: string, author: number): { ts: number; author: number } | undefined {
  return space.replies.get(messageKey)?.find((r) => r.author !== author);
}
