// Flat config: @eslint/js recommended + typescript-eslint recommended (no type-aware rules: they
// would roughly triple lint time on a 2-core CI machine and `npm run typecheck` already runs tsc).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Globals for plain .js/.mjs files (TypeScript files get no-undef from tsc instead). Listed by hand
// rather than importing the `globals` package, which is only a transitive dependency here.
const ro = (names) => Object.fromEntries(names.split(' ').map((n) => [n, 'readonly']));
const nodeGlobals = ro('process console Buffer URL URLSearchParams fetch AbortController AbortSignal performance '
  + 'setTimeout clearTimeout setInterval clearInterval setImmediate clearImmediate structuredClone globalThis '
  + 'TextEncoder TextDecoder queueMicrotask Blob Response Request Headers');
const browserGlobals = ro('window document navigator location localStorage sessionStorage HTMLElement '
  + 'HTMLCanvasElement Image requestAnimationFrame getComputedStyle');

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      '**/migrations/**',
      'bench/results/**',
      'bench/.data/**',
      'e2e/screenshots/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: nodeGlobals,
    },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // `_`-prefixed names are deliberately unused (Fastify handler signatures, destructuring to omit).
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
      // Casting through `as never`/`as unknown` is how the two Drizzle drivers share one type; `any` stays visible.
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Module augmentation (`declare module 'fastify'`) needs namespaces/interfaces that merge.
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  {
    files: ['web/**/*.{ts,tsx,js,jsx}'],
    languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } },
  },
  {
    // Playwright journeys run code inside the page too (page.evaluate), so both sets of globals apply.
    files: ['e2e/**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...nodeGlobals, ...browserGlobals } },
  },
);
