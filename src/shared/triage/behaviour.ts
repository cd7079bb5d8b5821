// Behaviour over time, per space: flood, duplicate text, join waves and near-duplicate message
// waves. A raid becomes one incident (one Flag.group) holding its members and messages; a busy
// genuine event — many different people saying different things — does not.
import type { FlagWords } from '../domain/model';
import { skeleton } from './normalize';
import { words as reasonWords, type RAID_SHARES } from './reasons';

export interface RaidConfig {
  joins: number;
  seconds: number;
  similarShare: number;
  nearDuplicateAuthors: number;
  quietSeconds: number;
}

interface JoinRecord {
  ts: number;
  authorId: string;
  nameKey: string;
  young: boolean;
  createdHour: number;
}

interface NearDupRecord {
  ts: number;
  hi: number;
  lo: number;
  authorId: string;
}

export interface Incident {
  id: string;
  startedAt: number;
  lastActivity: number;
  members: Set<string>;
  /** What opened it, as a reason's detail (the accounts counted when a flag is raised). */
  why: FlagWords;
  /**
   * What made the join wave a raid (young accounts, one name shape, one creation hour): a join counts
   * as a raider only when it shares it. A regular who happens to join during a raid is not swept in.
   */
  looksLike?: (join: JoinRecord) => boolean;
}

const DAY = 86_400_000;
/** How many flagged messages a space remembers for the replies to them. */
const FLAGGED_KEPT = 5000;

function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** Two FNV-1a hashes folded into one safe integer: equal texts, equal keys; a collision 1 in 2^53. */
export function textKey(text: string): number {
  let a = 2166136261;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619) >>> 0;
    b = Math.imul(b ^ c, 16777619) >>> 0;
  }
  return a * 0x200000 + (b & 0x1fffff);
}

