import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../domain/model';
import { applyRuleChanges, proposeRuleChanges, type DecisionLabel } from './changes';
import { defaultPack } from './defaultPack';
import { createTriageEngine } from './index';
import { RulePackSchema } from './pack';

const pack = RulePackSchema.parse(defaultPack);
const now = 1_800_000_000_000;
const label = (kind: DecisionLabel['kind'], hosts: string[], rules: string[] = [], ago = 60_000): DecisionLabel => ({ kind, at: now - ago, hosts, rules });

describe('proposals from the team’s decisions', () => {
  it('proposes a link rule for a host removed three times this week, not for one removed twice or long ago', () => {
    const labels = [label('delete', ['xyz.top']), label('ban', ['xyz.top', 'ok.example']), label('timeout', ['xyz.top']), label('delete', ['ok.example']), label('delete', ['old.top'], [], 9 * 86_400_000), label('delete', ['old.top']), label('delete', ['old.top'])];
    const proposals = proposeRuleChanges(labels, pack, new Set(), now);
    expect(proposals.map((p) => p.id)).toEqual(['link-rule:xyz.top']);
    expect(proposals[0]).toMatchObject({ count: 3 });
    expect(proposeRuleChanges(labels, pack, new Set(['link-rule:xyz.top']), now)).toEqual([]);
  });

  it('proposes a lower severity for a rule behind three of the latest resolve-without-action decisions', () => {
    const rule = pack.rules.find((r) => r.severity === 'medium')!;
    const labels = [label('dismissed', [], [rule.id]), label('dismissed', [], [rule.id]), label('dismissed', [], ['other']), label('dismissed', [], [rule.id])];
    expect(proposeRuleChanges(labels, pack, new Set(), now)).toEqual([{ id: `severity:${rule.id}:low`, change: { op: 'severity', rule: rule.id, to: 'low' }, count: 3, of: 4 }]);
  });

  it('an accepted link rule flags the host, also under a subdomain, and not a longer host that ends alike', () => {
    const changed = applyRuleChanges(pack, [{ op: 'link-rule', host: 'xyz.top' }]);
    const engine = createTriageEngine({ pack: changed });
    const event = (text: string): ChatEvent => ({ id: `e:${text}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: now, text, author: { id: 'u', name: 'u', bot: false } });
    expect(engine.evaluate(event('see https://xyz.top/x')).map((f) => f.rule)).toContain('team.learned.xyz.top');
    expect(engine.evaluate(event('see https://get.xyz.top')).map((f) => f.rule)).toContain('team.learned.xyz.top');
    expect(engine.evaluate(event('see https://abcxyz.top')).map((f) => f.rule)).not.toContain('team.learned.xyz.top');
    const hyphen = createTriageEngine({ pack: applyRuleChanges(pack, [{ op: 'link-rule', host: 'xyz-deals.top' }]) });
    expect(hyphen.evaluate(event('hello all, notes at https://xyz-deals.top/notes (after accept)')).map((f) => f.rule)).toContain('team.learned.xyz-deals.top');
  });
});
