// What the engine found, as data (a code and its fields) and in English: the renderer words the same
// codes in each language (i18n `flagReason.detail.*`), the English goes into `Flag.reason` for logs,
// cases and consoles that stored flags before reasons were data.
import type { FlagWords } from '../domain/model';

/** Every code a flag's `why.detail` (or `why.base`) carries; each has its wording in every language. */
export const FLAG_WORD_CODES = [
  'flood',
  'duplicates',
  'impersonation',
  'mentions',
  'newMember',
  'raidJoins',
  'raidPosts',
  'report',
  'invite',
  'defanged',
  'scamDomain',
  'lookalike',
  'shortener',
  'model',
  'automod',
  'appeal',
  'learnedLink',
  'learnedWords',
  // A moderator flagged the message by hand (fields: by, the moderator's name; note, theirs).
  'handFlag',
  // A built-in rule's reason (`why.base`, fields.rule: its id), worded per rule id.
  'rule',
] as const;
export type FlagWordCode = (typeof FLAG_WORD_CODES)[number];

/** The id of a rule the team accepted from its deletes of one host (changes.ts), before the host. */
export const LEARNED_LINK_PREFIX = 'team.learned.';
/** The id of a rule the team accepted from words it kept flagging by hand (changes.ts), before category and digest. */
export const LEARNED_WORDS_PREFIX = 'team.words.';
/** The rule id of a flag a moderator added by hand to a message triage missed. */
export { HAND_FLAG_RULE } from '../domain/handFlags';

/** How a raid's joins look alike (`raidJoins`' `share`). */
export const RAID_SHARES = ['names', 'created', 'young'] as const;
/** What Discord's AutoMod did (`automod`'s `response`). */
export const AUTOMOD_RESPONSES = ['block', 'alert', 'timeout'] as const;

type Fields = Record<string, string | number | boolean>;

export function words(code: FlagWordCode, fields?: Fields): FlagWords {
  return fields ? { code, fields } : { code };
}

const str = (f: Fields | undefined, k: string): string => String(f?.[k] ?? '');
const num = (f: Fields | undefined, k: string): number => Number(f?.[k] ?? 0);

const RAID_SHARE_EN: Record<(typeof RAID_SHARES)[number], string> = {
  names: 'with look-alike names',
  created: 'of accounts created in the same hour',
  young: 'of accounts younger than a week',
};
const AUTOMOD_EN: Record<(typeof AUTOMOD_RESPONSES)[number], string> = { block: 'blocked', alert: 'flagged', timeout: 'timed out the author of' };
const PLATFORM_EN: Record<string, string> = { discord: 'Discord', telegram: 'Telegram', whatsapp: 'WhatsApp' };

/**
 * The English of a code with its fields, as the engine wrote it before reasons were data. `readsLike`
 * words a model category (the classifier's own English), so this module stays free of the model.
 */
export function englishWords(w: FlagWords, readsLike: (category: string) => string = (c) => `reads like ${c}`): string {
  const f = w.fields;
  switch (w.code as FlagWordCode) {
    case 'flood':
      return `${num(f, 'count')} messages within ${num(f, 'seconds')}s${f?.pace !== undefined ? ` (this channel's pace asks for ${num(f, 'pace')})` : ''}`;
    case 'duplicates':
      return `same text ${num(f, 'copies')} times in ${num(f, 'channels')} channel(s)`;
    case 'impersonation':
      return `"${str(f, 'name')}" looks like staff member "${str(f, 'staff')}"`;
    case 'mentions':
      return `${num(f, 'count')} mentions in one message`;
    case 'newMember':
      return `account younger than ${num(f, 'days')} days, joined under ${num(f, 'minutes')} min ago`;
    case 'raidJoins':
      return `${num(f, 'joins')} joins within ${num(f, 'seconds')}s, ${num(f, 'percent')}% ${RAID_SHARE_EN[str(f, 'share') as keyof typeof RAID_SHARE_EN] ?? ''} (incident of ${num(f, 'accounts')} accounts)`;
    case 'raidPosts':
      return `${num(f, 'authors')} accounts posting near-identical text within ${num(f, 'seconds')}s (incident of ${num(f, 'accounts')} accounts)`;
    case 'report': {
      const n = num(f, 'count');
      return `reported by a member${f?.note ? `: ${str(f, 'note')}` : ''} (${n} report${n > 1 ? 's' : ''})`;
    }
    case 'invite':
      return `invite link to another group (${str(f, 'url')})`;
    case 'defanged':
      return `link written defanged (${str(f, 'host')})`;
    case 'scamDomain':
      return `link to ${str(f, 'domain')}, a known scam domain`;
    case 'lookalike':
      return `${str(f, 'host')} imitates ${str(f, 'imitates')}`;
    case 'shortener':
      return `link shortener ${str(f, 'host')} hides where it goes`;
    case 'model':
      return `${readsLike(str(f, 'category'))}${f?.words ? `: ${str(f, 'words')}` : ''} (model${f?.adapted ? ' adapted to the team’s decisions' : ''}, ${num(f, 'score')}%)`;
    case 'automod': {
      const parts = [`${PLATFORM_EN[str(f, 'platform')] ?? str(f, 'platform')} AutoMod ${AUTOMOD_EN[str(f, 'response') as keyof typeof AUTOMOD_EN] ?? 'blocked'} a message`];
      if (f?.rule) parts.push(`rule "${str(f, 'rule')}"`);
      if (f?.matched) parts.push(`matched "${str(f, 'matched')}"`);
      return parts.join(' · ');
    }
    case 'appeal':
      return 'A member wrote to the moderators (appeal or question)';
    case 'rule':
      return str(f, 'rule');
    case 'learnedLink':
      return `Link to ${str(f, 'host')}, which the team kept removing`;
    case 'learnedWords':
      return `“${str(f, 'words')}”, which the team kept flagging by hand`;
    case 'handFlag':
      return `Flagged by ${str(f, 'by')}: missed by triage${f?.note ? ` — ${str(f, 'note')}` : ''}`;
    default:
      return w.code;
  }
}
