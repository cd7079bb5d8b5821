// Report: a member reported a message; escalates with the number of reports.
import { z } from 'zod';
import { clip, emit } from '../compiled';
import { compileNothing, defineKind } from './kind';

export const ReportTriggerSchema = z.object({
  type: z.literal('report'),
  escalateAt: z.number().int().min(1).default(3),
});
type Trigger = z.infer<typeof ReportTriggerSchema>;

export const report = defineKind({
  type: 'report',
  schema: ReportTriggerSchema,
  context: 'none',
  compile: compileNothing,
  evaluate(rule, scope) {
    const { event, space } = scope;
    if (event.kind !== 'report') return;
    const t = rule.rule.trigger as Trigger;
    const target = event.messageId ?? event.id;
    const n = (space.reports.get(target) ?? 0) + 1;
    space.reports.set(target, n);
    emit(scope, rule, [], `reported by a member${event.detail ? `: ${clip(event.detail, 80)}` : ''} (${n} report${n > 1 ? 's' : ''})`, `report:${target}`, n >= t.escalateAt ? 'high' : undefined);
  },
});
