// The registry is the only list of rule kinds: the pack's trigger schema and the engine's dispatch
// both come from it.
import { describe, expect, it } from 'vitest';
import { createTriageEngine } from '../index';
import { RulePackSchema } from '../pack';
import { message } from '../testkit';
import { kindList, kindNumber, TriggerSchema } from './registry';

describe('rule kind registry', () => {
  it('names each kind once, by the literal of its own schema', () => {
    const types = kindList.map((k) => k.type);
    expect(new Set(types).size).toBe(types.length);
    for (const k of kindList) expect(k.schema.shape.type.value).toBe(k.type);
    for (const [i, k] of kindList.entries()) expect(kindNumber.get(k.type)).toBe(i);
  });

  it('makes the trigger schema the union of the kinds\' schemas, in registry order', () => {
    expect(TriggerSchema.options).toEqual(kindList.map((k) => k.schema));
    expect(TriggerSchema.safeParse({ type: 'no-such-kind' }).success).toBe(false);
  });

  it('gives every kind object one shape (the rule loop loads `evaluate` from all of them)', () => {
    const shapes = new Set(kindList.map((k) => Object.keys(k).join(',')));
    expect([...shapes]).toEqual(['type,schema,context,matchOnly,compile,evaluate']);
  });

  it('runs a rule of each kind through the engine by its registry entry', () => {
    const pack = RulePackSchema.parse({
      id: 'p',
      name: 'p',
      version: 1,
      rules: [
        { id: 'kw', category: 'spam', severity: 'low', reason: 'kw {match}', trigger: { type: 'keywords', terms: ['zork'] } },
        { id: 'mention', category: 'spam', severity: 'low', reason: 'mentions', trigger: { type: 'mention-spam', mentions: 2 } },
        { id: 'report', category: 'custom', severity: 'low', reason: 'reported', trigger: { type: 'report' } },
      ],
    });
    const engine = createTriageEngine({ pack });
    expect(engine.evaluate(message('zork <@1> <@2>')).map((f) => f.rule)).toEqual(['kw', 'mention']);
    expect(engine.evaluate(message('', { kind: 'report', messageId: 'm' })).map((f) => f.rule)).toEqual(['report']);
  });
});
