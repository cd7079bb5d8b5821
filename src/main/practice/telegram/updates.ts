// What the practice server pushes: a change in the supergroup to every member session (except the
// caller's, which gets the result), a basic-group message to each member's box, a private message to
// both sides; plain text in Telegram's short forms (updateShortMessage, updateShortChatMessage).
import { Api } from 'telegram';
import type { Community } from './community';
import { now } from './community';
import { tlBytes, toBig } from './mtproto';
import type { AuthRecord, Sessions } from './sessions';
import type { BoxEntry, LogEntry, SimTgChatMessage, SimTgLinks } from './types';

export function createPushes(community: Community, sessions: Sessions) {
  const { members, updatesTl, privateUpdates, boxOf, basicMembers, basicId } = community;
  const { connections, send } = sessions;

  /** Pushes to every logged-in member session except the one whose call caused it (that one gets the result). */
  const broadcast = (entries: LogEntry[], except?: AuthRecord, extra: Api.TypeUpdate[] = [], extraUsers: string[] = []) => {
    if (entries.length === 0 && extra.length === 0) return;
    for (const conn of connections) {
      const auth = conn.auth;
      if (!auth?.userId || auth === except || conn.sessionId === undefined) continue;
      const member = members.get(auth.userId);
      if (!member?.present) continue;
      send(conn, tlBytes(updatesTl(entries, auth.userId, extra, extraUsers)), false);
    }
  };

  /**
   * One message in the basic group: a copy in every member's box (one id for all, still growing in
   * each box), pushed to every member's sessions. Telegram sends plain text in the short form,
   * updateShortChatMessage, which names the chat and the author by id only.
   */
  const postInBasicGroup = (input: { authorId: string; text: string; replyTo?: number; links?: SimTgLinks }): SimTgChatMessage => {
    const at = now();
    const holders = [...basicMembers];
    const id = Math.max(...holders.map((u) => boxOf(u).nextId));
    const message: SimTgChatMessage = { id, chatId: basicId, fromId: input.authorId, text: input.text, date: at, ...(input.replyTo ? { replyTo: input.replyTo } : {}), ...(input.links ? { links: input.links } : {}) };
    const entries = new Map<string, BoxEntry>();
    for (const owner of holders) {
      const box = boxOf(owner);
      box.pts += 1;
      box.nextId = id + 1;
      const entry: BoxEntry = { pts: box.pts, message: { ...message, peerId: basicId, out: owner === input.authorId } };
      box.log.push(entry);
      entries.set(owner, entry);
    }
    const plain = !input.links && !input.replyTo;
    for (const conn of connections) {
      const owner = conn.auth?.userId;
      const entry = owner ? entries.get(owner) : undefined;
      if (!owner || !entry || conn.sessionId === undefined) continue;
      const update = plain
        ? new Api.UpdateShortChatMessage({ out: entry.message.out, id, fromId: toBig(input.authorId), chatId: toBig(basicId), message: input.text, pts: entry.pts, ptsCount: 1, date: at })
        : privateUpdates(owner, [entry]);
      send(conn, tlBytes(update), false);
    }
    return message;
  };

  /** One private message from → to: a copy in each box; pushed to both sides' sessions except the caller's. */
  const sendPrivate = (fromId: string, toId: string, text: string, except?: AuthRecord): { sent: BoxEntry; received: BoxEntry } => {
    const at = now();
    const put = (owner: string, peerId: string, out: boolean): BoxEntry => {
      const box = boxOf(owner);
      box.pts += 1;
      const entry: BoxEntry = { pts: box.pts, message: { id: box.nextId++, peerId, fromId, out, text, date: at } };
      box.log.push(entry);
      return entry;
    };
    const sent = put(fromId, toId, true);
    const received = put(toId, fromId, false);
    // Telegram pushes a plain private message in the short form, updateShortMessage: the other
    // side by id only (a client that does not know them asks getDifference).
    const short = (entry: BoxEntry, peerId: string) =>
      new Api.UpdateShortMessage({ out: entry.message.out, id: entry.message.id, userId: toBig(peerId), message: text, pts: entry.pts, ptsCount: 1, date: at });
    for (const conn of connections) {
      const owner = conn.auth?.userId;
      if (!owner || conn.auth === except || conn.sessionId === undefined) continue;
      if (owner === toId) send(conn, tlBytes(short(received, fromId)), false);
      else if (owner === fromId) send(conn, tlBytes(short(sent, toId)), false);
    }
    return { sent, received };
  };

  return { broadcast, postInBasicGroup, sendPrivate };
}

export type Pushes = ReturnType<typeof createPushes>;
