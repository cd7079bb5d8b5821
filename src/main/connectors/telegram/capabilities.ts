// Who may do what in a Telegram chat, as far as triage and actions need it: a supergroup's admins
// are its staff (the names scammers copy), read with channels.getParticipants when triage first asks
// and read again when an admin changes. The same list gives each admin's rank (admin or owner, and the
// custom title) that events carry as the author's roles.
import { Api } from 'telegram';
import type { StaffList } from '../../core/connector';
import { logger } from '../../util/log';
import { rpcMessageOf } from './errors';
import { bigOf } from './known';
import type { ChatState, TelegramLink } from './known';
import { displayName } from './normalize';
import { titleRole } from '@shared/insights/journey';

const log = logger('telegram');

/**
 * A participant's rank as roles: ['creator'] or ['admin'], with 'title:<rank>' when an admin has a
 * custom title; [] for anyone else (a member, a restricted or banned one, someone who left or never was).
 */
export function rolesOfParticipant(participant: Api.TypeChannelParticipant | undefined): string[] {
  if (!(participant instanceof Api.ChannelParticipantCreator) && !(participant instanceof Api.ChannelParticipantAdmin)) return [];
  const title = titleRole(participant.rank);
  return [participant instanceof Api.ChannelParticipantCreator ? 'creator' : 'admin', ...(title ? [title] : [])];
}

export class ChatStaff {
  private readonly byChat = new Map<string, StaffList>();
  private readonly loading = new Set<string>();

  /** The chat's staff once read: the same list object until an admin changes. */
  of(chatId: string): StaffList | undefined {
    return this.byChat.get(chatId);
  }

  /** An admin came or went: the next ask reads the list again. */
  forget(chatId: string): void {
    this.byChat.delete(chatId);
  }

  /** Starts reading a chat's admins unless a read is under way; `run` puts it on the connection's update chain. */
  load(link: TelegramLink, chat: ChatState, run: (task: () => Promise<void>) => Promise<void>): void {
    if (this.loading.has(chat.id)) return;
    this.loading.add(chat.id);
    void run(() => this.read(link, chat)).finally(() => this.loading.delete(chat.id));
  }

  /**
   * A basic group's ranks (creator, admins) from messages.getFullChat, once per run: its admin changes
   * arrive as updateChatParticipantAdmin and keep them. A basic group has no staff list for triage yet.
   */
  loadBasicRanks(link: TelegramLink, chat: ChatState, run: (task: () => Promise<void>) => Promise<void>): void {
    if (chat.ranks || this.loading.has(chat.id)) return;
    this.loading.add(chat.id);
    void run(async () => {
      try {
        const full = await link.client.invoke(new Api.messages.GetFullChat({ chatId: bigOf(chat.id) }));
        link.known.learnAll(full.users);
        const participants = full.fullChat instanceof Api.ChatFull ? full.fullChat.participants : undefined;
        if (!(participants instanceof Api.ChatParticipants)) return;
        const ranks = new Map<string, string[]>();
        for (const p of participants.participants) {
          if (p instanceof Api.ChatParticipantCreator) ranks.set(p.userId.toString(), ['creator']);
          else if (p instanceof Api.ChatParticipantAdmin) ranks.set(p.userId.toString(), ['admin']);
        }
        chat.ranks = ranks;
      } catch (error) {
        log.warn(`could not read the members of ${chat.id}`, rpcMessageOf(error) ?? error);
      }
    }).finally(() => this.loading.delete(chat.id));
  }

  private async read(link: TelegramLink, chat: ChatState): Promise<void> {
    const { client, known } = link;
    try {
      const result = await client.invoke(
        new Api.channels.GetParticipants({ channel: known.inputChannelOf(chat), filter: new Api.ChannelParticipantsAdmins(), offset: 0, limit: 200, hash: bigOf(0) }),
      );
      if (!(result instanceof Api.channels.ChannelParticipants)) return;
      known.learnAll(result.users);
      const ids = new Set<string>();
      const ranks = new Map<string, string[]>();
      for (const p of result.participants) {
        if (!(p instanceof Api.ChannelParticipantAdmin || p instanceof Api.ChannelParticipantCreator)) continue;
        ids.add(p.userId.toString());
        ranks.set(p.userId.toString(), rolesOfParticipant(p));
      }
      // Only a whole list says who is no admin; a longer one (over 200 admins) leaves ranks unknown.
      if (result.count <= result.participants.length) chat.ranks = ranks;
      if (known.self) ids.add(known.self.id);
      // A message sent as the group itself is an anonymous admin's (only admins may): its author is the chat.
      ids.add(chat.id);
      const names = new Set<string>();
      for (const id of ids) {
        const user = known.users.get(id)?.user;
        if (!user) continue;
        for (const name of [displayName(user), user.username]) if (name) names.add(name);
      }
      this.byChat.set(chat.id, { names: [...names], ids: [...ids] });
    } catch (error) {
      log.warn(`could not list the admins of ${chat.id}`, rpcMessageOf(error) ?? error);
    }
  }
}
