import Queue from 'bull';
import type { Cluster } from 'ioredis';
import {
  bullPrefix,
  clusterNodes,
  createBullClusterClient,
  type BullClientType,
  type RedisSettings,
} from '@infra/redis/redis-client';

/**
 * One of the app's queues opened from outside, as another producer would: the app's prefix and,
 * on a cluster, the app's client factory (src/infrastructure/redis/redis-client.ts). close()
 * also closes the cluster clients, which Bull leaves open when they come from createClient.
 */
export function openQueue(name: string): Queue.Queue {
  const settings: RedisSettings = {
    REDIS_URL: process.env.REDIS_URL as string,
    REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES,
    REDIS_PREFIX: process.env.REDIS_PREFIX as string,
  };
  const prefix = bullPrefix(settings);
  if (!clusterNodes(settings)) return new Queue(name, settings.REDIS_URL, { prefix });
  const clients: Cluster[] = [];
  const queue = new Queue(name, {
    prefix,
    createClient: (type) => {
      const client = createBullClusterClient(settings, type as BullClientType);
      clients.push(client);
      return client;
    },
  });
  const close = queue.close.bind(queue);
  queue.close = async (doNotWaitJobs?: boolean) => {
    await close(doNotWaitJobs);
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  };
  return queue;
}
