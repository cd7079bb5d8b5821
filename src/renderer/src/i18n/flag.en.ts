// English strings for flagging by hand a message triage missed. Merged into the same namespace as en.ts; flag.zh-CN.ts has the same keys.
export const flagEn = {
  shortcuts: { flag: 'Flag the focused message as missed by triage' },
  handFlag: {
    open: 'Flag…',
    openLabel: 'Flag this message as missed by triage',
    form: 'Flag a message triage missed',
    category: 'Category',
    categories: { scam: 'Scam', spam: 'Spam', toxicity: 'Toxicity', raid: 'Raid', 'self-harm': 'Self-harm', custom: 'Other' },
    note: 'Note (optional)',
    submit: 'Flag',
    cancel: 'Cancel',
    flaggedBy: 'Flagged by {{name}}: missed by triage',
    alreadyFlagged: 'Already flagged',
    shared: 'Flagged: the item is open on every console of the team.',
    local: 'Flagged on this console (not on a team, so the other consoles do not see it).',
    failed: 'Flagged here, but the team ledger did not take it; the other consoles do not see it yet.',
    recent: 'Latest messages on this computer',
    marks: 'Flagged by hand',
    mark: '{{name}} · {{category}}',
  },
};
