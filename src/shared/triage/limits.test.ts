// Issue 17, finding 9: triage reads at most TRIAGE_MAX_CHARS of a message and raises at most
// FLAGS_PER_RULE flags per rule, and a flag says when the text was cut.
import { describe, expect, it } from 'vitest';
import { createTriageEngine } from './index';
import { FLAGS_PER_RULE, SPANS_PER_FLAG, TRIAGE_MAX_CHARS } from './engine';
import { message } from './testkit';

const lure = 'Free nitro!!! claim at https://discord-gift.ru/claim and https://steamcommunity.com.ru/gift @everyone DM me crypto giveaway 100x ';

function perRule(flags: ReadonlyArray<{ rule: string }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of flags) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}

describe('triage limits', () => {
  it('reads a lure-heavy line only up to the cap, with a bounded number of flags, and says so', () => {
    const engine = createTriageEngine({ domains: { blacklist: ['discord-gift.ru'] } });
    const text = lure.repeat(Math.ceil(300_000 / lure.length));
    const flags = engine.evaluate(message(text));
    expect(flags.length).toBeGreaterThan(0);
    for (const [rule, n] of perRule(flags)) expect([rule, n <= FLAGS_PER_RULE]).toEqual([rule, true]);
    for (const f of flags) {
      expect(f.checkedChars).toBe(TRIAGE_MAX_CHARS);
      expect(f.evidence.length).toBeLessThanOrEqual(SPANS_PER_FLAG);
      for (const e of f.evidence) expect(e.end).toBeLessThanOrEqual(TRIAGE_MAX_CHARS);
    }
  });

  it('leaves messages within the cap as they were', () => {
    const engine = createTriageEngine({ domains: { blacklist: ['discord-gift.ru'] } });
    const flags = engine.evaluate(message(lure));
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(f.checkedChars).toBeUndefined();
  });

  it('never cuts inside a surrogate pair', () => {
    const engine = createTriageEngine({ domains: { blacklist: ['discord-gift.ru'] } });
    const head = 'https://discord-gift.ru/claim ';
    const filler = 'ab '.repeat(TRIAGE_MAX_CHARS).slice(0, TRIAGE_MAX_CHARS - 1 - head.length);
    // The emoji's first half is the last character the cap would keep.
    const flags = engine.evaluate(message(`${head}${filler}😀 tail`));
    expect(flags.some((f) => f.checkedChars === TRIAGE_MAX_CHARS - 1)).toBe(true);
  });
});
