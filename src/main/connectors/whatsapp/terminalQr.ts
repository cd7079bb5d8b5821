// Draws a linking QR in a terminal for a headless start, with its raw string for tools that scan
// text. The QR is an offer to link (it expires within a minute), not a linked device's secret.
import QRCode from 'qrcode';

export async function printQr(qr: string, out: NodeJS.WritableStream): Promise<void> {
  const drawn = await QRCode.toString(qr, { type: 'terminal', small: true });
  out.write(`\nLink WhatsApp: on the phone open WhatsApp → Settings → Linked devices → Link a device, and scan:\n${drawn}\nQR string: ${qr}\n\n`);
}
