// Builds the renderer exactly as electron-vite does (same root, aliases, React plugin) into a
// directory of the test's choosing, so browser tests never depend on main's bundle building.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const repo = resolve(__dirname, '../..');

export async function buildRenderer(outDir: string): Promise<string> {
  // `npm test` has just built the renderer with electron-vite: reuse it rather than build it per file.
  if (process.env.TRIBE_RENDERER_DIR) return process.env.TRIBE_RENDERER_DIR;
  // vitest runs with NODE_ENV=test, which would make React's JSX transform and runtime the
  // development ones; the console under test is the production build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildOnce(outDir);
  } finally {
    process.env.NODE_ENV = previous;
  }
  return outDir;
}

async function buildOnce(outDir: string): Promise<void> {
  await build({
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    root: resolve(repo, 'src/renderer'),
    base: './',
    plugins: [react()],
    resolve: { alias: { '@shared': resolve(repo, 'src/shared'), '@renderer': resolve(repo, 'src/renderer/src') } },
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, modulePreload: { polyfill: false }, rollupOptions: { input: { index: resolve(repo, 'src/renderer/index.html') } } },
  });
}
