// Keywords: any of a list of terms, evasion-proof (folded, leetspeak, spaced letters, censored
// vowels, Chinese variants and pinyin). Its terms join the engine's shared term automata.
import { z } from 'zod';
import { emit, K_ALLOW, K_TERM, spansOf } from '../compiled';
import { defineKind } from './kind';

const term = z.string().min(1).max(200);

export const KeywordsTriggerSchema = z.object({
  type: z.literal('keywords'),
  /** `*` at either end makes that end open ("scam*", "*coin"). No cap on the number of terms. */
  terms: z.array(term),
  mode: z.enum(['word', 'substring']).default('word'),
  /** Terms that excuse a match they contain ("scunthorpe" excuses a substring match on its middle). */
  allow: z.array(term).default([]),
  /** Also match Chinese terms by pinyin (homophones, pinyin typed in Latin letters, initials). */
  pinyin: z.boolean().default(true),
  lang: z.string().max(20).optional(),
});
type Trigger = z.infer<typeof KeywordsTriggerSchema>;

export const keywords = defineKind({
  type: 'keywords',
  schema: KeywordsTriggerSchema,
  context: 'content',
  matchOnly: true,
  compile(rule, into) {
    const t = rule.rule.trigger as Trigger;
    for (const raw of t.terms) into.addTerm(raw, rule.index, -1, t.mode, K_TERM, t.pinyin);
    for (const raw of t.allow) into.addTerm(raw, rule.index, -1, 'word', K_ALLOW, false);
  },
  evaluate(rule, scope, host) {
    const mine = host.hitsOf(rule.index, scope.hitGen);
    if (mine.length > 0) emit(scope, rule, spansOf(scope.text, mine));
  },
});
