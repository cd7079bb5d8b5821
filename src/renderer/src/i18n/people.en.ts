// English strings of people across platforms (issue 18): linked accounts, suggestions, the member
// journey, nominations, and paging the lead. people.zh-CN.ts has the same keys.
export const peopleEn = {
  people: {
    title: 'Accounts of this person',
    noTeam: 'Join the team in Shifts to link accounts: links are shared with every console through the team ledger.',
    none: 'No accounts on other platforms are linked yet.',
    reading: 'Reading the cached events…',
    via: { hand: 'linked by hand', name: 'same display name', bio: 'same link in bio', code: 'posted the verification code' },
    linkedBy: '{{via}}, by {{name}}, {{time}}',
    unlink: 'Unlink {{account}}',
    suggested: 'May be the same person',
    noSuggestions: 'No likely accounts in the recent events.',
    elsewhere: 'already linked to another person: unlink it there first',
    link: 'Link {{account}}',
    byHand: 'Link an account by hand',
    platform: 'Platform',
    memberId: 'Member id there',
    linkButton: 'Link',
    failed: 'The team ledger did not take this:',
    code: {
      make: 'Make a verification code',
      shown: 'Verification code {{code}}: ask the member to post it from their other accounts; those accounts are then suggested here.',
    },
    journey: {
      title: 'Journey',
      none: 'Nothing recorded yet.',
      steps: {
        'first-seen': 'First seen on {{platform}} in {{detail}}',
        joined: 'Joined {{detail}} ({{platform}})',
        'first-message': 'First message on {{platform}}, in {{detail}}',
        'first-answer': 'First answer to a newcomer, in {{detail}} ({{platform}})',
        role: 'Gained the role {{detail}} on {{platform}}',
        case: '{{action}} on {{platform}}: {{note}}',
        linked: '{{platform}} account linked to this person',
        unlinked: '{{platform}} account unlinked',
        nominated: 'Noted for {{what}}: {{note}}',
      },
    },
    nominate: {
      title: 'Note for a role or an invitation',
      for: 'For',
      role: 'a role',
      invite: 'an invitation',
      why: 'Why',
      save: 'Note it for the team',
      done: 'Noted in the team ledger.',
    },
  },
  insights: {
    sla: {
      title: 'SLA per shift: time to first action and to resolution',
      shift: 'Shift',
      noShift: 'Nobody on shift',
      noShifts: 'No shifts are scheduled in this period: the team schedules them in Shifts.',
      line: '{{name}} · {{start}}–{{end}}',
    },
  },
};
