// The triage engine: compiles a rule pack once (every term of every rule into shared automata, every
// regex behind its literals), then evaluates each event in stages: normalize → match terms and open
// regexes → each rule's kind evaluates → context → model → planned actions. The stages' machinery
// lives beside it: matching/ (terms, regex gates, link checks), kinds/ (one module per rule kind),
// contextStage.ts, scratch.ts (why the hot code is shaped so).
import type { ChatEvent, DroppedFlag, Flag } from '../domain/model';
import { SpaceState, type RaidConfig } from './behaviour';
import { K_ALLOW, noHits, Scope, type CompiledRule, type GatedRegex, type Hit, type TriageContext, type Verdict } from './compiled';
import { applyContext, modelFlags } from './contextStage';
import type { RuleCompiler, RuleHost } from './kinds/kind';
import { kindList, kindNumber } from './kinds/registry';
import { extractLinks, type FoundLink } from './links';
import { LinkChecks, type DomainLists } from './matching/linkChecks';
import { literalText, RegexGates } from './matching/regexGates';
import { Automaton } from './automaton';
import { TermMatcher } from './matching/terms';
import type { Model } from './model/classifier';
import type { Adaptation } from './model/adapt';
import { normalize, skeleton } from './normalize';
import { RulePackSchema, type ActionSpec, type Rule, type RulePack, type RulePackInput } from './pack';
import { ruleWords } from './ruleWords';
import { remember } from './scratch';

export type { TriageContext } from './compiled';
export type { DomainLists } from './matching/linkChecks';
export { FLAGS_PER_RULE, SPANS_PER_FLAG } from './compiled';

export interface TriageOptions {
  pack?: RulePack | RulePackInput;
  domains?: DomainLists;
  /** The learned model; runs only where the pack enables it. */
  model?: Model;
  /** The community's adaptation of the model to its team's decisions (model/adapt.ts), if accepted. */
  adaptation?: Adaptation;
}

export interface PlannedAction {
  rule: string;
  action: ActionSpec;
  dryRun: boolean;
  eventId: string;
  why: string;
}

export interface Evaluation {
  flags: Flag[];
  actions: PlannedAction[];
  /** The flags context dropped, and why (issue 14); undefined when none was. */
  dropped?: DroppedFlag[] | undefined;
}

export interface CompileProblem {
  rule: string;
  problem: string;
}

/** No staff known (read only, never written). */
const noContext: TriageContext = Object.freeze({});

const DEFAULT_RAID: RaidConfig = { joins: 10, seconds: 60, similarShare: 0.6, nearDuplicateAuthors: 5, quietSeconds: 300 };

/**
 * Triage reads at most this much of a message: the largest platform message (WhatsApp, 65,536
 * characters; Discord 4,000, Telegram 4,096). A 5 MB line of lures once ran for over 11 minutes.
 */
export const TRIAGE_MAX_CHARS = 65_536;

/** The first `max` characters of `text` (what triage reads), never ending inside a surrogate pair. */
export function cutForTriage(text: string, max = TRIAGE_MAX_CHARS): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

const MENTION = /<@[!&]?\d+>|(?:^|\s)@[\w.-]{2,}/g;

/** Members a message's text mentions, when its platform gave no count (`<@id>` or `@name`). */
export function mentionsIn(text: string): number {
  return text.includes('@') ? (text.match(MENTION)?.length ?? 0) : 0;
}

export class TriageEngineImpl implements RuleHost {
  readonly pack: RulePack;
  readonly problems: CompileProblem[] = [];
  private readonly rules: CompiledRule[] = [];
  /** The enabled rules, in pack order: what each message is run through. */
  private readonly active: CompiledRule[] = [];
  private readonly terms = new TermMatcher();
  private readonly gates = new RegexGates();
  private readonly links: LinkChecks;
  private readonly spaces = new Map<string, SpaceState>();
  private readonly log: PlannedAction[] = [];
  /** Some rule reads links: look for them (on the first rule that asks, once per message). */
  private needLinks = false;
  /** How long per-author windows must be kept: the longest flood or duplicates window (at least a minute). */
  private horizonMs = 60_000;
  raid: RaidConfig = DEFAULT_RAID;
  readonly staffNames: readonly string[];
  private readonly model: Model | undefined;
  private readonly adaptation: Adaptation | undefined;