/** 64-bit simhash (two 32-bit halves) over character 4-grams of the words view. */
export function simhash(words: string): [number, number] {
  const acc = new Int32Array(64);
  const s = words.replace(/ /g, '');
  const n = Math.max(1, s.length - 3);
  for (let i = 0; i < n; i++) {
    const g = s.slice(i, i + 4);
    const a = fnv(g, 2166136261);
    const b = fnv(g, 0x9747b28c);
    for (let bit = 0; bit < 32; bit++) {
      acc[bit]! += (a >>> bit) & 1 ? 1 : -1;
      acc[bit + 32]! += (b >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (acc[bit]! > 0) lo |= 1 << bit;
    if (acc[bit + 32]! > 0) hi |= 1 << bit;
  }
  return [hi >>> 0, lo >>> 0];
}

/** Does a words view (one space between tokens, none at the ends) have at least `n` tokens? */
function hasTokens(words: string, n: number): boolean {
  if (words.length === 0) return n <= 0;
  let count = 1;
  for (let i = words.indexOf(' '); i >= 0 && count < n; i = words.indexOf(' ', i + 1)) count++;
  return count >= n;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Names of a raid share a shape: the same letters once digits and separators are gone. */
function nameKey(name: string): string {
  const letters = skeleton(name).replace(/[0-9]/g, '');
  return letters.slice(0, 5);
}

/** One author's texts within the duplicates window, once there are two or more. */
interface TextList {
  ts: number[];
  keys: number[];
  channels: string[];
}

function growFloat64(a: Float64Array, size: number, fill: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size).fill(fill);
  b.set(a);
  return b;
}

/**
 * The authors of one space and their recent message times (flood) and texts (duplicates), in flat
 * tables indexed by a slot number. Most authors post once in a window: that one message is kept
 * inline, and lists are made from the second. No object per author: authors live for a horizon or
 * two, long enough that per-author objects would be copied by every young-generation collection.
 */
class AuthorTable {
  private readonly slotOf = new Map<string, number>();
  /** Per slot, its author (undefined: a free slot). */
  private readonly idOf: Array<string | undefined> = [];
  private readonly free: number[] = [];
  private size = 0;
  private lastSeen = new Float64Array(64);
  /** Flood: the one message time, NaN when none (or when `times` holds them). */
  private time1 = new Float64Array(64).fill(NaN);
  private readonly times: Array<number[] | undefined> = [];
  /** Duplicates: the one text (time, key, channel), time NaN when none (or when `texts` holds them). */
  private textTs1 = new Float64Array(64).fill(NaN);
  private textKey1 = new Float64Array(64);
  private readonly textChannel1: Array<string | undefined> = [];
  private readonly texts: Array<TextList | undefined> = [];
  private lastId: string | undefined;
  private lastSlot = -1;

  /** The author's slot, made on first sight; marks the author seen at `ts`. */
  slot(authorId: string, ts: number): number {
    let slot = this.lastId === authorId ? this.lastSlot : -1;
    if (slot < 0) {
      slot = this.slotOf.get(authorId) ?? -1;
      if (slot < 0) {
        slot = this.free.pop() ?? this.size++;
        if (slot >= this.lastSeen.length) this.grow();
        this.slotOf.set(authorId, slot);
        this.idOf[slot] = authorId;
      }
      this.lastId = authorId;
      this.lastSlot = slot;
    }
    if (ts > this.lastSeen[slot]!) this.lastSeen[slot] = ts;
    return slot;
  }

  private grow(): void {
    const size = this.lastSeen.length * 2;
    this.lastSeen = growFloat64(this.lastSeen, size, 0);
    this.time1 = growFloat64(this.time1, size, NaN);
    this.textTs1 = growFloat64(this.textTs1, size, NaN);
    this.textKey1 = growFloat64(this.textKey1, size, 0);
  }

  /** Forgets authors silent for longer than the horizon. */
  sweep(now: number, horizonMs: number): void {
    // By slot (a walk over the Map made an entry pair per author).
    for (let slot = 0; slot < this.size; slot++) {
      const id = this.idOf[slot];
      if (id === undefined || now - this.lastSeen[slot]! <= horizonMs) continue;
      this.slotOf.delete(id);
      this.idOf[slot] = undefined;
      this.lastSeen[slot] = 0;
      this.time1[slot] = NaN;
      this.times[slot] = undefined;
      this.textTs1[slot] = NaN;
      this.textChannel1[slot] = undefined;
      this.texts[slot] = undefined;
      this.free.push(slot);
    }
    this.lastId = undefined;
    this.lastSlot = -1;
  }

  /** Records a message time; returns how many the author sent within the window. */
  countRecent(slot: number, ts: number, windowMs: number): number {
    let times = this.times[slot];
    if (!times) {
      const first = this.time1[slot]!;
      if (Number.isNaN(first) || ts - first > windowMs) {
        this.time1[slot] = ts;
        return 1;
      }
      this.time1[slot] = NaN;
      this.times[slot] = times = [first];
    }
    times.push(ts);
    while (times.length > 0 && ts - times[0]! > windowMs) times.shift();
    if (times.length > 200) times.splice(0, times.length - 200);
    return times.length;
  }

  /** Distinct channels of the text counted by the last `countCopies`. */
  copyChannels = 1;

  /** Records a text by its key; returns its copies within the window (and sets `copyChannels`). */
  countCopies(slot: number, key: number, channelId: string, ts: number, windowMs: number): number {
    let list = this.texts[slot];
    if (!list) {
      const firstTs = this.textTs1[slot]!;
      if (Number.isNaN(firstTs)) {
        this.textTs1[slot] = ts;
        this.textKey1[slot] = key;
        this.textChannel1[slot] = channelId;
        this.copyChannels = 1;
        return 1;
      }
      this.texts[slot] = list = { ts: [firstTs], keys: [this.textKey1[slot]!], channels: [this.textChannel1[slot] ?? ''] };
      this.textTs1[slot] = NaN;
      this.textChannel1[slot] = undefined;
    }
    list.ts.push(ts);
    list.keys.push(key);
    list.channels.push(channelId);
    const { ts: times, keys, channels: channelIds } = list;
    let drop = 0;
    while (drop < times.length && ts - times[drop]! > windowMs) drop++;
    if (times.length - drop > 100) drop = times.length - 100;
    if (drop > 0) {
      times.splice(0, drop);
      keys.splice(0, drop);
      channelIds.splice(0, drop);
    }
    let copies = 0;
    let firstChannel: string | undefined;
    let channels: Set<string> | undefined;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== key) continue;
      copies++;
      const channel = channelIds[i]!;
      if (firstChannel === undefined) firstChannel = channel;
      else if (channel !== firstChannel) (channels ??= new Set([firstChannel])).add(channel);
    }
    this.copyChannels = channels ? channels.size : 1;
    return copies;
  }
}

