// App icons for the installers, all drawn from one source image (resources/icon.png, 1024²): the PNG
// sizes Linux desktops look for, a Windows .ico, and the 1024² PNG electron-builder turns into .icns.
// Written to build/ (generated, not committed) by `npm run dist`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import pngToIco from 'png-to-ico';

export const SOURCE = 'resources/icon.png';
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** Source pixels an output pixel covers along one axis, with how much of each it covers. */
function spans(from, to) {
  const f = from / to;
  return Array.from({ length: to }, (_, o) => {
    const lo = o * f, hi = (o + 1) * f, cells = [];
    for (let s = Math.floor(lo); s < Math.ceil(hi); s++) cells.push([s, Math.min(hi, s + 1) - Math.max(lo, s)]);
    return cells;
  });
}

/** Area-averaged downscale with premultiplied alpha (no dark fringes at transparent edges). */
export function downscale(src, size) {
  if (src.width !== src.height || size > src.width) throw new Error(`icon: cannot scale ${src.width}×${src.height} to ${size}²`);
  const axis = spans(src.width, size);
  const out = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0, area = 0;
      for (const [sy, wy] of axis[y]) {
        for (const [sx, wx] of axis[x]) {
          const i = (sy * src.width + sx) * 4;
          const w = wx * wy, al = src.data[i + 3] * w;
          r += src.data[i] * al;
          g += src.data[i + 1] * al;
          b += src.data[i + 2] * al;
          a += al;
          area += w;
        }
      }
      const o = (y * size + x) * 4;
      out.data[o] = a ? Math.round(r / a) : 0;
      out.data[o + 1] = a ? Math.round(g / a) : 0;
      out.data[o + 2] = a ? Math.round(b / a) : 0;
      out.data[o + 3] = Math.round(a / area);
    }
  }
  return out;
}

/** Writes build/icon.png, build/icon.ico and build/icons/<n>x<n>.png; returns the files written. */
export async function generateIcons(outDir = 'build', source = SOURCE) {
  const src = PNG.sync.read(readFileSync(source));
  if (src.width !== 1024 || src.height !== 1024) throw new Error(`${source} must be 1024×1024 (it is ${src.width}×${src.height})`);
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  const written = [];
  const pngs = new Map();
  for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES])) pngs.set(size, PNG.sync.write(downscale(src, size)));
  for (const size of LINUX_SIZES) {
    const file = join(outDir, 'icons', `${size}x${size}.png`);
    writeFileSync(file, pngs.get(size));
    written.push(file);
  }
  writeFileSync(join(outDir, 'icon.png'), readFileSync(source));
  writeFileSync(join(outDir, 'icon.ico'), await pngToIco(ICO_SIZES.map((s) => pngs.get(s))));
  written.push(join(outDir, 'icon.png'), join(outDir, 'icon.ico'));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of await generateIcons(process.argv[2] ?? 'build')) console.log(file);
}
