import { describe, expect, it } from 'vitest';
import { checkToneLine, parseVoiceGuide } from './toneBatch';
import { DEFAULT_VOICE_GUIDE } from './voiceGuide';

describe('tone batch line', () => {
  it('answers a draft with its id and findings', () => {
    const r = checkToneLine(JSON.stringify({ id: 'a1', text: 'PLEASE STOP', platform: 'discord' }), 1, DEFAULT_VOICE_GUIDE);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.output)).toEqual({ id: 'a1', findings: [{ kind: 'shouting', message: expect.any(String), span: [0, 11] }] });
  });

  it('keeps a numeric id numeric and answers a fine draft with no findings', () => {
    const r = checkToneLine(JSON.stringify({ id: 7, text: 'Thanks for the report, we removed it.', platform: 'whatsapp' }), 1, DEFAULT_VOICE_GUIDE);
    expect(r.output).toBe('{"id":7,"findings":[]}');
  });

  it('answers a malformed line with empty findings and a message naming the line and field', () => {
    expect(checkToneLine('{oops', 3, DEFAULT_VOICE_GUIDE)).toEqual({ output: '{"id":null,"findings":[]}', error: 'line 3: not valid JSON' });
    const bad = checkToneLine(JSON.stringify({ id: 'x', text: 'hi', platform: 'irc' }), 4, DEFAULT_VOICE_GUIDE);
    expect(bad.output).toBe('{"id":"x","findings":[]}');
    expect(bad.error).toMatch(/^line 4: platform: /);
    expect(checkToneLine('[1,2]', 5, DEFAULT_VOICE_GUIDE).error).toMatch(/^line 5: /);
    expect(checkToneLine(JSON.stringify({ id: 'y', text: 'hi', platform: 'discord', situation: 'party' }), 6, DEFAULT_VOICE_GUIDE).error).toMatch(/situation/);
  });

  it('parses a voice guide, filling defaults, and explains a bad one', () => {
    const ok = parseVoiceGuide('{"emoji":"none","maxLength":{"discord":300}}');
    expect(ok.ok && ok.guide.maxLength).toEqual({ discord: 300, telegram: 1000, whatsapp: 700 });
    const bad = parseVoiceGuide('{"formality":"shouty"}');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^formality: /);
    expect(parseVoiceGuide('nope').ok).toBe(false);
  });
});
