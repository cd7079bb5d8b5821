// Simplified Chinese strings for drafts kept on this computer; same keys as drafts.en.ts.
export const draftsZhCN = {
  drafts: {
    restored: '已恢复草稿 · {{time}}',
    itemNow: '此事项现为{{state}}',
    discard: '丢弃草稿',
    unsaved: '此草稿暂未能保存在本机；控制台保持打开期间仍会保留。',
  },
};