/**
 * A channel's own pace, for flood (issue 14): its recent messages (time, author slot, short or not)
 * and its usual pace, a slow average (ten minutes) of how many messages a member has in the window
 * when they post, over messages that do not flood. Recording is a few stores in a ring on every
 * message; the window is read only when an author reaches the rule's count, which is rare.
 */
class ChannelPace {
  private times = new Float64Array(16);
  private slots = new Int32Array(16);
  private short = new Uint8Array(16);
  private head = 0;
  private count = 0;
  /** Messages a member has in the window when posting, as this channel usually has it. */
  usual = 1;
  lastTs = 0;

  /** Records a message and drops those older than the window. */
  record(ts: number, slot: number, isShort: boolean, windowMs: number): void {
    let cap = this.times.length;
    while (this.count > 0 && ts - this.times[this.head]! > windowMs) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.count--;
    }
    if (this.count === cap) cap = this.grow();
    let at = this.head + this.count;
    if (at >= cap) at -= cap;
    this.times[at] = ts;
    this.slots[at] = slot;
    this.short[at] = isShort ? 1 : 0;
    this.count++;
  }

  private grow(): number {
    const cap = this.times.length;
    const times = new Float64Array(cap * 2);
    const slots = new Int32Array(cap * 2);
    const short = new Uint8Array(cap * 2);
    for (let k = 0; k < this.count; k++) {
      const from = (this.head + k) % cap;
      times[k] = this.times[from]!;
      slots[k] = this.slots[from]!;
      short[k] = this.short[from]!;
    }
    this.times = times;
    this.slots = slots;
    this.short = short;
    this.head = 0;
    return cap * 2;
  }

  /** The window as seen by one author: their short reactions in it, the others' messages and how many others. */
  window(slot: number): { mineShort: number; othersMessages: number; others: number } {
    const cap = this.times.length;
    const seen = new Set<number>();
    let mineShort = 0;
    let othersMessages = 0;
    for (let k = 0, i = this.head; k < this.count; k++, i = i + 1 === cap ? 0 : i + 1) {
      const s = this.slots[i]!;
      if (s === slot) mineShort += this.short[i]!;
      else {
        othersMessages++;
        seen.add(s);
      }
    }
    return { mineShort, othersMessages, others: seen.size };
  }

  /** Folds a member's count at posting into the usual pace (a message that floods does not count). */
  learn(ts: number, n: number): void {
    const dt = this.lastTs === 0 ? 0 : ts - this.lastTs;
    this.lastTs = ts;
    // dt / (τ + dt): the weight 1 − e^(−dt/τ) has for the short gaps between messages, without a call to exp.
    if (dt > 0) this.usual += (dt / (PACE_MS + dt)) * (n - this.usual);
  }
}

/** The time over which a channel's usual pace is averaged. */
const PACE_MS = 600_000;
/** A flood is at least this many times the pace of the others in the window, and of the channel's usual pace. */
const PACE_FACTOR = 2;
/** In a conversation (two or more others in the window), a short reaction counts this much toward a flood. */
const SHORT_WEIGHT = 0.5;