  constructor(options: TriageOptions = {}) {
    this.pack = RulePackSchema.parse(options.pack ?? { id: 'empty', name: 'Empty', version: 1, rules: [] });
    this.model = this.pack.model?.enabled ? options.model : undefined;
    this.adaptation = options.adaptation;
    this.links = new LinkChecks(options.domains ?? {}, this.pack.domains);
    this.staffNames = this.pack.staffNames;
    for (const term of this.pack.allow) this.terms.addTerm(term, -1, -1, 'word', K_ALLOW, false);
    const into = this.compiler();
    this.pack.rules.forEach((rule, index) => this.compileRule(rule, index, into));
    this.terms.build(this.pack.rules.length);
    this.gates.build(this.pack.rules.length);
  }

  /** What a kind may register while the pack compiles (kinds/kind.ts). */
  private compiler(): RuleCompiler {
    return {
      addTerm: (raw, rule, group, mode, kind, pinyin) => this.terms.addTerm(raw, rule, group, mode, kind, pinyin),
      regexes: (rule, patterns, gated) => this.gates.compile(rule, patterns, gated, this.problems),
      needLinks: () => void (this.needLinks = true),
      keepWindow: (ms) => void (this.horizonMs = Math.max(this.horizonMs, ms)),
      useRaid: (config) => void (this.raid = config),
    };
  }

  private compileRule(rule: Rule, index: number, into: RuleCompiler): void {
    const kind = kindNumber.get(rule.trigger.type)!;
    const compiled: CompiledRule = { rule, words: ruleWords(rule), index, kind, staff: undefined, ungated: false, matchOnly: kindList[kind]!.matchOnly, requireMask: 0, featureBound: 0, regexes: [], groupRegexes: [], groupNames: [] };
    this.rules.push(compiled);
    if (!rule.enabled) return;
    kindList[kind]!.compile(compiled, into);
    this.active.push(compiled);
  }

  evaluate(event: ChatEvent, context: TriageContext = noContext): Flag[] {
    return this.evaluateDetailed(event, context).flags;
  }

  /**
   * One message through the stages. The rule loop dispatches on the rule's kind number (its index in
   * the registry): every kind object has one hidden class, so loading `evaluate` stays monomorphic and
   * the loop captures nothing; each kind's evaluate returns at once when the message does not concern
   * it. Measured with `npm run bench -- triage` against the switch it replaced (see scratch.ts for why
   * the hot code is shaped so).
   */
  evaluateDetailed(event: ChatEvent, context: TriageContext = noContext): Evaluation {
    const isText = (event.kind === 'message' || event.kind === 'edit') && typeof event.text === 'string' && event.text.length > 0;
    const full = isText ? (event.text ?? '') : '';
    const text = cutForTriage(full);
    const norm = isText ? normalize(text) : undefined;
    // Matching: the words view and the regexes' literals in one loop of two scans (Automaton.collectBoth).
    const literals = norm ? this.gates.literalScan() : undefined;
    if (norm && literals) Automaton.collectBoth(this.terms.wordsAutomaton, norm.words, literals, literalText(norm.folded));
    const hitGen = this.terms.stampHits(norm ? this.terms.termHits(norm, literals !== undefined) : noHits);
    const regexGen = norm ? this.gates.markLiterals(norm.folded, text, literals !== undefined) : 0;
    const space = this.space(event.spaceId);
    space.prune(event.ts, this.horizonMs);
    const mentions = event.mentions ?? mentionsIn(text);
    const scope = new Scope(event, text, norm, space, context, mentions, regexGen, hitGen);
    if (text.length < full.length) scope.cut = text.length;

    const rules = this.active;
    const kinds = kindList;
    const terms = this.terms;
    const gates = this.gates;
    for (let r = 0; r < rules.length; r++) {
      const compiled = rules[r]!;
      // Keywords, signals, regexes: nothing to do without a match of their own (most messages have none).
      if (compiled.matchOnly && !terms.hasHits(compiled.index, hitGen) && !gates.anyRegexOpen(compiled, regexGen)) continue;
      kinds[compiled.kind]!.evaluate(compiled, scope, this);
    }

    // Context: who says it and how. Read only when a rule fired (most messages fire none).
    if (scope.fired.length > 0) applyContext(scope, event, context, space, text);
    if (this.model && norm && (event.kind === 'message' || event.kind === 'edit')) modelFlags(scope, this.model, norm, event, context, space, text, this.adaptation);
    return { flags: scope.flags, actions: this.planActions(scope, event), dropped: scope.dropped };
  }

