// The evaluation's own rules (eval/build.ts, eval/score.ts): the held-out part only grows, and public
// corpora's anonymized placeholders are not read as members being mentioned; the threshold-free figures
// of eval/results.ts are the textbook ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildParts } from '../../../eval/build';
import { samples } from '../../../eval/data';
import type { Sample } from '../../../eval/sample';
import { fnv } from '../../../eval/hash';
import { aucOf } from '../../../eval/results';
import { asEvents, publicValidationRows, summarize, type Row } from '../../../eval/score';
import { isValidation, trainingSources } from './train';
import { TWEET_SOURCES, withoutReplyChain } from '../../../eval/replyChain';
import { createTriageEngine } from '@shared/triage';

const heldOutNow = readFileSync(new URL('../../../eval/heldout.jsonl', import.meta.url), 'utf8').trim().split('\n');

/** A new message that falls in the held-out part (FNV-1a mod 10 < 3) and gets a disguised twin. */
function newHeldOutMessage(): Sample {
  for (let n = 0; ; n++) {
    const text = `Send me your 12 word recovery phrase so I can fix your wallet, ticket ${n}`;
    const h = fnv(text);
    if (h % 10 < 3 && (h >>> 4) % 2 === 0 && !text.startsWith('x')) return { text, label: 'scam', lang: 'en' };
  }
}

describe('eval/build.ts', () => {
  it('rebuilds the held-out part as it is', () => {
    expect(buildParts(samples, [], heldOutNow).heldout).toEqual(heldOutNow);
  });

  it('keeps every held-out line as it was when a message is added, and appends the new one with its twin', () => {
    const added = newHeldOutMessage();
    // Where data.ts would take it: before the held-out messages already there.
    const grown = buildParts([added, ...samples], [], heldOutNow).heldout;
    expect(grown.slice(0, heldOutNow.length)).toEqual(heldOutNow);
    const appended = grown.slice(heldOutNow.length).map((l) => JSON.parse(l) as { text: string; evasive: boolean; authorId: string });
    expect(appended.map((l) => l.evasive)).toEqual([false, true]);
    expect(appended[0]!.text).toBe(added.text);
    // Places of their own: no member or time of an existing line is reused.
    const authors = new Set(heldOutNow.map((l) => (JSON.parse(l) as { authorId: string }).authorId));
    expect(appended.some((l) => authors.has(l.authorId))).toBe(false);
  });

  it('refuses to change or drop a held-out message', () => {
    const first = JSON.parse(heldOutNow[0]!) as { text: string };
    const changed = samples.map((s) => (s.text === first.text ? { ...s, text: `${s.text}!` } : s));
    expect(() => buildParts(changed, [], heldOutNow)).toThrow(/held-out only grows/);
    expect(() => buildParts(samples.filter((s) => s.text !== first.text), [], heldOutNow)).toThrow(/held-out only grows/);
  });
});

