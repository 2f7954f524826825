/**
 * Unit tests: domain rules and handlers with in-memory ports (test/support/fakes); no database,
 * no Redis, no Nest container. Run them with `npm run test:unit`: handler files import Nest's
 * decorators, which ship as ES modules only, and Jest loads those with Node's require(esm)
 * only under --experimental-vm-modules (which that script passes).
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};