/** Everything the detectors remember about one space; pruned as time moves on. */
export class SpaceState {
  private readonly authors = new AuthorTable();
  readonly floodGroups = new Map<string, { group: string; until: number }>();
  readonly reports = new Map<string, number>();
  private readonly paces = new Map<string, ChannelPace>();
  /** The count that makes a flood here, as the last `flood` judged it (a field, not an object per message). */
  floodLimit = 0;
  /** The author's messages in the window as the last `flood` counted them, before short reactions weigh less. */
  floodMessages = 0;
  /** The count the channel's usual pace alone would need for a flood, as the last `flood` judged it. */
  floodUsual = 0;
  private joins: JoinRecord[] = [];
  private nearDups: NearDupRecord[] = [];
  private bands = new Map<number, NearDupRecord[]>();
  incident: Incident | undefined;
  private lastPrune = 0;
  private recentTimes: number[] = [];
  private recentHead = 0;

  /** Messages flagged for a subject (bits), by platform message id, with their author: newest kept. */
  private readonly flagged = new Map<string, { authorId: string; mask: number }>();

  constructor(readonly spaceId: string) {}

  /** A message stayed flagged: a reply to it by someone else talks about it. */
  rememberFlagged(messageId: string, authorId: string, mask: number): void {
    this.flagged.delete(messageId);
    this.flagged.set(messageId, { authorId, mask });
    if (this.flagged.size > FLAGGED_KEPT) {
      const oldest = this.flagged.keys().next().value;
      if (oldest !== undefined) this.flagged.delete(oldest);
    }
  }

  /** The subjects the message replied to was flagged for, when someone other than its author replies (0: none). */
  flaggedCategories(messageId: string, replierId: string): number {
    const f = this.flagged.get(messageId);
    return f && f.authorId !== replierId ? f.mask : 0;
  }

  /**
   * Forgets authors silent for a whole horizon. One sweep per horizon: its cost is spread over the
   * messages of that horizon, each of which needed only one lookup.
   */
  prune(now: number, horizonMs: number): void {
    if (now - this.lastPrune < horizonMs) return;
    this.lastPrune = now;
    this.authors.sweep(now, horizonMs);
    for (const [k, v] of this.floodGroups) if (v.until < now) this.floodGroups.delete(k);
    for (const [k, p] of this.paces) if (now - p.lastTs > horizonMs && now - p.lastTs > PACE_MS) this.paces.delete(k);
    if (this.reports.size > 10_000) this.reports.clear();
  }

  /**
   * The group of one author's burst: flooding and repeating the same text are one incident, so the
   * moderator sees one item per spammer, not one per rule. It stays open while either keeps firing.
   */
  burstGroup(authorId: string, ts: number, windowMs: number): string {
    let g = this.floodGroups.get(authorId);
    if (!g || g.until < ts) g = { group: `burst:${this.spaceId}:${authorId}:${ts}`, until: 0 };
    g.until = Math.max(g.until, ts + windowMs);
    this.floodGroups.set(authorId, g);
    return g.group;
  }

  /** Record a message time; returns how many messages the author sent within the window. */
  countRecent(authorId: string, ts: number, windowMs: number): number {
    return this.authors.countRecent(this.authors.slot(authorId, ts), ts, windowMs);
  }

  /**
   * Flood, judged against the channel's own pace: records the message and returns the author's count
   * within the window (short reactions weigh less while others are talking too); `floodLimit` is then the
   * count that makes a flood here: at least `messages`, and twice both the others' pace and the channel's usual one.
   */
  flood(authorId: string, channelId: string, ts: number, windowMs: number, messages: number, isShort: boolean): number {
    const slot = this.authors.slot(authorId, ts);
    const n = this.authors.countRecent(slot, ts, windowMs);
    let pace = this.paces.get(channelId);
    if (!pace) this.paces.set(channelId, (pace = new ChannelPace()));
    pace.record(ts, slot, isShort, windowMs);
    const usual = PACE_FACTOR * pace.usual;
    this.floodMessages = n;
    this.floodUsual = usual;
    // Below the rule's count nothing can flood: the window is read only past it.
    if (n < messages || n < usual) {
      pace.learn(ts, n);
      this.floodLimit = Math.max(messages, usual);
      return n;
    }
    const w = pace.window(slot);
    const othersPace = w.others > 0 ? w.othersMessages / w.others : 0;
    const count = w.others >= 2 ? n - SHORT_WEIGHT * w.mineShort : n;
    const limit = Math.max(messages, PACE_FACTOR * othersPace, usual);
    if (count < limit) pace.learn(ts, n);
    else pace.lastTs = ts;
    this.floodLimit = limit;
    return count;
  }

