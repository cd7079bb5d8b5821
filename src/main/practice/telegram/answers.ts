// How the practice server groups what it sends, as Telegram does: the answers to the requests of one
// client container go back together in one msg_container (results and RPC errors side by side), and a
// test can regroup and reorder answers (an "answer schedule") to check a client against any of them.

/** msg_container#73f1f8dc messages:vector<%Message>: a bare vector of msg_id · seqno · bytes · body. */
const MSG_CONTAINER = 0x73f1f8dc;

export type AnswerOrder = 'received' | 'reversed' | 'errors_first';

/**
 * Answers held and sent together: each group goes out once `size` answers are there (or after
 * `waitMs`, since a client may be waiting on one of them before it asks more), in `order`.
 * Groups are used up one after another, across connections; later answers go out as usual.
 */
export interface AnswerSchedule {
  groups: Array<{ size: number; order: AnswerOrder }>;
  waitMs?: number;
}

export interface Outgoing {
  body: Buffer;
  /** An answer to a request (content-related, odd seqno); false for updates and service messages. */
  answer: boolean;
  /** An rpc_result carrying an rpc_error. */
  error: boolean;
}

export function inOrder(list: readonly Outgoing[], order: AnswerOrder): Outgoing[] {
  if (order === 'reversed') return [...list].reverse();
  if (order === 'errors_first') return [...list.filter((o) => o.error), ...list.filter((o) => !o.error)];
  return [...list];
}

export function containerBody(messages: ReadonlyArray<{ msgId: bigint; seqNo: number; body: Buffer }>): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(MSG_CONTAINER, 0);
  head.writeInt32LE(messages.length, 4);
  const parts: Buffer[] = [head];
  for (const m of messages) {
    const meta = Buffer.alloc(16);
    meta.writeBigInt64LE(BigInt.asIntN(64, m.msgId), 0);
    meta.writeInt32LE(m.seqNo, 8);
    meta.writeInt32LE(m.body.length, 12);
    parts.push(meta, m.body);
  }
  return Buffer.concat(parts);
}
