import { describe, expect, it } from 'vitest';
import { DEFAULT_MACRO_LIBRARY, composeReply, parseDraft, renderDocument } from '@shared/replies';
import { documentToSource, outgoingTexts } from './draftText';

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

  it('splits a draft over the platform limit into several messages', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} is here to make the reply long enough.`).join(' ');
    expect(outgoingTexts(long, 'discord').length).toBeGreaterThan(1);
    expect(outgoingTexts(long, 'whatsapp')).toHaveLength(1);
  });
});
