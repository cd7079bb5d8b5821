// Regex: patterns over the folded view (or the text as sent), each run only on a message where one
// of its required literals occurs (see matching/regexGates.ts).
import { z } from 'zod';
import type { EvidenceSpan } from '../../domain/model';
import { emit, spanOf } from '../compiled';
import { REGEX_INPUT_LIMIT } from '../safeRegex';
import { forEachMatch } from '../scratch';
import { defineKind } from './kind';

export const RegexTriggerSchema = z.object({
  type: z.literal('regex'),
  patterns: z.array(z.string().min(1).max(500)).max(1000),
  /** `folded` = case-folded, confusables mapped, invisibles removed; `original` = as sent. */
  on: z.enum(['folded', 'original']).default('folded'),
});
type Trigger = z.infer<typeof RegexTriggerSchema>;

/** What a regex reads of a text (a longer one is cut: backtracking grows with the input). */
export function clipInput(text: string): string {
  return text.length > REGEX_INPUT_LIMIT ? text.slice(0, REGEX_INPUT_LIMIT) : text;
}

export const regex = defineKind({
  type: 'regex',
  schema: RegexTriggerSchema,
  context: 'content',
  compile(rule, into) {
    const t = rule.rule.trigger as Trigger;
    // Regexes over the original text are not gated: the literals are in the folded view's spelling.
    rule.regexes = into.regexes(rule, t.patterns, t.on !== 'original');
  },
  // The closures capture this function's locals, not the rule loop's (which would make a context
  // object per rule per message).
  evaluate(rule, scope, host) {
    const norm = scope.norm;
    if (!norm || !host.anyRegexOpen(rule, scope.regexGen)) return;
    const t = rule.rule.trigger as Trigger;
    const text = scope.text;
    const evidence: EvidenceSpan[] = [];
    for (const g of host.runnable(rule, rule.regexes, scope.regexGen)) {
      const re = g.re;
      if (t.on === 'original') {
        forEachMatch(re, clipInput(text), (at, len) => evidence.push(spanOf(text, at, at + len)));
      } else {
        forEachMatch(re, clipInput(norm.folded), (at, len) => evidence.push(spanOf(text, norm.foldStart(at) ?? 0, norm.foldEnd(at + len - 1) ?? 0)));
      }
    }
    if (evidence.length > 0) emit(scope, rule, evidence);
  },
});
