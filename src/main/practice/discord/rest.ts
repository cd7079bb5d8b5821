// The REST half of the simulator: Discord's /api/v10 routes the console uses, with Discord's
// permission checks, error codes, rate-limit headers and injected failures.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import type { MemberRecord } from './community';
import { cannotMessageUser, invalidForm, missingAccess, missingPermissions, SimApiError, unknownBan, unknownGuild, unknownUser } from './apiErrors';
import { PracticeGuild } from './guild';
import { CreateEventBody, EditEventBody } from './events';
import type { PracticeInteractions } from './interactions';
import { memberPayload, userPayload } from './payloads';
import { basePermissions, channelPermissions, has, highestPosition, outranks } from './permissions';
import { snowflakeTime } from './random';

export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  retryAfterMs?: number;
  code?: number;
  times: number;
  /**
   * The request is carried out first and only its answer is lost: status 0 cuts the connection
   * (the line dropped mid-send), another status answers that instead of the real result.
   */
  afterCommit?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface RestOptions {
  guild: PracticeGuild;
  token: string;
  gatewayUrl(): string;
  /** Per bucket (route + major id): at most `limit` requests per `windowMs`; false = never limit. */
  rateLimit: { limit: number; windowMs: number } | false;
  failures: InjectedFailure[];
  requestLog: RequestLogEntry[];
  now(): number;
  /** Application commands and interaction answers (absent: those routes are 404). */
  interactions?: PracticeInteractions;
}

interface Reply {
  status: number;
  body?: unknown;
}

interface Ctx {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  reason: string | null;
  guild: PracticeGuild;
  bot: MemberRecord;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Discord's rate-limit bucket key: the route template, keyed by its major parameter. */
  template: string;
  run(ctx: Ctx): Reply;
}

const MAX_BODY = 1_000_000;
const TWO_WEEKS_MS = 14 * 86_400_000;
const MAX_TIMEOUT_MS = 28 * 86_400_000;

const id = z.string().regex(/^\d{5,25}$/);
const EditMessageBody = z.object({
  content: z.string().max(2000).optional(),
  allowed_mentions: z.unknown().optional(),
  flags: z.number().int().optional(),
});

/** Discord's poll limits: a question of up to 300 characters, 1–10 answers of up to 55, 1–768 hours (32 days). */
const PollBody = z.object({
  question: z.object({ text: z.string().min(1).max(300) }),
  answers: z.array(z.object({ poll_media: z.object({ text: z.string().min(1).max(55) }) })).min(1).max(10),
  duration: z.number().int().min(1).max(768).optional(),
  allow_multiselect: z.boolean().optional(),
  layout_type: z.literal(1).optional(),
});

const CreateMessageBody = z.object({
  poll: PollBody.optional(),
  content: z.string().max(2000).optional(),
  nonce: z.union([z.string().max(25), z.number().int()]).optional(),
  enforce_nonce: z.boolean().optional(),
  tts: z.boolean().optional(),
  message_reference: z
    .object({ message_id: id, channel_id: id.optional(), guild_id: id.optional(), fail_if_not_exists: z.boolean().optional() })
    .optional(),
  embeds: z.array(z.unknown()).optional(),
});
const BulkDeleteBody = z.object({ messages: z.array(id).min(2).max(100) });
const CreateDmBody = z.object({ recipient_id: id });
const bitfield = z.string().regex(/^\d{1,20}$/);
const OverwriteBody = z.object({ type: z.union([z.literal(0), z.literal(1)]), allow: bitfield.nullable().optional(), deny: bitfield.nullable().optional() });
const EditChannelBody = z.object({
  rate_limit_per_user: z.number().int().min(0).max(21_600).optional(),
  name: z.string().min(1).max(100).optional(),
  topic: z.string().max(1024).nullable().optional(),
});
const EditMemberBody = z.object({
  communication_disabled_until: z.string().nullable().optional(),
  nick: z.string().max(32).nullable().optional(),
  roles: z.array(z.string().regex(/^\d{5,25}$/)).max(250).optional(),
});
const BanBody = z.object({
  delete_message_seconds: z.number().int().min(0).max(604_800).optional(),
  delete_message_days: z.number().int().min(0).max(7).optional(),
});

