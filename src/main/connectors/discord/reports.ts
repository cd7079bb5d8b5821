// Member reports on Discord (issue 15): the bot registers a message context-menu command, "Report to
// moderators"; a member who uses it gets an ephemeral thank-you (answered once, at once, so inside
// Discord's 3 s), and the console gets the reported message and a `report` event naming the reporter.
// An interaction for a command this bot did not register, or one whose answer Discord refuses (a
// token that is not Discord's), is refused: nothing is reported.
import { ApplicationCommandType, MessageFlags } from 'discord.js';
import type { Client, MessageContextMenuCommandInteraction } from 'discord.js';
import { eventId } from '@shared/domain/ids';
import type { RawEvent } from '../../core/connector';
import { isWebhookMessage, normalizeAuthor, normalizeMessage } from './normalize';
import type { ChannelRef, MemberLike, MessageLike } from './normalize';

export const REPORT_COMMAND = 'Report to moderators';
/** What the reporter reads (only they see it). The community's members read it, so it is plain text. */
export const REPORT_THANKS = 'Thank you — the moderators have your report and will look at this message.';

/** Registers the command (a bulk overwrite of the bot's global commands); the ids Discord gave it. */
export async function registerReportCommand(client: Client<true>): Promise<Set<string>> {
  const commands = await client.application.commands.set([{ name: REPORT_COMMAND, type: ApplicationCommandType.Message }]);
  return new Set([...commands.values()].filter((c) => c.name === REPORT_COMMAND).map((c) => c.id));
}

export type ReportOutcome = { ok: true; events: RawEvent[] } | { ok: false; why: 'not_ours' | 'not_in_guild' | 'answer_refused' };

/**
 * Answers one report interaction and turns it into events: the reported message (so the console has it,
 * also when it was never seen) and the report. The answer comes first: an interaction Discord does not
 * let us answer was not Discord's.
 */
export async function handleReportInteraction(sourceId: string, interaction: MessageContextMenuCommandInteraction, registered: ReadonlySet<string>): Promise<ReportOutcome> {
  if (interaction.commandName !== REPORT_COMMAND || !registered.has(interaction.commandId)) return { ok: false, why: 'not_ours' };
  const guildId = interaction.guildId;
  if (!guildId || !interaction.channelId) return { ok: false, why: 'not_in_guild' };
  try {
    await interaction.reply({ content: REPORT_THANKS, flags: MessageFlags.Ephemeral });
  } catch {
    return { ok: false, why: 'answer_refused' };
  }
  const channel = interaction.channel as { name?: string } | null;
  const ref: ChannelRef = { sourceId, guildId, channelId: interaction.channelId };
  if (interaction.guild?.name) ref.guildName = interaction.guild.name;
  if (channel && typeof channel.name === 'string') ref.channelName = channel.name;
  const target = interaction.targetMessage as unknown as MessageLike;
  // The reported message comes without its author's member, which discord.js names from its cache: on a
  // large server (or before the member list came) ask for it, so the item has their roles and server name.
  const author = target.author;
  if (interaction.guild && author && !isWebhookMessage(target) && !interaction.guild.members.cache.has(author.id)) {
    await interaction.guild.members.fetch(author.id).catch(() => undefined);
  }
  const message = normalizeMessage(ref, target);
  if (message.author?.roles) message.author.roles = message.author.roles.filter((r) => r !== guildId);
  const reporter = normalizeAuthor(interaction.user, (interaction.member ?? null) as MemberLike | null);
  if (reporter.roles) reporter.roles = reporter.roles.filter((r) => r !== guildId);
  const report: RawEvent = {
    sourceId,
    platform: 'discord',
    // One per reporter and message: the same member reporting it again is the same report.
    id: eventId('discord', guildId, interaction.channelId, interaction.targetId, `report-${interaction.user.id}`),
    kind: 'report',
    spaceId: guildId,
    ...(ref.guildName ? { spaceName: ref.guildName } : {}),
    channelId: interaction.channelId,
    ...(ref.channelName ? { channelName: ref.channelName } : {}),
    messageId: interaction.targetId,
    ts: interaction.createdTimestamp,
    author: reporter,
    detail: REPORT_COMMAND,
  };
  return { ok: true, events: [message, report] };
}
