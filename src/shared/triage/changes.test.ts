import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../domain/model';
import { applyRuleChanges, proposeRuleChanges, PROPOSE_WORDS_AFTER, type DecisionLabel } from './changes';
import { normalize } from './normalize';
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

  it('a hand-flagged miss with a link counts towards a link rule, and a message flagged then deleted counts once', () => {
    const miss = (message: string, hosts: string[]): DecisionLabel => ({ kind: 'miss', at: now - 1000, hosts, rules: [], message, miss: { category: 'scam', words: 'claim at link' } });
    const deleted = (message: string, hosts: string[]): DecisionLabel => ({ ...label('delete', hosts), message });
    // Two messages, each flagged by hand and then deleted: two messages, not four decisions.
    expect(proposeRuleChanges([miss('m1', ['lure.top']), deleted('m1', ['lure.top']), miss('m2', ['lure.top']), deleted('m2', ['lure.top'])], pack, new Set(), now).filter((p) => p.change.op === 'link-rule')).toEqual([]);
    const three = proposeRuleChanges([miss('m1', ['lure.top']), deleted('m1', ['lure.top']), miss('m2', ['lure.top']), deleted('m3', ['lure.top'])], pack, new Set(), now);
    expect(three.filter((p) => p.change.op === 'link-rule')).toEqual([{ id: 'link-rule:lure.top', change: { op: 'link-rule', host: 'lure.top' }, count: 3, of: 3, misses: 2 }]);
  });
});

describe('word rules from misses', () => {
  const miss = (text: string, category: 'scam' | 'spam' | 'toxicity' = 'spam', message = text, ago = 60_000): DecisionLabel => ({
    kind: 'miss',
    at: now - ago,
    hosts: [],
    rules: [],
    message,
    miss: { category, words: normalize(text).words, text },
  });

  it(`proposes the words ${PROPOSE_WORDS_AFTER} misses of one category share (after normalization), not two, nor words of nothing`, () => {
    const texts = ['Buy CHEAP F0LL0WERS today!!', 'cheap followers for your page, dm me', 'we sell cheap followers and likes'];
    const proposals = proposeRuleChanges(texts.map((t) => miss(t)), pack, new Set(), now);
    // The words as triage reads them (look-alike letters folded) make the rule; the moderator reads them as written.
    const words = normalize('cheap followers').words;
    expect(proposals).toEqual([{ id: `word-rule:spam:${words}`, change: { op: 'word-rule', words, category: 'spam', shown: 'cheap f0ll0wers' }, count: 3, of: 3, misses: 3 }]);
    // Two misses are not enough; nor are three that share only filler words; nor three of another category each.
    expect(proposeRuleChanges(texts.slice(0, 2).map((t) => miss(t)), pack, new Set(), now)).toEqual([]);
    expect(proposeRuleChanges(['you are here with the', 'and you are here with', 'here you are with the'].map((t) => miss(t)), pack, new Set(), now)).toEqual([]);
    expect(proposeRuleChanges([miss(texts[0]!, 'spam'), miss(texts[1]!, 'scam'), miss(texts[2]!, 'toxicity')], pack, new Set(), now)).toEqual([]);
    // One message flagged three times (three moderators' records cannot, but labels might repeat) is one miss.
    expect(proposeRuleChanges([miss(texts[0]!, 'spam', 'm'), miss(texts[1]!, 'spam', 'm'), miss(texts[2]!, 'spam', 'm')], pack, new Set(), now)).toEqual([]);
    // Decided already (accepted or undone): not proposed again. Older than two weeks: forgotten.
    expect(proposeRuleChanges(texts.map((t) => miss(t)), pack, new Set([`word-rule:spam:${words}`]), now)).toEqual([]);
    expect(proposeRuleChanges(texts.map((t) => miss(t, 'spam', t, 15 * 86_400_000)), pack, new Set(), now)).toEqual([]);
  });

  it('an accepted word rule flags later messages with those words, evasions too, and not others; it is never in the pack before it is accepted', () => {
    const words = normalize('cheap followers').words;
    const engine = createTriageEngine({ pack: applyRuleChanges(pack, [{ op: 'word-rule', words, category: 'spam' }]) });
    const event = (text: string): ChatEvent => ({ id: `e:${text}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: now, text, author: { id: 'u', name: 'u', bot: false } });
    const flagged = (text: string) => engine.evaluate(event(text)).find((f) => f.rule.startsWith('team.words.'));
    expect(flagged('get CHEAP   f0llowers here')).toMatchObject({ category: 'spam', severity: 'medium', why: { base: { code: 'learnedWords', fields: { words } } } });
    expect(flagged('followers are cheap to buy')).toBeUndefined();
    expect(pack.rules.some((r) => r.id.startsWith('team.words.'))).toBe(false);
    // The same change twice adds one rule.
    const twice = applyRuleChanges(pack, [{ op: 'word-rule', words: 'cheap followers', category: 'spam' }, { op: 'word-rule', words: 'cheap followers', category: 'spam' }]);
    expect(twice.rules.filter((r) => r.id.startsWith('team.words.'))).toHaveLength(1);
  });
});
