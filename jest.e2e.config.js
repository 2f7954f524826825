/** e2e tests: the real app against a real MariaDB/MySQL and Redis (see test/support). */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  // The @domain/@modules/@infra aliases of tsconfig.json (docs/architecture.md, "Imports").
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Every HttpClient answer is checked against docs/openapi.json (test/support/openapi-conformance.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/openapi-conformance.setup.ts'],
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
