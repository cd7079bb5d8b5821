// Report: a member reported a message; escalates with the number of reports.
import { z } from 'zod';
import { clip, emit } from '../compiled';
import { words } from '../reasons';
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
  matchOnly: false,
  compile: compileNothing,
  evaluate(rule, scope) {
    const { event, space } = scope;
    if (event.kind !== 'report') return;
    const t = rule.rule.trigger as Trigger;
    const target = event.messageId ?? event.id;
    const n = (space.reports.get(target) ?? 0) + 1;
    space.reports.set(target, n);
    emit(scope, rule, [], words('report', { count: n, ...(event.detail ? { note: clip(event.detail, 80) } : {}) }), `report:${target}`, n >= t.escalateAt ? 'high' : undefined);
  },
});
