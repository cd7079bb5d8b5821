// The team state every console derives from the same ordered ledger: roster, claims, shifts, handoffs.
// Pure and deterministic: the same records in platform order give the same state on every console,
// whatever order they arrived in; forged, unsigned, unknown-key and replayed records are ignored and reported.
import type { HandFlagRequest } from './handFlag';
import type { EventTime, Reminder } from '../announce/recurrence';
import { compareIds } from '../domain/ids';
import { canonicalJson, digest } from './canonical';
import { RecordBodySchema, SignedRecordSchema, signingInput } from './records';
import type { AccountRef, LedgerEntry, LinkVia, PersonAccount, Position, PublicKey, RecordBody, Role, ShiftSlot } from './records';
import type { RuleChange } from '../triage/changes';

/** Checks an Ed25519 signature; main supplies node:crypto, tests may supply a stand-in. */
export type Verifier = (message: string, publicKey: string, signature: string) => boolean;

export interface Member {
  key: PublicKey;
  name: string;
  zone: string;
  role: Role;
  since: number;
}

export interface Claim {
  item: string;
  by: PublicKey;
  at: number;
  label?: string;
}

export interface Resolution {
  item: string;
  by: PublicKey;
  at: number;
  outcome: string;
}

export interface Note {
  id: string;
  by: PublicKey;
  at: number;
  text: string;
  item?: string;
  due?: number;
}

export interface Handoff {
  id: string;
  by: PublicKey;
  at: number;
  to?: PublicKey;
  items: Array<{ item: string; label: string; state: 'open' | 'claimed' }>;
  incidents: string[];
  promises: Array<{ text: string; due: number }>;
  notes: string;
  ackedBy?: PublicKey;
  ackedAt?: number;
}

export interface Schedule {
  key: PublicKey;
  zone: string;
  weeks: number;
  slots: ShiftSlot[];
}

export type RejectReason = 'malformed' | 'unsigned' | 'forged' | 'unknown-key' | 'replayed' | 'not-allowed' | 'diverged';

export interface Rejected {
  pos: Position;
  reason: RejectReason;
  by?: string;
  type?: string;
}

/** A claim that reached the channel after someone else's: who tried, who holds it. */
export interface LostClaim {
  item: string;
  by: PublicKey;
  winner: PublicKey;
  at: number;
}

export interface TeamState {
  head: Position | null;
  records: number;
  roster: Record<string, Member>;
  claims: Record<string, Claim>;
  resolved: Record<string, Resolution>;
  onShift: Record<string, number>;
  handoffs: Handoff[];
  notes: Note[];
  schedules: Record<string, Schedule>;
  /** Highest record counter accepted per key: a lower or equal one is a replay. */
  counters: Record<string, number>;
  rejected: Rejected[];
  lost: LostClaim[];
  /** Shift swaps by offer id: offered by `by`, taken by `takenBy` (the schedule then gives that stretch to them). */
  swaps: Record<string, Swap>;
  /** Scheduled announcements by plan id. */
  posts: Record<string, ScheduledPost>;
  /** Rule changes the team accepted from its decisions, in ledger order; an undone one stays, marked. */
  ruleChanges: RuleChangeEntry[];
  /** One person's accounts across platforms, by person id (issue 18). */
  persons: Record<string, Person>;
  /** Every link and unlink, in ledger order: who joined or parted which accounts, and when. */
  personLog: PersonLogEntry[];
  /** Contributors noted for a role or an invitation. */
  nominations: Nomination[];
  /** Pages sent from the crisis playbook, and whether the paged moderator acknowledged. */
  pages: Page[];
  /** Messages moderators flagged by hand that triage missed, in ledger order: one per message, the first stands. */
  handFlags: HandFlag[];
}

/** A message flagged by hand (a miss): who, when, as what, and the message as the flagging console saw it. */
export interface HandFlag extends HandFlagRequest {
  id: string;
  by: PublicKey;
  at: number;
}

