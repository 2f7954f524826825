import Redis, { Cluster } from 'ioredis';

/**
 * A client (no key prefix) on the run's Redis: the Redis Cluster of REDIS_CLUSTER_NODES when
 * set (npm run test:redis-cluster), else REDIS_URL. Keys are named in full, prefix included.
 */
export function testRedis(url = process.env.REDIS_URL as string): Redis | Cluster {
  const nodes = process.env.REDIS_CLUSTER_NODES;
  if (!nodes) return new Redis(url, { maxRetriesPerRequest: 1 });
  return new Cluster(
    nodes.split(',').map((node) => {
      const [host, port] = node.trim().split(':');
      return { host, port: Number(port) };
    }),
    { redisOptions: { maxRetriesPerRequest: 1 } },
  );
}

/**
 * Deletes every key matching `pattern`. SCAN answers for one node only, so on a cluster every
 * master is scanned, and keys are deleted one command each (a DEL across slots is refused).
 */
export async function deleteKeysMatching(redis: Redis | Cluster, pattern: string): Promise<void> {
  let nodes: Redis[] = [redis as Redis];
  if (redis instanceof Cluster) {
    if (redis.status !== 'ready') await new Promise((ready) => redis.once('ready', ready));
    nodes = redis.nodes('master');
  }
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) {
        const pipeline = node.pipeline();
        for (const key of keys) pipeline.del(key);
        await pipeline.exec();
      }
      cursor = next;
    } while (cursor !== '0');
  }
}
