// English strings for welcomes (issue 19). Merged into the same namespace as en.ts; welcome.zh-CN.ts has the same keys.
export const welcomeEn = {
  welcome: {
    title: 'Welcomes for new members',
    space: '{{space}} ({{source}})',
    enabled: 'Welcome new members',
    delivery: 'Where',
    inChannel: 'In a channel',
    inDm: 'As a direct message',
    channel: 'Channel',
    rulesLink: 'Rules link',
    textEn: 'Message in English',
    textZh: 'Message in Simplified Chinese',
    help: '{member} is the new member (during a join wave: a few names and how many others), {space} the space, {rules} the rules link. A member gets the message in their own language when the platform tells it, else in the space’s.',
    save: 'Save welcome',
    saved: 'Saved',
    noSpaces: 'No spaces yet: connect a community first.',
    problem: {
      channel: 'Choose the channel the welcome is posted in.',
      rules: 'The rules link must be a web address (https://…).',
      text: 'Write the message in at least one language (at most 1000 characters).',
    },
  },
};
