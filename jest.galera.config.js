/**
 * The Galera suite (npm run test:galera): starts its own 3-node cluster, so it has no global
 * setup of the regular e2e run and is not part of `npm test`.
 */
const base = require('./jest.e2e.config.js');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/galera/**/*.e2e-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 300000,
};
