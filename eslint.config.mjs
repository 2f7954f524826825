import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import contextBoundaries from './scripts/eslint/context-boundaries.mjs';

const NO_TEST_CODE = { group: ['@test/*', '**/test/**'], message: 'Only specs import test code.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'migrations/**', 'clients/typescript/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    // A context imports no other context's module code or persistence (docs/architecture.md,
    // "Context boundaries"); only its Nest module may import another context's Nest module.
    files: ['src/**/*.ts'],
    plugins: { atrium: { rules: { 'context-boundaries': contextBoundaries } } },
    rules: { 'atrium/context-boundaries': 'error' },
  },
  // Dependency rules (docs/architecture.md, "Layers and the dependency rule" and "Imports").
  // ESLint keeps only the last matching setting of a rule, so each layer lists every pattern
  // that applies to it. Specs outside the domain may import test/support (the in-memory fakes);
  // the domain's own specs are as framework-free as the domain.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST_CODE] }] },
  },
  {
    files: ['src/infrastructure/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_TEST_CODE,
            { group: ['**/modules/**', '@modules/*'], message: 'Infrastructure never depends on src/modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_TEST_CODE,
            { group: ['@nestjs/*', 'typeorm', 'ioredis', 'bull', 'class-validator', 'class-transformer'], message: 'The domain layer is framework-free.' },
            { group: ['**/modules/**', '**/infrastructure/**', '@modules/*', '@infra/*'], message: 'Dependencies point inward only.' },
          ],
        },
      ],
    },
  },
);
