// The rule kinds, in one list: a rule's kind is its index here (the engine dispatches on that number)
// and the pack's trigger schema is the union of theirs. Adding a kind = its module in this folder
// and one line below (see docs/ARCHITECTURE.md, "how to add a rule kind").
import { z } from 'zod';
import { duplicates } from './duplicates';
import { flood } from './flood';
import { impersonation } from './impersonation';
import { keywords } from './keywords';
import type { RuleKind } from './kind';
import { link } from './link';
import { mentionSpam } from './mentionSpam';
import { newMember } from './newMember';
import { raid } from './raid';
import { regex } from './regex';
import { report } from './report';
import { signals } from './signals';

export const ruleKinds = [
  keywords,
  regex,
  signals,
  link,
  impersonation,
  flood,
  duplicates,
  mentionSpam,
  newMember,
  raid,
  report,
] as const;

type SchemasOf<T extends readonly RuleKind[]> = { -readonly [K in keyof T]: T[K]['schema'] };
/** Every kind's trigger schema, in registry order (the mapped tuple keeps each one's type for the union). */
const triggerSchemas = ruleKinds.map((k) => k.schema) as SchemasOf<typeof ruleKinds>;
export const TriggerSchema = z.discriminatedUnion('type', triggerSchemas);

/** The registry as the engine walks it: every kind behind the one interface. */
export const kindList: readonly RuleKind[] = ruleKinds;

/** A trigger type's kind number (its index in the registry). */
export const kindNumber: ReadonlyMap<string, number> = new Map(ruleKinds.map((k, i) => [k.type, i]));
