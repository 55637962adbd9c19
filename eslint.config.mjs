// Lint rules that matter here: floating promises (a lost await loses a decision), and
// determinism of workflow code (Temporal replays it, so no I/O, no Node built-ins, and no
// value imports of activities - only `import type`).
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'generated/**', 'admin-ui/**', 'data/**', '.tools/**', 'coverage/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins.' })),
            { name: '@temporalio/client', message: 'Workflows talk to Temporal through @temporalio/workflow only.' },
            { name: '@temporalio/worker', message: 'Workflows talk to Temporal through @temporalio/workflow only.' },
            { name: '@temporalio/activity', message: 'Activity context is not available in workflows.' },
          ],
          patterns: [
            {
              group: ['**/activities', '**/activities/*', '**/lib/**', '**/api/**', '**/generated/**', '**/runtime/**'],
              allowTypeImports: true,
              message: 'Workflows may import only types from activities/ and server code; call activities through proxyActivities.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No environment access in workflow code.' },
        { name: 'require', message: 'No dynamic requires in workflow code.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs', 'jest.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable' } },
  },
);
