import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, createConnection } from 'mysql2/promise';
import { eventually } from './outbox';

/** Where a throwaway MariaDB primary and its GTID replica run (plain data: it travels in env). */
export interface ReplicationSetup {
  primaryPort: number;
  replicaPort: number;
  database: string;
  primarySocket: string;
  replicaSocket: string;
  /** The replica's server process (the replica-down test kills it). */
  replicaPid: number;
}

/** What a test does with a running setup. */
export interface ReplicatedMariaDb extends ReplicationSetup {
  /** Root on the primary / the replica, through their sockets. */
  rootOnPrimary(): Promise<Connection>;
  rootOnReplica(): Promise<Connection>;
  /** Waits until the replica has applied everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
}

interface Node {
  dir: string;
  port: number;
  process: ChildProcess;
}

const USER = 'atrium';
const PASSWORD = 'atrium';

const rootAt = (socketPath: string): Promise<Connection> =>
  createConnection({ socketPath, user: 'root' });
const root = (node: Node): Promise<Connection> => rootAt(join(node.dir, 'sock'));

async function scalar(conn: Connection, sql: string): Promise<string> {
  const [rows] = await conn.query(sql);
  return String(Object.values((rows as Array<Record<string, unknown>>)[0])[0]);
}

function startNode(
  name: string,
  port: number,
  serverArgs: string[],
  started: Node[],
  dirPrefix: string,
): Node {
  const dir = mkdtempSync(`${dirPrefix}${name}-`);
  // Registered before anything can fail, so stop() removes it.
  const node: Node = { dir, port, process: undefined as unknown as ChildProcess };
  started.push(node);
  execFileSync(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${dir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--user=root',
    ],
    { stdio: 'ignore' },
  );
  node.process = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${dir}`,
      `--port=${port}`,
      `--socket=${join(dir, 'sock')}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--user=root',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      `--log-error=${join(dir, 'error.log')}`,
      ...serverArgs,
    ],
    { stdio: 'ignore' },
  );
  return node;
}

/**
 * Starts a primary (`server-id=1`, binary log) and a `read_only` replica (`server-id=2`)
 * following it by GTID, then creates the application's user and database on the primary, so they
 * reach the replica through replication. Everything started is removed by `stop()`, and by
 * exit and signal handlers if the caller never gets there: call it from a jest globalSetup (the
 * real process; a test file's `process` is a sandbox whose handlers never run).
 */
export async function startReplicatedMariaDb({
  primaryPort,
  replicaPort,
  database,
  dirPrefix,
}: {
  primaryPort: number;
  replicaPort: number;
  database: string;
  dirPrefix: string;
}): Promise<{ setup: ReplicationSetup; stop: () => Promise<void> }> {
  const nodes: Node[] = [];
  let stopped = false;
  const killAll = () => {
    for (const node of nodes) if (node.process?.exitCode === null) node.process.kill('SIGKILL');
  };
  const removeAll = () => {
    for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
  };
  const onExit = () => {
    killAll();
    removeAll();
  };
  // An interrupted run (Ctrl-C, a CI timeout) must not leave servers or data directories behind.
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    const exits = nodes
      .filter((n) => n.process && n.process.exitCode === null && n.process.signalCode === null)
      .map((n) => new Promise((resolve) => n.process.once('exit', resolve)));
    killAll();
    await Promise.all(exits);
    removeAll();
  };

  try {
    const primary = startNode(
      'primary',
      primaryPort,
      ['--server-id=1', '--log-bin=primary-bin', '--binlog-format=ROW'],
      nodes,
      dirPrefix,
    );
    const replica = startNode(
      'replica',
      replicaPort,
      ['--server-id=2', '--log-bin=replica-bin', '--read-only=1', '--relay-log=replica-relay'],
      nodes,
      dirPrefix,
    );
    const [p, r] = await Promise.all(
      [primary, replica].map((node) =>
        eventually(
          async () => {
            if (node.process.exitCode !== null) throw new Error(`mariadbd exited (${node.dir})`);
            return root(node);
          },
          30_000,
          `MariaDB on ${node.port}`,
        ),
      ),
    );
    try {
      await p.query("CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl'");
      await p.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'");
      await r.query(
        `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primaryPort},
         MASTER_USER='repl', MASTER_PASSWORD='repl', MASTER_USE_GTID=slave_pos`,
      );
      await r.query('START SLAVE');
      await p.query(
        `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      await p.query(`CREATE USER '${USER}'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}'`);
      await p.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${USER}'@'127.0.0.1'`);
    } finally {
      await Promise.all([p.end(), r.end()]);
    }

    const setup: ReplicationSetup = {
      primaryPort,
      replicaPort,
      database,
      primarySocket: join(primary.dir, 'sock'),
      replicaSocket: join(replica.dir, 'sock'),
      replicaPid: replica.process.pid!,
    };
    await replicatedMariaDb(setup).caughtUp();
    return { setup, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function replicatedMariaDb(setup: ReplicationSetup): ReplicatedMariaDb {
  return {
    ...setup,
    rootOnPrimary: () => rootAt(setup.primarySocket),
    rootOnReplica: () => rootAt(setup.replicaSocket),
    async caughtUp(timeoutMs = 20_000) {
      const [pc, rc] = await Promise.all([
        rootAt(setup.primarySocket),
        rootAt(setup.replicaSocket),
      ]);
      try {
        // The primary keeps writing (the app's workers): wait for this position, not equality.
        const target = await scalar(pc, 'SELECT @@gtid_binlog_pos');
        const [rows] = await rc.query('SELECT MASTER_GTID_WAIT(?, ?) AS r', [
          target,
          timeoutMs / 1000,
        ]);
        if ((rows as Array<{ r: number }>)[0].r !== 0) {
          const [status] = await rc.query('SHOW SLAVE STATUS');
          const s = (status as Array<Record<string, unknown>>)[0] ?? {};
          throw new Error(
            `replica not at ${target} within ${timeoutMs} ms: at ${String(s.Gtid_Slave_Pos)}, IO ${String(s.Slave_IO_Running)}, SQL ${String(s.Slave_SQL_Running)} ${String(s.Last_IO_Error)} ${String(s.Last_SQL_Error)}`,
          );
        }
      } finally {
        await Promise.all([pc.end(), rc.end()]);
      }
    },
  };
}
