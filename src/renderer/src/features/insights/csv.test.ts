import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, keeps Chinese, and defuses formulas', () => {
    const csv = toCsv(['space', 'messages'], [
      ['Practice, "Chat"', 3],
      ['练习社区', 4],
      ['=HYPERLINK("http://x")', -2],
      ['two\nlines', null],
    ]);
    expect(csv).toBe('\uFEFFspace,messages\r\n"Practice, ""Chat""",3\r\n练习社区,4\r\n"\'=HYPERLINK(""http://x"")",-2\r\n"two\nlines",\r\n');
  });
});
