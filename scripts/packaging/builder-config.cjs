// The electron-builder configuration (electron-builder.cjs loads it): Linux AppImage + deb, Windows NSIS, macOS dmg. `npm run dist` (scripts/dist.mjs)
// builds the app, icons and THIRD_PARTY_NOTICES into out/ and build/ first. Installers are unsigned
// unless signing variables are set: CSC_LINK (+ CSC_KEY_PASSWORD) or CSC_NAME for macOS and Windows
// (WIN_CSC_LINK for Windows alone), APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID (or
// APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER) to notarize. tests/packaging checks it against electron-builder's schema.
'use strict';

/** The configuration for the environment given (signing depends on it). */
function configFor(env = process.env) {
  const macSigning = Boolean(env.CSC_LINK || env.CSC_NAME);
  const notarize = macSigning && Boolean((env.APPLE_ID && env.APPLE_TEAM_ID) || env.APPLE_API_KEY);
  return {
    appId: 'org.tribekeeper.console',
    productName: 'Tribekeeper',
    executableName: 'tribekeeper',
    copyright: 'Copyright © Tribekeeper contributors',
    directories: { output: 'dist', buildResources: 'build' },
    // What ships: the built app and the production dependencies electron-builder adds itself; never
    // sources, tests, eval data, benches or source maps.
    files: [
      'package.json',
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      '!out/**/*.map',
      // Inside dependencies: only what runs (their sources, type files, tests, benches and docs stay out).
      '!**/node_modules/**/*.{ts,mts,cts,tsx,map,md,markdown,c,cc,h,gyp}',
      '!**/node_modules/**/{test,tests,__tests__,tests-integration,benchmark,benchmarks,bench,example,examples,doc,docs,coverage,.github}/**',
    ],
    extraResources: [
      { from: 'build/THIRD_PARTY_NOTICES', to: 'THIRD_PARTY_NOTICES' },
      { from: 'LICENSE', to: 'LICENSE' },
      // The tray's and notifications' icon (src/main/electron/window.ts reads it from resources/).
      { from: 'resources/icon.png', to: 'icon.png' },
    ],
    asar: true,
    // Nothing native ships (tests/packaging checks), so there is nothing to rebuild for Electron.
    npmRebuild: false,
    nodeGypRebuild: false,
    electronLanguages: ['en-US', 'zh-CN'],
    linux: {
      target: ['AppImage', 'deb'],
      icon: 'build/icons',
      category: 'Network',
      synopsis: 'Moderation console for Discord and Telegram communities',
      maintainer: 'Tribekeeper contributors <tribekeeper@users.noreply.github.com>',
      artifactName: '${productName}-${version}-${arch}.${ext}',
    },
    deb: { packageCategory: 'net' },
    win: { target: ['nsis'], icon: 'build/icon.ico', artifactName: '${productName}-Setup-${version}-${arch}.${ext}' },
    nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
    mac: {
      target: ['dmg'],
      icon: 'build/icon.png',
      category: 'public.app-category.social-networking',
      // null: do not sign (and do not look for an identity in the keychain) when none was given.
      identity: macSigning ? undefined : null,
      hardenedRuntime: macSigning,
      notarize,
      artifactName: '${productName}-${version}-${arch}.${ext}',
    },
    dmg: { sign: false },
    publish: null,
  };
}

module.exports = { configFor };
