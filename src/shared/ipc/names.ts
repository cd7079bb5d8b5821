// The names of the contract's commands and events, with no dependencies, so the sandboxed preload
// can expose exactly these and nothing else. contract.ts checks it declares the same names.
export const commandNames = [
  'app.info',
  'sources.list',
  'sources.addDiscord',
  'sources.addTelegramBot',
  'sources.telegramLogin.start',
  'sources.telegramLogin.finish',
  'sources.remove',
  'sync.subscribe',
  'conversation.context',
  'actions.execute',
  'rules.get',
  'rules.save',
  'rules.reset',
  'secrets.protection',
  'secrets.allowUnencrypted',
  'team.state',
  'team.configure',
  'team.claim',
  'team.release',
  'team.resolve',
  'team.note',
  'team.shift',
  'team.handoff',
  'team.ack',
  'team.schedule',
  'team.swap.offer',
  'team.swap.take',
  'team.swap.cancel',
  'team.roster.approve',
  'team.roster.remove',
  'team.rules.change',
  'team.rules.undo',
  'desktop.status',
  'desktop.notify',
] as const;

export const eventNames = ['events.received', 'sources.changed', 'sync.caughtUp', 'team.changed', 'desktop.noticeOpened'] as const;

export type CommandName = (typeof commandNames)[number];
export type EventName = (typeof eventNames)[number];
