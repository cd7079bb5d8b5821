// The roles each Discord guild member was last seen with, kept by main: a GUILD_MEMBER_UPDATE is told
// as roles gained and lost against it (discord.js's old member is a partial with no roles when the
// member was not cached, which would read as a false change), and a catch-up compares the member list
// with it, so roles given or taken while the console was closed come back once. Kept in a file of main's
// own, only for guilds small enough to list whole on a catch-up (ROLES_GUILD_CAP members).
// Every change told (live or found on a catch-up) is also kept, numbered per guild, in the same file:
// each renderer's cursor says up to which number it stored them (`roles:<guild>`), so a catch-up hands
// every renderer the ones it lacks, also one that closed before it stored them.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ChatEventSchema } from '@shared/domain/model';
import type { ChatEvent } from '@shared/domain/model';
import { SerialQueue, writeFileAtomic } from '../../util/files';
import { logger } from '../../util/log';

const log = logger('discord');

/** Guilds up to this many members are listed whole on a catch-up (five pages of 1,000) and kept here. */
export const ROLES_GUILD_CAP = 5_000;
/** A member's roles as kept and told (Discord allows 250; more than this is not a member's journey). */
export const ROLES_PER_MEMBER = 50;
const SAVE_AFTER_MS = 1_000;
/** Role changes kept per guild for renderers that have not stored them yet; one further behind gets the newest. */
export const ROLE_CHANGES_KEPT = 500;

/** The cursor position naming the last role change (its number) a renderer stored for a guild. */
export function rolesKey(guildId: string): string {
  return `roles:${guildId}`;
}

const snowflake = z.string().regex(/^\d{1,25}$/);
const KnownMemberSchema = z.object({ r: z.array(snowflake).max(ROLES_PER_MEMBER), n: z.number().int().nonnegative() });
const FileSchema = z.object({
  v: z.literal(1),
  /** When it was written: the roles were known up to then. */
  at: z.number().int().nonnegative().optional(),
  guilds: z.record(snowflake, z.record(snowflake, KnownMemberSchema)),
  /** Per guild, the role changes told, numbered (`s`); `seq` the last number given. */
  told: z.record(snowflake, z.object({ seq: z.number().int().nonnegative(), events: z.array(z.object({ s: z.number().int().positive(), e: ChatEventSchema })).max(ROLE_CHANGES_KEPT) })).optional(),
});
interface ToldChanges {
  seq: number;
  events: Array<{ s: number; e: ChatEvent }>;
}
type KnownMember = z.infer<typeof KnownMemberSchema>;

/** A member's roles changed: what they were, what they are, and the change's number for this member (part of the event's id). */
export interface RoleChange {
  userId: string;
  before: string[];
  after: string[];
  /** Counts this member's changes, so the same change told twice (the file not yet written) is one event; undefined where nothing is kept. */
  n: number | undefined;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((r) => set.has(r));
}

export class KnownRoles {
  private readonly guilds = new Map<string, Map<string, KnownMember>>();
  private readonly told = new Map<string, ToldChanges>();
  private readonly queue = new SerialQueue();
  private loaded: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  /** When the file read at start was written (the last run knew the roles up to then); undefined without one. */
  knownUntil: number | undefined;

  /** Without a file (tests, practice without a home) what is known lasts as long as main runs. */
  constructor(private readonly path?: string) {}

  /** Reads the file once; a missing or unreadable one knows nothing (the next catch-up then has no "before"). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.path) return;
      try {
        const parsed = FileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
        if (!parsed.success) {
          log.warn('the file of known Discord roles is unreadable; it is rewritten from what is seen now');
          return;
        }
        for (const [guildId, members] of Object.entries(parsed.data.guilds)) this.guilds.set(guildId, new Map(Object.entries(members)));
        for (const [guildId, told] of Object.entries(parsed.data.told ?? {})) this.told.set(guildId, { seq: told.seq, events: told.events.map((t) => ({ s: t.s, e: t.e as ChatEvent })) });
        this.knownUntil = parsed.data.at;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('the file of known Discord roles could not be read', error);
      }
    })();
    return this.loaded;
  }

  /** Whether anything is known of this guild's members (a catch-up then compares its member list). */
  knows(guildId: string): boolean {
    return (this.guilds.get(guildId)?.size ?? 0) > 0;
  }

  rolesOf(guildId: string, userId: string): readonly string[] | undefined {
    return this.guilds.get(guildId)?.get(userId)?.r;
  }

  /** A member seen without a change to tell (the member list read, a first sighting): kept only if not known yet. */
  baseline(guildId: string, userId: string, roles: readonly string[]): void {
    const members = this.guildOf(guildId);
    if (members.has(userId)) return;
    members.set(userId, { r: roles.slice(0, ROLES_PER_MEMBER), n: 0 });
    this.changed();
  }

