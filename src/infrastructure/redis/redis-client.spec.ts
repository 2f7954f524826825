import { bullPrefix, clusterNodes } from './redis-client';

// The slot function ioredis routes cluster commands with (its own dependency, untyped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

const single = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'atrium:' };
const cluster = { ...single, REDIS_CLUSTER_NODES: '10.0.0.1:7001, redis-b.local:7002' };

describe('Redis connection settings', () => {
  it('a single Redis keeps Bull under the untagged prefix its jobs already use', () => {
    expect(clusterNodes(single)).toBeNull();
    expect(bullPrefix(single)).toBe('atrium:bull');
  });

  it('REDIS_CLUSTER_NODES lists the seed nodes', () => {
    expect(clusterNodes(cluster)).toEqual([
      { host: '10.0.0.1', port: 7001 },
      { host: 'redis-b.local', port: 7002 },
    ]);
  });

  it("in cluster mode every key of every queue shares one slot (Bull's scripts span several)", () => {
    const prefix = bullPrefix(cluster);
    expect(prefix).toBe('atrium:{bull}');
    const keys = ['events:wait', 'events:active', 'events:42', 'events:id', 'dead-letter:7'].map(
      (k) => `${prefix}:${k}`,
    );
    expect(new Set(keys.map(calculateSlot)).size).toBe(1);
  });
});