  /** Distinct channels of the text counted by the last `countCopies`. */
  get copyChannels(): number {
    return this.authors.copyChannels;
  }

  /** Record a normalized text; returns the copies of it within the window (and sets `copyChannels`). */
  countCopies(authorId: string, text: string, channelId: string, ts: number, windowMs: number): number {
    // A 53-bit hash stands for the text: windows keep numbers, not every message's string.
    return this.authors.countCopies(this.authors.slot(authorId, ts), textKey(text), channelId, ts, windowMs);
  }

  private activeIncident(ts: number, cfg: RaidConfig): Incident | undefined {
    if (this.incident && ts - this.incident.lastActivity > cfg.quietSeconds * 1000) this.incident = undefined;
    return this.incident;
  }

  private openIncident(ts: number, why: FlagWords): Incident {
    const incident: Incident = { id: `raid:${this.spaceId}:${ts}`, startedAt: ts, lastActivity: ts, members: new Set(), why };
    this.incident = incident;
    return incident;
  }

  /** A member joined. Returns the incident the join belongs to, if this is (part of) a raid. */
  onJoin(ts: number, authorId: string, name: string, createdAt: number | undefined, cfg: RaidConfig): Incident | undefined {
    const windowMs = cfg.seconds * 1000;
    this.joins.push({
      ts,
      authorId,
      nameKey: nameKey(name),
      young: createdAt !== undefined && ts - createdAt < 7 * DAY,
      createdHour: createdAt === undefined ? -1 : Math.floor(createdAt / 3_600_000),
    });
    let drop = 0;
    while (drop < this.joins.length && ts - this.joins[drop]!.ts > windowMs) drop++;
    if (drop > 0) this.joins.splice(0, drop);
    const join = this.joins[this.joins.length - 1]!;
    const current = this.activeIncident(ts, cfg);
    if (current && current.members.has(authorId)) return current;
    const fits = (incident: Incident) => incident.looksLike?.(join) ?? true;
    if (this.joins.length < cfg.joins) {
      if (current && fits(current) && this.joins.length >= Math.max(3, Math.floor(cfg.joins / 2))) return this.extend(current, ts, authorId);
      return undefined;
    }
    const share = this.joinSimilarity();
    if (share.value < cfg.similarShare) return current && fits(current) ? this.extend(current, ts, authorId) : undefined;
    const incident = current ?? this.openIncident(ts, reasonWords('raidJoins', { joins: this.joins.length, seconds: cfg.seconds, ...share.why }));
    incident.looksLike ??= share.matches;
    for (const j of this.joins) if (incident.looksLike(j)) incident.members.add(j.authorId);
    incident.lastActivity = ts;
    return incident.members.has(authorId) ? incident : undefined;
  }

  private extend(incident: Incident, ts: number, authorId: string): Incident {
    incident.members.add(authorId);
    incident.lastActivity = ts;
    return incident;
  }

