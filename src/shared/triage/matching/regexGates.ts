// Regex gates: a regex runs only on a message where one of its required literals occurs (one scan
// of a literals automaton opens them, generation-stamped per message), so a pack of a hundred
// regexes costs a message the one or two its text can match. A regex over the original text (not
// gated by literals, which are spelled as the folded view) is gated by the one thing it may need
// instead: a character outside ASCII, which most chat does not have.
import { Automaton } from '../automaton';
import { clip, type CompiledRule, type GatedRegex } from '../compiled';
import { requiredLiterals, requiresNonAscii } from '../prefilter';
import { compileSafeRegex, REGEX_INPUT_LIMIT } from '../safeRegex';

export class RegexGates {
  private readonly literals = new Automaton();
  private readonly literalIds = new Map<string, number>();
  private literalGeneration = 0;
  /** Per literal id, the regexes it opens; per regex, the generation (message) it was last opened for. */
  private readonly regexesByLiteral: number[][] = [];
  private regexCount = 0;
  private regexOpen = new Int32Array(0);
  /** Per regex, its rule; per rule, the generation one of its regexes was last opened for. */
  private readonly ruleOfRegex: number[] = [];
  private ruleOpen = new Int32Array(0);
  /** Regexes over the original text that only a text with a character outside ASCII can match. */
  private readonly nonAsciiRegexes: number[] = [];

  /** Compiling is over: the literals automaton is built and the stamp tables sized for `rules` rules. */
  build(rules: number): void {
    this.literals.build();
    this.regexOpen = new Int32Array(this.regexCount);
    this.ruleOpen = new Int32Array(rules);
  }

  /** A rule's regexes, safe-compiled; `gated`: each runs only where one of its required literals occurs. */
  compile(rule: CompiledRule, patterns: readonly string[], gated: boolean, problems: Array<{ rule: string; problem: string }>): GatedRegex[] {
    const out: GatedRegex[] = [];
    for (const p of patterns) {
      const r = compileSafeRegex(p);
      if (!r.ok) {
        problems.push({ rule: rule.rule.id, problem: `regex ${clip(p, 40)} rejected: ${r.reason}` });
        continue;
      }
      const literals = gated ? requiredLiterals(p) : undefined;
      const gate = literals ? literals.map((l) => this.literalId(l)) : null;
      const nonAscii = !gated && requiresNonAscii(p);
      const id = this.regexCount++;
      this.ruleOfRegex[id] = rule.index;
      if (!gate && !nonAscii) rule.ungated = true;
      for (const literal of gate ?? []) (this.regexesByLiteral[literal] ??= []).push(id);
      if (nonAscii) this.nonAsciiRegexes.push(id);
      const g: GatedRegex = { re: r.regex, gated: gate !== null || nonAscii, id };
      this.regexById[id] = g;
      out.push(g);
    }
    return out;
  }

  private literalId(literal: string): number {
    let id = this.literalIds.get(literal);
    if (id === undefined) {
      id = this.literals.add(literal);
      this.literalIds.set(literal, id);
    }
    return id;
  }

  /**
   * Opens the regexes whose required literal occurs in the folded text, and those over the original text
   * that need a character outside ASCII when it has one (generation-stamped: no clearing). `scanned`: the
   * literals were just scanned for by `Automaton.collectBoth` on `literalText(folded)`.
   */
  markLiterals(folded: string, original: string, scanned = false): number {
    const gen = ++this.literalGeneration;
    this.openedCount = 0;
    const open = this.regexOpen;
    const ruleOpen = this.ruleOpen;
    const ruleOf = this.ruleOfRegex;
    const nonAscii = this.nonAsciiRegexes;
    if (nonAscii.length > 0 && hasNonAscii(original)) {
      for (let i = 0; i < nonAscii.length; i++) {
        const id = nonAscii[i]!;
        this.opened[this.openedCount++] = id;
        open[id] = gen;
        ruleOpen[ruleOf[id]!] = gen;
      }
    }
    if (this.literalIds.size === 0) return gen;
    const byLiteral = this.regexesByLiteral;
    const n = scanned ? this.literals.collected : this.literals.collect(literalText(folded));
    const found = this.literals.found;
    for (let k = 0; k < n; k++) {
      const ids = byLiteral[found[3 * k]!];
      if (!ids) continue;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (open[id] !== gen) this.opened[this.openedCount++] = id;
        open[id] = gen;
        ruleOpen[ruleOf[id]!] = gen;
      }
    }
    return gen;
  }

  /** The literals' automaton, when there are literals to look for (a scan shared with another: Automaton.collectBoth). */
  literalScan(): Automaton | undefined {
    return this.literalIds.size > 0 ? this.literals : undefined;
  }

  /** The regexes opened for the message being evaluated (ids), and each regex by id. */
  private readonly opened: number[] = [];
  /** How many of `opened` are this message's (the rest are stale). */
  private openedCount = 0;
  private readonly regexById: GatedRegex[] = [];

  /**
   * The regexes of a regex rule (`regexes` are all of its patterns) that may run on this message, in
   * pattern order: a rule of a hundred patterns walks the one or two its literals opened, not all hundred.
   */
  runnable(rule: CompiledRule, regexes: GatedRegex[], gen: number): GatedRegex[] {
    if (rule.ungated || regexes.length <= 8) return regexes.filter((g) => this.gateOpen(g, gen));
    const ids: number[] = [];
    for (let k = 0; k < this.openedCount; k++) {
      const id = this.opened[k]!;
      if (this.ruleOfRegex[id] === rule.index) ids.push(id);
    }
    ids.sort((a, b) => a - b);
    const out: GatedRegex[] = [];
    for (const id of ids) {
      const g = this.regexById[id];
      if (g) out.push(g);
    }
    return out;
  }

  gateOpen(g: GatedRegex, gen: number): boolean {
    return !g.gated || this.regexOpen[g.id] === gen;
  }

  /** Might any regex of this rule run on this message? (Most rules: no, without looking at each.) */
  anyRegexOpen(rule: CompiledRule, gen: number): boolean {
    return rule.ungated || this.ruleOpen[rule.index] === gen;
  }
}

/** Has the part of `text` a regex reads (REGEX_INPUT_LIMIT) a character outside ASCII? */
function hasNonAscii(text: string): boolean {
  for (let i = 0, n = Math.min(text.length, REGEX_INPUT_LIMIT); i < n; i++) if (text.charCodeAt(i) >= 0x80) return true;
  return false;
}

/** What the literals are looked for in: the part of the folded view a regex reads. */
export function literalText(folded: string): string {
  return folded.length > REGEX_INPUT_LIMIT ? folded.slice(0, REGEX_INPUT_LIMIT) : folded;
}
