import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

const PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const NODE_SYNC_TIMEOUT_MS = 90_000;

export interface GaleraNodePorts {
  /** The MariaDB port clients use. */
  sql: number;
  /** Group communication (gmcast.listen_addr): the cluster address lists these. */
  gcomm: number;
  /** Incremental state transfer (ist.recv_addr). */
  ist: number;
  /** rsync state snapshot transfer (wsrep_sst_receive_address) of a joining node. */
  sst: number;
}

export interface GaleraCluster {
  /** The nodes' MariaDB ports, first the one that bootstrapped the cluster. */
  sqlPorts: number[];
  /** Stops every node (SIGTERM, then SIGKILL) and deletes their data directories. */
  stop(): Promise<void>;
}

/**
 * A throw-away local Galera cluster (MariaDB + galera-4), one mariadbd per node under `dir`:
 * the first node bootstraps (--wsrep-new-cluster), the others join one at a time by rsync SST
 * (concurrent joins would compete for the single donor). Resolves once every node is Synced and
 * sees the whole cluster. Whatever happens, the processes and `dir` are removed when the Node
 * process exits, so a failed or interrupted test leaves nothing running.
 */
export async function startGaleraCluster(
  dir: string,
  nodes: GaleraNodePorts[],
): Promise<GaleraCluster> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // rsync SST runs its daemon as `nobody` when the server runs as root: it must reach and write
  // the joiner's data directory.
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const killAll = (): void => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killAll);

  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const force = setTimeout(() => c.kill('SIGKILL'), 20_000);
            c.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    process.removeListener('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const address = `gcomm://${nodes.map((n) => `127.0.0.1:${n.gcomm}`).join(',')}`;
    for (const [i, node] of nodes.entries()) {
      const datadir = join(dir, `node${i + 1}`);
      execFileSync(
        'mariadb-install-db',
        [
          '--no-defaults',
          `--datadir=${datadir}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          '--user=root',
        ],
        { stdio: 'ignore' },
      );
      execFileSync('chmod', ['-R', 'a+rwX', datadir]);
      const child = spawn(
        'mariadbd',
        [
          '--no-defaults',
          `--datadir=${datadir}`,
          `--port=${node.sql}`,
          `--socket=${join(datadir, 'sock')}`,
          `--pid-file=${join(datadir, 'pid')}`,
          `--log-error=${join(datadir, 'error.log')}`,
          '--bind-address=127.0.0.1',
          '--user=root',
          '--character-set-server=utf8mb4',
          '--collation-server=utf8mb4_unicode_ci',
          '--wsrep-on=ON',
          `--wsrep-provider=${PROVIDER}`,
          `--wsrep-cluster-address=${address}`,
          '--wsrep-cluster-name=atrium-e2e',
          `--wsrep-node-address=127.0.0.1:${node.gcomm}`,
          `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${node.gcomm};ist.recv_addr=127.0.0.1:${node.ist}`,
          '--wsrep-sst-method=rsync',
          `--wsrep-sst-receive-address=127.0.0.1:${node.sst}`,
          '--binlog-format=ROW',
          '--innodb-autoinc-lock-mode=2',
          '--innodb-buffer-pool-size=64M',
          ...(i === 0 ? ['--wsrep-new-cluster'] : []),
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      await untilSynced(node.sql, child, join(datadir, 'error.log'));
    }
    for (const node of nodes) await untilClusterSize(node.sql, nodes.length);
  } catch (err) {
    killAll();
    process.removeListener('exit', killAll);
    throw err;
  }
  return { sqlPorts: nodes.map((n) => n.sql), stop };
}

async function status(port: number, name: string): Promise<string | undefined> {
  const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', password: '' });
  try {
    const [rows] = await conn.query('SHOW STATUS LIKE ?', [name]);
    return (rows as Array<{ Value: string }>)[0]?.Value;
  } finally {
    await conn.end();
  }
}

async function untilSynced(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + NODE_SYNC_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Galera node on port ${port} exited during start:\n${tail(log)}`);
    const state = await status(port, 'wsrep_local_state_comment').catch(() => undefined);
    if (state === 'Synced') return;
    if (Date.now() > deadline)
      throw new Error(
        `Galera node on port ${port} not Synced within ${NODE_SYNC_TIMEOUT_MS} ms:\n${tail(log)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function untilClusterSize(port: number, size: number): Promise<void> {
  const deadline = Date.now() + NODE_SYNC_TIMEOUT_MS;
  while (Number(await status(port, 'wsrep_cluster_size')) !== size) {
    if (Date.now() > deadline)
      throw new Error(`Galera node on port ${port} does not see ${size} nodes`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The end of a node's error log, for a start failure's message (the directory is then removed). */
function tail(log: string): string {
  return existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : '(no error log)';
}