  /** The automatic actions the fired rules ask for (a flag is not one), also kept in the action log. */
  private planActions(scope: Scope, event: ChatEvent): PlannedAction[] {
    const actions: PlannedAction[] = [];
    for (const { rule, flag } of scope.fired) {
      for (const action of rule.rule.actions) {
        if (action.type === 'flag') continue;
        const planned: PlannedAction = { rule: rule.rule.id, action, dryRun: rule.rule.dryRun, eventId: event.id, why: flag.reason };
        actions.push(planned);
        this.log.push(planned);
      }
    }
    if (this.log.length > 2000) this.log.splice(0, this.log.length - 1000);
    return actions;
  }

  /** A space continues under another id: both ids share its windows, so a flood or raid across the move is one. */
  moveSpace(from: string, to: string): void {
    const windows = this.spaces.get(from);
    if (windows && !this.spaces.has(to)) this.spaces.set(to, windows);
  }

  /** The behaviour windows of a space (at most 5,000 spaces kept, the oldest dropped). */
  private space(spaceId: string): SpaceState {
    let s = this.spaces.get(spaceId);
    if (!s) {
      s = new SpaceState(spaceId);
      this.spaces.set(spaceId, s);
      if (this.spaces.size > 5000) {
        const first = this.spaces.keys().next().value;
        if (first !== undefined) this.spaces.delete(first);
      }
    }
    return s;
  }

  // --- What a rule kind may ask while it evaluates (RuleHost, kinds/kind.ts) ---

  hitsOf(rule: number, hitGen: number): readonly Hit[] {
    return this.terms.hitsOf(rule, hitGen);
  }

  groupOf(pattern: number): number {
    return this.terms.groupOf(pattern);
  }

  anyRegexOpen(rule: CompiledRule, regexGen: number): boolean {
    return this.gates.anyRegexOpen(rule, regexGen);
  }

  runnable(rule: CompiledRule, regexes: GatedRegex[], regexGen: number): GatedRegex[] {
    return this.gates.runnable(rule, regexes, regexGen);
  }

  gateOpen(g: GatedRegex, regexGen: number): boolean {
    return this.gates.gateOpen(g, regexGen);
  }

  /** The message's links, found once and only when a rule asks. */
  linksOf(scope: Scope): FoundLink[] {
    return (scope.links ??= scope.norm && this.needLinks ? extractLinks(scope.norm) : []);
  }

  verdictsOf(scope: Scope): Map<FoundLink, Verdict[]> {
    return (scope.verdicts ??= this.links.verdicts(this.linksOf(scope)));
  }

  /** Skeletons of names: staff names and authors repeat, and each skeleton is a normalization. */
  private readonly skeletons = new Map<string, string>();
  nameSkeleton(name: string): string {
    return remember(this.skeletons, name, 20_000, () => skeleton(name));
  }

  /** What the automatic actions did or, in dry-run, would have done — newest last. */
  actionLog(): readonly PlannedAction[] {
    return this.log;
  }

  /** How big the compiled matcher is (for the benchmark and the rule editor). */
  stats(): { patterns: number; nodes: number; rules: number; blacklist: number } {
    return { ...this.terms.size(), rules: this.rules.length, blacklist: this.links.listed };
  }
}
