// What a WhatsApp group admin can change, as the server answers it: promote/demote, the invite link
// (read, reset), announcement-only and "only admins edit info" (locked), subject and description —
// each a w:g2 IQ answered the way WhatsApp does, then a w:gp2 notification to the group's devices.
// Also how a group shows its settings and its Community in group metadata.
import { randomBytes } from 'node:crypto';
import type { BinaryNode } from 'baileys';

/** The settings a practice group carries besides its members (all optional: off by default). */
export interface PracticeGroupSettings {
  /** Announcement-only: only admins post. */
  announce?: boolean;
  /** Only admins edit the group's info (subject, description, picture). */
  locked?: boolean;
  /** The current invite link's code (made on first ask, as WhatsApp does). */
  inviteCode?: string;
  /** This group is a Community's parent group (the Community itself). */
  community?: boolean;
  /** The Community this group belongs to (its parent group's jid). */
  parent?: string;
  /** This group is its Community's announcements group (every member is in it; admins post). */
  communityAnnounce?: boolean;
}

interface AdminGroup extends PracticeGroupSettings {
  id: string;
  subject: string;
  description?: string;
  members: { phone: string; name: string; admin?: 'admin' | 'superadmin' }[];
}

export interface GroupAdminHost {
  groups(): AdminGroup[];
  /** Sends a w:gp2 notification about `change`, made by `actor` (a phone number), to the group's devices. */
  notify(groupId: string, actor: string, change: BinaryNode): void;
  /** The phone number behind a participant's jid: a number, or a LID (a LID-addressed group names members so). */
  phoneOf(jid: string | undefined): string;
}

const USER_SERVER = 's.whatsapp.net';
const unixNow = () => String(Math.floor(Date.now() / 1000));
const newInviteCode = () => randomBytes(16).toString('base64url').slice(0, 22);

/** The children of a group's metadata node that say its settings and its Community. */
export function groupSettingNodes(group: PracticeGroupSettings): BinaryNode[] {
  const nodes: BinaryNode[] = [];
  if (group.announce) nodes.push({ tag: 'announcement', attrs: {} });
  if (group.locked) nodes.push({ tag: 'locked', attrs: {} });
  if (group.community) nodes.push({ tag: 'parent', attrs: { default_membership_approval_mode: 'request_required' } });
  if (group.parent) nodes.push({ tag: 'linked_parent', attrs: { jid: group.parent } });
  if (group.communityAnnounce) nodes.push({ tag: 'default_sub_group', attrs: {} });
  return nodes;
}

/** What `actor` may do: admins everything; members edit info unless it is locked. */
function allowed(group: AdminGroup, actor: string, tag: string): boolean {
  const member = group.members.find((m) => m.phone === actor);
  if (!member) return false;
  if (member.admin) return true;
  return (tag === 'subject' || tag === 'description') && !group.locked;
}

type Answer = { ok: true; content?: BinaryNode[] } | { ok: false; code: number; text: string };

/**
 * Applies one admin change by `actor` (the linked device's phone, or another admin in a test) and
 * notifies the group. Answers what the IQ result carries, or the error WhatsApp gives.
 */
