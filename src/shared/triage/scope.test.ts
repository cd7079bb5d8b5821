import { describe, expect, it } from 'vitest';
import { createTriageEngine, RulePackSchema } from './index';
import { message } from './testkit';

const pack = (channels?: string[]) =>
  RulePackSchema.parse({
    id: 'p',
    name: 'p',
    version: 1,
    rules: [
      { id: 'team.coupon', category: 'spam', severity: 'low', reason: 'Coupon', trigger: { type: 'keywords', terms: ['coupon'] }, actions: [{ type: 'delete' }], ...(channels ? { channels } : {}) },
      { id: 'team.promo', category: 'spam', severity: 'low', reason: 'Promo', trigger: { type: 'keywords', terms: ['promo'] } },
    ],
  });

describe('rules limited to channels', () => {
  it('flags (and acts) only in the channels named, by name without # or by id; other rules everywhere', () => {
    const engine = createTriageEngine({ pack: pack(['#Market', '555']) });
    const at = (channelId: string, channelName?: string) => engine.evaluateDetailed(message('coupon and promo here', { channelId, ...(channelName ? { channelName } : {}) }));
    expect(at('1', 'general').flags.map((f) => f.rule)).toEqual(['team.promo']);
    expect(at('1', 'general').actions).toEqual([]);
    expect(at('2', 'market').flags.map((f) => f.rule).sort()).toEqual(['team.coupon', 'team.promo']);
    expect(at('2', 'market').actions.map((a) => a.action.type)).toEqual(['delete']);
    expect(at('555').flags.map((f) => f.rule).sort()).toEqual(['team.coupon', 'team.promo']);
    expect(engine.evaluate(message('coupon', { channelId: '1', channelName: 'general' }))).toEqual([]);
  });

  it('leaves a pack without scoped rules to the engine as it is', () => {
    const engine = createTriageEngine({ pack: pack() });
    expect(engine.evaluate(message('coupon', { channelId: '1', channelName: 'general' })).map((f) => f.rule)).toEqual(['team.coupon']);
    expect(engine.constructor.name).not.toBe('Object');
  });
});
