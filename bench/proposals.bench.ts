// The suggestions' cost per outbox change on the renderer's main thread (issue 15): the notice and Rules
// work out the proposals again after each outbox change. A week of 3,000 messages, five decisions that
// adapt the model; measured: the first count, a repeat with nothing new, and a repeat after one new
// message arrived (the common case in a busy shift). Prints ONE JSON object. Run: npx tsx bench/proposals.bench.ts
import type { ChatEvent } from '@shared/domain/model';
import { defaultPack, normalize } from '@shared/triage';
import { RulePackSchema } from '@shared/triage/pack';
import type { DecisionLabel } from '@shared/triage/changes';
import { proposalsFrom, type ProposalInput } from '../src/renderer/src/features/rules/proposals';

const pack = RulePackSchema.parse({ ...defaultPack, model: { enabled: true } });
const chat = ['anyone up for the vault dungeon tonight? need a healer', 'the guild bank audit is done, spreadsheet in the officers channel', 'hello all, the season reset is next week', 'officer here, trade your gold to my alt before the season reset, dm me'];
let n = 0;
const message = (text: string): ChatEvent => ({ id: `discord:g:c:${++n}`, sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: 1_700_000_000_000 + n * 60_000, text: `${text} (${n})`, author: { id: `u${n % 97}`, name: `member ${n % 97}`, bot: false } });
const lure = (i: number) => `im an admin of the guild bank: trade your gold to my alt before the season reset, dm me (copy ${i})`;
const labels: DecisionLabel[] = [1, 2, 3, 4, 5].map((i) => ({ kind: 'delete', at: 1_700_000_000_000 + i, rules: [], hosts: [], model: { words: normalize(lure(i)).words, category: 'scam', positive: true } }));
const recent = Array.from({ length: 3_000 }, (_, i) => message(chat[i % chat.length]!));
const now = 1_700_000_000_000 + 3_100 * 60_000;
const state = { ruleChanges: [] };

async function timed(input: ProposalInput): Promise<number> {
  const t = performance.now();
  const got = await proposalsFrom(input, pack, state);
  if (got.length === 0) throw new Error('no proposal: the bench measures nothing');
  return performance.now() - t;
}

async function main(): Promise<void> {
const first = await timed({ labels, now, recent });
const same = await timed({ labels, now, recent });
const oneNew: number[] = [];
for (let i = 0; i < 5; i++) {
  recent.push(message(chat[i % chat.length]!));
  recent.shift();
  oneNew.push(await timed({ labels, now, recent: [...recent] }));
}
oneNew.sort((a, b) => a - b);
console.log(JSON.stringify({ messages: recent.length, firstMs: Math.round(first), unchangedMs: Math.round(same), oneNewMessageMedianMs: Math.round(oneNew[2]!) }));
}

void main();
