// Application commands and interactions as Discord serves them to a bot: the bot registers its commands
// (PUT /applications/{app}/commands, a bulk overwrite answered with ids), a member uses one in the app
// and the gateway dispatches INTERACTION_CREATE with a one-time token, and the bot answers once through
// POST /interactions/{id}/{token}/callback — unauthenticated, so the token is what proves the answer is
// the bot's. Discord refuses a wrong token or an interaction older than 3 s (10062 Unknown interaction)
// and a second answer (40060 already acknowledged).
import { randomBytes } from 'node:crypto';
import { ApplicationCommandType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { z } from 'zod';
import type { PracticeGuild } from './guild';
import { invalidForm, SimApiError, unknownChannel, unknownMessage } from './apiErrors';
import { memberPayload } from './payloads';
import { basePermissions } from './permissions';
import type { SnowflakeMint } from './random';

/** Discord invalidates an interaction's token if it is not answered within this long. */
export const INTERACTION_ANSWER_MS = 3_000;

export interface RegisteredCommand {
  id: string;
  name: string;
  type: number;
}

export interface InteractionAnswer {
  type: number;
  content?: string;
  flags?: number;
  ephemeral: boolean;
  /** Milliseconds from the dispatch to the answer. */
  afterMs: number;
}

interface Issued {
  id: string;
  token: string;
  at: number;
  answers: InteractionAnswer[];
}

const CommandBody = z.array(
  z.object({
    name: z.string().min(1).max(32),
    type: z.number().int().min(1).max(4).default(1),
    description: z.string().max(100).optional(),
  }).passthrough(),
).max(100);
const CallbackBody = z.object({ type: z.number().int(), data: z.object({ content: z.string().max(2000).optional(), flags: z.number().int().optional() }).passthrough().optional() });

export const unknownInteraction = () => new SimApiError(404, 10062, 'Unknown interaction');
export const alreadyAcknowledged = () => new SimApiError(400, 40060, 'Interaction has already been acknowledged.');

export class PracticeInteractions {
  private commands: RegisteredCommand[] = [];
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly guild: PracticeGuild,
    private readonly applicationId: string,
    private readonly mint: SnowflakeMint,
    private readonly dispatch: (t: string, d: unknown) => void,
    private readonly now: () => number,
  ) {}

  registered(): readonly RegisteredCommand[] {
    return this.commands;
  }

  /** PUT /applications/{app}/commands: the bot's command list replaces the old one; names keep their ids. */
  overwrite(applicationId: string, body: unknown): ReturnType<PracticeInteractions['list']> {
    if (applicationId !== this.applicationId) throw new SimApiError(403, 50001, 'Missing Access');
    const parsed = CommandBody.safeParse(body);
    if (!parsed.success) throw invalidForm({ _root: { _errors: [{ code: 'BASE_TYPE_INVALID', message: parsed.error.message }] } });
    this.commands = parsed.data.map((c) => {
      const known = this.commands.find((k) => k.name === c.name && k.type === c.type);
      return known ?? { id: this.mint.now(this.now()), name: c.name, type: c.type };
    });
    return this.list();
  }

  list(): RegisteredCommand[] {
    return this.commands.map((c) => ({ ...c, application_id: this.applicationId, version: c.id, default_member_permissions: null, description: '', dm_permission: true, nsfw: false }));
  }

  /**
   * A member uses a message command on a message in the app. `forge` builds what Discord itself never
   * sends (a command the bot did not register, or a token the callback will not accept), to test refusal.
   */
  useMessageCommand(input: { name: string; channelId: string; messageId: string; userId: string; forge?: { commandId?: string; token?: string } }): { id: string; token: string } {
    const command = this.commands.find((c) => c.name === input.name && c.type === ApplicationCommandType.Message);
    const commandId = input.forge?.commandId ?? command?.id;
    if (!commandId) throw new Error(`the bot registered no message command "${input.name}"`);
    const channel = this.guild.channels.get(input.channelId);
    if (!channel) throw unknownChannel();
    const message = this.guild.findMessage(input.channelId, input.messageId);
    if (!message) throw unknownMessage();
    const member = this.guild.members.get(input.userId);
    if (!member) throw new Error(`no member ${input.userId}`);
    const id = this.mint.now(this.now());
    const token = `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}`;
    this.issued.set(id, { id, token, at: this.now(), answers: [] });
    const bot = this.guild.botMember;
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type: InteractionType.ApplicationCommand,
      token: input.forge?.token ?? token,
      version: 1,
      guild_id: this.guild.guildId,
      guild: { id: this.guild.guildId, locale: 'en-US', features: [] },
      channel_id: channel.id,
      channel: this.guild.channelJson(channel),
      member: { ...memberPayload(member), permissions: basePermissions(this.guild, member).toString() },
      data: {
        id: commandId,
        name: input.name,
        type: ApplicationCommandType.Message,
        target_id: message.id,
        guild_id: this.guild.guildId,
        resolved: { messages: { [message.id]: this.guild.messageJson(message) } },
      },
      app_permissions: basePermissions(this.guild, bot).toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guild.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
    });
    return { id, token };
  }

  /** POST /interactions/{id}/{token}/callback (no Authorization header: the token is the proof). */
  callback(id: string, token: string, body: unknown): void {
    const issued = this.issued.get(id);
    if (!issued || issued.token !== token || this.now() - issued.at > INTERACTION_ANSWER_MS) throw unknownInteraction();
    if (issued.answers.length > 0) throw alreadyAcknowledged();
    const parsed = CallbackBody.safeParse(body);
    if (!parsed.success) throw invalidForm({ _root: { _errors: [{ code: 'BASE_TYPE_INVALID', message: parsed.error.message }] } });
    const flags = parsed.data.data?.flags;
    issued.answers.push({
      type: parsed.data.type,
      ...(parsed.data.data?.content !== undefined ? { content: parsed.data.data.content } : {}),
      ...(flags !== undefined ? { flags } : {}),
      ephemeral: flags !== undefined && (flags & MessageFlags.Ephemeral) !== 0,
      afterMs: this.now() - issued.at,
    });
  }

  answers(id: string): readonly InteractionAnswer[] {
    return this.issued.get(id)?.answers ?? [];
  }
}