/** Discord's bulk ban: 1–200 user ids (more is 50035), messages of up to 7 days deleted with them. */
const BulkBanBody = z.object({
  user_ids: z.array(id).min(1).max(200),
  delete_message_seconds: z.number().int().min(0).max(604_800).optional(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors: Record<string, unknown> = {};
  for (const issue of parsed.error.issues) {
    errors[issue.path.join('.') || '_root'] = { _errors: [{ code: 'BASE_TYPE_INVALID', message: issue.message }] };
  }
  throw invalidForm(errors);
}

function requireGuild(ctx: Ctx): void {
  if (ctx.params[0] !== ctx.guild.guildId) throw unknownGuild();
}

function channelPerms(ctx: Ctx, channelId: string): { channel: ReturnType<PracticeGuild['channel']>; perms: bigint } {
  const channel = ctx.guild.channel(channelId);
  const perms = channelPermissions(ctx.guild, ctx.bot, channel);
  if (!has(perms, P.ViewChannel)) throw missingAccess();
  return { channel, perms };
}

/** The channel of the route's first parameter, once the bot may see it and holds `needed` in it. */
function channelAllowing(ctx: Ctx, needed: bigint): ReturnType<PracticeGuild['channel']> {
  const { channel, perms } = channelPerms(ctx, ctx.params[0] ?? '');
  if (!has(perms, needed)) throw missingPermissions();
  return channel;
}

function requireGuildPermission(ctx: Ctx, needed: bigint): void {
  if (!has(basePermissions(ctx.guild, ctx.bot), needed)) throw missingPermissions();
}

/**
 * Roles the bot may give or take (Manage Roles, and only roles below its own highest one; never
 * @everyone), as Discord checks a role change; an unknown role is 10011.
 */
function requireAssignable(ctx: Ctx, roleIds: readonly string[]): void {
  for (const roleId of roleIds) if (!ctx.guild.roles.has(roleId) || roleId === ctx.guild.guildId) throw new SimApiError(404, 10011, 'Unknown Role');
  if (roleIds.length === 0) return;
  requireGuildPermission(ctx, P.ManageRoles);
  if (ctx.bot.user.id === ctx.guild.ownerId) return;
  const top = highestPosition(ctx.guild, ctx.bot);
  if (roleIds.some((roleId) => (ctx.guild.roles.get(roleId)?.position ?? 0) >= top)) throw missingPermissions();
}

function byId(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? fallback : Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < min || n > max) throw invalidForm({ limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: `Must be between ${min} and ${max}.` }] } });
  return n;
}

/** AutoMod rules are visible to members with Manage Server only (Discord answers 50013 otherwise). */
function autoModRules(ctx: Ctx): void {
  if (ctx.params[0] !== ctx.guild.guildId) throw unknownGuild();
  if (!has(basePermissions(ctx.guild, ctx.bot), P.ManageGuild)) throw missingPermissions();
}

const MAX_PINS = 50;

/** A route as the table below spells it: the pattern only where it is not the template's. */
type RouteSpec = Omit<Route, 'pattern'> & { pattern?: RegExp };

/** The template's pattern: each `:name` one path segment, a snowflake but for an emoji. */
function templatePattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((part) => (part === ':emoji' ? '([^/]+)' : part.startsWith(':') ? '(\\d+)' : part))
    .join('\\/');
  return new RegExp(`^${source}$`);
}

