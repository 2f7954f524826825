import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import contextBoundaries from './scripts/eslint/context-boundaries.mjs';

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
  {
    files: ['src/infrastructure/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**', '@modules/*'], message: 'Infrastructure never depends on src/modules (docs/architecture.md).' }] },
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
            { group: ['@nestjs/*', 'typeorm', 'ioredis', 'bull', 'class-validator', 'class-transformer'], message: 'The domain layer is framework-free (docs/architecture.md).' },
            { group: ['**/modules/**', '**/infrastructure/**', '@modules/*', '@infra/*'], message: 'Dependencies point inward only.' },
          ],
        },
      ],
    },
  },
);
