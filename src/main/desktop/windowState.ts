// The window's size and position, remembered between starts (window.json in the settings folder)
// and put back only where a display still shows it (a monitor may have been unplugged since).
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 720, height: 480 };
/** How much of the window must be on a display (px in each direction) to keep its position. */
const VISIBLE = 64;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: the saved bounds when a display's work area still shows enough of them
 * (size capped to that display), else the saved size (or the default) centred on the primary display.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: Rect[]): Rect & { maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (w: number, h: number, area: Rect) => ({
    width: Math.max(MIN_SIZE.width, Math.min(w, area.width)),
    height: Math.max(MIN_SIZE.height, Math.min(h, area.height)),
  });
  if (saved) {
    const home = workAreas.find((area) => {
      const o = overlap(saved, area);
      return o.w >= VISIBLE && o.h >= VISIBLE;
    });
    if (home) return { x: saved.x, y: saved.y, ...fit(saved.width, saved.height, home), maximized: saved.maximized };
  }
  const size = fit(saved?.width ?? DEFAULT_SIZE.width, saved?.height ?? DEFAULT_SIZE.height, primary);
  return {
    x: Math.round(primary.x + (primary.width - size.width) / 2),
    y: Math.round(primary.y + (primary.height - size.height) / 2),
    ...size,
    maximized: saved?.maximized ?? false,
  };
}

export async function loadWindowState(file: string): Promise<WindowState | undefined> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFile(file, JSON.stringify(WindowStateSchema.parse(state)), { mode: 0o600 });
}