const KEEP_HAND_FLAGS = 500;

export interface PersonLink extends PersonAccount {
  by: PublicKey;
  at: number;
  via: LinkVia;
}

export interface Person {
  id: string;
  accounts: PersonLink[];
}

export interface PersonLogEntry {
  op: 'link' | 'unlink';
  person: string;
  p: AccountRef['p'];
  id: string;
  by: PublicKey;
  at: number;
  via?: LinkVia;
}

export interface Nomination {
  id: string;
  by: PublicKey;
  at: number;
  account: PersonAccount;
  for: 'role' | 'invite';
  text: string;
}

export interface Page {
  id: string;
  by: PublicKey;
  at: number;
  to: PublicKey;
  text: string;
  ackedAt?: number;
  /** The page this one escalates. */
  of?: string;
}

export interface PostSlotState {
  /** Who sends it: the first claim in platform order. */
  by: string;
  at: number;
  late?: boolean;
  /** The sender's word once done. */
  sent?: { ok: boolean; at: number; code?: string };
  skipped?: { by: string; at: number };
  /** The sender's word on editing what it sent, to the plan's edit number `rev`. */
  edited?: { rev: number; ok: boolean; at: number; code?: string };
}

export interface ScheduledPost {
  id: string;
  by: string;
  at: number;
  text: string;
  time: EventTime;
  reminders: Reminder[];
  targets: Array<{ p: 'discord' | 'telegram' | 'whatsapp'; space: string; channel: string; zone?: string; lang?: string }>;
  pin: boolean;
  /** The text in other languages, picked by each target's `lang`. */
  versions?: Array<{ lang: string; text: string }>;
  cancelled?: boolean;
  slots: Record<string, PostSlotState>;
  /** Discord scheduled events made for the plan, by Discord's id. */
  events?: Record<string, PostEvent>;
  /** How many times the text was edited (post-edit), and by whom last. */
  rev?: number;
  editedBy?: string;
}

/** A Discord scheduled event of a plan, as the team ledger knows it. */
export interface PostEvent {
  space: string;
  channel: string;
  entity: 'voice' | 'stage';
  name: string;
  start: number;
  /** Who made it, and who last changed it. */
  by: string;
  at: number;
  changedBy?: string;
  cancelled?: boolean;
}

export interface RuleChangeEntry {
  id: string;
  by: PublicKey;
  at: number;
  change: RuleChange;
  undoneBy?: PublicKey;
  undoneAt?: number;
}

/** The accepted rule changes that stand, in the order the team accepted them. */
export function standingRuleChanges(state: Pick<TeamState, 'ruleChanges'>): RuleChange[] {
  return (state.ruleChanges ?? []).filter((c) => !c.undoneBy).map((c) => c.change);
}

const KEEP_RULE_CHANGES = 500;

export interface Swap {
  id: string;
  by: string;
  start: number;
  end: number;
  at: number;
  takenBy?: string;
  takenAt?: number;
  cancelled?: boolean;
}

/** A swap covers one shift: at most a day. */
const MAX_SWAP_MS = 24 * 3_600_000;

const KEEP_REJECTED = 100;
const KEEP_LOST = 200;
const KEEP_NOTES = 500;
const KEEP_HANDOFFS = 300;

export function emptyTeamState(): TeamState {
  return { head: null, records: 0, roster: {}, claims: {}, resolved: {}, onShift: {}, handoffs: [], notes: [], schedules: {}, counters: {}, rejected: [], lost: [], swaps: {}, posts: {}, ruleChanges: [], persons: {}, personLog: [], nominations: [], pages: [], handFlags: [] };
}

export function comparePositions(a: Position, b: Position): number {
  return compareIds(a.m, b.m) || a.i - b.i;
}

export function positionKey(pos: Position): string {
  return `${pos.m}.${pos.i}`;
}

