// The seeded content of the "Practice Community" guild: roles with real permission bitfields,
// channels with overwrites, ~50 members with diverse names and spread-out account ages, one bot.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { createRng, SnowflakeMint, type Rng } from './random';

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  createdAt: number;
}

export interface MemberRecord {
  user: UserRecord;
  nick: string | null;
  roles: string[];
  joinedAt: number;
  communicationDisabledUntil: string | null;
  present: boolean;
  banned: boolean;
}

export interface RoleRecord {
  id: string;
  name: string;
  color: number;
  position: number;
  permissions: bigint;
  hoist: boolean;
  mentionable: boolean;
}

export interface OverwriteRecord {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface ChannelRecord {
  id: string;
  key: 'general' | 'help' | 'announcements' | 'modLog' | 'voice' | 'thread';
  /** A voice or stage channel (added by a test or the story); absent: a text channel. */
  voice?: 'voice' | 'stage';
  /** A public thread in a text channel: Discord lists it in GUILD_CREATE's `threads`, not `channels`. */
  thread?: { parentId: string; ownerId: string; createdAt: number };
  name: string;
  topic: string;
  position: number;
  rateLimitPerUser: number;
  overwrites: OverwriteRecord[];
}

export interface CommunitySeed {
  guildId: string;
  guildName: string;
  createdAt: number;
  ownerId: string;
  botUser: UserRecord;
  roles: { everyone: RoleRecord; member: RoleRecord; moderator: RoleRecord; bot: RoleRecord; admin: RoleRecord };
  channels: ChannelRecord[];
  members: MemberRecord[];
}

const P = PermissionFlagsBits;
const DAY = 86_400_000;

export const EVERYONE_PERMISSIONS =
  P.CreateInstantInvite | P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.AddReactions | P.EmbedLinks |
  P.AttachFiles | P.UseExternalEmojis | P.ChangeNickname | P.Connect | P.Speak | P.SendMessagesInThreads;

/**
 * The console's bot: what a careful server owner grants a moderation bot, and no Administrator.
 * Manage Roles is what Discord asks for to edit a channel's permission overwrites (lock/unlock).
 */
export const BOT_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.ManageMessages | P.ModerateMembers | P.KickMembers |
  P.BanMembers | P.ManageChannels | P.ManageNicknames | P.ManageRoles | P.PinMessages | P.SendPolls;

const MODERATOR_PERMISSIONS =
  P.ManageMessages | P.ModerateMembers | P.KickMembers | P.BanMembers | P.ManageNicknames | P.ViewAuditLog | P.MentionEveryone;

/** Usernames follow Discord's rules (lowercase, digits, _ and .); display names are free text. */
const PEOPLE: ReadonlyArray<readonly [string, string | null]> = [
  ['lunawolf', 'Luna 🌙'], ['kaito.dev', 'Kaito'], ['mariag', 'María García'], ['jbones', null],
  ['xiaoming88', '小明'], ['li_na', '李娜'], ['chenwei', '陈伟'], ['zhang.yu', '张宇'],
  ['dmitry_k', 'Дмитрий'], ['olga.v', 'Ольга'], ['sasha_ivanov', 'Саша Иванов'], ['nastya', 'Настя'],
  ['omar.h', 'عمر'], ['layla99', 'ليلى'], ['youssef', 'يوسف'], ['zoe.b', 'Zoë'],
  ['francois', 'François'], ['jose.luis', 'José Luis'], ['bjorn', 'Björn'], ['renee_m', 'Renée'],
  ['nguyenthao', 'Nguyễn Thảo'], ['aigerim', 'Айгерим'], ['priya.s', 'Priya'], ['arjun_r', 'Arjun'],
  ['takumi', '拓海'], ['yuki.chan', 'ゆき'], ['minjun', '민준'], ['seoyeon', '서연'],
  ['hodlhannah', 'Hannah | HODL'], ['gasfeegary', 'Gary'], ['satoshi_fan', null], ['degenerate_dave', 'Dave'],
  ['pixelpete', 'Pete'], ['noobmaster69', null], ['grimwald', 'Grimwald the Grey'], ['tankmain', 'TankMain'],
  ['healbot_irl', 'Heals'], ['speedrunsam', 'Sam ⏱'], ['cozycat', 'cozy cat'], ['ravenclawrae', 'Rae'],
  ['ferhat', 'Ferhat'], ['ayse.k', 'Ayşe'], ['mateus', 'Mateus'], ['joao.p', 'João'],
  ['kasia_w', 'Kasia'], ['lukas', 'Lukáš'], ['emeka', 'Emeka'], ['amara_o', 'Amara'],
  ['finn.o', 'Finn'], ['siobhan', 'Siobhán'], ['marco_r', 'Marco'], ['giulia', 'Giulia'],
  ['tomasz', 'Tomasz'], ['ingrid', 'Ingrid'], ['wei_lin', '林薇'], ['haruto', '陽翔'],
  ['natalia.r', 'Наталья'], ['kofi', 'Kofi'], ['valentina', 'Valentina'], ['miguel_a', 'Miguel Ángel'],
];

export interface CommunityOptions {
  seed: number;
  /** The moment the community is generated "as of"; account and join dates lie before it. */
  anchor: number;
  memberCount: number;
}

/** Account and join dates are drawn relative to the anchor, so "brand-new" stays new on any day. */
export function buildCommunity(options: CommunityOptions, mint: SnowflakeMint): CommunitySeed {
  const rng = createRng(options.seed);
  const guildCreatedAt = options.anchor - 3 * 365 * DAY - rng.int(0, 90) * DAY;
  const guildId = mint.at(guildCreatedAt);

  const role = (name: string, position: number, permissions: bigint, color: number, hoist: boolean, at: number): RoleRecord => ({
    id: name === '@everyone' ? guildId : mint.at(at),
    name,
    color,
    position,
    permissions,
    hoist,
    mentionable: name !== '@everyone',
  });
  const roles = {
    everyone: role('@everyone', 0, EVERYONE_PERMISSIONS, 0, false, guildCreatedAt),
    member: role('Member', 1, 0n, 0x3498db, false, guildCreatedAt + DAY),
    moderator: role('Moderator', 2, MODERATOR_PERMISSIONS, 0x2ecc71, true, guildCreatedAt + 2 * DAY),
    bot: role('Tribekeeper', 3, BOT_PERMISSIONS, 0x9b59b6, false, guildCreatedAt + 3 * DAY),
    admin: role('Admin', 4, P.Administrator, 0xe74c3c, true, guildCreatedAt + 4 * DAY),
  };

  const channel = (key: ChannelRecord['key'], name: string, topic: string, position: number, overwrites: OverwriteRecord[]): ChannelRecord => ({
    id: mint.at(guildCreatedAt + (position + 1) * 3_600_000),
    key,
    name,
    topic,
    position,
    rateLimitPerUser: 0,
    overwrites,
  });
  const channels: ChannelRecord[] = [
    channel('general', 'general', 'Chat about anything. Be kind. No shilling.', 0, []),
    channel('help', 'help', 'Ask the community. Mods never DM you first.', 1, []),
    // Only staff post announcements; the bot's role is denied explicitly so a reply there fails like on Discord.
    channel('announcements', 'announcements', 'News from the team.', 2, [
      { id: guildId, type: 0, allow: 0n, deny: P.SendMessages },
      { id: roles.moderator.id, type: 0, allow: P.SendMessages, deny: 0n },
      { id: roles.bot.id, type: 0, allow: 0n, deny: P.SendMessages },
    ]),
    channel('modLog', 'mod-log', 'Staff only: moderation actions and notes.', 3, [
      { id: guildId, type: 0, allow: 0n, deny: P.ViewChannel },
      { id: roles.moderator.id, type: 0, allow: P.ViewChannel, deny: 0n },
      { id: roles.bot.id, type: 0, allow: P.ViewChannel, deny: 0n },
    ]),
  ];

  const people = rng.shuffle(PEOPLE);
  const humans = Math.max(3, options.memberCount - 1);
  const members: MemberRecord[] = [];
  for (let i = 0; i < humans; i++) {
    const base = people[i % people.length] as readonly [string, string | null];
    const round = Math.floor(i / people.length);
    const username = round === 0 ? base[0] : `${base[0]}${round + 1}`;
    members.push(makeHuman(rng, mint, options.anchor, guildCreatedAt, username, base[1], i, humans, roles));
  }
  members.sort((a, b) => a.joinedAt - b.joinedAt);

  const botCreatedAt = guildCreatedAt + 2 * DAY;
  const botUser: UserRecord = { id: mint.at(botCreatedAt), username: 'Tribekeeper', globalName: null, bot: true, createdAt: botCreatedAt };
  members.push({
    user: botUser,
    nick: null,
    roles: [roles.bot.id],
    joinedAt: guildCreatedAt + 3 * DAY,
    communicationDisabledUntil: null,
    present: true,
    banned: false,
  });

  const owner = members.find((m) => m.roles.includes(roles.admin.id));
  return {
    guildId,
    guildName: 'Practice Community',
    createdAt: guildCreatedAt,
    ownerId: owner?.user.id ?? botUser.id,
    botUser,
    roles,
    channels,
    members,
  };
}

function makeHuman(
  rng: Rng,
  mint: SnowflakeMint,
  anchor: number,
  guildCreatedAt: number,
  username: string,
  globalName: string | null,
  index: number,
  total: number,
  roles: CommunitySeed['roles'],
): MemberRecord {
  // Staff first (two admins, four moderators), the last few are brand-new accounts: the people a raid or scam comes from.
  const isAdmin = index < 2;
  const isModerator = index >= 2 && index < 6;
  const isBrandNew = index >= total - 4;
  let createdAt: number;
  let joinedAt: number;
  if (isBrandNew) {
    createdAt = anchor - rng.int(2, 40) * 3_600_000;
    joinedAt = createdAt + rng.int(5, 90) * 60_000;
  } else {
    createdAt = anchor - rng.int(200, 8 * 365) * DAY - rng.int(0, DAY - 1);
    const earliestJoin = Math.max(createdAt, guildCreatedAt) + DAY;
    joinedAt = earliestJoin + Math.floor(rng.next() * Math.max(DAY, anchor - 7 * DAY - earliestJoin));
    if (isAdmin) joinedAt = guildCreatedAt + (index + 1) * 60_000;
  }
  if (isAdmin) createdAt = Math.min(createdAt, guildCreatedAt - rng.int(30, 900) * DAY);
  const memberRoles = isBrandNew ? [] : [roles.member.id];
  if (isModerator) memberRoles.push(roles.moderator.id);
  if (isAdmin) memberRoles.push(roles.admin.id);
  return {
    user: { id: mint.at(createdAt), username, globalName, bot: false, createdAt },
    nick: null,
    roles: memberRoles,
    joinedAt,
    communicationDisabledUntil: null,
    present: true,
    banned: false,
  };
}
