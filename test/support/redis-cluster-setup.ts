import globalSetup from './global-setup';
import { clusterNodesEnv, startCluster, stopCluster } from './redis-cluster';

/**
 * `npm run test:redis-cluster`: starts the local cluster, points the run at it
 * (REDIS_CLUSTER_NODES, inherited by every app the suites start), then the usual setup.
 */
export default async function redisClusterSetup(): Promise<void> {
  // Whatever ends the run (a failed setup, Ctrl-C), the daemons go with it.
  process.once('exit', stopCluster);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopCluster();
      process.exit(1);
    });
  startCluster();
  process.env.REDIS_CLUSTER_NODES = clusterNodesEnv();
  await globalSetup();
}