const routes: Route[] = ([
  {
    method: 'PUT',
    pattern: /^\/channels\/(\d+)\/(?:messages\/)?pins\/(\d+)$/,
    template: '/channels/:id/messages/pins/:id',
    run: (ctx) => {
      // Pin Messages, split from Manage Messages (enforced since January 2026): Manage Messages alone is refused.
      const channel = channelAllowing(ctx, P.PinMessages);
      const message = ctx.guild.liveMessage(channel.id, ctx.params[1] ?? '');
      if (!message.pinned) {
        if (ctx.guild.messages(channel.id).filter((m) => m.pinned && !m.deleted).length >= MAX_PINS) {
          throw new SimApiError(400, 30003, 'Maximum number of pins reached (50)');
        }
        message.pinned = true;
      }
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/auto-moderation/rules',
    run: (ctx) => {
      autoModRules(ctx);
      return { status: 200, body: [...ctx.guild.automodRules.values()].map((r) => ctx.guild.autoModRuleJson(r)) };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/auto-moderation/rules/:rule',
    run: (ctx) => {
      autoModRules(ctx);
      const rule = ctx.guild.automodRules.get(ctx.params[1] ?? '');
      if (!rule) throw new SimApiError(404, 10066, 'Unknown auto moderation rule');
      return { status: 200, body: ctx.guild.autoModRuleJson(rule) };
    },
  },
  {
    method: 'GET',
    template: '/users/@me',
    run: (ctx) => ({ status: 200, body: { ...userPayload(ctx.guild.botUser), verified: true, mfa_enabled: false, flags: 0 } }),
  },
  {
    method: 'GET',
    template: '/users/:id',
    run: (ctx) => {
      const user = ctx.guild.users.get(ctx.params[0] ?? '');
      if (!user || ctx.guild.webhooks.has(user.id)) throw unknownUser();
      return { status: 200, body: userPayload(user) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id',
    run: (ctx) => {
      const dm = ctx.guild.dmChannels.get(ctx.params[0] ?? '');
      if (dm) return { status: 200, body: ctx.guild.dmChannelJson(dm) };
      return { status: 200, body: ctx.guild.channelJson(channelPerms(ctx, ctx.params[0] ?? '').channel) };
    },
  },
  {
    method: 'POST',
    template: '/users/@me/channels',
    run: (ctx) => {
      const body = parseBody(CreateDmBody, ctx.body);
      return { status: 200, body: ctx.guild.dmChannelJson(ctx.guild.openDm(body.recipient_id)) };
    },
  },
  {
    method: 'PUT',
    template: '/channels/:id/permissions/:overwrite_id',
    run: (ctx) => {
      // "Manage Permissions" in a channel is the Manage Roles bit.
      const channel = channelAllowing(ctx, P.ManageRoles);
      const body = parseBody(OverwriteBody, ctx.body);
      const targetId = ctx.params[1] ?? '';
      if (body.type === 0 && !ctx.guild.roles.has(targetId)) throw new SimApiError(404, 10011, 'Unknown Role');
      if (body.type === 1 && !ctx.guild.members.get(targetId)?.present) throw new SimApiError(404, 10007, 'Unknown Member');
      const allow = BigInt(body.allow ?? '0');
      const deny = BigInt(body.deny ?? '0');
      // Like Discord, a bot may only grant or deny bits it holds in the guild (a Manage Roles
      // overwrite of its own in the channel lifts that).
      const previous = channel.overwrites.find((o) => o.id === targetId);
      const changed = (allow ^ (previous?.allow ?? 0n)) | (deny ^ (previous?.deny ?? 0n));
      const ownOverwrite = channel.overwrites.some((o) => (o.id === ctx.bot.user.id || ctx.bot.roles.includes(o.id)) && (o.allow & P.ManageRoles) !== 0n);
      if (!ownOverwrite && (changed & ~basePermissions(ctx.guild, ctx.bot)) !== 0n) throw missingPermissions();
      ctx.guild.setOverwrite(channel.id, { id: targetId, type: body.type, allow, deny }, ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
  {
    method: 'PATCH',
    template: '/channels/:id',
    run: (ctx) => {
      const channel = channelAllowing(ctx, P.ManageChannels);
      const body = parseBody(EditChannelBody, ctx.body);
      const updated = ctx.guild.updateChannel(
        channel.id,
        {
          ...(body.rate_limit_per_user !== undefined ? { rateLimitPerUser: body.rate_limit_per_user } : {}),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.topic !== undefined ? { topic: body.topic } : {}),
        },
        ctx.bot.user.id,
        ctx.reason,
      );
      return { status: 200, body: ctx.guild.channelJson(updated) };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages',
    run: (ctx) => {
      // The bot reads its DM channels like any other (catch-up of appeals after a restart).
      const dm = ctx.guild.dmChannels.get(ctx.params[0] ?? '');
      const { channel, perms } = dm ? { channel: dm, perms: P.ReadMessageHistory } : channelPerms(ctx, ctx.params[0] ?? '');
      if (!has(perms, P.ReadMessageHistory)) return { status: 200, body: [] };
      const limit = clampInt(ctx.query.get('limit'), 50, 1, 100);
      const live = ctx.guild.messages(channel.id).filter((m) => !m.deleted);
      const before = ctx.query.get('before');
      const after = ctx.query.get('after');
      const around = ctx.query.get('around');
      let page;
      if (around) {
        const at = live.findIndex((m) => byId(m.id, around) >= 0);
        const centre = at === -1 ? live.length : at;
        const start = Math.max(0, centre - Math.floor(limit / 2));
        page = live.slice(start, start + limit);
      } else if (after) {
        page = live.filter((m) => byId(m.id, after) > 0).slice(0, limit);
      } else if (before) {
        page = live.filter((m) => byId(m.id, before) < 0).slice(-limit);
      } else {
        page = live.slice(-limit);
      }
      return { status: 200, body: page.reverse().map((m) => ctx.guild.messageJson(m)) };
    },
  },
  {
    method: 'POST',
    template: '/channels/:id/messages',
    run: (ctx) => {
      const dm = ctx.guild.dmChannels.get(ctx.params[0] ?? '');
      if (dm) {
        const body = parseBody(CreateMessageBody, ctx.body);
        if ((body.content ?? '').trim() === '') throw new SimApiError(400, 50006, 'Cannot send an empty message');
        if (!ctx.guild.canDm(dm.userId)) throw cannotMessageUser();
        const { message } = ctx.guild.createMessage({
          channelId: dm.id,
          authorId: ctx.bot.user.id,
          content: body.content ?? '',
          ...(body.nonce !== undefined ? { nonce: String(body.nonce) } : {}),
          enforceNonce: body.enforce_nonce === true,
        });
        return { status: 200, body: ctx.guild.messageJson(message) };
      }
      const { channel, perms } = channelPerms(ctx, ctx.params[0] ?? '');
      if (!has(perms, P.SendMessages) || ctx.guild.isTimedOut(ctx.bot)) throw missingPermissions();
      const body = parseBody(CreateMessageBody, ctx.body);
      const content = body.content ?? '';
      if (content.trim() === '' && (body.embeds?.length ?? 0) === 0 && !body.poll) throw new SimApiError(400, 50006, 'Cannot send an empty message');
      // A poll needs Send Polls ("Create Polls") besides Send Messages.
      if (body.poll && !has(perms, P.SendPolls)) throw missingPermissions();
      const poll = body.poll
        ? { question: body.poll.question.text, answers: body.poll.answers.map((a) => a.poll_media.text), multiselect: body.poll.allow_multiselect ?? false, expiry: Date.now() + (body.poll.duration ?? 24) * 3_600_000 }
        : undefined;
      const reference = body.message_reference;
      if (reference) {
        const target = ctx.guild.findMessage(channel.id, reference.message_id);
        if ((!target || target.deleted) && reference.fail_if_not_exists !== false) {
          throw invalidForm({ message_reference: { _errors: [{ code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message' }] } });
        }
      }
      const { message } = ctx.guild.createMessage({
        channelId: channel.id,
        authorId: ctx.bot.user.id,
        content,
        ...(reference ? { replyTo: reference.message_id } : {}),
        ...(body.nonce !== undefined ? { nonce: String(body.nonce) } : {}),
        enforceNonce: body.enforce_nonce === true,
        ...(poll ? { poll } : {}),
      });
      return { status: 200, body: ctx.guild.messageJson(message) };
    },
  },
  {
    method: 'POST',
    template: '/channels/:id/messages/bulk-delete',
    run: (ctx) => {
      const channel = channelAllowing(ctx, P.ManageMessages);
      const body = parseBody(BulkDeleteBody, ctx.body);
      const cutoff = Date.now() - TWO_WEEKS_MS;
      if (body.messages.some((mid) => snowflakeTime(mid) < cutoff)) {
        throw new SimApiError(400, 50034, 'You can only bulk delete messages that are under 14 days old.');
      }
      ctx.guild.bulkDelete(channel.id, body.messages, ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/channels/:id/messages/:message_id',
    run: (ctx) => {
      const channel = channelAllowing(ctx, P.ReadMessageHistory);
      return { status: 200, body: ctx.guild.messageJson(ctx.guild.liveMessage(channel.id, ctx.params[1] ?? '')) };
    },
  },
  {
    // The members who reacted with one emoji, by user id, `after` one and at most `limit` (default 25, ≤ 100).
    method: 'GET',
    template: '/channels/:id/messages/:message_id/reactions/:emoji',
    run: (ctx) => {
      const channel = channelAllowing(ctx, P.ReadMessageHistory);
      const message = ctx.guild.liveMessage(channel.id, ctx.params[1] ?? '');
      const emoji = decodeURIComponent(ctx.params[2] ?? '');
      const limit = Number(ctx.query.get('limit') ?? 25);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new SimApiError(400, 50035, 'Invalid Form Body');
      const after = ctx.query.get('after');
      const held = ctx.guild.reactionsOn(message.id).find((r) => r.emoji === emoji);
      if (!held) throw new SimApiError(404, 10014, 'Unknown Emoji');
      const later = (id: string) => !after || id.length > after.length || (id.length === after.length && id > after);
      const users = held.userIds.filter(later).slice(0, limit).flatMap((id) => {
        const user = ctx.guild.context.userById(id);
        return user ? [userPayload(user)] : [];
      });
      return { status: 200, body: users };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/scheduled-events',
    run: (ctx) => {
      requireGuild(ctx);
      return { status: 200, body: [...ctx.guild.scheduledEvents.events.values()].map((e) => ctx.guild.scheduledEvents.json(e)) };
    },
  },
  {
    method: 'POST',
    template: '/guilds/:id/scheduled-events',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.ManageEvents);
      const body = parseBody(CreateEventBody, ctx.body);
      // A voice or stage event also needs to see and join its channel.
      if (body.channel_id) {
        const { perms } = channelPerms(ctx, body.channel_id);
        if (!has(perms, P.Connect)) throw missingPermissions();
      }
      return { status: 200, body: ctx.guild.scheduledEvents.json(ctx.guild.scheduledEvents.create(ctx.bot.user.id, body)) };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/scheduled-events/:event_id',
    run: (ctx) => {
      requireGuild(ctx);
      return { status: 200, body: ctx.guild.scheduledEvents.json(ctx.guild.scheduledEvents.get(ctx.params[1] ?? '')) };
    },
  },
  {
    method: 'PATCH',
    template: '/guilds/:id/scheduled-events/:event_id',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.ManageEvents);
      const body = parseBody(EditEventBody, ctx.body);
      return { status: 200, body: ctx.guild.scheduledEvents.json(ctx.guild.scheduledEvents.edit(ctx.params[1] ?? '', body)) };
    },
  },
  {
    method: 'DELETE',
    template: '/guilds/:id/scheduled-events/:event_id',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.ManageEvents);
      ctx.guild.scheduledEvents.remove(ctx.params[1] ?? '');
      return { status: 204 };
    },
  },
  {
    // Editing: only the author may change a message's content (50005 otherwise); Discord sends the
    // whole message again in MESSAGE_UPDATE with edited_timestamp set.
    method: 'PATCH',
    template: '/channels/:id/messages/:message_id',
    run: (ctx) => {
      const { channel } = channelPerms(ctx, ctx.params[0] ?? '');
      const message = ctx.guild.liveMessage(channel.id, ctx.params[1] ?? '');
      if (message.authorId !== ctx.bot.user.id) throw new SimApiError(403, 50005, 'Cannot edit a message authored by another user');
      const body = parseBody(EditMessageBody, ctx.body);
      if (body.content === undefined) return { status: 200, body: ctx.guild.messageJson(message) };
      if (body.content.trim() === '' && (message.embeds?.length ?? 0) === 0) throw new SimApiError(400, 50006, 'Cannot send an empty message');
      return { status: 200, body: ctx.guild.messageJson(ctx.guild.editMessage(channel.id, message.id, body.content)) };
    },
  },
  {
    method: 'DELETE',
    template: '/channels/:id/messages/:message_id',
    run: (ctx) => {
      const { channel, perms } = channelPerms(ctx, ctx.params[0] ?? '');
      const message = ctx.guild.liveMessage(channel.id, ctx.params[1] ?? '');
      if (message.authorId !== ctx.bot.user.id && !has(perms, P.ManageMessages)) throw missingPermissions();
      ctx.guild.deleteMessage(channel.id, message.id, ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id',
    run: (ctx) => {
      requireGuild(ctx);
      const present = ctx.guild.presentMembers().length;
      return {
        status: 200,
        body: {
          ...ctx.guild.guildJson(),
          ...(ctx.query.get('with_counts') === 'true' ? { approximate_member_count: present, approximate_presence_count: 0 } : {}),
        },
      };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/channels',
    run: (ctx) => {
      requireGuild(ctx);
      return { status: 200, body: [...ctx.guild.channels.values()].map((c) => ctx.guild.channelJson(c)) };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/audit-logs',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.ViewAuditLog);
      // As Discord lists them: newest first, `limit` (1–100, default 50) before `before`, filtered by
      // `action_type` and by the acting `user_id`.
      const limit = clampInt(ctx.query.get('limit'), 50, 1, 100);
      const type = ctx.query.get('action_type');
      const actor = ctx.query.get('user_id');
      const before = ctx.query.get('before');
      const entries = ctx.guild.auditLog
        .map((e) => ctx.guild.auditJson(e))
        .filter((e): e is Record<string, unknown> => e !== undefined)
        .filter((e) => (type === null || String(e.action_type) === type) && (actor === null || e.user_id === actor) && (before === null || byId(String(e.id), before) < 0))
        .sort((a, b) => byId(String(b.id), String(a.id)))
        .slice(0, limit);
      const users = [...new Set(entries.flatMap((e) => [e.user_id, e.target_id]))].flatMap((id) => {
        const user = ctx.guild.users.get(String(id));
        return user ? [userPayload(user)] : [];
      });
      const body = { audit_log_entries: entries, users, integrations: [], threads: [], webhooks: [], guild_scheduled_events: [], auto_moderation_rules: [], application_commands: [] };
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/members',
    run: (ctx) => {
      requireGuild(ctx);
      const limit = clampInt(ctx.query.get('limit'), 1, 1, 1000);
      const after = ctx.query.get('after') ?? '0';
      const page = ctx.guild
        .presentMembers()
        .filter((m) => byId(m.user.id, after) > 0)
        .sort((a, b) => byId(a.user.id, b.user.id))
        .slice(0, limit);
      return { status: 200, body: page.map(memberPayload) };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/members/:user_id',
    run: (ctx) => {
      requireGuild(ctx);
      return { status: 200, body: memberPayload(ctx.guild.presentMember(ctx.params[1] ?? '')) };
    },
  },
  {
    method: 'PATCH',
    template: '/guilds/:id/members/:user_id',
    run: (ctx) => {
      requireGuild(ctx);
      const target = ctx.guild.presentMember(ctx.params[1] ?? '');
      const body = parseBody(EditMemberBody, ctx.body);
      const perms = basePermissions(ctx.guild, ctx.bot);
      if (body.communication_disabled_until !== undefined) {
        if (!has(perms, P.ModerateMembers) || !outranks(ctx.guild, ctx.bot, target)) throw missingPermissions();
        // Discord refuses to time out anyone whose roles grant Administrator.
        if (has(basePermissions(ctx.guild, target), P.Administrator)) throw missingPermissions();
        if (body.communication_disabled_until !== null) {
          const until = Date.parse(body.communication_disabled_until);
          if (Number.isNaN(until) || until - Date.now() > MAX_TIMEOUT_MS) {
            throw invalidForm({
              communication_disabled_until: {
                _errors: [{ code: 'BASE_TYPE_BAD_TIMESTAMP', message: 'Timeout must be a valid timestamp at most 28 days in the future.' }],
              },
            });
          }
        }
      }
      if (body.nick !== undefined && (!has(perms, P.ManageNicknames) || !outranks(ctx.guild, ctx.bot, target))) throw missingPermissions();
      // The roles array replaces the member's roles; only the roles that change must be below the bot's.
      const nextRoles = body.roles === undefined ? undefined : [...new Set(body.roles)];
      if (nextRoles) requireAssignable(ctx, [...nextRoles.filter((r) => !target.roles.includes(r)), ...target.roles.filter((r) => !nextRoles.includes(r))]);
      const changes = {
        ...(body.communication_disabled_until !== undefined
          ? { communicationDisabledUntil: body.communication_disabled_until === null ? null : new Date(Date.parse(body.communication_disabled_until)).toISOString() }
          : {}),
        ...(body.nick !== undefined ? { nick: body.nick } : {}),
      };
      let member = target;
      if (Object.keys(changes).length > 0 || !nextRoles) member = ctx.guild.updateMember(target.user.id, changes, ctx.bot.user.id, ctx.reason);
      if (nextRoles) member = ctx.guild.changeMemberRoles(target.user.id, nextRoles, ctx.bot.user.id, ctx.reason);
      return { status: 200, body: memberPayload(member) };
    },
  },
  {
    method: 'PUT',
    template: '/guilds/:id/members/:user_id/roles/:role_id',
    run: (ctx) => {
      requireGuild(ctx);
      const target = ctx.guild.presentMember(ctx.params[1] ?? '');
      const roleId = ctx.params[2] ?? '';
      requireAssignable(ctx, [roleId]);
      ctx.guild.changeMemberRoles(target.user.id, [...target.roles, roleId], ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    template: '/guilds/:id/members/:user_id/roles/:role_id',
    run: (ctx) => {
      requireGuild(ctx);
      const target = ctx.guild.presentMember(ctx.params[1] ?? '');
      const roleId = ctx.params[2] ?? '';
      requireAssignable(ctx, [roleId]);
      ctx.guild.changeMemberRoles(target.user.id, target.roles.filter((r) => r !== roleId), ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    template: '/guilds/:id/members/:user_id',
    run: (ctx) => {
      requireGuild(ctx);
      const target = ctx.guild.presentMember(ctx.params[1] ?? '');
      requireGuildPermission(ctx, P.KickMembers);
      if (!outranks(ctx.guild, ctx.bot, target)) throw missingPermissions();
      ctx.guild.removeMember(target.user.id, { actorId: ctx.bot.user.id, reason: ctx.reason });
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/bans',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.BanMembers);
      // As Discord pages them: by user id, `limit` (1–1000, default 1000) after `after` or before `before`.
      const limit = clampInt(ctx.query.get('limit'), 1000, 1, 1000);
      const after = ctx.query.get('after');
      const before = ctx.query.get('before');
      let ids = [...ctx.guild.bans.keys()].filter((uid) => ctx.guild.users.has(uid)).sort(byId);
      if (before !== null && after === null) ids = ids.filter((uid) => byId(uid, before) < 0).slice(-limit);
      else ids = ids.filter((uid) => after === null || byId(uid, after) > 0).slice(0, limit);
      const body = ids.map((uid) => ({ user: userPayload(ctx.guild.users.get(uid)!), reason: ctx.guild.bans.get(uid)?.reason ?? null }));
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    template: '/guilds/:id/bans/:user_id',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.BanMembers);
      const uid = ctx.params[1] ?? '';
      const ban = ctx.guild.bans.get(uid);
      const user = ctx.guild.users.get(uid);
      if (!ban || !user) throw unknownBan();
      return { status: 200, body: { user: userPayload(user), reason: ban.reason } };
    },
  },
  {
    method: 'PUT',
    template: '/guilds/:id/bans/:user_id',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.BanMembers);
      const uid = ctx.params[1] ?? '';
      if (!ctx.guild.users.has(uid)) throw unknownUser();
      const target = ctx.guild.members.get(uid);
      if (target?.present && !outranks(ctx.guild, ctx.bot, target)) throw missingPermissions();
      const body = parseBody(BanBody, ctx.body);
      const seconds = body.delete_message_seconds ?? (body.delete_message_days ?? 0) * 86_400;
      ctx.guild.ban(uid, seconds, ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
  {
    // Discord's bulk ban: needs Ban Members and Manage Server. An account it does not ban (unknown,
    // already banned, out of the bot's reach) is listed in failed_users; the bot itself in neither list;
    // when none was banned the answer is error 500000 instead.
    method: 'POST',
    template: '/guilds/:id/bulk-ban',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.BanMembers | P.ManageGuild);
      const body = parseBody(BulkBanBody, ctx.body);
      const seconds = body.delete_message_seconds ?? 0;
      const banned: string[] = [];
      const failed: string[] = [];
      for (const uid of new Set(body.user_ids)) {
        if (uid === ctx.bot.user.id) continue;
        const target = ctx.guild.members.get(uid);
        const refused = !ctx.guild.users.has(uid) || ctx.guild.bans.has(uid) || (target?.present === true && !outranks(ctx.guild, ctx.bot, target));
        if (refused) {
          failed.push(uid);
          continue;
        }
        ctx.guild.ban(uid, seconds, ctx.bot.user.id, ctx.reason);
        banned.push(uid);
      }
      if (banned.length === 0) throw new SimApiError(403, 500_000, 'Failed to ban users');
      return { status: 200, body: { banned_users: banned, failed_users: failed } };
    },
  },
  {
    method: 'DELETE',
    template: '/guilds/:id/bans/:user_id',
    run: (ctx) => {
      requireGuild(ctx);
      requireGuildPermission(ctx, P.BanMembers);
      ctx.guild.unban(ctx.params[1] ?? '', ctx.bot.user.id, ctx.reason);
      return { status: 204 };
    },
  },
] satisfies RouteSpec[]).map((r) => ({ ...r, pattern: r.pattern ?? templatePattern(r.template) }));

interface Window {
  count: number;
  resetAt: number;
}

export function createRestHandler(options: RestOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const windows = new Map<string, Window>();

  return (req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: '500: Internal Server Error', code: 0 });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawPath = url.pathname;
    const log = (status: number) => options.requestLog.push({ method, path: rawPath, status, at: options.now() });
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log(status);
      send(res, status, body, headers);
    };

    const match = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(rawPath);
    const path = match?.[2] ?? rawPath;
    if (!match || (match[1] !== undefined && match[1] !== '10')) return reply(404, { message: '404: Not Found', code: 0 });

    const body = await readBody(req);

    // An interaction's answer carries no Authorization: its one-time token is the proof (as on Discord).
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (method === 'POST' && callback && options.interactions) {
      try {
        options.interactions.callback(callback[1]!, decodeURIComponent(callback[2]!), body);
        return reply(204, undefined);
      } catch (error) {
        if (error instanceof SimApiError) return reply(error.status, { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) });
        throw error;
      }
    }

    const auth = req.headers.authorization ?? '';
    if (auth !== `Bot ${options.token}`) return reply(401, { message: '401: Unauthorized', code: 0 });

    const commandsPath = /^\/applications\/(\d+)\/commands$/.exec(path);
    if (commandsPath && options.interactions && (method === 'PUT' || method === 'GET')) {
      try {
        return reply(200, method === 'PUT' ? options.interactions.overwrite(commandsPath[1]!, body) : options.interactions.list());
      } catch (error) {
        if (error instanceof SimApiError) return reply(error.status, { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) });
        throw error;
      }
    }

    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: options.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/gateway') return reply(200, { url: options.gatewayUrl() });

    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return reply(404, { message: '404: Not Found', code: 0 });
    const params = route.pattern.exec(path)?.slice(1) ?? [];
    const bucketKey = `${route.method} ${route.template}:${params[0] ?? ''}`;
    const bucketHash = createHash('sha1').update(`${route.method} ${route.template}`).digest('hex').slice(0, 16);
    const now = options.now();

    const rawReason = req.headers['x-audit-log-reason'];
    const reason = typeof rawReason === 'string' ? decodeReason(rawReason) : null;
    const failure = options.failures.find((f) => f.method.toUpperCase() === method && (f.path.test(path) || f.path.test(rawPath)));
    if (failure?.afterCommit) {
      failure.times -= 1;
      if (failure.times <= 0) options.failures.splice(options.failures.indexOf(failure), 1);
      try {
        route.run({ params, query: url.searchParams, body, reason, guild: options.guild, bot: options.guild.botMember });
      } catch {
        // Refused: nothing was committed, and the answer is lost all the same.
      }
      if (failure.status === 0) {
        log(0);
        req.socket.destroy();
        return;
      }
      return reply(failure.status, { message: messageFor(failure.status, failure.code), code: failure.code ?? 0 });
    }
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) options.failures.splice(options.failures.indexOf(failure), 1);
      if (failure.status === 429) return reply(429, rateLimited(failure.retryAfterMs ?? 1000), rateLimitedHeaders(failure.retryAfterMs ?? 1000, bucketHash));
      return reply(failure.status, { message: messageFor(failure.status, failure.code), code: failure.code ?? 0 });
    }

    let headers: Record<string, string> = {};
    if (options.rateLimit) {
      const { limit, windowMs } = options.rateLimit;
      let window = windows.get(bucketKey);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(bucketKey, window);
      }
      if (window.count >= limit) return reply(429, rateLimited(window.resetAt - now), rateLimitedHeaders(window.resetAt - now, bucketHash, limit));
      window.count += 1;
      const resetAfter = (window.resetAt - now) / 1000;
      headers = {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(limit - window.count),
        'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
        'X-RateLimit-Reset-After': resetAfter.toFixed(3),
        'X-RateLimit-Bucket': bucketHash,
      };
    }

    try {
      const result = route.run({ params, query: url.searchParams, body, reason, guild: options.guild, bot: options.guild.botMember });
      reply(result.status, result.body, headers);
    } catch (error) {
      if (error instanceof SimApiError) {
        return reply(error.status, { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) }, headers);
      }
      throw error;
    }
  }
}

class BadJson extends Error {}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY) throw new BadJson('body too large');
    chunks.push(buf);
  }
  if (size === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed;
  } catch {
    // A malformed body reaches the route as a non-object, which its schema rejects with 50035.
    return Symbol('invalid json');
  }
}

function decodeReason(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function rateLimited(retryAfterMs: number) {
  return { message: 'You are being rate limited.', retry_after: Math.max(0, retryAfterMs) / 1000, global: false };
}

function rateLimitedHeaders(retryAfterMs: number, bucket: string, limit = 1): Record<string, string> {
  const seconds = (Math.max(0, retryAfterMs) / 1000).toFixed(3);
  return {
    'Retry-After': seconds,
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': ((Date.now() + retryAfterMs) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': seconds,
    'X-RateLimit-Bucket': bucket,
    'X-RateLimit-Scope': 'user',
  };
}

function messageFor(status: number, code?: number): string {
  if (code === 50013) return 'Missing Permissions';
  if (code === 50001) return 'Missing Access';
  if (status === 401) return '401: Unauthorized';
  if (status === 403) return '403: Forbidden';
  if (status === 404) return '404: Not Found';
  if (status === 502) return '502: Bad Gateway';
  if (status >= 500) return '500: Internal Server Error';
  return `${status}`;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (status === 204 || body === undefined) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
