// What each platform can do (DESIGN.md §2). The UI disables what a platform cannot do and says why.
import type { ActionKind } from './actions';
import type { Platform } from './model';

export interface Capability {
  supported: boolean;
  /** i18n key explaining why not, when unsupported. */
  whyNot?: string;
  maxSeconds?: number;
  /**
   * What the console does instead when asked for this (WhatsApp's ban: remove the member and reset
   * the invite link, one action). The UI offers it under the asked-for command, saying so.
   */
  instead?: 'kickResetInvite';
}

export const capabilities: Record<Platform, Record<ActionKind, Capability>> = {
  discord: {
    reply: { supported: true },
    announce: { supported: true },
    edit: { supported: true },
    event: { supported: true },
    poll: { supported: true },
    dm: { supported: true },
    lock: { supported: true },
    delete: { supported: true },
    timeout: { supported: true, maxSeconds: 28 * 24 * 3600 },
    kick: { supported: true },
    ban: { supported: true },
    // One request bans up to 200 accounts of a raid (the bulk-ban endpoint).
    bulkBan: { supported: true },
    unban: { supported: true },
    slowmode: { supported: true, maxSeconds: 21600 },
    // Discord staff are roles the server's owners design; the console does not hand them out.
    promote: { supported: false, whyNot: 'capability.rolesOnPlatform' },
    demote: { supported: false, whyNot: 'capability.rolesOnPlatform' },
    resetInvite: { supported: false, whyNot: 'capability.noInviteReset' },
    pin: { supported: false, whyNot: 'capability.pinWithAnnouncement' },
  },
  telegram: {
    reply: { supported: true },
    announce: { supported: true },
    edit: { supported: true },
    event: { supported: false, whyNot: 'capability.discordOnlyEvents' },
    poll: { supported: true },
    dm: { supported: true },
    lock: { supported: true },
    delete: { supported: true },
    timeout: { supported: true },
    kick: { supported: true },
    ban: { supported: true },
    bulkBan: { supported: false, whyNot: 'capability.discordOnlyBulkBan' },
    unban: { supported: true },
    slowmode: { supported: true },
    promote: { supported: false, whyNot: 'capability.rolesOnPlatform' },
    demote: { supported: false, whyNot: 'capability.rolesOnPlatform' },
    resetInvite: { supported: false, whyNot: 'capability.noInviteReset' },
    pin: { supported: false, whyNot: 'capability.pinWithAnnouncement' },
  },
  whatsapp: {
    reply: { supported: true },
    announce: { supported: true },
    // Within the 15 minutes WhatsApp allows after sending.
    edit: { supported: true },
    event: { supported: false, whyNot: 'capability.discordOnlyEvents' },
    poll: { supported: true },
    dm: { supported: true },
    lock: { supported: true },
    delete: { supported: true },
    timeout: { supported: false, whyNot: 'capability.whatsappNoMute' },
    kick: { supported: true },
    ban: { supported: false, whyNot: 'capability.whatsappNoBan', instead: 'kickResetInvite' },
    bulkBan: { supported: false, whyNot: 'capability.discordOnlyBulkBan' },
    unban: { supported: false, whyNot: 'capability.whatsappNoBan' },
    slowmode: { supported: false, whyNot: 'capability.whatsappNoSlowmode' },
    promote: { supported: true },
    demote: { supported: true },
    resetInvite: { supported: true },
    // 24 hours, 7 days or 30 days, as WhatsApp offers; an admin-only group setting may reserve it for admins.
    pin: { supported: true, maxSeconds: 30 * 24 * 3600 },
  },
};
