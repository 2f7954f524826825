import globalTeardown from './global-teardown';
import { stopCluster } from './redis-cluster';

export default async function redisClusterTeardown(): Promise<void> {
  try {
    await globalTeardown();
  } finally {
    stopCluster();
  }
}
