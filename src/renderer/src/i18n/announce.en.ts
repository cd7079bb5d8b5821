// English strings for announcements. Merged into the same namespace as en.ts; announce.zh-CN.ts has the same keys.
export const announceEn = {
  announce: {
    open: 'Announcements',
    title: 'Announcements',
    close: 'Back to inbox',
    draft: 'Announcement',
    draftHint: 'Write once: **bold**, _italic_, `code`, [links](https://…) and lists work on every platform.',
    preview: 'Preview',
    previewOn: 'Preview on',
    previewEmpty: 'Write something to see how each platform shows it.',
    length: '{{length}} of {{limit}} characters',
    split: 'Longer than one {{platform}} message ({{limit}} characters): it goes out as {{count}} messages.',
    spaces: 'Send to',
    noSpaces: 'No connected community has a channel to post in yet.',
    channelOf: 'Channel in {{space}}',
    pin: 'Pin it',
    send_one: 'Send to {{count}} space',
    send_other: 'Send to {{count}} spaces',
    sent: 'Sent',
    noneSent: 'Nothing announced from this console yet.',
    parts_one: '{{count}} message',
    parts_other: '{{count}} messages',
    pinned: 'pinned',
    problem: {
      empty: 'The announcement is empty.',
      noSpace: 'Choose at least one space.',
      store: 'The announcement could not be written to the outbox on this computer; nothing was sent.',
    },
  },
  shortcuts: {
    announcements: 'Announcements',
  },
};
