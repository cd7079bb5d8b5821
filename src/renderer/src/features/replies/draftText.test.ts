import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MACRO_LIBRARY, composeReply, parseDraft, renderDocument, type Run } from '@shared/replies';
import { documentToSource, fillSettingsPlaceholders, outgoingTexts, placeholderHome, placeholdersLeft, refillRule, variableSource } from './draftText';

const hostile = ['**@everyone**', '@here', '<@&1234>', 'a_b_c', '`code`', '[x](javascript:alert(1))', 'ZW\u200Bhidden', 'evil\u202Egnp.exe', '{member}', 'back\\slash.'];

describe('draft text', () => {
  it('round-trips a composed macro with a hostile name through the editor text', () => {
    for (const name of hostile) {
      const composed = composeReply(DEFAULT_MACRO_LIBRARY, ['warning'], { language: 'en', tone: 'neutral' }, { member: name, channel: '#general', rule: 'No spam', moderator: 'Ana' });
      const source = documentToSource(composed.doc);
      for (const platform of ['discord', 'telegram', 'whatsapp'] as const) {
        expect([name, renderDocument(parseDraft(source), platform).text]).toEqual([name, renderDocument(composed.doc, platform).text]);
      }
    }
  });

  it('never lets a name ping everyone on Discord or reach Telegram as markup', () => {
    for (const name of hostile) {
      const composed = composeReply(DEFAULT_MACRO_LIBRARY, ['warning'], { language: 'en', tone: 'firm' }, { member: name, rule: 'r', channel: 'c', moderator: 'm' });
      const source = documentToSource(composed.doc);
      for (const text of outgoingTexts(source, 'discord')) expect(text).not.toMatch(/@everyone|@here|<@&/);
      for (const text of outgoingTexts(source, 'telegram')) expect(text).not.toMatch(/<b>|<a /);
    }
  });

  it('reads back any text, styled or not, exactly as composed', () => {
    // Text heavy in what markdown reads: escapes, stars, underscores, brackets, list markers after a line break.
    const text = fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', '\\', '`', '*', '_', '[', ']', '(', ')', '{', '}', '-', '.', '!', '#', '@', '<', '~', '|', '1', '\n-', '\n2.', '\n3)'), minLength: 1, maxLength: 24 });
    // A styled run starts and ends on a letter: markdown has no bold or italic that opens on a space.
    const styledText = text.map((t) => `w${t.replace(/\n/g, ' ')}w`);
    // A paragraph's first line is never blank (a blank line would end the paragraph in any markdown).
    const run: fc.Arbitrary<Run> = fc.oneof(
      text.map((t) => ({ text: `x${t}` })),
      fc.record({ text: styledText, bold: fc.constant(true) }),
      fc.record({ text: styledText, italic: fc.constant(true) }),
    );
    // Runs are separated by a space, as a template's words are: markers of neighbouring runs never touch.
    const paragraph = fc.array(run, { minLength: 1, maxLength: 4 }).map((runs) => runs.flatMap((r, i) => (i === 0 ? [r] : [{ text: ' ' }, r])));
    fc.assert(
      fc.property(paragraph, (runs) => {
        const doc = { blocks: [{ kind: 'paragraph' as const, runs }] };
        const source = documentToSource(doc);
        for (const platform of ['discord', 'telegram', 'whatsapp'] as const) expect(renderDocument(parseDraft(source), platform).text).toBe(renderDocument(doc, platform).text);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a macro readable: nothing escaped that the editor would not read as markup', () => {
    const composed = composeReply(DEFAULT_MACRO_LIBRARY, ['rule-reminder'], { language: 'en', tone: 'warm' }, { member: 'Grimwald the Grey', rule: 'Be kind: no insults or harassment', community: 'Practice Community' });
    expect(documentToSource(composed.doc)).toBe('Hi Grimwald the Grey!\nJust a friendly reminder about our rule on Be kind: no insults or harassment: {rule_link}. Thanks for helping keep Practice Community a good place!');
  });

  it('splits a draft over the platform limit into several messages', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} is here to make the reply long enough.`).join(' ');
    expect(outgoingTexts(long, 'discord').length).toBeGreaterThan(1);
    expect(outgoingTexts(long, 'whatsapp')).toHaveLength(1);
  });
});

describe('placeholders left in a draft', () => {
  it('names each one once, and nothing in a draft without any', () => {
    expect(placeholdersLeft('Read {rule_link}, then {rule_link} again, or appeal: {appeal_link}.')).toEqual(['{rule_link}', '{appeal_link}']);
    expect(placeholdersLeft('Hi Ana! {} and {Not_One} are not placeholders.')).toEqual([]);
  });
});

describe('placeholders Settings and the warn form fill', () => {
  it('names where each placeholder is filled', () => {
    expect(['{rule_link}', '{appeal_link}', '{support_link}', '{rule}', '{member}'].map((p) => placeholderHome(p, 'warn'))).toEqual(['links', 'links', 'crisis', 'reason', 'text']);
    expect(placeholderHome('{rule}', 'reply')).toBe('text');
  });

  it('fills the links set in Settings into a draft written before, and nothing else', () => {
    const draft = 'Hi {member}, read {rule_link} and {rule_link}; appeal: {appeal_link}';
    const link = variableSource('rule_link', { rule_link: 'https://example.org/rules' });
    expect(link).toContain('https://example.org/rules');
    expect(fillSettingsPlaceholders(draft, { rule_link: 'https://example.org/rules' })).toBe(`Hi {member}, read ${link} and ${link}; appeal: {appeal_link}`);
    // Never a link to anything but a web address (Settings only keeps those anyway).
    expect(fillSettingsPlaceholders(draft, { rule_link: 'javascript:alert(1)' })).not.toContain('](');
    expect(fillSettingsPlaceholders(draft, {})).toBe(draft);
  });

  it('writes a variable as a composed macro does', () => {
    const composed = documentToSource(composeReply({ greetings: {}, macros: [{ id: 'x', title: 'x', situations: [], greet: false, variants: { en: { neutral: 'On {rule}.' } } }] }, ['x'], { language: 'en', tone: 'neutral' }, { rule: 'No *spam*_ever' }).doc);
    expect(composed).toBe(`On ${variableSource('rule', { rule: 'No *spam*_ever' })}.`);
    expect(variableSource('rule', {})).toBeUndefined();
  });

  it('re-fills the reason where the form wrote it, keeping the moderator’s own words', () => {
    const edited = 'Hey, you broke our rule on No spam. I mean it: No spam means no spam.';
    expect(refillRule(edited, 'No spam', 'Be kind')).toEqual({ text: 'Hey, you broke our rule on Be kind. I mean it: Be kind means no spam.', found: true });
    expect(refillRule('our rule on {rule} ({rule_link})', '{rule}', 'Be kind')).toEqual({ text: 'our rule on Be kind ({rule_link})', found: true });
    // Not inside a longer word; the moderator rewrote it: left alone, and said so.
    expect(refillRule('spammy spamming', 'spam', 'Be kind')).toEqual({ text: 'spammy spamming', found: false });
    expect(refillRule('I wrote it my way', 'No spam', 'Be kind')).toEqual({ text: 'I wrote it my way', found: false });
  });
});
