// What the Discord bot needs and who counts as staff: the gateway intents it asks for (Settings lists
// the same) and the members whose names triage's impersonation check compares with.
import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import type { Guild, GuildMember, PartialGuildMember } from 'discord.js';
import type { StaffList } from '../../core/connector';

/** What the bot needs; Settings lists the same. */
export const requiredIntents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildModeration,
  // Members write to the bot to appeal or ask; without it Discord never sends their DMs.
  GatewayIntentBits.DirectMessages,
  // What Discord's own AutoMod blocked (AUTO_MODERATION_ACTION_EXECUTION; the bot needs Manage Server).
  GatewayIntentBits.AutoModerationExecution,
  // The guild's scheduled events (a voice chat the console created for a plan), kept in discord.js's cache.
  GatewayIntentBits.GuildScheduledEvents,
  // Members' reactions (MESSAGE_REACTION_ADD / _REMOVE): votes on the feedback board.
  GatewayIntentBits.GuildMessageReactions,
];

/** Permissions that make a member staff: their names are the ones scammers copy. */
const STAFF_PERMISSIONS = [
  PermissionFlagsBits.Administrator,
  PermissionFlagsBits.ManageGuild,
  PermissionFlagsBits.ManageMessages,
  PermissionFlagsBits.KickMembers,
  PermissionFlagsBits.BanMembers,
  PermissionFlagsBits.ModerateMembers,
];
/** Roles communities give their staff, whatever permissions they carry. */
const STAFF_ROLE = /\b(?:mods?|moderators?|admins?|administrators?|staff|team|support|helpers?)\b/i;

/**
 * The staff of a guild as its cached members show them: moderation permissions or a staff role, and
 * the bot itself (`selfId`); their names are the ones scammers copy.
 */
export function staffOf(guild: Guild, selfId: string | undefined): StaffList {
  const names = new Set<string>();
  const ids: string[] = [];
  for (const member of guild.members.cache.values()) {
    const self = member.id === selfId;
    if (!self && (member.user.bot || !isStaff(member))) continue;
    ids.push(member.id);
    for (const name of [member.user.username, member.user.globalName, member.nickname]) if (name) names.add(name);
  }
  return { names: [...names], ids };
}

/** Moderation permissions, or a role whose name says staff. */
export function isStaff(member: GuildMember): boolean {
  if (member.permissions.any(STAFF_PERMISSIONS)) return true;
  return member.roles.cache.some((role) => role.id !== member.guild.id && STAFF_ROLE.test(role.name));
}

/** Whether a member's roles changed (then the guild's staff is read again). */
export function staffChanged(old: GuildMember | PartialGuildMember, member: GuildMember): boolean {
  if (old.partial) return true;
  if (old.roles.cache.size !== member.roles.cache.size || old.roles.cache.some((_, id) => !member.roles.cache.has(id))) return true;
  return false;
}
