// A rule's part of its flags' reasons as data, decided once when the pack is compiled (engine.ts):
// the built-in wording by rule id while the team kept the built-in reason, else the team's own words.
import type { FlagWhy } from '../domain/model';
import { defaultPack } from './defaultPack';
import type { Rule } from './pack';
import { englishWords, LEARNED_LINK_PREFIX, LEARNED_WORDS_PREFIX, words } from './reasons';

/** The built-in rules' reasons: a rule whose reason is still this one is worded per rule id in each language. */
const BUILT_IN_REASONS = new Map(defaultPack.rules.map((r) => [r.id, r.reason]));

/** The rule's part of a reason as data: a built-in wording when the team kept it, else the team's words. */
export function ruleWords(r: Rule): Pick<FlagWhy, 'base' | 'own'> {
  if (BUILT_IN_REASONS.get(r.id) === r.reason) return { base: words('rule', { rule: r.id }) };
  const host = r.id.startsWith(LEARNED_LINK_PREFIX) ? r.id.slice(LEARNED_LINK_PREFIX.length) : undefined;
  if (host !== undefined && englishWords(words('learnedLink', { host })) === r.reason) return { base: words('learnedLink', { host }) };
  // A word rule's words are its one keyword term.
  const term = r.id.startsWith(LEARNED_WORDS_PREFIX) && r.trigger.type === 'keywords' ? r.trigger.terms[0] : undefined;
  if (term !== undefined && englishWords(words('learnedWords', { words: term })) === r.reason) return { base: words('learnedWords', { words: term }) };
  return { own: r.reason };
}
