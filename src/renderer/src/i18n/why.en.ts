// English strings for why a message is NOT flagged (issue 14): the flags triage dropped on context. Merged into
// the same namespace as en.ts; why.zh-CN.ts has the same keys.
export const whyEn = {
  why: {
    notFlagged: 'Not flagged as {{category}}: {{context}}',
    withWords: '{{line}} — {{words}}',
    quote: '‘{{words}}’',
    byModel: 'the learned model',
    rule: 'rule {{rule}}',
    context: {
      'scam-warning': 'a warning about a scam',
      'quoted-scam': 'quotes a scam to warn about it',
      'reply-to-flagged': 'a reply to a message already flagged for it',
      staff: 'a staff member’s message',
      'burst-reaction': 'a short reaction during a burst',
      'channel-pace': 'at this channel’s usual pace',
      'reported-speech': 'reports what someone else said',
      laughing: 'laughing, not meant',
      'counter-speech': 'counter-speech',
      'quoted-abuse': 'quotes the words to report them',
      'called-author': 'a word someone called the author',
      'denied-opinion': 'a denied opinion',
      title: 'a title (song, film, book)',
      'talked-about': 'talks about the words, says them to no one',
      'other-sense': 'the word in its everyday sense (a dog, a cigarette, a dish)',
      'in-group': 'in-group, reclaimed use of the word',
      'no-target': 'aimed at no one: the author, a thing, a curse of surprise',
    },
    preview: {
      title: 'Kept unflagged by context',
      hint: 'This rule matched these messages, but triage read them as talking about the thing, not doing it.',
    },
  },
};