export function applyGroupChange(host: GroupAdminHost, groupId: string, actor: string, change: BinaryNode): Answer {
  const group = host.groups().find((g) => g.id === groupId);
  if (!group) return { ok: false, code: 404, text: 'item-not-found' };
  const tag = change.tag;
  if (!allowed(group, actor, tag)) return { ok: false, code: 403, text: 'forbidden' };
  switch (tag) {
    case 'promote':
    case 'demote': {
      const answered: BinaryNode[] = [];
      const changed: BinaryNode[] = [];
      for (const p of Array.isArray(change.content) ? change.content : []) {
        const jid = p.attrs.jid ?? '';
        const member = group.members.find((m) => m.phone === host.phoneOf(jid));
        if (!member) {
          answered.push({ tag: 'participant', attrs: { jid, error: '404' } });
          continue;
        }
        // The group's creator stays its superadmin: nobody demotes them.
        if (member.admin === 'superadmin') {
          answered.push({ tag: 'participant', attrs: { jid, error: tag === 'demote' ? '406' : '409' } });
          continue;
        }
        const already = tag === 'promote' ? member.admin === 'admin' : !member.admin;
        if (!already) {
          if (tag === 'promote') member.admin = 'admin';
          else delete member.admin;
          changed.push({ tag: 'participant', attrs: { jid: `${member.phone}@${USER_SERVER}`, ...(member.admin ? { type: member.admin } : {}) } });
        }
        answered.push({ tag: 'participant', attrs: { jid } });
      }
      if (changed.length) host.notify(group.id, actor, { tag, attrs: {}, content: changed });
      return { ok: true, content: [{ tag, attrs: {}, content: answered }] };
    }
    case 'remove': {
      // An admin removes members from their phone (the device's own removals are answered in simulator.ts).
      const removed: BinaryNode[] = [];
      for (const p of Array.isArray(change.content) ? change.content : []) {
        const index = group.members.findIndex((m) => m.phone === host.phoneOf(p.attrs.jid));
        if (index < 0 || group.members[index]!.admin === 'superadmin') continue;
        const [member] = group.members.splice(index, 1);
        removed.push({ tag: 'participant', attrs: { jid: `${member!.phone}@${USER_SERVER}` } });
      }
      if (removed.length) host.notify(group.id, actor, { tag: 'remove', attrs: {}, content: removed });
      return { ok: true };
    }
    case 'invite': {
      // get (no code attr, from groupInviteCode) and set (reset) share the tag; the caller says which.
      if (change.attrs.reset === 'true') {
        group.inviteCode = newInviteCode();
        // Admins' devices learn the new code; the old link stops working at once.
        host.notify(group.id, actor, { tag: 'invite', attrs: { code: group.inviteCode } });
      }
      group.inviteCode ??= newInviteCode();
      return { ok: true, content: [{ tag: 'invite', attrs: { code: group.inviteCode } }] };
    }
    case 'announcement':
    case 'not_announcement':
    case 'locked':
    case 'unlocked': {
      const key = tag === 'announcement' || tag === 'not_announcement' ? 'announce' : 'locked';
      const on = tag === 'announcement' || tag === 'locked';
      // A setting already in place changes nothing and tells nobody.
      if (Boolean(group[key]) !== on) {
        group[key] = on;
        host.notify(group.id, actor, { tag, attrs: {} });
      }
      return { ok: true };
    }
    case 'subject': {
      const subject = Buffer.from((change.content as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8').trim();
      if (!subject || subject.length > 100) return { ok: false, code: 406, text: 'not-acceptable' };
      group.subject = subject;
      host.notify(group.id, actor, { tag: 'subject', attrs: { subject, s_o: `${actor}@${USER_SERVER}`, s_t: unixNow() } });
      return { ok: true };
    }
    case 'description': {
      const body = Array.isArray(change.content) ? change.content.find((c) => c.tag === 'body') : undefined;
      const text = body?.content instanceof Uint8Array ? Buffer.from(body.content).toString('utf8') : typeof body?.content === 'string' ? body.content : '';
      if (text.length > 2048) return { ok: false, code: 406, text: 'not-acceptable' };
      if (text) group.description = text;
      else delete group.description;
      const id = randomBytes(8).toString('hex').toUpperCase();
      host.notify(group.id, actor, {
        tag: 'description',
        attrs: { id, t: unixNow(), participant: `${actor}@${USER_SERVER}` },
        content: text ? [{ tag: 'body', attrs: {}, content: Buffer.from(text) }] : [{ tag: 'delete', attrs: {} }],
      });
      return { ok: true };
    }
    default:
      return { ok: false, code: 501, text: 'feature-not-implemented' };
  }
}

/**
 * A w:g2 IQ from the linked device (whose phone is `self`) that this module answers, or undefined
 * when it is not one of its kinds.
 */
export function groupAdminIq(host: GroupAdminHost, self: string, node: BinaryNode): Answer | undefined {
  if (node.attrs.xmlns !== 'w:g2' || !Array.isArray(node.content)) return undefined;
  const child = node.content[0];
  if (!child) return undefined;
  const type = node.attrs.type;
  const kinds = ['promote', 'demote', 'announcement', 'not_announcement', 'locked', 'unlocked', 'subject', 'description'];
  if (type === 'set' && kinds.includes(child.tag)) return applyGroupChange(host, node.attrs.to ?? '', self, child);
  // An invite node with a code is a join by link (not modelled here); without one: get or reset the link.
  if (child.tag === 'invite' && !child.attrs.code) {
    // Only admins see or reset the link; WhatsApp answers others 401.
    const group = host.groups().find((g) => g.id === node.attrs.to);
    if (!group) return { ok: false, code: 404, text: 'item-not-found' };
    if (!group.members.find((m) => m.phone === self)?.admin) return { ok: false, code: 401, text: 'not-authorized' };
    return applyGroupChange(host, group.id, self, { tag: 'invite', attrs: type === 'set' ? { reset: 'true' } : {} });
  }
  return undefined;
}
