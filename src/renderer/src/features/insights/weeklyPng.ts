// Draws the weekly report onto a canvas and encodes it as PNG, on this computer (no service): a
// 1200-pixel-wide card with the figures and a bar chart of messages per day.
import type { WeeklyContent } from './weekly';

const WIDTH = 1200;
const PAD = 48;
const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Where the sections end in each of the two columns (the same walk drawWeekly makes). */
function sectionsBottom(c: WeeklyContent): number {
  const columns = [PAD + 110, PAD + 110];
  c.sections.forEach((section, i) => {
    columns[i % 2]! += 36 + section.rows.length * 34 + 16;
  });
  return Math.max(...columns);
}

export function weeklyHeight(c: WeeklyContent): number {
  return sectionsBottom(c) + 10 + 40 + 200 + 40 + 30 + PAD;
}

export function drawWeekly(ctx: CanvasRenderingContext2D, c: WeeklyContent): void {
  const height = weeklyHeight(c);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = '#2f6fde';
  ctx.fillRect(0, 0, WIDTH, 10);
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#111827';
  ctx.font = `bold 34px ${FONT}`;
  ctx.fillText(c.title, PAD, PAD, WIDTH - 2 * PAD);
  ctx.fillStyle = '#4b5563';
  ctx.font = `20px ${FONT}`;
  ctx.fillText(c.subtitle, PAD, PAD + 48, WIDTH - 2 * PAD);
  // Two columns of sections.
  const colWidth = (WIDTH - 3 * PAD) / 2;
  const columns = [PAD + 110, PAD + 110];
  c.sections.forEach((section, i) => {
    const col = i % 2;
    const x = PAD + col * (colWidth + PAD);
    let y = columns[col]!;
    ctx.fillStyle = '#2f6fde';
    ctx.font = `bold 22px ${FONT}`;
    ctx.fillText(section.heading, x, y, colWidth);
    y += 36;
    for (const [label, value] of section.rows) {
      ctx.fillStyle = '#374151';
      ctx.font = `18px ${FONT}`;
      ctx.fillText(label, x, y, colWidth * 0.62);
      ctx.fillStyle = '#111827';
      ctx.font = `bold 18px ${FONT}`;
      ctx.textAlign = 'right';
      ctx.fillText(value, x + colWidth, y, colWidth * 0.36);
      ctx.textAlign = 'left';
      y += 34;
    }
    columns[col] = y + 16;
  });
  // Bars: messages per day.
  const top = Math.max(...columns) + 10;
  ctx.fillStyle = '#111827';
  ctx.font = `bold 22px ${FONT}`;
  ctx.fillText(c.barsTitle, PAD, top);
  const chartTop = top + 40;
  const chartHeight = 200;
  const max = Math.max(1, ...c.bars.map((b) => b.value));
  const slot = (WIDTH - 2 * PAD) / Math.max(1, c.bars.length);
  c.bars.forEach((bar, i) => {
    const h = Math.round((bar.value / max) * chartHeight);
    const x = PAD + i * slot + slot * 0.15;
    ctx.fillStyle = '#2f6fde';
    ctx.fillRect(x, chartTop + chartHeight - h, slot * 0.7, h);
    ctx.fillStyle = '#111827';
    ctx.font = `16px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.fillText(String(bar.value), x + slot * 0.35, chartTop + chartHeight - h - 22);
    ctx.fillStyle = '#4b5563';
    ctx.fillText(bar.label, x + slot * 0.35, chartTop + chartHeight + 8, slot);
    ctx.textAlign = 'left';
  });
  ctx.fillStyle = '#6b7280';
  ctx.font = `15px ${FONT}`;
  ctx.fillText(c.footer, PAD, height - PAD + 8, WIDTH - 2 * PAD);
}

/** The report as a PNG blob. */
export async function weeklyPng(c: WeeklyContent): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = weeklyHeight(c);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  drawWeekly(ctx, c);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
