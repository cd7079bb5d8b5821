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

const yes: Capability = { supported: true };
const no = (whyNot: string): Capability => ({ supported: false, whyNot });

/** What every platform does alike; each platform below says only where it differs. */
const everywhere = {
  reply: yes,
  announce: yes,
  edit: yes,
  poll: yes,
  dm: yes,
  lock: yes,
  delete: yes,
  kick: yes,
} satisfies Partial<Record<ActionKind, Capability>>;

/** Discord and Telegram: moderators act on members themselves, staff roles stay the platform's. */
const botModerated = {
  ...everywhere,
  timeout: yes,
  ban: yes,
  unban: yes,
  slowmode: yes,
  // Discord staff are roles the server's owners design; the console does not hand them out.
  promote: no('capability.rolesOnPlatform'),
  demote: no('capability.rolesOnPlatform'),
  resetInvite: no('capability.noInviteReset'),
  pin: no('capability.pinWithAnnouncement'),
} satisfies Partial<Record<ActionKind, Capability>>;

export const capabilities: Record<Platform, Record<ActionKind, Capability>> = {
  discord: {
    ...botModerated,
    event: yes,
    timeout: { supported: true, maxSeconds: 28 * 24 * 3600 },
    // One request bans up to 200 accounts of a raid (the bulk-ban endpoint).
    bulkBan: yes,
    bulkRemove: no('capability.whatsappOnlyBulkRemove'),
    slowmode: { supported: true, maxSeconds: 21600 },
  },
  telegram: {
    ...botModerated,
    event: no('capability.discordOnlyEvents'),
    bulkBan: no('capability.discordOnlyBulkBan'),
    bulkRemove: no('capability.whatsappOnlyBulkRemove'),
  },
  whatsapp: {
    // Edit: within the 15 minutes WhatsApp allows after sending.
    ...everywhere,
    event: no('capability.discordOnlyEvents'),
    timeout: no('capability.whatsappNoMute'),
    ban: { ...no('capability.whatsappNoBan'), instead: 'kickResetInvite' },
    bulkBan: no('capability.discordOnlyBulkBan'),
    // A raid's accounts of one group, up to 50 a request (the ban's stand-in, with one invite-link reset).
    bulkRemove: yes,
    unban: no('capability.whatsappNoBan'),
    slowmode: no('capability.whatsappNoSlowmode'),
    promote: yes,
    demote: yes,
    resetInvite: yes,
    // 24 hours, 7 days or 30 days, as WhatsApp offers; an admin-only group setting may reserve it for admins.
    pin: { supported: true, maxSeconds: 30 * 24 * 3600 },
  },
};