/** The digest of what the records decided (not the bookkeeping of rejects), for snapshot checks. */
export function stateDigest(state: TeamState): string {
  const { roster, claims, resolved, onShift, handoffs, notes, schedules, counters, swaps, posts, persons, nominations, pages, handFlags } = state;
  // Later parts join the digest only once there are some, so states from before them keep their digest.
  const decided: Record<string, unknown> = { roster, claims, resolved, onShift, handoffs, notes, schedules, counters, swaps };
  if (posts && Object.keys(posts).length) decided['posts'] = posts;
  if (persons && Object.keys(persons).length) decided['persons'] = persons;
  if (nominations?.length) decided['nominations'] = nominations;
  if (pages?.length) decided['pages'] = pages;
  if (handFlags?.length) decided['handFlags'] = handFlags;
  return digest(canonicalJson(decided));
}

/** Sorts by platform position and keeps one entry per position (a redelivered message counts once). */
export function orderEntries(entries: LedgerEntry[]): LedgerEntry[] {
  const byPos = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    const key = positionKey(entry.pos);
    const existing = byPos.get(key);
    // Two different payloads at one position cannot come from the platform; pick one deterministically.
    if (!existing || canonicalJson(entry.raw) < canonicalJson(existing.raw)) byPos.set(key, entry);
  }
  return [...byPos.values()].sort((a, b) => comparePositions(a.pos, b.pos));
}

/** Folds entries into the state; entries at or before `from.head` are skipped. */
export function reduceLedger(entries: LedgerEntry[], verify: Verifier, from: TeamState = emptyTeamState()): TeamState {
  const state = structuredCloneState(from);
  for (const entry of orderEntries(entries)) {
    if (state.head && comparePositions(entry.pos, state.head) <= 0) continue;
    applyEntry(state, entry, verify);
  }
  return state;
}

function structuredCloneState(state: TeamState): TeamState {
  return JSON.parse(JSON.stringify(state)) as TeamState;
}

function reject(state: TeamState, rejected: Rejected) {
  state.rejected.push(rejected);
  if (state.rejected.length > KEEP_REJECTED) state.rejected.splice(0, state.rejected.length - KEEP_REJECTED);
}

function isLead(state: TeamState, key: string): boolean {
  return state.roster[key]?.role === 'lead';
}

/** Applies one entry in place (the caller guarantees platform order). */
export function applyEntry(state: TeamState, entry: LedgerEntry, verify: Verifier): void {
  const { pos } = entry;
  state.head = pos;
  const envelope = SignedRecordSchema.safeParse(entry.raw);
  if (!envelope.success) return reject(state, { pos, reason: 'malformed' });
  const signed = envelope.data;
  const body = RecordBodySchema.safeParse(signed.r);
  if (!body.success) return reject(state, { pos, reason: 'malformed', by: signed.a });
  const r = body.data;
  const base = { pos, by: signed.a, type: r.t };
  if (!signed.s) return reject(state, { ...base, reason: 'unsigned' });
  let valid: boolean;
  try {
    valid = verify(signingInput(signed), signed.a, signed.s);
  } catch {
    valid = false;
  }
  if (!valid) return reject(state, { ...base, reason: 'forged' });
  const genesis = Object.keys(state.roster).length === 0 && r.t === 'roster-add' && r.key === signed.a && r.role === 'lead';
  if (!genesis && !state.roster[signed.a]) return reject(state, { ...base, reason: 'unknown-key' });
  if (signed.n <= (state.counters[signed.a] ?? 0)) return reject(state, { ...base, reason: 'replayed' });
  // Only a snapshot with nothing interleaved since its author computed it can be compared.
  if (r.t === 'snapshot' && isLead(state, signed.a) && r.records === state.records && r.digest !== stateDigest(state)) {
    // Counted as applied (the counter moves on), but reported: this console and the lead disagree.
    state.counters[signed.a] = signed.n;
    state.records += 1;
    return reject(state, { ...base, reason: 'diverged' });
  }
  if (!apply(state, signed.a, signed.ts, r, pos)) return reject(state, { ...base, reason: 'not-allowed' });
  state.counters[signed.a] = signed.n;
  state.records += 1;
}

