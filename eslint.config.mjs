import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * Next's own rules (React, hooks, accessibility, typescript-eslint's recommended set) plus a check for runtime import
 * cycles, which issue #16 made a rule: a cycle between modules that run code at load time is how half-initialised
 * singletons happen. Type-only imports are erased at build time and are not counted.
 */
export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
      // Berth does not build with the React Compiler; this rule only says the compiler would skip TanStack Table and
      // Virtual components, which is not a fault here.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Migrations are written against the schema as it was when each ran, not today's typed one, so they take an
    // untyped Kysely on purpose (Kysely's own advice for migrations).
    files: ['server/**/migration.ts', 'server/**/migrations.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  globalIgnores([
    '.next*/**',
    'node_modules/**',
    'bench/out/**',
    'test-reports/**',
    'playwright-report/**',
    'test-results/**',
    '.harness/**',
    'public/**',
    'next-env.d.ts',
  ]),
]);
