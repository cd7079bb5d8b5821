// Builds the three Electron bundles. main has two entries: the Electron shell (index, from
// src/main/electron/main.ts) and host mode
// (host), which serves the same renderer to a browser when no Electron binary is present.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const shared = resolve(__dirname, 'src/shared');

/** `npm start` rebuilds only stale bundles (scripts/build-cache.mjs): TRIBE_BUILD_TARGETS=main,renderer. */
const only = process.env.TRIBE_BUILD_TARGETS?.split(',').filter(Boolean);
const pick = <T extends object>(config: T): T =>
  only ? (Object.fromEntries(Object.entries(config).filter(([target]) => only.includes(target))) as T) : config;

export default defineConfig(pick({
  main: {
    resolve: { alias: { '@shared': shared } },
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          host: resolve(__dirname, 'src/main/host.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': shared } },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: [
        { find: '@shared', replacement: shared },
        { find: '@renderer', replacement: resolve(__dirname, 'src/renderer/src') },
        // zod, made jitless before anything in the bundle uses it (see src/renderer/src/zodJitless.ts).
        { find: /^zod$/, replacement: resolve(__dirname, 'src/renderer/src/zodJitless.ts') },
      ],
    },
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified; minified, the page parses less before first paint.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
}));
