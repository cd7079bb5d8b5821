// The model's adaptation as a proposal: enough decisions, an effect on the last week's messages counted
// against the model the team judges with now and as the inbox judges (rules and model), nothing proposed twice.
import { describe, expect, it } from 'vitest';
import { shippedModel } from './index';
import { normalize } from './normalize';
import { ADAPT_AFTER, inboxEffect, modelCategoryOf, proposeAdaptation } from './adaptProposal';
import type { ChatEvent } from '../domain/model';
import type { RulePack } from './pack';
import { applyRuleChanges, proposalId, RuleChangeSchema, standingAdaptation } from './changes';
import { defaultPack } from './defaultPack';
import { RulePackSchema } from './pack';
import { ADAPT_MAX_ENTRIES, type AdaptLabel } from './model/adapt';
import { encodeMessage, MAX_MESSAGE_CHARS, RecordBodySchema } from '../team/records';

const model = shippedModel();
const words = (t: string) => normalize(t).words;
const lure = (n: number) => `guild bank officer here, trade your gold to my alt before the season reset, you get it all back after. list at https://moonbirds.tv/g${n}`;
const labels: AdaptLabel[] = [1, 2, 3, 4, 5].map((n) => ({ words: words(lure(n)), category: 'scam', positive: true }));
const PROBE = 'officer here, trade your gold to my alt before the season reset, you get it all back with a bonus, dm me';
const CHAT = ['anyone up for the vault dungeon tonight? need a healer', 'the guild bank audit is done, spreadsheet in the officers channel', 'hello all, the season reset is next week'];
let n = 0;
const message = (text: string): ChatEvent => ({ id: `discord:g:c:${++n}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: 1_700_000_000_000 + n * 60_000, text, author: { id: `u${n}`, name: `member ${n}`, bot: false } });
/** The model alone: a pack with no rules that runs the model. */
const modelOnly: RulePack = RulePackSchema.parse({ id: 'model-only', name: 'Model only', version: 1, rules: [], model: { enabled: true } });
const effectOn = (texts: readonly string[], pack = modelOnly) => inboxEffect(pack, {}, texts.map(message), model);
const probe = effectOn([PROBE, ...CHAT]);

describe('adapting the model as a proposal', () => {
  it('needs enough decisions on messages the model has a category for', () => {
    expect(proposeAdaptation(model, labels.slice(0, ADAPT_AFTER - 1), probe, undefined)).toBeUndefined();
    expect(modelCategoryOf(['flood', 'phishing'])).toBe('scam');
    expect(modelCategoryOf(['raid', 'custom'])).toBeUndefined();
  });

  it('counts the flags it adds on recent messages, fits a ledger record, and is not proposed again once standing', () => {
    const change = proposeAdaptation(model, labels, probe, undefined);
    expect(change).toMatchObject({ op: 'model-adapt', labels: 5, added: 1, removed: 0 });
    expect(RuleChangeSchema.parse(change)).toEqual(change);
    // The pack is untouched; the standing adaptation is the latest one accepted.
    const pack = RulePackSchema.parse(defaultPack);
    expect(applyRuleChanges(pack, [change!])).toEqual(pack);
    expect(standingAdaptation([change!])).toEqual({ labels: 5, bias: change!.bias, delta: change!.delta });
    expect(proposeAdaptation(model, labels, probe, standingAdaptation([change!]))).toBeUndefined();
    expect(proposalId(change!)).toMatch(/^model-adapt:5:[0-9a-f]{8}$/);
    // Resolve-without-action on the same kind of message later: a new proposal that takes the flag back.
    const dismissed: AdaptLabel[] = [...labels, ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ words: words(`officer here, trade your gold to my alt before the season reset (${n})`), category: 'scam' as const, positive: false }))];
    const next = proposeAdaptation(model, dismissed, probe, standingAdaptation([change!]));
    expect(next).toMatchObject({ labels: 13, added: 0, removed: 1 });
  });

  it('counts what changes in the inbox: a message a rule flags already gains nothing from the model, nor one a team rule flags', () => {
    // The shipped pack's rules (fake-support words, scam domains…) and the model, as main runs them.
    const pack = RulePackSchema.parse(defaultPack);
    // The scam in other words, once with an insult the shipped pack's insult rule flags: the adapted model
    // flags both (the shipped one neither), but only the first is new to the inbox.
    const recent = [`you moron, ${PROBE}`, PROBE, ...CHAT];
    expect(proposeAdaptation(model, labels, effectOn(recent, modelOnly), undefined)).toMatchObject({ added: 2, removed: 0 });
    expect(proposeAdaptation(model, labels, effectOn(recent, pack), undefined)).toMatchObject({ added: 1, removed: 0 });
    // A rule of the team's own flags the probe's words too: the adaptation changes nothing in the inbox.
    const alt = RulePackSchema.parse({ ...pack, rules: [...pack.rules, { id: 'team.alt', category: 'scam', severity: 'high', reason: 'Gold to an alt', trigger: { type: 'keywords', mode: 'word', pinyin: false, terms: ['my alt'] } }] });
    expect(proposeAdaptation(model, labels, effectOn(recent, alt), undefined)).toBeUndefined();
  });

  it('refuses a forged record: a delta that is not whole entries, or a bias out of bounds', () => {
    const change = proposeAdaptation(model, labels, effectOn([PROBE]), undefined)!;
    expect(RuleChangeSchema.safeParse({ ...change, delta: change.delta.slice(0, -2) }).success).toBe(false);
    expect(RuleChangeSchema.safeParse({ ...change, bias: [5, 0, 0, 0] }).success).toBe(false);
    expect(RuleChangeSchema.safeParse({ ...change, delta: 'A'.repeat(2000) }).success).toBe(false);
  });

  it('the largest adaptation still fits one ledger message', () => {
    const change = { op: 'model-adapt' as const, labels: 999_999, bias: [-0.5, 0.5, -0.5, 0.5], delta: 'A'.repeat(ADAPT_MAX_ENTRIES * 4), added: 999_999, removed: 999_999 };
    const body = RecordBodySchema.parse({ t: 'rule-change', id: '0123456789abcdef0123456789abcdef0123', change });
    const text = encodeMessage([{ v: 1, a: 'A'.repeat(43), n: 9_999_999, ts: 9_999_999_999_999, r: body, s: 'A'.repeat(86) }]);
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });
});
