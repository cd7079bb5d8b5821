// Reactions on the originals count as votes: a cluster's votes are the distinct members who hold a
// reaction on any of its marked messages, one per member per cluster whatever the number of emojis or
// messages, and a take-back counts down. Platforms differ in what a reaction event says:
// - Discord: one event per emoji added or taken back (`detail: 'removed'`); a member may hold several.
// - WhatsApp: a member holds one reaction per message; a new one replaces it, an empty one removes it.
// - Telegram: the connector turns a member's set before and after (updateBotMessageReaction) into
//   Discord-style adds and take-backs; anonymous reactions carry no member and never reach here.
import { eventId } from '../domain/ids';
import type { Platform } from '../domain/model';

/** The fields of a `reaction` event the count reads. */
export interface ReactionEventLike {
  kind: string;
  platform: Platform;
  spaceId: string;
  channelId: string;
  messageId?: string | undefined;
  text?: string | undefined;
  detail?: string | undefined;
  author?: { id: string; bot: boolean } | undefined;
}

/** Per reacted message (its message event id), per member, the emojis they hold there. */
export type ReactionBook = Record<string, Record<string, string[]>>;

/** The event id of the message a reaction is on: the id a feedback mark carries for it. */
export function reactedMessageId(event: ReactionEventLike): string | undefined {
  if (event.kind !== 'reaction' || !event.messageId) return undefined;
  return eventId(event.platform, event.spaceId, event.channelId, event.messageId);
}

/** The book after one reaction event (a new book; bots' reactions and non-reactions change nothing). */
export function applyReaction(book: ReactionBook, event: ReactionEventLike): ReactionBook {
  const target = reactedMessageId(event);
  const member = event.author;
  if (!target || !member || member.bot) return book;
  const emoji = event.text ?? '';
  const held = book[target]?.[member.id] ?? [];
  let next: string[];
  if (event.platform === 'whatsapp') next = emoji ? [emoji] : [];
  else if (event.detail === 'removed') next = emoji ? held.filter((e) => e !== emoji) : [];
  else next = emoji && !held.includes(emoji) ? [...held, emoji] : held;
  const members = { ...book[target] };
  if (next.length > 0) members[member.id] = next;
  else delete members[member.id];
  const out = { ...book };
  if (Object.keys(members).length > 0) out[target] = members;
  else delete out[target];
  return out;
}

/** Distinct members holding a reaction on any of these messages. */
export function votesOn(book: ReactionBook, messageEventIds: readonly string[]): number {
  const voters = new Set<string>();
  for (const id of messageEventIds) for (const member of Object.keys(book[id] ?? {})) voters.add(member);
  return voters.size;
}
