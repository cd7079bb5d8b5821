// A member's journey (issue 18): the moments that show a member growing into the community, across
// every account linked to them — first seen, joined, first message, first answer given to a newcomer,
// roles gained — beside what the team recorded (warnings and other cases, links, nominations). Pure.
import type { Platform } from '../domain/model';

/** What the journey reads of a stored event. */
export interface JourneyEvent {
  id: string;
  platform: Platform;
  kind: string;
  ts: number;
  spaceId: string;
  spaceName?: string | undefined;
  channelId: string;
  messageId?: string | undefined;
  replyToMessageId?: string | undefined;
  author?: { id: string; roles?: readonly string[] | undefined } | undefined;
  /** A `roles` event (a rank change): the roles before it, and (Discord) the roles' names at the change. */
  moderation?: { before?: readonly string[] | undefined; roleNames?: readonly { id: string; name: string }[] | undefined } | undefined;
}

export type JourneyKind = 'first-seen' | 'joined' | 'first-message' | 'first-answer' | 'role' | 'role-lost' | 'case' | 'linked' | 'unlinked' | 'nominated';

export interface JourneyStep {
  kind: JourneyKind;
  at: number;
  platform?: Platform;
  /** Where it happened (a space's name), a role id, a case's action, a nomination's kind. */
  detail?: string;
  /** A case's reason, a nomination's why; a role's name when the change was told (a Discord role deleted since). */
  note?: string;
}

export interface JourneyInput {
  /** The member's events (every linked account), any order. */
  events: readonly JourneyEvent[];
  /** `channelId|messageId` of messages that were their author's first in that space: answering one is welcoming a newcomer. */
  newcomerFirsts: ReadonlySet<string>;
  cases?: readonly { platform: Platform; action: string; reason: string; createdAt: number; appeal?: { outcome: string } | undefined; result?: string | undefined }[];
  links?: readonly { op: 'link' | 'unlink'; p: Platform; at: number }[];
  nominations?: readonly { for: 'role' | 'invite'; text: string; at: number; account: { p: Platform } }[];
}

/**
 * How a role step is worded: a platform rank (WhatsApp's admin and superadmin, Telegram's admin and
 * creator) the renderer words in the moderator's language, a custom title an admin was given
 * (Telegram's rank, member-chosen text shown as text), a role's name as a connected space tells it
 * (Discord's server roles), or its id when no connected space knows it (a deleted role, a server left).
 */
export type RoleLabel = { rank: 'admin' | 'superadmin' | 'creator' } | { title: string } | { name: string } | { id: string };

const RANKS = new Set(['admin', 'superadmin', 'creator']);
/** A custom title travels among a member's roles as `title:<text>` (Telegram caps a rank at 16 characters). */
export const TITLE_PREFIX = 'title:';
export const TITLE_MAX = 64;

/** The role a custom title travels as, or nothing for an empty one. */
export function titleRole(title: string | undefined): string | undefined {
  const text = title?.trim().slice(0, TITLE_MAX);
  return text ? `${TITLE_PREFIX}${text}` : undefined;
}

