// Signals: a weighted sum of term groups (with their regexes) and message features against a
// threshold; generalizes better than one phrase. Most messages are told apart from an upper bound of
// the score before the exact score is worked out.
import { z } from 'zod';
import { emit, isNewMember, K_TERM, spanOf, type CompiledRule, type Hit, type Scope } from '../compiled';
import { forEachMatch } from '../scratch';
import { defineKind, type RuleHost } from './kind';
import { clipInput } from './regex';

const term = z.string().min(1).max(200);

export const SignalGroupSchema = z.object({
  name: z.string().min(1).max(60),
  terms: z.array(term),
  mode: z.enum(['word', 'substring']).default('word'),
  weight: z.number(),
  /** Regex patterns (folded view) that count as a hit of this group too. */
  patterns: z.array(z.string().min(1).max(500)).default([]),
});

/** A weighted combination of term groups and message features: generalizes better than one phrase. */
export const SignalsTriggerSchema = z.object({
  type: z.literal('signals'),
  groups: z.array(SignalGroupSchema).min(1),
  features: z
    .object({
      link: z.number().default(0),
      invite: z.number().default(0),
      mentions: z.number().default(0),
      newMember: z.number().default(0),
    })
    .default({ link: 0, invite: 0, mentions: 0, newMember: 0 }),
  threshold: z.number(),
  /** Groups of which at least one must hit (e.g. the lure itself, not just "click here"). */
  require: z.array(z.string()).default([]),
  pinyin: z.boolean().default(true),
});
type Trigger = z.infer<typeof SignalsTriggerSchema>;
type GroupHit = Hit & { group: number };

export const signals = defineKind({
  type: 'signals',
  schema: SignalsTriggerSchema,
  context: 'content',
  matchOnly: true,
  compile(rule, into) {
    const t = rule.rule.trigger as Trigger;
    t.groups.forEach((g, gi) => {
      rule.groupNames.push(g.name);
      rule.groupRegexes.push(into.regexes(rule, g.patterns, true));
      for (const raw of g.terms) into.addTerm(raw, rule.index, gi, g.mode, K_TERM, t.pinyin);
    });
    if (t.features.link !== 0 || t.features.invite !== 0) into.needLinks();
    for (const name of t.require) {
      const gi = rule.groupNames.indexOf(name);
      if (gi >= 0 && gi < 31) rule.requireMask |= 1 << gi;
    }
    rule.featureBound = [t.features.link, t.features.invite, t.features.mentions, t.features.newMember].reduce((sum, w) => sum + Math.max(0, w), 0);
  },
  evaluate(rule, scope, host) {
    const norm = scope.norm;
    if (!norm) return;
    const mine = host.hitsOf(rule.index, scope.hitGen);
    const regexOpen = host.anyRegexOpen(rule, scope.regexGen);
    if (mine.length === 0 && !regexOpen) return;
    const t = rule.rule.trigger as Trigger;
    const regexHits = regexOpen ? signalRegexHits(rule, scope, host) : undefined;
    if (mine.length === 0 && regexHits === undefined) return;
    // Most messages touch a group or two and cannot reach the threshold: tell from the raw hits
    // (an upper bound of the score) before sorting out overlaps.
    if (rule.groupRegexes.length <= 30) {
      // Index loops: an iterator over the hits was allocated on every message with a hit.
      let raw = 0;
      for (let k = 0; k < mine.length; k++) raw |= 1 << host.groupOf(mine[k]!.pattern);
      if (regexHits) for (let k = 0; k < regexHits.length; k++) raw |= 1 << regexHits[k]!.group;
      if (t.require.length > 0 && (raw & rule.requireMask) === 0) return;
      let bound = 0;
      for (let gi = 0; gi < t.groups.length; gi++) if (raw & (1 << gi)) bound += Math.max(0, t.groups[gi]!.weight);
      // The features the message has (cheap to tell; an invite only where there is a link).
      const f = t.features;
      if (bound < t.threshold && bound + rule.featureBound >= t.threshold) {
        if ((f.link > 0 || f.invite > 0) && host.linksOf(scope).length > 0) bound += Math.max(0, f.link) + Math.max(0, f.invite);
        if (f.mentions > 0 && scope.mentions > 0) bound += f.mentions;
        if (f.newMember > 0 && isNewMember(scope.event, 7, 60)) bound += f.newMember;
      }
      if (bound < t.threshold) return;
    }
    scoreSignals(rule, scope, host, mine, regexHits);
  },
});

function signalRegexHits(rule: CompiledRule, scope: Scope, host: RuleHost): GroupHit[] | undefined {
  const norm = scope.norm!;
  let regexHits: GroupHit[] | undefined;
  for (let gi = 0; gi < rule.groupRegexes.length; gi++) {
    for (const g of rule.groupRegexes[gi]!) {
      if (!host.gateOpen(g, scope.regexGen)) continue;
      forEachMatch(g.re, clipInput(norm.folded), (at, len) => (regexHits ??= []).push({ pattern: -1, group: gi, start: norm.foldStart(at) ?? 0, end: norm.foldEnd(at + len - 1) ?? 0 }));
    }
  }
  return regexHits;
}

/** A signals rule's exact score, once its upper bound reaches the threshold (the closures live here). */
function scoreSignals(rule: CompiledRule, scope: Scope, host: RuleHost, mine: readonly Hit[], regexHits: GroupHit[] | undefined): void {
  const t = rule.rule.trigger as Trigger;
  const all: GroupHit[] = [];
  for (const h of mine) all.push({ pattern: h.pattern, start: h.start, end: h.end, group: host.groupOf(h.pattern) });
  if (regexHits) for (const h of regexHits) all.push(h);
  // Longest match wins: "not a scam" (a lure) swallows the "scam" (a warning) inside it.
  const kept = all.length === 1 ? all : all.filter((h) => !all.some((o) => o !== h && o.start <= h.start && h.end <= o.end && o.end - o.start > h.end - h.start));
  const groupsHit = new Set<number>();
  for (const h of kept) groupsHit.add(h.group);
  let score = 0;
  for (let gi = 0; gi < t.groups.length; gi++) if (groupsHit.has(gi)) score += t.groups[gi]!.weight;
  if (t.require.length > 0 && !t.require.some((name) => groupsHit.has(rule.groupNames.indexOf(name)))) return;
  if (t.features.link !== 0 && host.linksOf(scope).length > 0) score += t.features.link;
  if (t.features.invite !== 0 && [...host.verdictsOf(scope).values()].some((v) => v.some((x) => x.check === 'invite'))) score += t.features.invite;
  if (t.features.mentions !== 0 && scope.mentions > 0) score += t.features.mentions;
  if (t.features.newMember !== 0 && isNewMember(scope.event, 7, 60)) score += t.features.newMember;
  if (score >= t.threshold) {
    const positive = kept.filter((h) => (t.groups[h.group]?.weight ?? 0) > 0);
    emit(scope, rule, positive.map((h) => spanOf(scope.text, h.start, h.end)));
  }
}
