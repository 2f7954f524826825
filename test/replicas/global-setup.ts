import { randomBytes } from 'node:crypto';
import { startReplicatedMariaDb } from '../support/mariadb-replication';

const PRIMARY_PORT = 3511;
const REPLICA_PORT = 3512;

/**
 * A local MariaDB primary (3511) and GTID replica (3512) for this run, in /tmp/rep-<run>-*; the
 * test file finds them through REPLICATION_SETUP, globalTeardown stops them.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const { setup, stop } = await startReplicatedMariaDb({
    primaryPort: PRIMARY_PORT,
    replicaPort: REPLICA_PORT,
    database: 'atrium_replicas',
    dirPrefix: `/tmp/rep-${runId}-`,
  });
  (globalThis as { stopReplication?: () => Promise<void> }).stopReplication = stop;
  process.env.REPLICATION_SETUP = JSON.stringify(setup);
  process.env.REPLICATION_RUN_ID = runId;
}
