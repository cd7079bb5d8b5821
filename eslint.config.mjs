// Lint enforces the layer boundaries of STYLE.md: shared is pure; only connectors import platform
// libraries; only the Electron edge imports electron; only the renderer touches the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const platformLibs = ['discord.js', 'discord.js/*', '@discordjs/*', 'telegram', 'telegram/*', 'baileys', 'baileys/*', '@whiskeysockets/baileys'];
// Bare package names only: './practice/telegram/…' is our own code, not the gramjs package.
const platformRegex = '^(discord\\.js|@discordjs/[^/]+|telegram|baileys|@whiskeysockets/baileys)(/.*)?$';
// The renderer's alias reaches renderer code wherever it is written: main and shared never use it.
const rendererAlias = ['@renderer', '@renderer/*'];
// `process.env` and friends are Node: shared code gets its settings as arguments.
const noProcessMessage = 'src/shared is pure: no process (pass settings in as arguments).';
const noProcess = [
  // Any use of the global (process.env, `const { env } = process`), not a property or key named so.
  { selector: "Identifier[name='process']:not(MemberExpression[computed=false] > Identifier.property):not(Property > Identifier.key):not(TSPropertySignature > Identifier.key):not(MethodDefinition > Identifier.key)", message: noProcessMessage },
  { selector: "MemberExpression[object.name='globalThis'][property.name='process']", message: noProcessMessage },
];
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'ws'];
const rendererImports = [
  { group: [...nodeBuiltins, 'electron', ...platformLibs], message: 'The renderer has no Node, Electron or platform library: it talks to main through the contract.' },
  { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through src/renderer/src/ipc/client.ts.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS by necessity: electron-builder's config and the package stand-ins npm overrides install.
    files: ['**/*.cjs', 'vendor/**/*.js', 'scripts/packaging/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron', ...platformLibs, 'react', 'react-dom', 'dexie'], message: 'src/shared is pure TypeScript: no Node, DOM, Electron or platform library.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', ...rendererAlias], message: 'src/shared must not import from main, renderer or preload.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...noProcess],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    // The Electron entry lives in src/main/electron/ too: no file elsewhere in main may import electron.
    ignores: ['src/main/connectors/**', 'src/main/practice/**', 'src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: platformRegex, message: 'Only src/main/connectors/<platform>/ imports platform client libraries.' },
            { group: ['electron'], message: 'Only src/main/electron/ (the Electron entry included) imports electron.' },
            { group: ['**/electron/**', './electron/*', '../electron/*'], message: 'The core depends on interfaces; only the Electron entry wires the Electron shell in.' },
            { group: ['**/renderer/**', 'react', 'react-dom', ...rendererAlias], message: 'main does not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/practice/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'Only src/main/electron/ imports electron.' }, { group: ['**/renderer/**', ...rendererAlias], message: 'main does not import the renderer.' }] },
      ],
    },
  },
  {
    files: ['src/main/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Only src/main/electron/ imports electron.' },
            { group: ['**/renderer/**', ...rendererAlias], message: 'main does not import the renderer.' },
            // A connector that knew the simulator could pass its tests and fail against the real platform.
            { group: ['**/practice/**', '../practice/*', '../../practice/*'], message: 'A connector never imports the practice servers: they are its peers, not its code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: rendererImports,
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Platform text is data, never markup.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Platform text is data, never markup.' },
      ],
    },
  },
  {
    // A view never sends a command itself: its feature's store or hook does, and handles every result.
    files: ['src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererImports,
            { group: ['**/ipc/client'], importNames: ['send'], message: "A view never calls send: its feature's store or hook does, and handles every result." },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['zod', ...platformLibs, '**/main/**', '**/renderer/**'], message: 'The sandboxed preload imports only electron and the contract names.' }] }],
    },
  },
);
