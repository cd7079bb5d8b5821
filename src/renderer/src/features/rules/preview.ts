// The rule editor's dry run: the edited pack runs with the shared engine (and main's scam-domain lists)
// over recent stored messages, here in the renderer, so a moderator sees which messages each rule would flag, and why, before
// saving. Also the problems of a pack or trigger typed as JSON (import, power users), as data.
import type { ChatEvent, DroppedFlag, Flag } from '@shared/domain/model';
import type { Problem } from '@shared/domain/result';
import { createTriageEngine, issueProblem, RulePackSchema, triggerProblems, type RulePack, type Trigger } from '@shared/triage';
import { loadScamDomainLists } from '@shared/triage/scamDomains';

export interface PreviewMatch {
  event: ChatEvent;
  flag: Flag;
}

/** A message a rule (or the model) matched whose flag context dropped (issue 14), and why. */
export interface PreviewDrop {
  event: ChatEvent;
  dropped: DroppedFlag;
}

export interface PackPreview {
  /** Per rule id, the messages it flags, oldest first. */
  byRule: Map<string, PreviewMatch[]>;
  /** Per rule id, the messages it matched that context keeps unflagged, oldest first. */
  droppedByRule: Map<string, PreviewDrop[]>;
  /** Messages flagged by the draft and not by the saved pack, and the other way round. */
  added: number;
  removed: number;
}

function flaggedIds(pack: RulePack, events: readonly ChatEvent[]) {
  // The same scam-domain lists main runs with: a link rule's preview flags what main will flag.
  const engine = createTriageEngine({ pack, domains: loadScamDomainLists() });
  const byRule = new Map<string, PreviewMatch[]>();
  const droppedByRule = new Map<string, PreviewDrop[]>();
  const flagged = new Set<string>();
  for (const event of events) {
    const { flags, dropped } = engine.evaluateDetailed(event);
    if (flags.length > 0) flagged.add(event.id);
    for (const flag of flags) {
      let list = byRule.get(flag.rule);
      if (!list) byRule.set(flag.rule, (list = []));
      list.push({ event, flag });
    }
    for (const d of dropped ?? []) {
      let list = droppedByRule.get(d.rule);
      if (!list) droppedByRule.set(d.rule, (list = []));
      list.push({ event, dropped: d });
    }
  }
  return { byRule, droppedByRule, flagged };
}

/** `events` must be in time order: the behaviour rules (flood, raid) read them as a stream. */
export function previewPack(draft: RulePack, saved: RulePack | undefined, events: readonly ChatEvent[]): PackPreview {
  const now = flaggedIds(draft, events);
  const before = saved ? flaggedIds(saved, events).flagged : now.flagged;
  let added = 0;
  let removed = 0;
  for (const id of now.flagged) if (!before.has(id)) added += 1;
  for (const id of before) if (!now.flagged.has(id)) removed += 1;
  return { byRule: now.byRule, droppedByRule: now.droppedByRule, added, removed };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

function json(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // The engine's syntax message is English; where is enough, and the words are the renderer's.
    return { ok: false, problems: [{ path: [], code: 'json_syntax' }] };
  }
}

/** A trigger typed as JSON (power users), checked like main checks it: shape, then every regex. */
export function parseTrigger(text: string): Parsed<Trigger> {
  const parsed = json(text);
  if (!parsed.ok) return parsed;
  const checked = triggerProblems(parsed.value);
  return checked.trigger && checked.problems.length === 0 ? { ok: true, value: checked.trigger } : { ok: false, problems: checked.problems };
}

export function parsePackFile(text: string): Parsed<RulePack> {
  const parsed = json(text);
  if (!parsed.ok) return parsed;
  const checked = RulePackSchema.safeParse(parsed.value);
  return checked.success ? { ok: true, value: checked.data } : { ok: false, problems: checked.error.issues.map((i) => issueProblem(i, parsed.value)) };
}

export { freshRuleId } from './useRules';