/** `platform|roleId` → name, from every connected space's roles. */
export function roleNames(sources: readonly { platform: Platform; spaces: readonly { roles?: readonly { id: string; name: string }[] | undefined }[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of sources) for (const space of source.spaces) for (const r of space.roles ?? []) out.set(`${source.platform}|${r.id}`, r.name);
  return out;
}

/**
 * `namedThen`: the role's name when its change was told, for a role no connected space names any more
 * (deleted); a role renamed since shows its name now.
 */
export function roleLabel(platform: Platform, role: string, names: ReadonlyMap<string, string>, namedThen?: string): RoleLabel {
  // Discord role ids are snowflakes: a Discord role named "admin" is a name, never a rank.
  if (platform !== 'discord' && RANKS.has(role)) return { rank: role as 'admin' | 'superadmin' | 'creator' };
  if (platform === 'telegram' && role.startsWith(TITLE_PREFIX)) return { title: role.slice(TITLE_PREFIX.length, TITLE_PREFIX.length + TITLE_MAX) };
  const name = names.get(`${platform}|${role}`) ?? namedThen;
  return name !== undefined ? { name } : { id: role };
}

/** Replies to check for a welcome: the earliest ones, in time order. */
export function repliesToCheck(events: readonly JourneyEvent[], limit = 200): JourneyEvent[] {
  return events.filter((e) => e.kind === 'message' && e.replyToMessageId).sort(byTime).slice(0, limit);
}

function byTime(a: { ts: number; id: string }, b: { ts: number; id: string }): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function buildJourney(input: JourneyInput): JourneyStep[] {
  const steps: JourneyStep[] = [];
  const events = [...input.events].sort(byTime);
  const where = (e: JourneyEvent) => e.spaceName ?? e.spaceId;
  const firstSeen = new Set<string>();
  const joined = new Set<string>();
  const firstMessage = new Set<string>();
  /**
   * Roles seen so far per platform and space: a role appearing later was gained then. Only a rank
   * change (a `roles` event) says a role was lost: other events may carry what the platform sent partly.
   */
  const roles = new Map<string, Set<string>>();
  let answered = false;
  for (const e of events) {
    const place = `${e.platform}|${e.spaceId}`;
    if (!firstSeen.has(e.platform)) {
      firstSeen.add(e.platform);
      steps.push({ kind: 'first-seen', at: e.ts, platform: e.platform, detail: where(e) });
    }
    if (e.kind === 'join' && !joined.has(place)) {
      joined.add(place);
      steps.push({ kind: 'joined', at: e.ts, platform: e.platform, detail: where(e) });
    }
    if (e.kind === 'message') {
      if (!firstMessage.has(e.platform)) {
        firstMessage.add(e.platform);
        steps.push({ kind: 'first-message', at: e.ts, platform: e.platform, detail: where(e) });
      }
      if (!answered && e.replyToMessageId && input.newcomerFirsts.has(`${e.channelId}|${e.replyToMessageId}`)) {
        answered = true;
        steps.push({ kind: 'first-answer', at: e.ts, platform: e.platform, detail: where(e) });
      }
    }
    // Discord's @everyone (its id is the server's) is every member's: joins and renames stored before it was left out carry it.
    const now = e.platform === 'discord' ? e.author?.roles?.filter((r) => r !== e.spaceId) : e.author?.roles;
    if (now) {
      const change = e.kind === 'roles';
      const namedThen = (role: string) => {
        const name = e.moderation?.roleNames?.find((r) => r.id === role)?.name;
        return name !== undefined ? { note: name } : {};
      };
      let had = roles.get(place);
      // A rank change seen first says what came before it; any other first event is where we start.
      if (!had) roles.set(place, (had = new Set(change ? (e.moderation?.before ?? []) : now)));
      for (const role of now) {
        if (had.has(role)) continue;
        had.add(role);
        steps.push({ kind: 'role', at: e.ts, platform: e.platform, detail: role, ...namedThen(role) });
      }
      if (change) {
        const kept = new Set(now);
        for (const role of [...had]) {
          if (kept.has(role)) continue;
          had.delete(role);
          // A title goes with the admin rank, or is replaced by the new one shown as gained.
          if (!role.startsWith(TITLE_PREFIX)) steps.push({ kind: 'role-lost', at: e.ts, platform: e.platform, detail: role, ...namedThen(role) });
        }
      }
    }
  }
  for (const c of input.cases ?? []) {
    if (c.appeal?.outcome === 'overturned' || c.result === 'failed') continue;
    steps.push({ kind: 'case', at: c.createdAt, platform: c.platform, detail: c.action, note: c.reason });
  }
  for (const l of input.links ?? []) steps.push({ kind: l.op === 'link' ? 'linked' : 'unlinked', at: l.at, platform: l.p });
  for (const n of input.nominations ?? []) steps.push({ kind: 'nominated', at: n.at, platform: n.account.p, detail: n.for, note: n.text });
  return steps.sort((a, b) => a.at - b.at);
}
