// English strings for drafts kept on this computer. Merged into the same namespace as en.ts; drafts.zh-CN.ts has the same keys.
export const draftsEn = {
  drafts: {
    restored: 'Draft restored · {{time}}',
    itemNow: 'this item is now {{state}}',
    discard: 'Discard draft',
    unsaved: 'This draft could not be kept on this computer yet; it is kept while the console stays open.',
  },
};
