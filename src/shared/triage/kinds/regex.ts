// Regex: patterns over the folded view (or the text as sent), each run only on a message where one
// of its required literals occurs (see matching/regexGates.ts); over the text as sent, only where it
// has what the pattern needs (a character outside ASCII, for the built-in Vietnamese one).
import { z } from 'zod';
import type { EvidenceSpan } from '../../domain/model';
import { emit, spanOf, type CompiledRule, type Scope } from '../compiled';
import { REGEX_INPUT_LIMIT } from '../safeRegex';
import { forEachMatch } from '../scratch';
import { defineKind, type RuleHost } from './kind';

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
  matchOnly: true,
  compile(rule, into) {
    const t = rule.rule.trigger as Trigger;
    // Regexes over the original text are not gated: the literals are in the folded view's spelling.
    rule.regexes = into.regexes(rule, t.patterns, t.on !== 'original');
  },
  evaluate(rule, scope, host) {
    if (!scope.norm || !host.anyRegexOpen(rule, scope.regexGen)) return;
    const evidence = regexEvidence(rule, scope, host);
    if (evidence.length > 0) emit(scope, rule, evidence);
  },
});

/**
 * The matches of a rule's open regexes. The closures live here, not in `evaluate`: a function whose
 * locals a closure captures allocates their context on entry, before any early return, and `evaluate`
 * runs for every regex rule on every message.
 */
function regexEvidence(rule: CompiledRule, scope: Scope, host: RuleHost): EvidenceSpan[] {
  const norm = scope.norm!;
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
  return evidence;
}
