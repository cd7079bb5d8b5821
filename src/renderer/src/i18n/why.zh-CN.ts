// 简体中文：消息为何未被标记（issue 14）——分诊因上下文放下的标记。与 why.en.ts 键相同。
export const whyZhCN = {
  why: {
    notFlagged: '未标记为{{category}}：{{context}}',
    withWords: '{{line}} —— {{words}}',
    quote: '“{{words}}”',
    byModel: '学习模型',
    rule: '规则 {{rule}}',
    context: {
      'scam-warning': '在提醒大家防骗',
      'quoted-scam': '引用骗局内容以提醒他人',
      'reply-to-flagged': '回复一条已因此被标记的消息',
      staff: '管理团队成员的消息',
      'burst-reaction': '刷屏期间的简短回应',
      'channel-pace': '符合本频道平常的发言速度',
      'reported-speech': '转述别人说的话',
      laughing: '玩笑夸张，并非本意',
      'counter-speech': '反驳仇恨言论',
      'quoted-abuse': '引用这些话以举报',
      'called-author': '别人骂作者的词',
      'denied-opinion': '否认这种观点',
      title: '作品标题（歌曲、电影、书）',
      'talked-about': '在谈论这些词，并未对人说',
      'other-sense': '这个词用的是日常含义（如狗、香烟、菜名）',
      'in-group': '群体内部的自称，重新使用这个词',
      'no-target': '并非骂人：说的是自己、某件事或一句感叹',
    },
    preview: {
      title: '因上下文未标记',
      hint: '这条规则匹配了这些消息，但分诊判断它们是在谈论此事，而不是在做此事。',
    },
  },
};