  private joinSimilarity(): { value: number; why: { share: (typeof RAID_SHARES)[number]; percent: number }; matches: (j: JoinRecord) => boolean } {
    const n = this.joins.length;
    const largest = (key: (j: JoinRecord) => string | number): { share: number; key: string | number | undefined } => {
      const counts = new Map<string | number, number>();
      let best = 0;
      let bestKey: string | number | undefined;
      for (const j of this.joins) {
        const k = key(j);
        if (k === '' || k === -1) continue;
        const c = (counts.get(k) ?? 0) + 1;
        counts.set(k, c);
        if (c > best) {
          best = c;
          bestKey = k;
        }
      }
      return { share: best / n, key: bestKey };
    };
    const young = this.joins.filter((j) => j.young).length / n;
    const names = largest((j) => (j.nameKey.length >= 3 ? j.nameKey : ''));
    const created = largest((j) => j.createdHour);
    const best = Math.max(young, names.share, created.share);
    if (best === names.share) return { value: best, why: { share: 'names', percent: Math.round(names.share * 100) }, matches: (j) => j.nameKey === names.key || j.young };
    if (best === created.share) return { value: best, why: { share: 'created', percent: Math.round(created.share * 100) }, matches: (j) => j.createdHour === created.key || j.young };
    return { value: best, why: { share: 'young', percent: Math.round(young * 100) }, matches: (j) => j.young };
  }

  /**
   * A message was posted. Returns the incident when its author is a raid member or when its text
   * is a near-duplicate of texts from many distinct authors.
   */
  onMessage(ts: number, authorId: string, words: string, cfg: RaidConfig): Incident | undefined {
    const current = this.activeIncident(ts, cfg);
    if (current && current.members.has(authorId)) {
      current.lastActivity = ts;
      return current;
    }
    // Short greetings ("gm", "hello!") are naturally repeated by genuine crowds.
    if (words.length < 20 || !hasTokens(words, 4)) return undefined;
    // Near-duplicate hashing only pays off when the space is busy: a raid is many messages fast.
    this.recentTimes.push(ts);
    while (this.recentHead < this.recentTimes.length && ts - this.recentTimes[this.recentHead]! > 10_000) this.recentHead++;
    if (this.recentHead > 1000) {
      this.recentTimes = this.recentTimes.slice(this.recentHead);
      this.recentHead = 0;
    }
    if (this.recentTimes.length - this.recentHead < Math.max(10, 2 * cfg.nearDuplicateAuthors) && !current) return undefined;
    const windowMs = cfg.seconds * 1000;
    const [hi, lo] = simhash(words);
    const rec: NearDupRecord = { ts, hi, lo, authorId };
    let drop = 0;
    while (drop < this.nearDups.length && ts - this.nearDups[drop]!.ts > windowMs) drop++;
    if (drop > 0) {
      for (const old of this.nearDups.slice(0, drop)) {
        for (const key of bandKeys(old)) {
          const list = this.bands.get(key);
          if (!list) continue;
          const idx = list.indexOf(old);
          if (idx >= 0) list.splice(idx, 1);
          if (list.length === 0) this.bands.delete(key);
        }
      }
      this.nearDups.splice(0, drop);
    }
    const similar = new Set<NearDupRecord>();
    for (const key of bandKeys(rec)) {
      for (const other of this.bands.get(key) ?? []) {
        if (popcount((other.hi ^ hi) >>> 0) + popcount((other.lo ^ lo) >>> 0) <= 6) similar.add(other);
      }
    }
    this.nearDups.push(rec);
    for (const key of bandKeys(rec)) {
      let list = this.bands.get(key);
      if (!list) this.bands.set(key, (list = []));
      if (list.length < 5000) list.push(rec);
    }
    if (this.nearDups.length > 20_000) this.nearDups.splice(0, 5000);
    const authors = new Set([...similar].map((r) => r.authorId));
    authors.add(authorId);
    if (authors.size < cfg.nearDuplicateAuthors) return current && current.members.has(authorId) ? current : undefined;
    const incident = current ?? this.openIncident(ts, reasonWords('raidPosts', { authors: authors.size, seconds: cfg.seconds }));
    for (const a of authors) incident.members.add(a);
    incident.lastActivity = ts;
    return incident;
  }
}

function bandKeys(r: { hi: number; lo: number }): number[] {
  // Four 16-bit bands: two texts within Hamming distance 3 share at least one band exactly.
  return [(r.hi >>> 16) + 0, (r.hi & 0xffff) + 0x10000, (r.lo >>> 16) + 0x20000, (r.lo & 0xffff) + 0x30000];
}
