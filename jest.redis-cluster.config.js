/**
 * The Redis-touching e2e suites and the queue failover test against a local Redis Cluster
 * (3 masters + 3 replicas on 127.0.0.1:7101-7106, started and stopped by the run):
 * `npm run test:redis-cluster`. Not part of `npm test`.
 */
const base = require('./jest.e2e.config');

module.exports = {
  ...base,
  testMatch: [
    ...[
      'identity',
      'otp',
      'identity-verification',
      'content',
      'stay-deadline',
      'stay-lifecycle',
      'async',
      'payments',
      'payments-purposes',
      'comments',
      'social',
      'search',
    ].map((suite) => `<rootDir>/test/e2e/${suite}.e2e-spec.ts`),
    '<rootDir>/test/redis-cluster/**/*.cluster-spec.ts',
  ],
  globalSetup: '<rootDir>/test/support/redis-cluster-setup.ts',
  globalTeardown: '<rootDir>/test/support/redis-cluster-teardown.ts',
};
