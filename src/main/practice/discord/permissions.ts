// Discord's permission arithmetic (base from roles, channel overwrites, role hierarchy), so the
// simulator answers 403 50013 exactly where the real platform would.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelRecord, MemberRecord, RoleRecord } from './community';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((acc, bit) => acc | bit, 0n);

export interface GuildView {
  guildId: string;
  ownerId: string;
  roles: ReadonlyMap<string, RoleRecord>;
}

export function basePermissions(guild: GuildView, member: MemberRecord): bigint {
  if (member.user.id === guild.ownerId) return ALL_PERMISSIONS;
  let perms = guild.roles.get(guild.guildId)?.permissions ?? 0n;
  for (const roleId of member.roles) perms |= guild.roles.get(roleId)?.permissions ?? 0n;
  return perms & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : perms;
}

export function channelPermissions(guild: GuildView, member: MemberRecord, channel: ChannelRecord): bigint {
  let perms = basePermissions(guild, member);
  if (perms === ALL_PERMISSIONS) return perms;
  const everyone = channel.overwrites.find((o) => o.id === guild.guildId);
  if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of channel.overwrites) {
    if (o.type === 0 && o.id !== guild.guildId && member.roles.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;
  const own = channel.overwrites.find((o) => o.type === 1 && o.id === member.user.id);
  if (own) perms = (perms & ~own.deny) | own.allow;
  return perms;
}

export function has(perms: bigint, needed: bigint): boolean {
  return (perms & needed) === needed;
}

export function highestPosition(guild: GuildView, member: MemberRecord): number {
  let top = 0;
  for (const roleId of member.roles) top = Math.max(top, guild.roles.get(roleId)?.position ?? 0);
  return top;
}

/** Whether `actor` may kick/ban/timeout/rename `target`: strictly higher top role, never the owner. */
export function outranks(guild: GuildView, actor: MemberRecord, target: MemberRecord): boolean {
  if (target.user.id === guild.ownerId) return false;
  if (actor.user.id === guild.ownerId) return true;
  return highestPosition(guild, actor) > highestPosition(guild, target);
}