describe('eval/score.ts', () => {
  it('does not count a public corpus’s "@USER" placeholders as mentions (Turkish reply chains)', () => {
    const engine = createTriageEngine();
    const text = '@USER @USER @USER @USER @USER @USER @USER @USER bu konuda sonuna kadar haklısınız, teşekkürler';
    const events = asEvents([{ id: 'tr-1', text, label: 'benign', lang: 'tr', part: 'test', source: 'offensive-tr' }]).split('\n').map((l) => JSON.parse(l) as { mentions: number });
    expect(events[0]!.mentions).toBe(0);
    const at = Date.parse('2026-03-01T12:00:00Z');
    const flags = engine.evaluate({ id: 'telegram:g:c:1', sourceId: 's', platform: 'telegram', kind: 'message', spaceId: 'g', channelId: 'c', ts: at, author: { id: 'm1', name: 'member', bot: false }, text, mentions: events[0]!.mentions });
    expect(flags.map((f) => f.category)).not.toContain('mention-spam');
    // A real chat message mentioning as many members is still mention spam.
    const real = text.replaceAll('@USER', '@someone');
    const realEvent = asEvents([{ id: 'x', text: real, label: 'benign' }]).split('\n').map((l) => JSON.parse(l) as { mentions?: number })[0]!;
    expect(realEvent.mentions ?? 8).toBe(8);
  });

  it('reads ToLD-Br’s and MLMA’s lower-case "@user" placeholders as placeholders too', () => {
    const text = 'rt @user @user @user @user @user @user @user mas pra ela pode ser tudo, precisa muito';
    const event = asEvents([{ id: 'told-1', text, label: 'benign', lang: 'pt', part: 'test', source: 'told-br-pt' }]).split('\n').map((l) => JSON.parse(l) as { mentions?: number })[0]!;
    expect(event.mentions).toBe(0);
  });

  it('leaves out the t.co wrapper Twitter puts on every link and picture, not a shortener a member chose', () => {
    const text = '@user Contra fatos não há argumentos, Jair. https://t.co/0np2stclkz';
    const event = asEvents([{ id: 'told-2', text, label: 'benign', lang: 'pt', part: 'test', source: 'told-br-pt' }]).split('\n').map((l) => JSON.parse(l) as { text: string; mentions?: number })[0]!;
    expect(event.text).toBe('@user Contra fatos não há argumentos, Jair.');
    const at = Date.parse('2026-03-01T12:00:00Z');
    const flags = createTriageEngine().evaluate({ id: 'discord:g:c:2', sourceId: 's', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', ts: at, author: { id: 'm2', name: 'member', bot: false }, text: event.text, ...(event.mentions === undefined ? {} : { mentions: event.mentions }) });
    expect(flags.map((f) => f.rule)).not.toContain('spam.link-shortener');
  });
});

describe('eval/score.ts per source', () => {
  it('tells each corpus’s recall and benign false positives apart (where the false alarms come from)', () => {
    const rows: Row[] = [
      { id: '1', text: 'a', label: 'toxicity', source: 'germeval-de' },
      { id: '2', text: 'b', label: 'benign', source: 'germeval-de' },
      { id: '3', text: 'c', label: 'benign', source: 'germeval-de' },
      { id: '4', text: 'd', label: 'toxicity', source: 'told-br-pt' },
      { id: '5', text: 'e', label: 'benign', source: 'told-br-pt' },
    ];
    const flags = [new Set(['toxicity']), new Set(['spam']), new Set<string>(), new Set<string>(), new Set<string>()];
    expect(summarize(rows, flags).perSource).toEqual({
      'germeval-de': { recall: 100, bad: 1, benignFpr: 50, benign: 2 },
      'told-br-pt': { recall: 0, bad: 1, benignFpr: 0, benign: 1 },
    });
  });
});

describe('eval/score.ts --set validation', () => {
  it('scores exactly the public lines the model calibrates on and never learns from', () => {
    const slice = trainingSources().examples.filter((e) => !e.own && isValidation(e));
    const rows = publicValidationRows();
    expect(rows.map((r) => `${r.label}\t${r.text}`)).toEqual(slice.map((e) => `${e.label}\t${e.text}`));
    expect(rows.length).toBeGreaterThan(10_000);
  });
});

describe('eval/results.ts', () => {
  it('computes ROC-AUC with ties shared and average precision as the textbook does', () => {
    // Perfect separation, none, and the worked case: of the 2 × 2 pairs, 3 ranked right → 0.75.
    expect(aucOf([0.9, 0.8], [0.1, 0.2])).toEqual({ roc: 1, ap: 1 });
    expect(aucOf([0.1, 0.2], [0.9, 0.8]).roc).toBe(0);
    expect(aucOf([0.9, 0.4], [0.5, 0.1]).roc).toBe(0.75);
    // Ranked 0.9 (hit), 0.5 (miss), 0.4 (hit): AP = (1/1 + 2/3) / 2.
    expect(aucOf([0.9, 0.4], [0.5, 0.1]).ap).toBeCloseTo((1 + 2 / 3) / 2, 12);
    // A tie between a positive and a negative counts half, and in AP the tied block counts together.
    expect(aucOf([0.5], [0.5]).roc).toBe(0.5);
    expect(aucOf([0.5, 0.9], [0.5]).ap).toBeCloseTo((1 / 2) * 1 + (1 / 2) * (2 / 3), 12);
  });
});

describe('eval/replyChain.ts', () => {
  it("drops the reply chain Twitter puts in front of a tweet, and only that", () => {
    expect(withoutReplyChain('@a_1 @B2 @c3 Habe andere Erfahrungen gemacht @d4')).toBe('Habe andere Erfahrungen gemacht @d4');
    expect(withoutReplyChain('@USER @USER bu konuda haklısınız')).toBe('bu konuda haklısınız');
    expect(withoutReplyChain('Danke @a @b @c @d @e @f @g')).toBe('Danke @a @b @c @d @e @f @g');
    expect(withoutReplyChain('@a, du bist gemeint')).toBe('@a, du bist gemeint');
    expect(withoutReplyChain('@a @b')).toBe('');
  });

  it('no stored line of a tweet corpus opens with a reply chain (the importer strips it)', () => {
    const opening = (source: string): string[] =>
      readFileSync(new URL(`../../../eval/public/${source}.jsonl`, import.meta.url), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { text: string }).text)
        .filter((t) => withoutReplyChain(t) !== t);
    for (const source of TWEET_SOURCES) expect({ source, opening: opening(source).slice(0, 3) }).toEqual({ source, opening: [] });
  });
});
