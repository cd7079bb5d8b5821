// Builds the renderer exactly as electron-vite does (same root, aliases, React plugin) into a
// directory of the test's choosing, so browser tests never depend on main's bundle building.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const repo = resolve(__dirname, '../..');

export async function buildRenderer(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(repo, 'src/renderer'),
    base: './',
    plugins: [react()],
    resolve: { alias: { '@shared': resolve(repo, 'src/shared'), '@renderer': resolve(repo, 'src/renderer/src') } },
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, modulePreload: { polyfill: false }, rollupOptions: { input: { index: resolve(repo, 'src/renderer/index.html') } } },
  });
  return outDir;
}
