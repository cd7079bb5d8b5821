import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDraft, plainText } from './draft';
import { PLATFORM_LIMITS, renderDocument, renderForPlatform, telegramVisibleText } from './format';

const draft = 'Hi **Ana**, please read *the rules* in `#rules` and [the FAQ](https://example.org/faq).\n\n- first\n- second\n\n1. one\n2. two';

describe('one draft, three platforms', () => {
  it('renders Discord markdown', () => {
    expect(renderDocument(parseDraft(draft), 'discord').text).toBe(
      'Hi **Ana**, please read *the rules* in `#rules` and [the FAQ](https://example.org/faq).\n\n- first\n- second\n\n1. one\n2. two',
    );
  });

  it('renders Telegram HTML with parse mode and counts only visible text', () => {
    const r = renderDocument(parseDraft(draft), 'telegram');
    expect(r.parseMode).toBe('HTML');
    expect(r.text).toBe(
      'Hi <b>Ana</b>, please read <i>the rules</i> in <code>#rules</code> and <a href="https://example.org/faq">the FAQ</a>.\n\n• first\n• second\n\n1. one\n2. two',
    );
    expect(r.length).toBe(telegramVisibleText(r.text).length);
  });

  it("renders WhatsApp's own markers, links spelled out", () => {
    expect(renderDocument(parseDraft(draft), 'whatsapp').text).toBe(
      'Hi *Ana*, please read _the rules_ in `#rules` and the FAQ (https://example.org/faq).\n\n- first\n- second\n\n1. one\n2. two',
    );
  });

  it('nests bold and italic correctly', () => {
    const doc = parseDraft('**bold _both_** end');
    expect(renderDocument(doc, 'discord').text).toBe('**bold *both*** end');
    expect(renderDocument(doc, 'telegram').text).toBe('<b>bold <i>both</i></b> end');
    expect(renderDocument(doc, 'whatsapp').text).toBe('*bold _both_* end');
  });

  it('renders fenced code blocks per platform and escapes inside them', () => {
    const doc = parseDraft('Try:\n```\na < b && @everyone\n```');
    expect(renderDocument(doc, 'telegram').text).toBe('Try:\n\n<pre>a &lt; b &amp;&amp; @\u2060everyone</pre>');
    expect(renderDocument(doc, 'discord').text).toBe('Try:\n\n```\na < b && @\u200Beveryone\n```');
    expect(renderDocument(doc, 'whatsapp').text).toBe('Try:\n\n```a < b && @\u2060everyone```');
  });

  it('keeps literal markup characters literal', () => {
    const doc = parseDraft('2 * 3 = 6, snake_case_name, a \\*star\\*');
    expect(plainText(doc)).toBe('2 * 3 = 6, snake_case_name, a *star*');
    expect(renderDocument(doc, 'discord').text).toBe('2 \\* 3 = 6, snake\\_case\\_name, a \\*star\\*');
    expect(renderDocument(doc, 'whatsapp').text).toBe('2 ＊ 3 = 6, snake＿case＿name, a ＊star＊');
  });

  it('drops unsafe links but keeps their text', () => {
    const doc = parseDraft('[click](javascript:alert(1)) and [ok](https://ok.example)');
    expect(renderDocument(doc, 'telegram').text).toBe('[click](javascript:alert(1)) and <a href="https://ok.example">ok</a>');
  });
});

describe('length limits', () => {
  const sentence = (i: number) => `Sentence number ${i} explains one more **important** point about the rules.`;
  const paragraphs = Array.from({ length: 60 }, (_, p) => Array.from({ length: 4 }, (_, s) => sentence(p * 4 + s)).join(' ')).join('\n\n');

  it('splits a long Discord reply at paragraph boundaries within 2000 characters', () => {
    const r = renderForPlatform(parseDraft(paragraphs), 'discord');
    expect(r.messages.length).toBeGreaterThan(1);
    for (const m of r.messages) expect(m.text.length).toBeLessThanOrEqual(2000);
    // Whole paragraphs: every message starts a sentence and ends one.
    for (const m of r.messages) {
      expect(m.text).toMatch(/^Sentence number \d+/);
      expect(m.text).toMatch(/rules\.$/);
    }
    expect(r.warnings[0]).toMatch(/split into \d+ messages/);
    expect(r.messages.map((m) => m.text).join('\n\n')).toBe(renderDocument(parseDraft(paragraphs), 'discord').text);
  });

  it('splits one huge paragraph at sentence boundaries, never inside bold', () => {
    const one = Array.from({ length: 80 }, (_, i) => sentence(i)).join(' ');
    const r = renderForPlatform(parseDraft(one), 'discord');
    expect(r.messages.length).toBeGreaterThan(1);
    for (const m of r.messages) {
      expect(m.text.length).toBeLessThanOrEqual(2000);
      expect(m.text).toMatch(/^Sentence number \d+.*rules\.$/s);
      expect((m.text.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
    expect(r.warnings).toHaveLength(1);
  });

  it('cuts between words with a warning when one sentence is too long', () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const r = renderForPlatform(parseDraft(long), 'telegram', 500);
    for (const m of r.messages) expect(m.length).toBeLessThanOrEqual(500);
    expect(r.warnings.some((w) => /between words/.test(w))).toBe(true);
    expect(r.messages.map((m) => m.text).join(' ')).toBe(long);
  });

  it('keeps the numbering of an ordered list split across messages', () => {
    const list = Array.from({ length: 30 }, (_, i) => `${i + 1}. item ${i + 1} with some text to make it longer`).join('\n');
    const r = renderForPlatform(parseDraft(list), 'whatsapp', 300);
    expect(r.messages.length).toBeGreaterThan(1);
    const numbers = r.messages.flatMap((m) => [...m.text.matchAll(/^(\d+)\. item (\d+)/gm)].map((x) => [x[1], x[2]]));
    expect(numbers).toHaveLength(30);
    for (const [n, item] of numbers) expect(n).toBe(item);
  });

  it('does not split what fits, and knows each platform limit', () => {
    expect(PLATFORM_LIMITS).toEqual({ discord: 2000, telegram: 4096, whatsapp: 65536 });
    const r = renderForPlatform(parseDraft('x'.repeat(3000)), 'telegram');
    expect(r.messages).toHaveLength(1);
    expect(r.warnings).toEqual([]);
  });

  it('property: every message fits and no visible text is lost (Telegram)', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    const sentenceArb = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' ') + '.');
    const paragraph = fc.tuple(fc.array(sentenceArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '**', '*')).map(([ss, m]) => ss.map((s) => (m ? `${m}${s}${m}` : s)).join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.integer({ min: 40, max: 400 }), (ps, limit) => {
        const doc = parseDraft(ps.join('\n\n'));
        const r = renderForPlatform(doc, 'telegram', limit);
        for (const m of r.messages) expect(m.length).toBeLessThanOrEqual(limit);
        const squash = (s: string) => s.replace(/\s+/g, '');
        expect(squash(r.messages.map((m) => telegramVisibleText(m.text)).join(''))).toBe(squash(telegramVisibleText(renderDocument(doc, 'telegram').text)));
      }),
      { numRuns: 150 },
    );
  });
});
