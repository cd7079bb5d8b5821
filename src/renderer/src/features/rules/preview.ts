// The rule editor's dry run: the edited pack runs with the shared engine over recent stored messages,
// here in the renderer, so a moderator sees which messages each rule would flag, and why, before
// saving. Also the words for a pack that does not parse (import, trigger JSON).
import type { z } from 'zod';
import type { ChatEvent, Flag } from '@shared/domain/model';
import { createTriageEngine, RulePackSchema, TriggerSchema, type RulePack, type Trigger } from '@shared/triage';

export interface PreviewMatch {
  event: ChatEvent;
  flag: Flag;
}

export interface PackPreview {
  /** Per rule id, the messages it flags, oldest first. */
  byRule: Map<string, PreviewMatch[]>;
  /** Messages flagged by the draft and not by the saved pack, and the other way round. */
  added: number;
  removed: number;
  /** Compile problems of the draft (a rejected regex), per rule id. */
  problems: Map<string, string[]>;
}

function flaggedIds(pack: RulePack, events: readonly ChatEvent[]) {
  const engine = createTriageEngine({ pack });
  const byRule = new Map<string, PreviewMatch[]>();
  const flagged = new Set<string>();
  for (const event of events) {
    const flags = engine.evaluate(event);
    if (flags.length > 0) flagged.add(event.id);
    for (const flag of flags) {
      let list = byRule.get(flag.rule);
      if (!list) byRule.set(flag.rule, (list = []));
      list.push({ event, flag });
    }
  }
  const problems = new Map<string, string[]>();
  for (const p of engine.problems) problems.set(p.rule, [...(problems.get(p.rule) ?? []), p.problem]);
  return { byRule, flagged, problems };
}

/** `events` must be in time order: the behaviour rules (flood, raid) read them as a stream. */
export function previewPack(draft: RulePack, saved: RulePack | undefined, events: readonly ChatEvent[]): PackPreview {
  const now = flaggedIds(draft, events);
  const before = saved ? flaggedIds(saved, events).flagged : now.flagged;
  let added = 0;
  let removed = 0;
  for (const id of now.flagged) if (!before.has(id)) added += 1;
  for (const id of before) if (!now.flagged.has(id)) removed += 1;
  return { byRule: now.byRule, added, removed, problems: now.problems };
}

/** A zod error as lines a moderator can act on: where, then what. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function parseTrigger(text: string): Parsed<Trigger> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const parsed = TriggerSchema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: issueLines(parsed.error) };
}

export function parsePackFile(text: string): Parsed<RulePack> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const parsed = RulePackSchema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: issueLines(parsed.error) };
}

/** A fresh rule id that the pack does not use yet ("team.keywords-2"). */
export function freshRuleId(pack: RulePack, base: string): string {
  const ids = new Set(pack.rules.map((r) => r.id));
  if (!ids.has(base)) return base;
  for (let n = 2; ; n++) if (!ids.has(`${base}-${n}`)) return `${base}-${n}`;
}
