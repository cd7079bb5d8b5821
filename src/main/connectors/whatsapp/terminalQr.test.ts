import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printQr } from './terminalQr';

describe('the QR in the terminal', () => {
  it('draws the QR and gives its raw string', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const qr = 'https://wa.me/settings/linked_devices#2@abc,def,ghi,jkl,1';
    await printQr(qr, out);
    expect(text).toContain(`QR string: ${qr}`);
    expect(text).toContain('Linked devices');
    // Drawn with block characters, many lines of them.
    expect(text.split('\n').filter((line) => /[█▀▄]/.test(line)).length).toBeGreaterThan(10);
  });
});
