/**
 * The read-replica e2e suite (npm run test:replicas): starts its own MariaDB primary (3511) and
 * GTID replica (3512) under /tmp/rep-*, so it is not part of `npm test`.
 */
const base = require('./jest.e2e.config.js');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/replicas/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/replicas/global-setup.ts',
  globalTeardown: '<rootDir>/test/replicas/global-teardown.ts',
  testTimeout: 120000,
};
