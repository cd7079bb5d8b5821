// Rule actions that run (issue 15): the delete, timeout or hold a matched rule asks for is executed by main
// through the same executor and journal as a moderator's action, unless the rule is in dry run (a hold is
// a delete whose item stays open for review); a notify has no platform action: it travels with the
// event, and the console tells the team. Its key
// is derived from the event and the kind, so the same message seen again (a catch-up after a restart,
// two rules asking the same) finds the journaled answer instead of acting twice.
import { createHash } from 'node:crypto';
import { automaticIntent } from '@shared/domain/automation';
import type { AutomaticAction, ChatEvent } from '@shared/domain/model';
import type { PlannedAction, TriageContext } from '@shared/triage';
import type { ActionExecutor } from '../actions/executor';
import { actionPlatform } from '../core/commands/actions';
import type { Connector } from '../core/connector';
import { logger } from '../util/log';

const log = logger('automation');

/** Messages older than this (a first backfill, a long outage) are flagged for a human, not acted on. */
export const AUTOMATION_MAX_AGE_MS = 60 * 60_000;

/** A name-based uuid (version 5 layout over SHA-1): the same event and kind always give the same key. */
export function automaticKey(eventId: string, kind: AutomaticAction['kind']): string {
  const hash = createHash('sha1').update(`tribekeeper/automatic\u0000${eventId}\u0000${kind}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface RuleAutomationOptions {
  executor: ActionExecutor;
  connector(sourceId: string): Connector | undefined;
  now?: () => number;
}

export class RuleAutomation {
  constructor(private readonly options: RuleAutomationOptions) {}

  /** The automatic actions for one new event; the ones not in dry run are started now. */
  run(event: ChatEvent, planned: readonly PlannedAction[], context?: TriageContext): AutomaticAction[] | undefined {
    if (event.kind !== 'message' || !event.messageId || !event.author || event.author.bot) return undefined;
    // The team's own staff are never acted on automatically: a moderator quoting a scam is not one.
    if (context?.staffIds?.includes(event.author.id)) return undefined;
    const now = this.options.now?.() ?? Date.now();
    if (now - event.ts > AUTOMATION_MAX_AGE_MS) return undefined;
    // One action per kind: a rule that runs beats one in dry run, and the longest timeout wins.
    const byKind = new Map<AutomaticAction['kind'], AutomaticAction>();
    for (const p of planned) {
      const kind = p.action.type;
      if (kind === 'flag') continue;
      const next: AutomaticAction = {
        rule: p.rule,
        kind,
        key: automaticKey(event.id, kind),
        dryRun: p.dryRun,
        ...(p.action.type === 'timeout' ? { durationSeconds: p.action.minutes * 60 } : {}),
      };
      const known = byKind.get(kind);
      const better = !known || (known.dryRun && !next.dryRun) || (known.dryRun === next.dryRun && (next.durationSeconds ?? 0) > (known.durationSeconds ?? 0));
      if (better) byKind.set(kind, next);
    }
    // A delete that runs makes a hold of the same message redundant (it would find the message gone).
    const del = byKind.get('delete');
    if (del && (!del.dryRun || byKind.get('hold')?.dryRun)) byKind.delete('hold');
    const actions = [...byKind.values()].filter((a) => a.kind === 'notify' || automaticIntent(event, a) !== undefined);
    for (const action of actions) if (!action.dryRun) this.start(event, action);
    return actions.length > 0 ? actions : undefined;
  }

  private start(event: ChatEvent, action: AutomaticAction): void {
    const intent = automaticIntent(event, action);
    const connector = this.options.connector(event.sourceId);
    if (!intent || !connector) return;
    if (action.kind === 'hold') log.info(`rule ${action.rule}: holding a message for review (${action.key})`);
    // The renderer's outbox holds the same key and asks for the answer; what fails here is told there.
    void this.options.executor.execute(intent, actionPlatform(connector)).then(
      (result) => {
        if (result.ok) log.info(`rule ${action.rule}: ${action.kind} ${result.value.duplicate ? 'was already done' : 'done'} (${action.key})`);
        else log.warn(`rule ${action.rule}: ${action.kind} not done: ${result.error.code} (${action.key})`);
      },
      (error: unknown) => log.error(`rule ${action.rule}: ${action.kind} failed (${action.key})`, error),
    );
  }
}
