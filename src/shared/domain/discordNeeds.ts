// What a Discord bot needs from its owner for the console to work: the gateway intents the connector
// asks for (connectors/discord/capabilities.ts; its test holds the two lists together) and the server
// permissions the console's actions use. Settings lists them; the README says the same.

/** Gateway intents by Discord's names; `privileged` ones are switched on in the Developer Portal. */
export const DISCORD_INTENTS = [
  { name: 'GUILDS', privileged: false },
  { name: 'GUILD_MEMBERS', privileged: true },
  { name: 'GUILD_MESSAGES', privileged: false },
  { name: 'MESSAGE_CONTENT', privileged: true },
  { name: 'GUILD_MODERATION', privileged: false },
  { name: 'DIRECT_MESSAGES', privileged: false },
  { name: 'AUTO_MODERATION_EXECUTION', privileged: false },
  { name: 'GUILD_SCHEDULED_EVENTS', privileged: false },
  { name: 'GUILD_MESSAGE_REACTIONS', privileged: false },
] as const;
export type DiscordIntentName = (typeof DISCORD_INTENTS)[number]['name'];

/**
 * Server permissions, by discord.js's flag names (PermissionFlagsBits), with the i18n key Settings
 * words each under (`settings.permission.<key>`, which says what it is for).
 */
export const DISCORD_PERMISSIONS = [
  { flag: 'ViewChannel', key: 'viewChannels' },
  { flag: 'SendMessages', key: 'sendMessages' },
  { flag: 'ReadMessageHistory', key: 'readHistory' },
  { flag: 'ManageMessages', key: 'manageMessages' },
  { flag: 'ModerateMembers', key: 'moderateMembers' },
  { flag: 'KickMembers', key: 'kick' },
  { flag: 'BanMembers', key: 'ban' },
  // Slowmode is a channel setting; lock and unlock change the channel's permission overwrites.
  { flag: 'ManageChannels', key: 'manageChannels' },
  { flag: 'ManageRoles', key: 'manageRoles' },
  // Discord shows AutoMod's rules and blocked messages to Manage Server only.
  { flag: 'ManageGuild', key: 'manageGuild' },
  // Announcements can plan a voice chat as a Discord scheduled event.
  { flag: 'ManageEvents', key: 'manageEvents' },
  // Pinning an announcement: Discord split Pin Messages from Manage Messages (enforced from January 2026).
  { flag: 'PinMessages', key: 'pinMessages' },
  // Announcements can post a native Discord poll, which needs its own permission.
  { flag: 'SendPolls', key: 'sendPolls' },
  // Audit-log entries tell who acted in Discord's own app, and date role changes made while the console was closed.
  { flag: 'ViewAuditLog', key: 'viewAuditLog' },
] as const;

/** An announcement's receipt detail when Discord posted it but refused the pin (the bot lacks Pin Messages). */
export const PIN_REFUSED = 'pin_refused';
