// Never loaded while package.json's build.npmRebuild is false: fails loudly if a native module ever
// needs rebuilding, instead of packaging one built for the wrong runtime.
'use strict';
function refuse() {
  throw new Error('Tribekeeper ships no native modules, so native rebuilds are disabled; see scripts/packaging/no-native-rebuild.');
}
module.exports = { rebuild: refuse, RebuildMode: {} };