function apply(state: TeamState, by: PublicKey, at: number, r: RecordBody, pos: Position): boolean {
  switch (r.t) {
    case 'claim': {
      const holder = state.claims[r.item];
      const resolved = state.resolved[r.item];
      if (holder && holder.by !== by) return lose(state, { item: r.item, by, winner: holder.by, at });
      if (resolved) return lose(state, { item: r.item, by, winner: resolved.by, at });
      state.claims[r.item] = r.label ? { item: r.item, by, at, label: r.label } : { item: r.item, by, at };
      return true;
    }
    case 'release': {
      const holder = state.claims[r.item];
      if (!holder) return true;
      if (holder.by !== by && !isLead(state, by)) return false;
      delete state.claims[r.item];
      return true;
    }
    case 'resolve':
      delete state.claims[r.item];
      state.resolved[r.item] = { item: r.item, by, at, outcome: r.outcome };
      return true;
    case 'note': {
      const note: Note = { id: positionKey(pos), by, at, text: r.text };
      if (r.item) note.item = r.item;
      if (r.due !== undefined) note.due = r.due;
      state.notes.push(note);
      if (state.notes.length > KEEP_NOTES) state.notes.splice(0, state.notes.length - KEEP_NOTES);
      return true;
    }
    case 'shift-start':
      state.onShift[by] = at;
      return true;
    case 'shift-end':
      delete state.onShift[by];
      return true;
    case 'handoff': {
      if (state.handoffs.some((h) => h.id === r.id)) return false;
      const handoff: Handoff = { id: r.id, by, at, items: r.items, incidents: r.incidents, promises: r.promises, notes: r.notes };
      if (r.to) handoff.to = r.to;
      state.handoffs.push(handoff);
      if (state.handoffs.length > KEEP_HANDOFFS) state.handoffs.splice(0, state.handoffs.length - KEEP_HANDOFFS);
      return true;
    }
    case 'ack': {
      const handoff = state.handoffs.find((h) => h.id === r.handoff);
      if (!handoff || handoff.by === by) return false;
      if (handoff.ackedBy) return true;
      handoff.ackedBy = by;
      handoff.ackedAt = at;
      return true;
    }
    case 'roster-add': {
      const genesis = Object.keys(state.roster).length === 0;
      // A moderator may rename themselves or change zone, never their role.
      const selfUpdate = r.key === by && state.roster[by]?.role === r.role;
      if (!genesis && !selfUpdate && !isLead(state, by)) return false;
      state.roster[r.key] = { key: r.key, name: r.name, zone: r.zone, role: r.role, since: state.roster[r.key]?.since ?? at };
      return true;
    }
    case 'roster-remove': {
      if (!isLead(state, by) || !state.roster[r.key]) return false;
      const leads = Object.values(state.roster).filter((m) => m.role === 'lead');
      if (leads.length === 1 && leads[0]?.key === r.key) return false;
      delete state.roster[r.key];
      delete state.onShift[r.key];
      delete state.schedules[r.key];
      return true;
    }
    case 'schedule':
      if (r.key !== by && !isLead(state, by)) return false;
      if (!state.roster[r.key]) return false;
      state.schedules[r.key] = { key: r.key, zone: r.zone, weeks: r.weeks, slots: r.slots.filter((s) => s.week < r.weeks) };
      return true;
    case 'swap-offer': {
      state.swaps ??= {};
      if (state.swaps[r.id] || r.end <= r.start || r.end - r.start > MAX_SWAP_MS) return false;
      state.swaps[r.id] = { id: r.id, by, start: r.start, end: r.end, at };
      return true;
    }
    case 'swap-take': {
      const swap = state.swaps?.[r.offer];
      // The first take in platform order wins; a later one changes nothing, on every console alike.
      if (!swap || swap.cancelled || swap.takenBy || swap.by === by) return false;
      swap.takenBy = by;
      swap.takenAt = at;
      return true;
    }
    case 'swap-cancel': {
      const swap = state.swaps?.[r.offer];
      if (!swap || swap.takenBy || (swap.by !== by && !isLead(state, by))) return false;
      swap.cancelled = true;
      return true;
    }
    case 'post-plan': {
      state.posts ??= {};
      if (state.posts[r.id]) return false;
      state.posts[r.id] = { id: r.id, by, at, text: r.text, time: r.time, reminders: r.reminders, targets: r.targets, pin: r.pin, ...(r.versions?.length ? { versions: r.versions } : {}), slots: {} };
      return true;
    }
    case 'post-cancel': {
      const post = state.posts?.[r.id];
      if (!post || (post.by !== by && !isLead(state, by))) return false;
      post.cancelled = true;
      return true;
    }
    case 'post-claim': {
      const post = state.posts?.[r.id];
      if (!post || post.cancelled || !targetOf(post, r.slot)) return false;
      // The first claim in platform order sends; a later one changes nothing, on every console alike.
      if (post.slots[r.slot]) return true;
      post.slots[r.slot] = r.late ? { by, at, late: true } : { by, at };
      return true;
    }
    case 'post-sent': {
      const slot = state.posts?.[r.id]?.slots[r.slot];
      if (!slot || slot.by !== by || slot.sent) return false;
      slot.sent = r.code ? { ok: r.ok, at, code: r.code } : { ok: r.ok, at };
      return true;
    }
    case 'post-edit': {
      const post = state.posts?.[r.id];
      if (!post || post.cancelled || (post.by !== by && !isLead(state, by))) return false;
      post.text = r.text;
      // Versions in other languages change only when the edit carries them (the calendar edits the main text).
      if (r.versions?.length) post.versions = r.versions;
      post.rev = (post.rev ?? 0) + 1;
      post.editedBy = by;
      return true;
    }
    case 'post-edited': {
      const post = state.posts?.[r.id];
      const slot = post?.slots[r.slot];
      if (!post || !slot || slot.by !== by || !slot.sent?.ok || r.rev > (post.rev ?? 0)) return false;
      // The word on a later edit stands; one on an earlier edit, arriving after, changes nothing.
      if (slot.edited && slot.edited.rev >= r.rev) return true;
      slot.edited = r.code ? { rev: r.rev, ok: r.ok, at, code: r.code } : { rev: r.rev, ok: r.ok, at };
      return true;
    }
    case 'post-event': {
      const post = state.posts?.[r.id];
      if (!post) return false;
      post.events ??= {};
      // One record per event: a repeat (a retried write) changes nothing.
      if (post.events[r.event]) return true;
      post.events[r.event] = { space: r.space, channel: r.channel, entity: r.entity, name: r.name, start: r.start, by, at };
      return true;
    }
    case 'post-event-change': {
      const event = state.posts?.[r.id]?.events?.[r.event];
      if (!event || event.cancelled) return false;
      if (r.name !== undefined) event.name = r.name;
      if (r.start !== undefined) event.start = r.start;
      if (r.cancelled) event.cancelled = true;
      event.changedBy = by;
      return true;
    }
    case 'post-skip': {
      const post = state.posts?.[r.id];
      if (!post || !targetOf(post, r.slot) || post.slots[r.slot]) return false;
      post.slots[r.slot] = { by, at, skipped: { by, at } };
      return true;
    }
    case 'rule-change': {
      state.ruleChanges ??= [];
      if (state.ruleChanges.some((c) => c.id === r.id)) return false;
      state.ruleChanges.push({ id: r.id, by, at, change: r.change });
      if (state.ruleChanges.length > KEEP_RULE_CHANGES) state.ruleChanges.splice(0, state.ruleChanges.length - KEEP_RULE_CHANGES);
      return true;
    }
    case 'rule-undo': {
      const change = state.ruleChanges?.find((c) => c.id === r.id);
      if (!change) return false;
      if (change.undoneBy) return true;
      change.undoneBy = by;
      change.undoneAt = at;
      return true;
    }
    case 'person-link': {
      state.persons ??= {};
      state.personLog ??= [];
      const holder = personOfAccount(state, r.account);
      // An account belongs to one person: moving it means unlinking it first (so the log says so).
      if (holder && holder.id !== r.person) return false;
      if (holder) return true;
      const person = (state.persons[r.person] ??= { id: r.person, accounts: [] });
      person.accounts.push({ ...r.account, by, at, via: r.via });
      logPerson(state, { op: 'link', person: r.person, p: r.account.p, id: r.account.id, by, at, via: r.via });
      return true;
    }
    case 'person-unlink': {
      const person = state.persons?.[r.person];
      const index = person ? person.accounts.findIndex((a) => a.p === r.account.p && a.id === r.account.id) : -1;
      if (!person || index < 0) return false;
      person.accounts.splice(index, 1);
      if (person.accounts.length === 0) delete state.persons[r.person];
      logPerson(state, { op: 'unlink', person: r.person, p: r.account.p, id: r.account.id, by, at });
      return true;
    }
    case 'nominate':
      state.nominations ??= [];
      state.nominations.push({ id: positionKey(pos), by, at, account: r.account, for: r.for, text: r.text });
      if (state.nominations.length > KEEP_NOMINATIONS) state.nominations.splice(0, state.nominations.length - KEEP_NOMINATIONS);
      return true;
    case 'page':
      state.pages ??= [];
      if (!state.roster[r.to] || state.pages.some((p) => p.id === r.id)) return false;
      state.pages.push({ id: r.id, by, at, to: r.to, text: r.text, ...(r.of ? { of: r.of } : {}) });
      if (state.pages.length > KEEP_PAGES) state.pages.splice(0, state.pages.length - KEEP_PAGES);
      return true;
    case 'page-ack': {
      const page = state.pages?.find((p) => p.id === r.page);
      // Only the paged moderator acknowledges; the first acknowledgement stands.
      if (!page || page.to !== by) return false;
      page.ackedAt ??= at;
      return true;
    }
    case 'flag': {
      state.handFlags ??= [];
      // Two moderators flagging one message at once: the first in platform order stands, the other changes nothing.
      if (state.handFlags.some((f) => f.ev === r.ev)) return true;
      const { t: _t, ...flag } = r;
      state.handFlags.push({ id: positionKey(pos), by, at, ...flag });
      if (state.handFlags.length > KEEP_HAND_FLAGS) state.handFlags.splice(0, state.handFlags.length - KEEP_HAND_FLAGS);
      return true;
    }
    case 'snapshot':
      return isLead(state, by);
  }
}

const KEEP_PERSON_LOG = 1_000;
const KEEP_NOMINATIONS = 300;
const KEEP_PAGES = 100;

function logPerson(state: TeamState, entry: PersonLogEntry) {
  state.personLog.push(entry);
  if (state.personLog.length > KEEP_PERSON_LOG) state.personLog.splice(0, state.personLog.length - KEEP_PERSON_LOG);
}

/** The person an account is linked to, if any. */
export function personOfAccount(state: Pick<TeamState, 'persons'>, account: AccountRef): Person | undefined {
  for (const person of Object.values(state.persons ?? {})) if (person.accounts.some((a) => a.p === account.p && a.id === account.id)) return person;
  return undefined;
}

function targetOf(post: ScheduledPost, slot: string) {
  return post.targets[Number(slot.split(':')[0])];
}

function lose(state: TeamState, lost: LostClaim): boolean {
  state.lost.push(lost);
  if (state.lost.length > KEEP_LOST) state.lost.splice(0, state.lost.length - KEEP_LOST);
  // A lost claim is a valid record that changed nothing; its counter still moves on.
  return true;
}
