import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Node's built-in modules by their bare names. Matched as exact module names (`paths`), not as
 * gitignore-style `patterns`: a pattern 'crypto' would also forbid our own `../crypto` folder.
 */
const nodeBuiltinNames = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'buffer', 'events', 'worker_threads', 'zlib'];
const nodeBuiltins = ['node:*'];

/** Environment boundaries of DESIGN.md, enforced here rather than by goodwill. */
const boundary = (patterns, message, names = []) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }], paths: names.map((name) => ({ name, message })) }],
});

export default tseslint.config(
  { ignores: ['**/*.tmp.ts', 'dist/**', 'release/**', 'node_modules/**', 'test/e2e/artifacts/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: boundary(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**', '**/server/**', 'better-sqlite3', 'rxdb', 'rxdb/*'],
      'shared/ is pure TypeScript: no Node, DOM, Electron, database or app-layer imports.',
      nodeBuiltinNames,
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: boundary(
      [...nodeBuiltins, 'electron', '**/electron/**', '**/server/**', 'better-sqlite3', 'rxdb', 'rxdb/*', 'ws'],
      'renderer/ imports only shared/ and browser packages; it reaches the core through the API client.',
      nodeBuiltinNames,
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts'],
    rules: boundary(['electron', '**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], 'the core never imports electron (it runs in plain Node).'),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: boundary(['**/electron/core/**', '**/core/**', '**/main/**', '**/renderer/**', 'better-sqlite3', 'rxdb', 'rxdb/*'], 'the preload is the API bridge and nothing else.'),
  },
  {
    files: ['server/**/*.ts'],
    rules: boundary(['electron', '**/electron/**', '**/renderer/**'], 'server/ imports shared/ and its own code.'),
  },
);
