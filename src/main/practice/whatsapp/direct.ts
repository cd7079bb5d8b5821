// Direct (1:1) messages from the linked device to a member: the server cannot read them (end to end),
// but the member's phone can — it decrypts the pkmsg/msg addressed to it, as a real phone would, and
// the practice server records what the member received.
import type { BinaryNode, proto as ProtoTypes } from 'baileys';
import type { SimulatedUser } from './members';


export interface DirectMessage {
  id: string;
  /** The member's phone number. */
  to: string;
  message: ProtoTypes.IMessage;
  t: number;
}

/**
 * Each WhatsApp account also has a LID (a number that is not the phone number); 1:1 messages are
 * addressed by it (Baileys 7 fetches keys for a contact only once USync told it the contact's LID).
 */
export class LidDirectory {
  private readonly byPhone = new Map<string, string>();
  private readonly byLid = new Map<string, string>();

  /** The LID user part of a phone's account, made on first ask (15 digits, like WhatsApp's). */
  lidOf(phone: string): string {
    let lid = this.byPhone.get(phone);
    if (!lid) {
      do lid = String(100_000_000_000_000 + Math.floor(Math.random() * 800_000_000_000_000));
      while (this.byLid.has(lid));
      this.set(phone, lid);
    }
    return lid;
  }

  set(phone: string, lid: string): void {
    this.byPhone.set(phone, lid);
    this.byLid.set(lid, phone);
  }

  phoneOfLid(lid: string): string | undefined {
    return this.byLid.get(lid);
  }
}

/**
 * Reads a device's 1:1 `<message>` as its recipient's phone: the `<enc>` addressed to that phone's
 * device 0 (inside <participants>, or directly under the message). Undefined when the recipient is
 * not a known user or nothing was addressed to them.
 */
export async function readDirect(users: ReadonlyMap<string, SimulatedUser>, phoneOf: (jid: string | undefined) => string, fromDevice: string, node: BinaryNode): Promise<DirectMessage | undefined> {
  const to = phoneOf(node.attrs.to);
  const user = users.get(to);
  if (!user || !Array.isArray(node.content)) return undefined;
  const participants = node.content.find((c) => c.tag === 'participants');
  const addressed = Array.isArray(participants?.content) ? participants.content.find((t) => t.tag === 'to' && phoneOf(t.attrs.jid) === to && !t.attrs.jid?.split('@')[0]?.includes(':')) : undefined;
  const encs = (Array.isArray(addressed?.content) ? addressed.content : node.content).filter((c) => c.tag === 'enc' && c.content instanceof Uint8Array);
  if (encs.length === 0) return undefined;
  const message = await user.decrypt(fromDevice, '', fromDevice, encs.map((e) => ({ type: e.attrs.type!, content: e.content as Uint8Array })));
  if (!message) return undefined;
  return { id: node.attrs.id ?? '', to, message, t: Math.floor(Date.now() / 1000) };
}