  /** A member joined: Discord starts them afresh (a returning member's old roles are gone). */
  joined(guildId: string, userId: string, roles: readonly string[]): void {
    const known = this.guildOf(guildId).get(userId);
    this.guildOf(guildId).set(userId, { r: roles.slice(0, ROLES_PER_MEMBER), n: known?.n ?? 0 });
    this.changed();
  }

  left(guildId: string, userId: string): void {
    if (this.guilds.get(guildId)?.delete(userId)) this.changed();
  }

  /**
   * A member's roles now (`keep`: this guild is kept here). The change from what was last known, else
   * from `seenBefore` (discord.js's old member, when it was cached), or nothing: a member never seen
   * before has no "before", and guessing one would tell roles gained or lost that never were.
   */
  update(guildId: string, userId: string, roles: readonly string[], seenBefore: readonly string[] | undefined, keep: boolean): RoleChange | undefined {
    const after = roles.slice(0, ROLES_PER_MEMBER);
    const known = keep ? this.guildOf(guildId).get(userId) : undefined;
    const before = known?.r ?? seenBefore?.slice(0, ROLES_PER_MEMBER);
    if (before && same(before, after)) return undefined;
    const n = (known?.n ?? 0) + 1;
    if (keep) {
      this.guildOf(guildId).set(userId, { r: after, n });
      this.changed();
    }
    return before ? { userId, before: [...before], after, n: keep ? n : undefined } : undefined;
  }

  /** A guild left, or grown past the cap: what was kept of it would be stale by the time it is compared again. */
  forgetGuild(guildId: string): void {
    const told = this.told.delete(guildId);
    if (this.guilds.delete(guildId) || told) this.changed();
  }

  /**
   * A role change told (a `roles` event): kept under the guild's next number until ROLE_CHANGES_KEPT
   * newer ones push it out; answers the event moving the renderer's `roles:<guild>` position to it.
   */
  tell(guildId: string, event: ChatEvent): ChatEvent {
    const told = this.told.get(guildId) ?? { seq: 0, events: [] };
    this.told.set(guildId, told);
    told.seq += 1;
    const numbered: ChatEvent = { ...event, cursor: { ...event.cursor, after: { ...event.cursor?.after, [rolesKey(guildId)]: String(told.seq) } } };
    told.events.push({ s: told.seq, e: numbered });
    if (told.events.length > ROLE_CHANGES_KEPT) told.events.splice(0, told.events.length - ROLE_CHANGES_KEPT);
    this.changed();
    return numbered;
  }

  /** The number of the last role change told in a guild (0: none yet). */
  toldUpTo(guildId: string): number {
    return this.told.get(guildId)?.seq ?? 0;
  }

  /** The role changes told in a guild after number `after`, oldest first. */
  toldAfter(guildId: string, after: number): ChatEvent[] {
    return (this.told.get(guildId)?.events ?? []).filter((t) => t.s > after).map((t) => t.e);
  }

  /**
   * Roles that no longer exist (deleted in the server) leave every member's kept roles: a role deleted
   * is no member losing it, and Discord sends no member update for it.
   */
  dropRoles(guildId: string, exists: (roleId: string) => boolean): void {
    for (const [userId, known] of this.guilds.get(guildId) ?? []) {
      const kept = known.r.filter(exists);
      if (kept.length === known.r.length) continue;
      this.guilds.get(guildId)?.set(userId, { r: kept, n: known.n });
      this.changed();
    }
  }

  /**
   * The guild's whole member list as read now: the changes of known members, the others kept as they
   * are, members no longer listed forgotten (they left; leaving is not losing a role).
   */
  reconcile(guildId: string, listed: ReadonlyMap<string, readonly string[]>): RoleChange[] {
    const members = this.guildOf(guildId);
    const changes: RoleChange[] = [];
    for (const userId of [...members.keys()]) if (!listed.has(userId)) members.delete(userId);
    for (const [userId, roles] of listed) {
      if (!members.has(userId)) this.baseline(guildId, userId, roles);
      else {
        const change = this.update(guildId, userId, roles, undefined, true);
        if (change) changes.push(change);
      }
    }
    this.changed();
    return changes;
  }

  /**
   * Writes what is known now, a second after the last change; `stopping`: also when nothing changed, so
   * the file says until when the roles were known (changes after it happened while the console was closed).
   */
  async flush(stopping = false): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.path || (!this.dirty && !stopping)) return;
    this.dirty = false;
    const data = {
      v: 1 as const,
      at: Date.now(),
      guilds: Object.fromEntries([...this.guilds].map(([g, members]) => [g, Object.fromEntries(members)])),
      told: Object.fromEntries(this.told),
    };
    const path = this.path;
    await this.queue.run(async () => {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, JSON.stringify(data));
    });
  }

  private guildOf(guildId: string): Map<string, KnownMember> {
    let members = this.guilds.get(guildId);
    if (!members) this.guilds.set(guildId, (members = new Map()));
    return members;
  }

  private changed(): void {
    this.dirty = true;
    if (!this.path || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) => log.warn('the known Discord roles could not be written', error));
    }, SAVE_AFTER_MS);
    this.timer.unref?.();
  }
}
