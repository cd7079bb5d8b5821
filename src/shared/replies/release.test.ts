// A held message's release: attributed, every line quoted, nothing in the member's text pings or
// escapes the quote, one message long, and one outbox key per hold.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { releaseKey, releaseText } from './release';

describe('releasing a held message', () => {
  it('quotes every line under the attribution and defuses what would ping or format on Discord', () => {
    const text = releaseText('discord', 'mika_', '@everyone look <@123> and <@&456>\n> fake quote end\n**bold** [x](https://evil.example)');
    const [header, ...lines] = text.split('\n');
    expect(header).toBe('Message from @mika\\_, released by the moderators:');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.startsWith('> ')).toBe(true);
    expect(text).not.toMatch(/@everyone|<@\d|<@&/);
    expect(text).toContain('\\*\\*bold\\*\\*');
  });

  it('keeps Telegram and WhatsApp mentions plain and fits one message on each platform', () => {
    expect(releaseText('telegram', 'ana', 'ping @admin <b>hi</b>')).toBe('Message from @\u2060ana, released by the moderators:\n> ping @\u2060admin <b>hi</b>');
    expect(releaseText('whatsapp', 'bo', '*bold* @123').split('\n')[1]).toBe('> ＊bold＊ @\u2060123');
    const long = 'lorem ipsum '.repeat(1_000);
    expect(releaseText('discord', 'x', long).length).toBeLessThanOrEqual(2_000);
    expect(releaseText('telegram', 'x', long).length).toBeLessThanOrEqual(4_000);
    expect(releaseText('discord', 'x', long).endsWith('…')).toBe(true);
  });

  it('derives one valid key per hold, never the hold’s own', () => {
    const hold = crypto.randomUUID();
    const key = releaseKey(hold);
    expect(z.uuid().safeParse(key).success).toBe(true);
    expect(key).not.toBe(hold);
    expect(releaseKey(hold)).toBe(key);
    expect(releaseKey(crypto.randomUUID())).not.toBe(key);
  });
});
