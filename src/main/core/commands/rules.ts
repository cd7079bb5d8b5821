// The rules feature (`rules.*`): the pack triage runs now — the team's saved pack, else the built-in one —
// and the editor's get, save (checked and compiled first) and reset. A saved pack replaces the running
// engine whole, so behaviour windows (floods, raids) start afresh with it.
import { ok } from '@shared/domain/result';
import type { CommandHandlers, CommandResponse } from '@shared/ipc/contract';
import { createTriageEngine } from '@shared/triage';
import type { ChatEvent } from '@shared/domain/model';
import type { Evaluation, TriageContext, TriageEngine } from '@shared/triage';
import type { Triage } from '../../pipeline/pipeline';
import { loadScamDomainLists } from '../../pipeline/scamDomains';
import { packFailure, packProblems, RulePackStore } from '../../rules/store';
import { logger } from '../../util/log';

const log = logger('core');

export class ActiveRules implements Triage {
  /** The rules triage runs now; replaced whole when the team saves its pack. */
  private engine: TriageEngine | Triage;
  private readonly store: RulePackStore;

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

  /** A team's saved pack replaces the built-in one before any event is triaged (a test's own triage stays). */
  async start(): Promise<void> {
    const loaded = await this.store.load();
    if (loaded.custom && !this.fixed) {
      const compiled = packProblems(loaded.pack, loadScamDomainLists());
      if (compiled.engine) this.engine = compiled.engine;
      else log.warn(`saved rules have problems; running the built-in rules: ${compiled.problems.join('; ')}`);
    }
  }

  handlers(): CommandHandlers<'rules'> {
    return {
      'rules.get': async () => this.store.load(),
      'rules.save': async ({ pack }) => this.save(pack),
      'rules.reset': async () => {
        await this.store.reset();
        const { pack } = await this.store.load();
        if (!this.fixed) this.engine = createTriageEngine({ pack, domains: loadScamDomainLists() });
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
    if (!this.fixed) this.engine = checked.engine;
    log.info(`rules saved: ${checked.pack.rules.length} rules`);
    return ok({ rules: checked.pack.rules.length });
  }
}
