// 欢迎新成员的中文文案（issue 19），与 welcome.en.ts 键相同。
export const welcomeZhCN = {
  welcome: {
    title: '欢迎新成员',
    space: '{{space}}（{{source}}）',
    enabled: '欢迎新成员',
    delivery: '发送位置',
    inChannel: '在频道中',
    inDm: '以私信发送',
    channel: '频道',
    rulesLink: '规则链接',
    textEn: '英文消息',
    textZh: '简体中文消息',
    help: '{member} 是新成员（成批加入时：几个名字和其他人数），{space} 是社区名，{rules} 是规则链接。平台能告知成员语言时用其语言发送，否则用社区的语言。',
    save: '保存欢迎语',
    saved: '已保存',
    noSpaces: '还没有社区：请先连接一个社区。',
    problem: {
      channel: '请选择发布欢迎语的频道。',
      rules: '规则链接必须是网址（https://…）。',
      text: '请至少用一种语言写下消息（最多 1000 个字符）。',
    },
  },
};
