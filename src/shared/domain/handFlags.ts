// Messages a moderator flagged by hand because triage missed them (issue 14's "the team's own decisions"):
// the categories a moderator picks from, and the mark an inbox item carries for each moderator who flagged it.
import { z } from 'zod';
import type { Flag, FlagCategory, Severity } from './model';

/** What a moderator can flag a missed message as: the inbox's categories ("other" is `custom`). */
export const HandFlagCategorySchema = z.enum(['scam', 'spam', 'toxicity', 'raid', 'self-harm', 'custom']);
export type HandFlagCategory = z.infer<typeof HandFlagCategorySchema>;
export const HAND_FLAG_CATEGORIES = HandFlagCategorySchema.options;
export const HAND_FLAG_NOTE_MAX = 300;
export const HAND_FLAG_TEXT_MAX = 1000;

/** On an inbox item: one moderator flagged its message by hand (`id`: the ledger record's, or `local:` before it). */
export const HandFlagMarkSchema = z.object({
  id: z.string().max(100),
  key: z.string().max(64),
  name: z.string().max(100),
  at: z.number(),
  category: HandFlagCategorySchema,
  note: z.string().max(HAND_FLAG_NOTE_MAX).optional(),
});
export type HandFlagMark = z.infer<typeof HandFlagMarkSchema>;

/** The rule id of a hand flag (also in triage/reasons.ts, which words it). */
export const HAND_FLAG_RULE = 'team.hand-flag';

/** A moderator's judgement: as severe as triage's confident flags. */
const HAND_FLAG_SEVERITY: Severity = 'high';
const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The flag a hand flag puts on its item: the category chosen, who flagged it and their note, as data. */
export function handFlagOf(mark: Pick<HandFlagMark, 'name' | 'category' | 'note'>): Flag {
  const fields = { by: mark.name, ...(mark.note ? { note: mark.note } : {}) };
  return {
    rule: HAND_FLAG_RULE,
    category: mark.category,
    severity: HAND_FLAG_SEVERITY,
    reason: `Flagged by ${mark.name}: missed by triage${mark.note ? ` — ${mark.note}` : ''}`,
    why: { detail: { code: 'handFlag', fields } },
    evidence: [],
  };
}

/** What a hand flag reads and changes of an item (InboxItem, in inbox.ts, holds these). */
export interface HandFlaggedItem {
  handFlags?: HandFlagMark[] | undefined;
  flags: Flag[];
  severity: Severity;
  categories: FlagCategory[];
  updatedAt: number;
}

/**
 * The item with one more moderator's hand flag: each moderator once (their ledger record replaces the mark
 * their console put down before it came back), the hand flag's flag present (the first moderator's words).
 * Unchanged when nothing is new.
 */
export function withHandFlag<T extends HandFlaggedItem>(item: T, mark: HandFlagMark): T {
  const marks = item.handFlags ?? [];
  const mine = marks.findIndex((m) => m.id === mark.id || (m.key === mark.key && m.id.startsWith(LOCAL_MARK)));
  if (marks.some((m) => m.id === mark.id)) return item;
  const nextMarks = mine >= 0 ? marks.map((m, i) => (i === mine ? { ...mark, at: m.at } : m)) : [...marks, mark].slice(0, MAX_MARKS);
  const first = nextMarks[0]!;
  const flag = handFlagOf(first);
  const flags = item.flags.some((f) => f.rule === HAND_FLAG_RULE) ? item.flags.map((f) => (f.rule === HAND_FLAG_RULE ? flag : f)) : [...item.flags, flag];
  const severity = flags.reduce<Severity>((best, f) => (rank[f.severity] > rank[best] ? f.severity : best), 'low');
  return { ...item, handFlags: nextMarks, flags, severity, categories: [...new Set(flags.map((f) => f.category))], updatedAt: Math.max(item.updatedAt, mark.at) };
}

/** A mark this console put down before its ledger record came back. */
export const LOCAL_MARK = 'local:';
const MAX_MARKS = 20;
