// @ts-check
import tseslint from 'typescript-eslint';

/**
 * Lint rules that find bugs in async code and leftovers, not style (formatting is the
 * editor's business). Type-aware: the TypeScript project of the server code.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/**', 'data/**', '.scratch/**', 'test/artifacts/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-unreachable': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
