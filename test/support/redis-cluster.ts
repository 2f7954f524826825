import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A local Redis Cluster for `npm run test:redis-cluster`: three masters and three replicas on
 * 127.0.0.1:7101-7106 (cluster bus 17101-17106), data under /tmp/rc-redis-cluster, nothing
 * persisted. Nodes are daemons found again through their pid files, so the jest process that
 * runs the suites can kill one (failover) and the teardown stops them all.
 */
export const CLUSTER_PORTS = [7101, 7102, 7103, 7104, 7105, 7106];
export const CLUSTER_DIR = '/tmp/rc-redis-cluster';

export const clusterNodesEnv = (): string =>
  CLUSTER_PORTS.map((port) => `127.0.0.1:${port}`).join(',');

function cli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), ...args], {
    encoding: 'utf8',
    timeout: 5000,
  });
}

function pidOf(port: number): number | null {
  const file = join(CLUSTER_DIR, String(port), 'redis.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts (or restarts, keeping its nodes.conf) the node on `port` and waits until it answers. */
export function startNode(port: number): void {
  const dir = join(CLUSTER_DIR, String(port));
  mkdirSync(dir, { recursive: true });
  execFileSync('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    join(dir, 'nodes.conf'),
    '--cluster-node-timeout',
    '2000',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--pidfile',
    join(dir, 'redis.pid'),
    '--logfile',
    join(dir, 'redis.log'),
  ]);
  waitFor(
    () =>
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() === 'PONG',
    5000,
    `redis ${port}`,
  );
}

/** SIGKILLs the node on `port` (a crash, not a shutdown). */
export function killNode(port: number): void {
  const pid = pidOf(port);
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  waitFor(() => !pid || !alive(pid), 5000, `redis ${port} gone`);
}

/** Stops every node and removes the data directory (idempotent; safe in an exit handler). */
export function stopCluster(): void {
  for (const port of CLUSTER_PORTS) {
    const pid = pidOf(port);
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(CLUSTER_DIR, { recursive: true, force: true });
}

/** Starts six empty nodes, joins them (one replica per master) and waits for cluster_state:ok. */
export function startCluster(): void {
  stopCluster(); // leftovers of a run that was killed
  for (const port of CLUSTER_PORTS) startNode(port);
  execFileSync(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...CLUSTER_PORTS.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ],
    { stdio: 'ignore', timeout: 30_000 },
  );
  waitForClusterOk();
}

/** Until every live node reports cluster_state:ok and sees every slot served. */
export function waitForClusterOk(timeoutMs = 20_000): void {
  waitFor(
    () =>
      CLUSTER_PORTS.every((port) => {
        const pid = pidOf(port);
        if (!pid || !alive(pid)) return true;
        try {
          const info = cli(port, 'cluster', 'info');
          return info.includes('cluster_state:ok') && info.includes('cluster_slots_ok:16384');
        } catch {
          return false;
        }
      }),
    timeoutMs,
    'cluster_state:ok',
  );
}

/** The port of the master currently serving `key`'s slot, asked of a live node. */
export function masterPortOf(key: string, askPort = CLUSTER_PORTS[0]): number {
  const slot = Number(cli(askPort, 'cluster', 'keyslot', key).trim());
  for (const line of cli(askPort, 'cluster', 'nodes').trim().split('\n')) {
    const [, address, flags, , , , , state, ...ranges] = line.split(' ');
    if (!flags.includes('master') || flags.includes('fail') || state !== 'connected') continue;
    const port = Number(address.split('@')[0].split(':')[1]);
    for (const range of ranges) {
      if (range.startsWith('[')) continue;
      const [from, to = from] = range.split('-').map(Number);
      if (slot >= from && slot <= to) return port;
    }
  }
  throw new Error(`no master serves slot ${slot} of ${key}`);
}

function waitFor(check: () => boolean, timeoutMs: number, what: string): void {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    spawnSync('sleep', ['0.1']);
  }
}
