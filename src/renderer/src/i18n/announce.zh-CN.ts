// 公告的简体中文字符串，与 announce.en.ts 键相同。
export const announceZhCN = {
  announce: {
    open: '公告',
    title: '公告',
    close: '返回收件箱',
    draft: '公告内容',
    draftHint: '写一次即可：**粗体**、_斜体_、`代码`、[链接](https://…) 和列表在每个平台都可用。',
    preview: '预览',
    previewOn: '预览平台',
    previewEmpty: '输入内容即可查看各平台的显示效果。',
    length: '{{length}} / {{limit}} 个字符',
    split: '超过一条 {{platform}} 消息的上限（{{limit}} 个字符）：将分为 {{count}} 条发送。',
    spaces: '发送到',
    noSpaces: '已连接的社区中还没有可发帖的频道。',
    channelOf: '{{space}} 中的频道',
    pin: '置顶',
    send_one: '发送到 {{count}} 个社区',
    send_other: '发送到 {{count}} 个社区',
    sent: '已发送',
    noneSent: '此控制台尚未发布任何公告。',
    parts_one: '{{count}} 条消息',
    parts_other: '{{count}} 条消息',
    pinned: '已置顶',
    problem: {
      empty: '公告内容为空。',
      noSpace: '请至少选择一个社区。',
      store: '无法将公告写入本机的发件箱；未发送任何内容。',
    },
  },
  shortcuts: {
    announcements: '公告',
  },
};
