/**
 * Unit tests: domain rules and handlers with in-memory ports (test/support/fakes); no database,
 * no Redis, no Nest container. Run them with `npm run test:unit`: handler files import Nest's
 * decorators, which ship as ES modules only, and Jest loads those with Node's require(esm)
 * only under --experimental-vm-modules (which that script passes).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The @domain/@modules/@infra aliases of tsconfig.json (docs/architecture.md, "Imports").
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};
