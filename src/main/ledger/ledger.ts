// The team ledger in main (issue 7): signs this console's records, posts them in batches into the staff
// channel through the connector's `reply`, reads every console's records back from the event stream and
// catch-up, folds them with the shared reducer, keeps them on disk, and tells renderers `team.changed`.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { compareIds } from '@shared/domain/ids';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { CommandHandlers, CommandResponse, ParsedRequest } from '@shared/ipc/contract';
import {
  MAX_MESSAGE_CHARS,
  PublicKeySchema,
  SignedRecordSchema,
  TeamStateSchema,
  applyEntry,
  comparePositions,
  decodeMessage,
  emptyTeamState,
  encodeMessage,
  orderEntries,
  personOfAccount,
  positionKey,
  reduceLedger,
  signingInput,
  stateDigest,
  escalationsDue,
} from '@shared/team';
import { handFlagRecord } from '@shared/team/handFlag';
import type { LedgerEntry, RecordBody, SignedRecord, TeamState, TeamView, Verifier } from '@shared/team';
import type { Connector, RawEvent } from '../core/connector';
import type { SecretStore } from '../secrets/store';
import { logger } from '../util/log';
import { createVerifier, loadOrCreateSigningKey } from './keys';
import type { SigningKey } from './keys';

const log = logger('ledger');

/** Channels a team already uses for staff talk; the first one found carries the ledger unless configured. */
const STAFF_CHANNEL = /^(mod-log|modlog|staff|mods|moderators|team-ledger)$/i;
const SNAPSHOT_EVERY = 500;
/** Records kept raw on disk after the checkpoint; older ones are folded into it (compaction). */
const KEEP_ENTRIES = 1_000;
const COMPACT_AT = 3_000;

const ConfigSchema = z.object({
  name: z.string().min(1).max(60),
  zone: z.string().min(1).max(64),
  ackMinutes: z.number().int().positive().default(30),
  counter: z.number().int().nonnegative().default(0),
  channel: z.object({ sourceId: z.string(), channelId: z.string(), spaceId: z.string(), name: z.string() }).optional(),
});
type Config = z.infer<typeof ConfigSchema>;

const StoreSchema = z.object({
  channelId: z.string(),
  checkpoint: TeamStateSchema,
  entries: z.array(z.object({ pos: z.object({ m: z.string(), i: z.number().int() }), raw: z.unknown() })),
  pending: z.array(z.unknown()),
});

const InviteSchema = z.object({ k: PublicKeySchema, n: z.string().min(1).max(60), z: z.string().min(1).max(64) });
const INVITE_PREFIX = 'TK1.';

export interface LedgerHost {
  connector(sourceId: string): Connector | undefined;
  connectors(): Connector[];
}

export interface LedgerOptions {
  home: string;
  secrets: SecretStore;
  host: LedgerHost;
  now?: () => number;
  /** How long records wait to share one message. */
  batchMs?: number;
  /** How long a command waits to see its record come back from the channel before answering "pending". */
  echoTimeoutMs?: number;
  /** How late a scheduled post still goes out unasked (the scheduler's grace), told to the renderer. */
  postGraceMs?: number;
  /** How long a page waits for its acknowledgement before this console escalates it; else the team's ack minutes. */
  escalateAfterMs?: number;
  /** How often pages are looked at for escalation. */
  escalateCheckMs?: number;
}

interface Waiter {
  n: number;
  resolve(): void;
}

export class TeamLedger {
  private key!: SigningKey;
  private readonly verify: Verifier = createVerifier();
  private config: Config = { name: 'Moderator', zone: defaultZone(), ackMinutes: 30, counter: 0 };
  private checkpoint: TeamState = emptyTeamState();
  private entries: LedgerEntry[] = [];
  private known = new Set<string>();
  private state: TeamState = emptyTeamState();
  private pending: SignedRecord[] = [];
  private caughtUp = false;
  private catchingUp = false;
  private flushing = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private emitTimer: ReturnType<typeof setTimeout> | undefined;
  private waiters: Waiter[] = [];
  private stopped = false;
  private lastSnapshotAt = 0;
  private readonly now: () => number;
  private readonly changeListeners = new Set<(view: TeamView) => void>();
  private escalateTimer: ReturnType<typeof setInterval> | undefined;
  private escalating = false;

