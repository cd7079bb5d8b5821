// What a rule kind is: its trigger schema (zod), its compile (what it registers with the shared
// matchers once per pack) and its evaluate (one message). Each kind is one module of this folder,
// listed once in registry.ts; the engine knows no kind by name.
import type { z } from 'zod';
import type { RaidConfig } from '../behaviour';
import type { CompiledRule, GatedRegex, Hit, Scope, Verdict } from '../compiled';
import type { FoundLink } from '../links';

/** What a trigger schema must be: an object discriminated by its `type`. */
export type TriggerSchemaShape = z.ZodObject<{ type: z.ZodLiteral<string> }>;

/** What a kind may register while the pack compiles (the engine's shared matchers and windows). */
export interface RuleCompiler {
  /** A term of the rule (`group` its signal group, -1 for none) into the shared term automata. */
  addTerm(raw: string, rule: number, group: number, mode: 'word' | 'substring', kind: number, pinyin: boolean): void;
  /** The rule's regexes, compiled safely and gated by their required literals (a rejected one is a compile problem). */
  regexes(rule: CompiledRule, patterns: readonly string[], gated: boolean): GatedRegex[];
  /** The kind reads the message's links: find them (only then are they looked for). */
  needLinks(): void;
  /** Per-author windows must be kept this long. */
  keepWindow(ms: number): void;
  /** The raid detector's settings (the pack's raid rule). */
  useRaid(config: RaidConfig): void;
}

/** What a kind may ask of the engine while it evaluates a message. */
export interface RuleHost {
  /** The term hits of rule `rule` in this message (`scope.hitGen`). */
  hitsOf(rule: number, hitGen: number): readonly Hit[];
  /** The signal group of a term pattern (-1: none). */
  groupOf(pattern: number): number;
  /** Might any regex of this rule run on this message? */
  anyRegexOpen(rule: CompiledRule, regexGen: number): boolean;
  /** The regexes among `regexes` (of `rule`) that may run on this message, in pattern order. */
  runnable(rule: CompiledRule, regexes: GatedRegex[], regexGen: number): GatedRegex[];
  gateOpen(g: GatedRegex, regexGen: number): boolean;
  /** The message's links, found once per message. */
  linksOf(scope: Scope): FoundLink[];
  /** What the link checks found about each link, once per message. */
  verdictsOf(scope: Scope): Map<FoundLink, Verdict[]>;
  /** The skeleton of a name, cached for the engine's life. */
  nameSkeleton(name: string): string;
  /** The pack's staff names (protected from impersonation). */
  readonly staffNames: readonly string[];
  readonly raid: RaidConfig;
}

export interface RuleKind<S extends TriggerSchemaShape = TriggerSchemaShape> {
  readonly type: z.infer<S>['type'];
  readonly schema: S;
  /**
   * How context treats the kind's flags: `content` rules read the text (a warning or a quotation can
   * trip them); `behaviour` rules are a staff member's ordinary moderation (bursts, mentions).
   */
  readonly context: 'content' | 'behaviour' | 'none';
  /**
   * The rule reads only its own matches: `evaluate` does nothing on a message where the rule has no term
   * hit and no open regex, so the engine does not call it there (most messages). Prove it when setting it
   * (matchOnly.property.test.ts).
   */
  readonly matchOnly: boolean;
  /** Registers what the rule needs (terms, regexes, links, windows); `rule.rule.trigger` is of this kind. */
  compile(rule: CompiledRule, into: RuleCompiler): void;
  /** One message: calls `emit` for each finding. */
  evaluate(rule: CompiledRule, scope: Scope, host: RuleHost): void;
}

/**
 * A kind, with its properties in one order: every kind object then has one hidden class, so the
 * rule loop's `kind.evaluate` load stays monomorphic (only the call target varies).
 */
export function defineKind<S extends TriggerSchemaShape>(kind: RuleKind<S>): RuleKind<S> {
  return { type: kind.type, schema: kind.schema, context: kind.context, matchOnly: kind.matchOnly, compile: kind.compile, evaluate: kind.evaluate };
}

/** Nothing to register: the kind reads only the event and the space's windows. */
export function compileNothing(): void {}
