// The rules feature (`rules.*`): the pack triage runs now — the team's saved pack, else the built-in one —
// and the editor's get, save (checked and compiled first) and reset. A saved pack replaces the running
// engine whole, so behaviour windows (floods, raids) start afresh with it.
import { ok } from '@shared/domain/result';
import type { CommandHandlers, CommandResponse } from '@shared/ipc/contract';
import { createTriageEngine, defaultPack, RulePackSchema } from '@shared/triage';
import type { ChatEvent } from '@shared/domain/model';
import type { Evaluation, RulePack, TriageContext, TriageEngine } from '@shared/triage';
import { applyRuleChanges, standingAdaptation, type RuleChange } from '@shared/triage/changes';
import { expandAdaptation, type Adaptation } from '@shared/triage/model/adapt';
import type { Triage } from '../../pipeline/pipeline';
import { loadScamDomainLists } from '../../pipeline/scamDomains';
import { packFailure, packProblems, RulePackStore } from '../../rules/store';
import { logger } from '../../util/log';

const log = logger('core');

export class ActiveRules implements Triage {
  /** The rules triage runs now; replaced whole when the team saves its pack. */
  private engine: TriageEngine | Triage;
  private readonly store: RulePackStore;
  /** The pack saved on this computer (or the built-in one), before the team's accepted changes. */
  private pack: RulePack | undefined;
  /** Rule changes the team accepted from its decisions (issue 15), from the ledger, in order. */
  private teamChanges: readonly RuleChange[] = [];
  /** The model's adaptation to the team's decisions the ledger holds now (the latest accepted, not undone). */
  private adaptation: Adaptation | undefined;

  /** `fixed`: a test's own triage, kept whatever the team saves. */
  constructor(
    home: string,
    private readonly fixed?: Triage,
  ) {
    this.engine = fixed ?? createTriageEngine({ domains: loadScamDomainLists() });
    this.store = new RulePackStore(home);
  }

  evaluate: Triage['evaluate'] = (event, context) => this.engine.evaluate(event, context);

  /** The flags and the automatic actions they ask for; a test's own triage without actions asks for none. */
  evaluateDetailed = (event: ChatEvent, context?: TriageContext): Evaluation => {
    const engine = this.engine;
    return 'evaluateDetailed' in engine && engine.evaluateDetailed ? engine.evaluateDetailed(event, context) : { flags: engine.evaluate(event, context), actions: [] };
  };

  /** A space continues under another id (a Telegram group upgraded): its behaviour windows go on there. */
  moveSpace(from: string, to: string): void {
    const engine = this.engine;
    if ('moveSpace' in engine && typeof engine.moveSpace === 'function') engine.moveSpace(from, to);
  }

  /** A team's saved pack replaces the built-in one before any event is triaged (a test's own triage stays). */
  async start(): Promise<void> {
    const loaded = await this.store.load();
    this.pack = loaded.pack;
    if (loaded.custom && !this.fixed) {
      const compiled = packProblems(loaded.pack, loadScamDomainLists());
      if (compiled.engine) this.engine = compiled.engine;
      else {
        log.warn(`saved rules have problems; running the built-in rules: ${compiled.problems.join('; ')}`);
        this.pack = RulePackSchema.parse(defaultPack);
      }
    }
    this.rebuild();
  }

  /**
   * The team's accepted rule changes as the ledger has them now: the running pack becomes the saved
   * one with these applied, so every console of the team judges alike.
   */
  teamChanged(changes: readonly RuleChange[]): void {
    if (JSON.stringify(changes) === JSON.stringify(this.teamChanges)) return;
    this.teamChanges = [...changes];
    const delta = standingAdaptation(changes);
    try {
      this.adaptation = delta ? expandAdaptation(delta) : undefined;
    } catch {
      // The schema checked its shape; a delta that still does not decode is left out, not half applied.
      this.adaptation = undefined;
      log.warn('the team’s model adaptation does not decode; judging without it');
    }
    this.rebuild();
    log.info(`team rule changes applied: ${changes.length}`);
  }

  private rebuild(): void {
    // Until the team accepted a change, the engine built from the pack is already the right one.
    if (this.fixed || !this.pack || (this.teamChanges.length === 0 && !this.changedOnce)) return;
    this.changedOnce = true;
    const compiled = packProblems(applyRuleChanges(this.pack, this.teamChanges), loadScamDomainLists());
    if (compiled.engine) this.engine = this.adaptation && compiled.pack ? createTriageEngine({ pack: compiled.pack, domains: loadScamDomainLists(), adaptation: this.adaptation }) : compiled.engine;
    else log.warn(`the team's rule changes do not compile; running without them: ${compiled.problems.length} problem(s)`);
  }

  private changedOnce = false;

  handlers(): CommandHandlers<'rules'> {
    return {
      'rules.get': async () => this.store.load(),
      'rules.save': async ({ pack }) => this.save(pack),
      'rules.reset': async () => {
        await this.store.reset();
        const { pack } = await this.store.load();
        this.pack = pack;
        if (!this.fixed) this.engine = createTriageEngine({ pack: applyRuleChanges(pack, this.teamChanges), domains: loadScamDomainLists(), ...(this.adaptation ? { adaptation: this.adaptation } : {}) });
        return ok({ rules: pack.rules.length });
      },
    };
  }

  private async save(input: unknown): Promise<CommandResponse<'rules.save'>> {
    const checked = packProblems(input, loadScamDomainLists());
    if (!checked.pack || !checked.engine) return packFailure(checked.problems);
    const saved = await this.store.save(checked.pack);
    if (!saved.ok) return saved;
    // Behaviour windows (floods, raids) start afresh with the new pack.
    this.pack = checked.pack;
    if (!this.fixed) this.engine = checked.engine;
    if (this.teamChanges.length > 0) this.rebuild();
    log.info(`rules saved: ${checked.pack.rules.length} rules`);
    return ok({ rules: checked.pack.rules.length });
  }
}