  constructor(private readonly options: LedgerOptions) {
    this.now = options.now ?? Date.now;
  }

  private get configFile() {
    return join(this.options.home, 'team.json');
  }
  private get storeFile() {
    return join(this.options.home, 'ledger.json');
  }

  async start(): Promise<void> {
    this.key = await loadOrCreateSigningKey(this.options.secrets);
    this.config.name = `Moderator ${this.key.publicKey.slice(0, 4)}`;
    try {
      this.config = ConfigSchema.parse(JSON.parse(await readFile(this.configFile, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('team.json unreadable; starting with defaults', error);
    }
    try {
      const stored = StoreSchema.parse(JSON.parse(await readFile(this.storeFile, 'utf8')));
      if (stored.channelId === this.config.channel?.channelId) {
        this.checkpoint = stored.checkpoint;
        this.entries = stored.entries;
        this.pending = stored.pending.flatMap((raw) => {
          const parsed = SignedRecordSchema.safeParse(raw);
          return parsed.success ? [parsed.data as SignedRecord] : [];
        });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('ledger.json unreadable; reading the channel again', error);
    }
    this.known = new Set(this.entries.map((e) => positionKey(e.pos)));
    this.state = reduceLedger(this.entries, this.verify, this.checkpoint);
    this.escalateTimer = setInterval(() => void this.escalatePages(), this.options.escalateCheckMs ?? 30_000);
    this.escalateTimer.unref?.();
  }

  /**
   * Pages this console sent that nobody acknowledged in time go on to the next person on the rota
   * (escalate.ts). Only once caught up with the channel (an acknowledgement may be waiting there); the
   * escalation ids are the same on every console, so a repeat is folded once.
   */
  private async escalatePages(): Promise<void> {
    if (this.escalating || this.stopped || !this.caughtUp || !this.key || !this.state.roster[this.key.publicKey]) return;
    this.escalating = true;
    try {
      const afterMs = this.options.escalateAfterMs ?? this.config.ackMinutes * 60_000;
      for (const e of escalationsDue(this.state, this.key.publicKey, this.now(), afterMs)) {
        const written = await this.written({ t: 'page', id: e.id, to: e.to, text: e.text, of: e.of });
        if (!written.ok) log.warn('could not escalate a page', written.error.code);
      }
    } finally {
      this.escalating = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.escalateTimer) clearInterval(this.escalateTimer);
    for (const timer of [this.flushTimer, this.saveTimer, this.emitTimer]) if (timer) clearTimeout(timer);
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
    await this.save();
  }

  /** Every event of every connector passes here; only ledger messages in the staff channel matter. */
  observe(event: RawEvent): void {
    const entries = this.entriesOf(event);
    if (entries.length) this.ingest(entries);
  }

  private entriesOf(event: RawEvent): LedgerEntry[] {
    const channel = this.config.channel;
    if (!channel || event.kind !== 'message' || event.sourceId !== channel.sourceId || event.channelId !== channel.channelId || !event.messageId) return [];
    const messageId = event.messageId;
    return (decodeMessage(event.text) ?? []).map((raw, i) => ({ pos: { m: messageId, i }, raw }));
  }

  /** A ledger message in the staff channel (anything with the prefix elsewhere is ordinary text). */
  isLedgerMessage(event: Pick<RawEvent, 'sourceId' | 'channelId' | 'text'>): boolean {
    const channel = this.config.channel;
    return !!channel && event.sourceId === channel.sourceId && event.channelId === channel.channelId && decodeMessage(event.text) !== null;
  }

  sourceReady(connector: Connector): void {
    if (!this.config.channel) {
      const found = findStaffChannel(connector);
      if (!found) return;
      this.config.channel = found;
      log.info(`team ledger in #${found.name}`);
      void this.saveConfig();
    }
    if (connector.sourceId === this.config.channel.sourceId) void this.catchUp(connector);
  }

  private async catchUp(connector: Connector): Promise<void> {
    const channel = this.config.channel;
    if (!channel || this.catchingUp) return;
    this.catchingUp = true;
    try {
      const after = this.newestMessageId() ?? '0';
      const events = await connector.catchUp({ [channel.channelId]: after }, 0);
      // One fold for the whole backlog: a new console may be reading thousands of records.
      this.ingest(events.flatMap((event) => this.entriesOf(event)));
      this.caughtUp = true;
      this.config.counter = Math.max(this.config.counter, this.state.counters[this.key.publicKey] ?? 0);
      this.scheduleEmit();
      this.scheduleFlush(0);
    } catch (error) {
      log.warn('ledger catch-up failed; will try again when the connection is ready', error);
    } finally {
      this.catchingUp = false;
    }
  }

  private newestMessageId(): string | undefined {
    const last = this.entries.at(-1)?.pos.m ?? this.checkpoint.head?.m;
    return last;
  }

  /** Adds entries (any order, repeats welcome) and refolds only as far back as needed. */
  ingest(entries: LedgerEntry[]): void {
    const fresh = entries.filter((e) => {
      const key = positionKey(e.pos);
      if (this.known.has(key)) return false;
      if (this.checkpoint.head && comparePositions(e.pos, this.checkpoint.head) <= 0) return false;
      this.known.add(key);
      return true;
    });
    if (fresh.length === 0) return;
    const head = this.state.head;
    const inOrder = !head || fresh.every((e) => comparePositions(e.pos, head) > 0);
    this.entries.push(...fresh);
    if (inOrder) {
      this.entries.sort((a, b) => comparePositions(a.pos, b.pos));
      // The common case (live, in order): fold in place rather than copying the whole state per message.
      for (const entry of orderEntries(fresh)) applyEntry(this.state, entry, this.verify);
    } else {
      // Something earlier than what we folded arrived late: the platform order decides, so fold again.
      this.entries.sort((a, b) => comparePositions(a.pos, b.pos));
      this.state = reduceLedger(this.entries, this.verify, this.checkpoint);
    }
    if (this.entries.length > COMPACT_AT) this.compact();
    const mine = this.state.counters[this.key.publicKey] ?? 0;
    if (mine > this.config.counter) this.config.counter = mine;
    this.waiters = this.waiters.filter((w) => {
      if ((this.state.counters[this.key.publicKey] ?? 0) < w.n && !this.wasRejected(w.n)) return true;
      w.resolve();
      return false;
    });
    this.maybeSnapshot();
    this.scheduleSave();
    this.scheduleEmit();
  }

  private readonly sentPositions = new Map<number, string>();

  private wasRejected(n: number): boolean {
    const m = this.sentPositions.get(n);
    return m !== undefined && this.state.head !== null && compareIds(this.state.head.m, m) >= 0;
  }

  private compact() {
    const fold = this.entries.slice(0, this.entries.length - KEEP_ENTRIES);
    this.checkpoint = reduceLedger(fold, this.verify, this.checkpoint);
    this.entries = this.entries.slice(fold.length);
    this.known = new Set(this.entries.map((e) => positionKey(e.pos)));
  }

  private maybeSnapshot() {
    if (this.state.roster[this.key.publicKey]?.role !== 'lead') return;
    if (this.state.records - this.lastSnapshotAt < SNAPSHOT_EVERY) return;
    this.lastSnapshotAt = this.state.records;
    this.write({ t: 'snapshot', digest: stateDigest(this.state), records: this.state.records });
  }

  /** Signs a record and queues it for the channel; answers its counter. */
  private write(body: RecordBody): number {
    if (this.noTeamYet() && !(body.t === 'roster-add' && body.key === this.key.publicKey)) {
      // The first console to write on an empty ledger founds the team and leads it. Nothing is posted
      // before a moderator does something, so merely starting a console leaves the staff channel alone.
      this.sign({ t: 'roster-add', key: this.key.publicKey, name: this.config.name, zone: this.config.zone, role: 'lead' });
    }
    return this.sign(body);
  }

  private noTeamYet(): boolean {
    return Object.keys(this.state.roster).length === 0 && !this.pending.some((p) => p.r.t === 'roster-add');
  }

  private sign(body: RecordBody): number {
    this.config.counter = Math.max(this.config.counter, this.state.counters[this.key.publicKey] ?? 0) + 1;
    const unsigned = { v: 1 as const, a: this.key.publicKey, n: this.config.counter, ts: this.now(), r: body };
    this.pending.push({ ...unsigned, s: this.key.sign(signingInput(unsigned)) });
    void this.saveConfig();
    this.scheduleSave();
    this.scheduleFlush(this.options.batchMs ?? 25);
    this.scheduleEmit();
    return unsigned.n;
  }

  private scheduleFlush(delay: number) {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  /** Sends queued records a message at a time, in order, so this console's counters rise in platform order. */
  private async flush(): Promise<void> {
    if (this.flushing || this.stopped) return;
    const channel = this.config.channel;
    const connector = channel && this.options.host.connector(channel.sourceId);
    if (!channel || !connector || !this.caughtUp) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0 && !this.stopped) {
        const batch: SignedRecord[] = [];
        for (const record of this.pending) {
          if (batch.length > 0 && encodeMessage([...batch, record]).length > MAX_MESSAGE_CHARS) break;
          batch.push(record);
        }
        const text = encodeMessage(batch);
        const platform = connector.info().platform;
        const sent = await connector.execute({ kind: 'reply', key: randomUUID(), sourceId: channel.sourceId, platform, spaceId: channel.spaceId, channelId: channel.channelId, text });
        if (!sent.ok) {
          const wait = sent.error.retryAfterMs ?? (sent.error.retryable ? 2_000 : 15_000);
          log.warn(`ledger post failed (${sent.error.code}); retrying in ${wait} ms`);
          this.flushing = false;
          this.scheduleFlush(wait);
          return;
        }
        this.pending.splice(0, batch.length);
        const messageId = sent.value.createdMessageId;
        if (messageId) {
          for (const record of batch) this.sentPositions.set(record.n, messageId);
          // Our own message is known now; the gateway's copy of it will be a repeat.
          this.ingest(batch.map((raw, i) => ({ pos: { m: messageId, i }, raw })));
        }
        this.scheduleSave();
      }
    } finally {
      this.flushing = false;
    }
  }

  private waitFor(n: number): Promise<{ pending: boolean }> {
    if ((this.state.counters[this.key.publicKey] ?? 0) >= n) return Promise.resolve({ pending: false });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve({ pending: true });
      }, this.options.echoTimeoutMs ?? 5_000);
      const waiter: Waiter = {
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve({ pending: false });
        },
      };
      this.waiters.push(waiter);
    });
  }

  private async written(body: RecordBody, item?: string): Promise<Result<{ pending: boolean; holder?: string; mine?: boolean }>> {
    if (!this.config.channel) return fail('invalid_input', 'No staff channel is set for the team ledger yet.');
    const { pending } = await this.waitFor(this.write(body));
    const holder = item ? this.state.claims[item]?.by : undefined;
    const value: { pending: boolean; holder?: string; mine?: boolean } = { pending };
    if (item) value.mine = holder === this.key.publicKey;
    if (holder) value.holder = holder;
    return ok(value);
  }

  private scheduleSave() {
    if (this.saveTimer || this.stopped) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, 200);
  }

  private async save(): Promise<void> {
    const channelId = this.config.channel?.channelId;
    if (!channelId) return;
    await writeAtomic(this.storeFile, JSON.stringify({ channelId, checkpoint: this.checkpoint, entries: this.entries, pending: this.pending }));
  }

  private async saveConfig(): Promise<void> {
    await writeAtomic(this.configFile, JSON.stringify(this.config));
  }

  private scheduleEmit() {
    if (this.emitTimer || this.stopped) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      const view = this.view();
      for (const listener of this.changeListeners) listener(view);
    }, 30);
  }

  inviteCode(): string {
    return INVITE_PREFIX + Buffer.from(JSON.stringify({ k: this.key.publicKey, n: this.config.name, z: this.config.zone })).toString('base64url');
  }

  view(): TeamView {
    const me = this.key.publicKey;
    const view: TeamView = {
      standing: !this.config.channel
        ? 'unconfigured'
        : !this.caughtUp
          ? 'catching-up'
          : this.state.roster[me]
            ? 'member'
            : this.noTeamYet()
              ? 'no-team'
            : this.state.counters[me]
              ? 'removed'
              : 'awaiting-approval',
      me: { key: me, name: this.config.name, zone: this.config.zone },
      inviteCode: this.inviteCode(),
      pending: this.pending.length,
      ackMinutes: this.config.ackMinutes,
      state: this.state,
    };
    if (this.config.channel) view.channel = this.config.channel;
    if (this.options.postGraceMs) view.postGraceMs = this.options.postGraceMs;
    return view;
  }

  /** This console's key on the ledger. */
  publicKey(): string {
    return this.key.publicKey;
  }

  /** Whether this console is on the roster and has read the channel: only then may it act for the team. */
  canAct(): boolean {
    return !!this.config.channel && this.caughtUp && !!this.state.roster[this.key.publicKey];
  }

  /**
   * Signs a record and waits to see it back from the channel (`pending` when it did not come back in
   * time); for features beside the ledger, such as scheduled posts.
   */
  async record(body: RecordBody): Promise<Result<{ pending: boolean }>> {
    if (!this.config.channel) return fail('invalid_input', 'No staff channel is set for the team ledger yet.');
    return ok(await this.waitFor(this.write(body)));
  }

  /** For tests and the bench: the folded state right now. */
  current(): TeamState {
    return this.state;
  }

  /** Tells `listener` the state's view each time it changed (records arrived, this console's standing). */
  onChanged(listener: (view: TeamView) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The `team.*` commands. */
  handlers(): CommandHandlers<'team'> {
    return {
      'team.state': async () => this.view(),
      'team.configure': async (request) => this.configure(request),
      'team.claim': async ({ item, label }) => this.written(label ? { t: 'claim', item, label } : { t: 'claim', item }, item),
      'team.release': async ({ item }) => this.written({ t: 'release', item }, item),
      'team.resolve': async ({ item, outcome }) => this.written({ t: 'resolve', item, outcome }, item),
      'team.note': async ({ text, item, due }) => {
        const body: RecordBody = { t: 'note', text };
        if (item) body.item = item;
        if (due !== undefined) body.due = due;
        return this.written(body);
      },
      'team.shift': async ({ on }) => this.written({ t: on ? 'shift-start' : 'shift-end' }),
      'team.swap.offer': async ({ start, end }) => {
        const id = randomUUID();
        const written = await this.written({ t: 'swap-offer', id, start, end });
        return written.ok ? ok({ id, pending: written.value.pending }) : written;
      },
      'team.swap.take': async ({ offer }) => this.written({ t: 'swap-take', offer }),
      'team.swap.cancel': async ({ offer }) => this.written({ t: 'swap-cancel', offer }),
      'team.handoff': async (request) => {
        const id = randomUUID();
        const body: RecordBody = { t: 'handoff', id, items: request.items, incidents: request.incidents, promises: request.promises, notes: request.notes };
        if (request.to) body.to = request.to;
        const written = await this.written(body);
        return written.ok ? ok({ id, pending: written.value.pending }) : written;
      },
      'team.ack': async ({ handoff }) => this.written({ t: 'ack', handoff }),
      'team.schedule': async ({ key, zone, weeks, slots }) => this.written({ t: 'schedule', key: key ?? this.key.publicKey, zone, weeks, slots }),
      'team.roster.approve': async ({ inviteCode, role }) => {
        const invite = parseInvite(inviteCode);
        if (!invite) return fail('invalid_input', 'That is not an invite code from a Tribekeeper console.', { fields: { reason: 'invite_invalid' } });
        if (this.state.roster[this.key.publicKey]?.role !== 'lead') return fail('missing_permission', 'Only a team lead can approve a new moderator.', { fields: { reason: 'lead_only' } });
        return this.written({ t: 'roster-add', key: invite.k, name: invite.n, zone: invite.z, role });
      },
      'team.roster.remove': async ({ key }) => this.written({ t: 'roster-remove', key }),
      'team.rules.change': async ({ change }) => this.written({ t: 'rule-change', id: randomUUID(), change }),
      'team.rules.undo': async ({ id }) => this.written({ t: 'rule-undo', id }),
      'team.person.link': async ({ person, account, via }) => {
        const id = person ?? personOfAccount(this.state, account)?.id ?? randomUUID();
        const written = await this.written({ t: 'person-link', person: id, account, via });
        return written.ok ? ok({ person: id, pending: written.value.pending }) : written;
      },
      'team.person.unlink': async ({ person, account }) => this.written({ t: 'person-unlink', person, account }),
      'team.nominate': async ({ account, for: role, text }) => this.written({ t: 'nominate', account, for: role, text }),
      'team.page': async ({ to, text }) => {
        if (!this.state.roster[to]) return fail('not_found', 'That moderator is not on the team.', { fields: { reason: 'not_on_roster' } });
        return this.written({ t: 'page', id: randomUUID(), to, text });
      },
      'team.page.ack': async ({ page }) => this.written({ t: 'page-ack', page }),
      'team.flag': async (request) => this.written(handFlagRecord(request)),
    };
  }

  private async configure(request: ParsedRequest<'team.configure'>): Promise<CommandResponse<'team.configure'>> {
    if (!isValidZone(request.zone)) return fail('invalid_input', `${request.zone} is not a time zone.`, { fields: { reason: 'zone_invalid', zone: request.zone } });
    this.config.name = request.name;
    this.config.zone = request.zone;
    if (request.ackMinutes) this.config.ackMinutes = request.ackMinutes;
    if (request.sourceId && request.channelId) {
      const connector = this.options.host.connector(request.sourceId);
      const space = connector?.info().spaces.find((s) => s.channels.some((c) => c.id === request.channelId));
      const channel = space?.channels.find((c) => c.id === request.channelId);
      if (!connector || !space || !channel) return fail('not_found', 'That channel is not visible to this connection.');
      // Telegram never shows a bot the messages of bots, its own other sessions included.
      if (!canCarryLedger(connector)) {
        return fail('unsupported', 'A Telegram bot cannot read the records other consoles post, because Telegram hides bots’ messages from bots. Carry the team ledger in a Discord channel, or connect a Telegram user account for the staff group.');
      }
      if (channel.id !== this.config.channel?.channelId) {
        this.config.channel = { sourceId: connector.sourceId, channelId: channel.id, spaceId: space.id, name: channel.name };
        this.checkpoint = emptyTeamState();
        this.entries = [];
        this.known.clear();
        this.pending = [];
        this.state = emptyTeamState();
        this.caughtUp = false;
        if (connector.info().state === 'ready') void this.catchUp(connector);
      }
    }
    await this.saveConfig();
    const mine = this.state.roster[this.key.publicKey];
    if (mine && (mine.name !== request.name || mine.zone !== request.zone)) {
      this.write({ t: 'roster-add', key: mine.key, name: request.name, zone: request.zone, role: mine.role });
    } else if (this.caughtUp && this.noTeamYet()) {
      this.write({ t: 'roster-add', key: this.key.publicKey, name: request.name, zone: request.zone, role: 'lead' });
    }
    this.scheduleEmit();
    return ok(this.view());
  }
}

function parseInvite(code: string): z.infer<typeof InviteSchema> | undefined {
  if (!code.startsWith(INVITE_PREFIX)) return undefined;
  try {
    const parsed = InviteSchema.safeParse(JSON.parse(Buffer.from(code.slice(INVITE_PREFIX.length), 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A connection that can read every console's records: not a Telegram bot (Telegram hides bots' messages from bots). */
function canCarryLedger(connector: Connector): boolean {
  const info = connector.info();
  return !(info.platform === 'telegram' && info.self?.bot);
}

function findStaffChannel(connector: Connector): Config['channel'] {
  if (!canCarryLedger(connector)) return undefined;
  for (const space of connector.info().spaces) {
    const channel = space.channels.find((c) => STAFF_CHANNEL.test(c.name));
    if (channel) return { sourceId: connector.sourceId, channelId: channel.id, spaceId: space.id, name: channel.name };
  }
  return undefined;
}

function defaultZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

async function writeAtomic(path: string, text: string) {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}
