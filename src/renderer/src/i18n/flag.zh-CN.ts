// 手动标记分拣漏掉的消息的简体中文文本；与 flag.en.ts 键相同。
export const flagZhCN = {
  shortcuts: { flag: '将当前聚焦的消息标记为分拣漏掉的问题' },
  handFlag: {
    open: '标记…',
    openLabel: '将此消息标记为分拣漏掉的问题',
    form: '标记分拣漏掉的消息',
    category: '类别',
    categories: { scam: '诈骗', spam: '垃圾信息', toxicity: '恶意言论', raid: '突袭', 'self-harm': '自我伤害', custom: '其他' },
    note: '备注（可选）',
    submit: '标记',
    cancel: '取消',
    flaggedBy: '由 {{name}} 手动标记：分拣未发现',
    alreadyFlagged: '已被标记',
    shared: '已标记：团队的每个控制台都会打开此事项。',
    local: '已在本控制台标记（尚未加入团队，其他控制台看不到）。',
    failed: '已在本机标记，但团队记录未接受；其他控制台暂时看不到。',
    recent: '本机存储的最新消息',
    marks: '手动标记',
    mark: '{{name}}（{{category}}）',
  },
};
