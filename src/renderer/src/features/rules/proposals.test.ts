// The proposals counted incrementally: after an outbox change only the messages that came in since are
// judged, and the count is the one a full count over the same week gives (new messages, messages that
// left the week, a new decision that changes the adaptation).
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '@shared/domain/model';
import { inboxEffect } from '@shared/triage/adaptProposal';
import { normalize, shippedModel } from '@shared/triage';
import type { DecisionLabel } from '@shared/triage/changes';
import { RulePackSchema, type RulePack } from '@shared/triage/pack';
import { proposeAdaptation } from '@shared/triage/adaptProposal';
import { proposalsFrom } from './proposals';

const model = shippedModel();
const pack: RulePack = RulePackSchema.parse({ id: 'model-only', name: 'Model only', version: 1, rules: [], model: { enabled: true } });
const lure = (n: number) => `guild bank officer here, trade your gold to my alt before the season reset, you get it all back after. list at https://moonbirds.tv/g${n}`;
const PROBE = 'officer here, trade your gold to my alt before the season reset, you get it all back with a bonus, dm me';
const CHAT = ['anyone up for the vault dungeon tonight? need a healer', 'hello all, the season reset is next week'];
let n = 0;
const message = (text: string): ChatEvent => ({ id: `discord:g:c:${++n}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: 1_700_000_000_000 + n * 60_000, text, author: { id: `u${n}`, name: `member ${n}`, bot: false } });
const label = (text: string, at: number, positive = true): DecisionLabel => ({ kind: positive ? 'delete' : 'dismissed', at, rules: [], hosts: [], model: { words: normalize(text).words, category: 'scam', positive } });
const state = { ruleChanges: [] };

/** What a full count over the same week proposes: the reference the incremental one must equal. */
function fullCount(labels: DecisionLabel[], recent: ChatEvent[]) {
  const change = proposeAdaptation(model, labels.map((l) => l.model!), inboxEffect(pack, {}, recent, model), undefined);
  return change && { added: change.added, removed: change.removed };
}

async function counted(labels: DecisionLabel[], recent: ChatEvent[]) {
  const [first] = await proposalsFrom({ labels, now: 1_800_000_000_000, recent }, pack, state);
  return first?.change.op === 'model-adapt' ? { added: first.change.added, removed: first.change.removed } : undefined;
}

describe('proposals counted after each outbox change', () => {
  it('counts the messages that came in since, forgets those that left the week, and starts over on a new decision', async () => {
    const labels = [1, 2, 3, 4, 5].map((i) => label(lure(i), i));
    let recent = [message(PROBE), ...CHAT.map(message)];
    expect(await counted(labels, recent)).toEqual({ added: 1, removed: 0 });
    // Two more copies of the scam in other words arrive: counted with the ones judged before.
    recent = [...recent, message(`${PROBE} (again)`), message(CHAT[0]!), message(`${PROBE} (third)`)];
    expect(await counted(labels, recent)).toEqual(fullCount(labels, recent));
    expect(await counted(labels, recent)).toEqual({ added: 3, removed: 0 });
    // The first probe leaves the week.
    recent = recent.slice(1);
    expect(await counted(labels, recent)).toEqual({ added: 2, removed: 0 });
    // Six resolve-without-action on such messages: another adaptation, every message judged again.
    const more = [...labels, ...[1, 2, 3, 4, 5, 6].map((i) => label(`officer here, trade your gold to my alt before the season reset (${i})`, 10 + i, false))];
    expect(await counted(more, recent)).toEqual(fullCount(more, recent));
  });
});
