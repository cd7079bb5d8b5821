// English strings for WhatsApp group admin actions, linking by pairing code and linking failures.
// Merged into the same namespace as en.ts; whatsapp.zh-CN.ts has the same keys.
export const whatsappEn = {
  item: {
    forwarded: 'Forwarded',
    forwardedMany: 'Forwarded many times',
  },
  capability: {
    rolesOnPlatform: 'Staff roles are given in the platform’s own app; the console does not promote or demote here.',
    noInviteReset: 'The console resets invite links on WhatsApp only.',
    pinWithAnnouncement: 'Pin from an announcement (Announce → pin) on this platform.',
  },
  errors: {
    reason: {
      roles_on_platform: 'Staff roles are given in {{platform}}’s own app; the console does not promote or demote there.',
      no_invite_reset: 'The console resets invite links on WhatsApp only.',
      pin_with_announcement: 'On {{platform}}, pin through an announcement (Announce → pin).',
      link_code: 'Type the code shown here on the phone: WhatsApp → Linked devices → Link a device → Link with phone number instead.',
      link_code_failed: 'WhatsApp gave no pairing code for this number. Check the number (with its country code) and press Link again.',
      whatsapp_removed_not_reset: 'The member was removed, but the invite link was not reset: reset it from the group’s admin actions.',
      account_banned: 'WhatsApp has banned this account ({{status}}), so the console stopped connecting: each try would be refused. Appeal from the phone (WhatsApp shows how); once the ban is lifted, press Link again (the same device reconnects; nothing to scan).',
      account_banned_temporarily: 'WhatsApp has banned this account for a while ({{status}}), so the console stopped connecting. The phone shows when the ban ends; press Link again then (the same device reconnects; nothing to scan).',
      whatsapp_not_in_group: 'The linked WhatsApp account was removed from this group (an admin did it from their phone), so nothing can be done there. Ask an admin to add the account back; the group returns once it is.',
      whatsapp_delete_window: 'WhatsApp lets a message be deleted for everyone only in the first 2 days and 12 hours after it was sent, so this one stays. Remove the member if it must go with them, or ask the group to report it.',
      whatsapp_announce_only: 'Only group admins can send messages in this announcement-only group, and the linked WhatsApp account is not one. Nothing was sent: ask an admin to post it, or to make this account an admin.',
    },
  },
  outcome: {
    pin: 'Pinned by you · {{time}}',
    resetInvite: 'Invite link reset by you · {{time}}',
    promote: 'Made a group admin by you · {{time}}',
    demote: 'Group admin taken back by you · {{time}}',
  },
  actionName: {
    pin: 'pin the message',
    resetInvite: 'reset the invite link',
    promote: 'make the member a group admin',
    demote: 'take back the member’s admin rights',
  },
  settings: {
    whatsapp: {
      byPhone: 'Link with a phone number instead of a QR code',
      phoneNumber: 'Phone number of the WhatsApp account, with country code',
      invalidPhone: 'Enter the phone number with its country code, digits only (e.g. +49 151 2345678).',
      typeCodeNow: '{{label}}: type the code below on that phone.',
      codeLabel: 'Pairing code to link {{label}}',
      codeHint: 'On the phone: WhatsApp → Linked devices → Link a device → Link with phone number instead, then type this code.',
      relink: 'Link again',
      relinkLabel: 'Link {{label}} again',
    },
  },
  inbox: {
    inCommunity: '{{community}} › {{group}}',
  },
  act: {
    bulk: {
      standIn_one: 'WhatsApp has no ban: the {{count}} account there is removed instead, and the invite link is reset once for its group ({{groups}} reset in all).',
      standIn_other: 'WhatsApp has no ban: the {{count}} accounts there are removed instead, in one request per group and 50 accounts, and the invite link is reset once per group ({{groups}} reset in all), not once per account.',
      inviteReset: 'Invite link reset: {{status}}',
    },
    alreadyDoneKind: {
      promote: 'Nothing needed doing: the member is already a group admin.',
      demote: 'Nothing needed doing: the member is not a group admin.',
      pin: 'Nothing needed doing: the message is already pinned.',
    },
    command: { kickResetInvite: 'Remove + reset invite link', pin: 'Pin message', resetInvite: 'Reset invite link', promote: 'Make admin', demote: 'Remove admin' },
    do: { kickResetInvite: 'Remove the member and reset the invite link' },
    submit: { kickResetInvite: 'Remove and reset link' },
    summary: { kickResetInvite: '{{member}} is removed from the group, and the group’s invite link is reset so the old link no longer lets them back in.' },
  },
};
