import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '@shared/domain/model';
import { defaultPack, RulePackSchema } from '@shared/triage';
import { freshRuleId, parsePackFile, parseTrigger, previewPack } from './preview';

const base = RulePackSchema.parse(defaultPack);

function msg(n: number, text: string): ChatEvent {
  return { id: `discord:g:c:${n}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', messageId: String(n), ts: 1_700_000_000_000 + n * 60_000, text, author: { id: `u${n}`, name: `user${n}`, bot: false } };
}

describe('the rule preview', () => {
  const events = [msg(1, 'who has a pizza coupon?'), msg(2, 'good morning all'), msg(3, 'PIZZA COUPONS going cheap today'), msg(4, 'hello')];

  it('lists the messages a new rule would flag, with its reason and evidence, and counts the change', () => {
    const draft = { ...base, rules: [...base.rules, RulePackSchema.shape.rules.element.parse({ id: 'team.pizza', category: 'spam', severity: 'low', reason: 'Pizza: {match}', trigger: { type: 'keywords', terms: ['pizza coupon*'] } })] };
    const preview = previewPack(draft, base, events);
    const matches = preview.byRule.get('team.pizza') ?? [];
    expect(matches.map((m) => m.event.id)).toEqual(['discord:g:c:1', 'discord:g:c:3']);
    expect(matches[1]!.flag.evidence[0]!.text).toMatch(/^PIZZA COUPON/);
    expect(matches[1]!.flag.reason).toBe('Pizza: PIZZA COUPON');
    expect(preview.added).toBe(2);
    expect(preview.removed).toBe(0);
  });

  it('lists, per rule, the messages it matched that context keeps unflagged, and why (issue 14)', () => {
    const preview = previewPack(base, base, [...events, msg(5, 'Saying that immigrants are idiots is racist.'), msg(6, 'you are idiots')]);
    const drops = preview.droppedByRule.get('toxicity.insult') ?? [];
    expect(drops.map((d) => [d.event.id, d.dropped.context, d.dropped.evidence])).toEqual([['discord:g:c:5', 'counter-speech', ['idiots']]]);
    expect((preview.byRule.get('toxicity.insult') ?? []).map((m) => m.event.id)).toEqual(['discord:g:c:6']);
  });

  it('counts what a disabled rule stops flagging', () => {
    const withRule = { ...base, rules: [...base.rules, RulePackSchema.shape.rules.element.parse({ id: 'team.hello', category: 'custom', severity: 'low', reason: 'hi', trigger: { type: 'keywords', terms: ['hello'] } })] };
    const off = { ...withRule, rules: withRule.rules.map((r) => (r.id === 'team.hello' ? { ...r, enabled: false } : r)) };
    const preview = previewPack(off, withRule, events);
    expect(preview.removed).toBe(1);
    expect(preview.byRule.has('team.hello')).toBe(false);
  });

  it('leaves a rejected regex out instead of freezing, and says which pattern and why', () => {
    const draft = { ...base, rules: [...base.rules, RulePackSchema.shape.rules.element.parse({ id: 'team.slow', category: 'custom', severity: 'low', reason: 'x', trigger: { type: 'regex', patterns: ['(a+)+$'] } })] };
    expect(previewPack(draft, base, [msg(1, `${'a'.repeat(30_000)}!`)]).byRule.has('team.slow')).toBe(false);
    const bad = parseTrigger('{"type":"regex","patterns":["ok","(a+)+$"]}');
    expect(bad).toEqual({ ok: false, problems: [{ path: ['patterns', 1], code: 'regex_nested', fields: { pattern: '(a+)+$' } }] });
  });

  it('says in words what is wrong with a trigger or an imported file', () => {
    expect(parseTrigger('{"type":"keywords","terms":["a"]}').ok).toBe(true);
    const bad = parseTrigger('{"type":"keywords","terms":"a"}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toEqual([{ path: ['terms'], code: 'invalid_type', fields: { expected: 'array', received: 'string' } }]);
    expect(parsePackFile('{"rules": [')).toEqual({ ok: false, problems: [{ path: [], code: 'json_syntax' }] });
    const wrong = parsePackFile(JSON.stringify({ ...base, rules: [{ ...base.rules[0], severity: 'extreme' }] }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problems.map((p) => [p.path.join('.'), p.code])).toEqual([['rules.0.severity', 'invalid_value']]);
    expect(parsePackFile(JSON.stringify(base)).ok).toBe(true);
  });

  it('makes rule ids that are not taken', () => {
    const pack = { ...base, rules: [...base.rules, { ...base.rules[0]!, id: 'team.keywords' }] };
    expect(freshRuleId(pack, 'team.keywords')).toBe('team.keywords-2');
    expect(freshRuleId(pack, 'team.regex')).toBe('team.regex');
  });
});

describe('the rule preview’s scam-domain lists', () => {
  it('flags a link to a listed scam host, as main does (the same lists, not an empty set)', () => {
    const preview = previewPack(base, undefined, [msg(1, 'see https://ueswap.cloud/pool for the docs')]);
    const reasons = [...preview.byRule.values()].flat().map((m) => m.flag.reason);
    expect(reasons.some((r) => r.includes('ueswap.cloud'))).toBe(true);
  });
});
